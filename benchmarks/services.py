"""What a service that is down costs: wall time of `arxiv2entry 2112.07945` with every service
at fault, against `--no-enrich` in the same run (issue 8).

Run on demand (not in CI): `python benchmarks/services.py`. arXiv is the tests' local server;
the four services all point at one misbehaving loopback server of `tests/fault_servers.py`
(or a refused port, or a name that does not resolve), with the tool's default timeout (30 s),
enrichment budget (10 s, ARXIV2ENTRY_ENRICH_TIMEOUT) and retries. Each mode runs twice on one
cache: the first run finds the services down, the second should skip them without a request.
Targets: refused or blocked <= +1 s, stuck <= budget + 1 s, second run <= +0.5 s. (When every
service is stuck the first run's budget is spent before DBLP, which is asked last and only
for what the others did not answer, is reached at all: the second run finds DBLP stuck in its
turn, and only the third is quick. A third run is shown for that.)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from arxiv_server import ArxivServer, build_corpus  # noqa: E402
from fault_servers import BOT_WALL, UNRESOLVABLE, FaultServer, refused_url  # noqa: E402

SERVICES = ("S2", "DBLP", "OPENALEX", "HF")
PAPER = "2112.07945"


def run_cli(args: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "arxiv2entry", *args], capture_output=True, text=True, env=env
    )
    return time.perf_counter() - start, proc.returncode, proc.stderr


def modes() -> list[tuple[str, str, FaultServer | None, float]]:
    """(label, the services' URL, the server to close, target seconds over --no-enrich)."""
    busy = (("Retry-After", "99999"),)
    made = [
        ("refused", None, refused_url(), 1.0),
        ("dns", None, UNRESOLVABLE, 1.0),
        (
            "bot wall 500",
            FaultServer("canned", status=500, body=BOT_WALL, content_type="text/html"),
            "",
            1.0,
        ),
        (
            "bot wall 200",
            FaultServer("canned", status=200, body=BOT_WALL, content_type="text/html"),
            "",
            1.0,
        ),
        ("429 Retry-After 99999", FaultServer("canned", status=429, headers=busy), "", 1.0),
        ("stuck (silent)", FaultServer("silent"), "", 11.0),
        ("trickle (1 B / 0.2 s)", FaultServer("trickle"), "", 11.0),
    ]
    return [
        (label, url or server.root, server, target)  # type: ignore[union-attr]
        for label, server, url, target in made
    ]


def main() -> None:
    arxiv = ArxivServer(build_corpus(["seed-papers.jsonl"]))
    base = dict(os.environ)
    base.update(arxiv.env())
    for name in ("ARXIV2ENTRY_SERVICE_DELAY", "ARXIV2ENTRY_DBLP_DELAY", "ARXIV2ENTRY_TIMEOUT"):
        base.pop(name, None)  # the tool's own pacing and 30 s timeout
    print(f"arxiv2entry {PAPER}, every service at fault; + seconds over --no-enrich (same run)")
    print(
        f"{'mode':24} {'no-enrich':>9} {'1st run':>9} {'diff':>7} {'target':>7} "
        f"{'2nd run':>9} {'diff':>7} {'3rd':>7}  warnings"
    )
    for label, url, server, target in modes():
        with tempfile.TemporaryDirectory() as plain, tempfile.TemporaryDirectory() as cache:
            env = dict(base, ARXIV2ENTRY_CACHE_DIR=plain)
            bare, _, _ = run_cli([PAPER, "--no-enrich"], env)
            bare_warm, _, _ = run_cli([PAPER, "--no-enrich"], env)
            env = dict(base, ARXIV2ENTRY_CACHE_DIR=cache)
            for service in SERVICES:
                env[f"ARXIV2ENTRY_{service}_URL"] = url
            first, code, said = run_cli([PAPER], env)
            second, code2, said2 = run_cli([PAPER], env)
            third, _, _ = run_cli([PAPER], env)
        if server is not None:
            server.close()
        ok = "ok" if first - bare <= target and second - bare_warm <= 0.5 else "OVER"
        print(
            f"{label:24} {bare:8.2f}s {first:8.2f}s {first - bare:+6.2f}s {target:+6.1f}s "
            f"{second:8.2f}s {second - bare_warm:+6.2f}s {third - bare_warm:+6.2f}s  "
            f"{len(said.splitlines())}, then {len(said2.splitlines())} (exit {code}/{code2}) {ok}"
        )
    arxiv.close()


if __name__ == "__main__":
    main()
