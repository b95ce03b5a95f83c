"""Requests and wall time for 250 ids, cold and warm, and start-up time of `--help`.

Run on demand (not in CI): `python benchmarks/fetch.py`. Serves the recorded dev records from
the tests' local arXiv server with arXiv's real pacing (3 s between requests, unless
ARXIV2ENTRY_ARXIV_DELAY is set), and prints ratios against baselines measured in the same run:
one request per id (what a one-id-at-a-time script sends), and `python -c pass`.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from arxiv_server import ArxivServer, build_corpus  # noqa: E402


def run_cli(args: list[str], env: dict[str, str], stdin: str = "") -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "arxiv2entry", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
    )
    return time.perf_counter() - start, proc.returncode


def startup(cmd: list[str], repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def services(root: Path) -> None:
    """Requests per service and wall time for the 39 seed-list papers, cold and warm, and for
    one paper (issue 4: at most one round trip per service for a single paper)."""
    seed = [
        json.loads(line)["id"]
        for line in (root / "tests/fixtures/seed-papers.jsonl").read_text().splitlines()
    ]
    server = ArxivServer(build_corpus(["seed-papers.jsonl"]))
    print("services (their default pacing; arXiv delay 0)")
    for label, ids in (("39 seed papers", seed), ("1 paper (2112.07945)", ["2112.07945"])):
        with tempfile.TemporaryDirectory() as cache:
            env = dict(os.environ)
            env.update(server.env(), ARXIV2ENTRY_CACHE_DIR=cache)
            for name in ("ARXIV2ENTRY_SERVICE_DELAY", "ARXIV2ENTRY_DBLP_DELAY"):
                env.pop(name)  # the services' own default pacing
            for run in ("cold", "warm"):
                server.reset()
                took, code = run_cli(["-", "--format", "json"], env, "\n".join(ids))
                per = {}
                for request in server.service_requests:
                    path = request.split(" ", 1)[1]
                    name = next(
                        n
                        for p, n in (
                            ("/graph", "semanticscholar"),
                            ("/search", "dblp"),
                            ("/works", "openalex"),
                            ("/api/papers", "huggingface"),
                        )
                        if path.startswith(p)
                    )
                    per[name] = per.get(name, 0) + 1
                print(
                    f"  {label:22} {run}: {took:6.2f} s (exit {code}), arXiv "
                    f"{len(server.requests)}, services {per or 'none'}"
                )
    server.close()


def main() -> None:
    ids = [
        json.loads(line)["id"]
        for line in (ROOT / "tests/fixtures/records-dev.jsonl").read_text().splitlines()
    ]
    server = ArxivServer(build_corpus(["records-dev.jsonl"]))
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ)
        delay = os.environ.get("ARXIV2ENTRY_ARXIV_DELAY", "3")
        env.update(server.env(), ARXIV2ENTRY_CACHE_DIR=cache, ARXIV2ENTRY_ARXIV_DELAY=delay)
        cold_time, cold_rc = run_cli(["-", "--format", "json"], env, "\n".join(ids))
        cold_requests = len(server.requests)
        server.reset()
        warm_time, warm_rc = run_cli(["-", "--format", "json"], env, "\n".join(ids))
        warm_requests = len(server.requests)
    server.close()
    delay = float(env["ARXIV2ENTRY_ARXIV_DELAY"])
    print(f"{len(ids)} ids, ARXIV2ENTRY_ARXIV_DELAY={delay:g}")
    print(f"  cold: {cold_requests} requests, {cold_time:.2f} s (exit {cold_rc})")
    print(f"  warm: {warm_requests} requests, {warm_time:.2f} s (exit {warm_rc})")
    naive_requests = len(ids)
    print(
        f"  baseline (one request per id): {naive_requests} requests, at least "
        f"{(naive_requests - 1) * delay:.0f} s of polite pauses; "
        f"ratio cold/baseline requests = {cold_requests / naive_requests:.3f}"
    )
    print(
        f"  target: cold <= 3 requests: {'OK' if cold_requests <= 3 else 'MISSED'}; "
        f"warm 0: {'OK' if warm_requests == 0 else 'MISSED'}"
    )

    # Measure as installed: pip compiles bytecode, an editable checkout may not have it yet.
    package = str(ROOT / "arxiv2entry")
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], check=True)
    services(ROOT)
    bare = startup([sys.executable, "-c", "pass"])
    click_only = startup([sys.executable, "-c", "import click"])
    help_time = startup([sys.executable, "-m", "arxiv2entry", "--help"])
    entry_help = startup([sys.executable, "-m", "arxiv2entry", "entry", "--help"])
    print("start-up (median of 15)")
    print(f"  python -c pass:          {bare * 1000:6.1f} ms")
    print(f"  python -c 'import click':{click_only * 1000:6.1f} ms  ratio {click_only / bare:.2f}x")
    print(f"  arxiv2entry --help:      {help_time * 1000:6.1f} ms  ratio {help_time / bare:.2f}x")
    print(f"  arxiv2entry entry --help:{entry_help * 1000:6.1f} ms  ratio {entry_help / bare:.2f}x")
    print(f"  target --help < 3x: {'OK' if help_time / bare < 3 else 'MISSED'}")


if __name__ == "__main__":
    main()
