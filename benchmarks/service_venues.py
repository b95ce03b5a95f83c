"""Venue accuracy of the bibliographic services on their real recorded answers.

The 23 papers of the real Semantic Scholar answers (`tests/fixtures/services/real/
semanticscholar/s2_paper_ARXIV_<id>.json`, with OpenAlex's real works where one exists) are run
through the whole tool, `arxiv2entry --format json`, against the test server (`tests/
arxiv_server.py`), whose arXiv serves them without a comment or journal_ref
(`services-papers.jsonl`): every venue shown comes from the services. Each is compared with the
label in `tests/fixtures/services-venue-labels.jsonl` (how each label was decided is written
beside it): *right*, *wrong* (another venue than the label), or *missed* (`arXiv YYYY`). Labels
`-` (arXiv-only papers) are not scored; `A|B` accepts either; `X ?` accepts X with any year.

Run on demand: `.venv/bin/python benchmarks/service_venues.py`; `tests/test_service_score.py`
holds the figures.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "fixtures" / "services-venue-labels.jsonl"
S2_REAL = ROOT / "tests" / "fixtures" / "services" / "real" / "semanticscholar"


@dataclass
class Score:
    right: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)


def labels() -> dict[str, str]:
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line]
    return {r["id"]: r["expected"] for r in rows}


def papers() -> list[str]:
    """The arXiv ids of the real S2 answers (files `s2_paper_ARXIV_<id>.json`)."""
    return sorted(p.stem.removeprefix("s2_paper_ARXIV_") for p in S2_REAL.glob("*.json"))


def judge(shown: str, expected: str) -> str:
    if shown.startswith("arXiv "):
        return "missed"
    for label in expected.split("|"):
        if label.endswith(" ?") and shown.startswith(label[:-1]):
            return "right"
        if shown == label:
            return "right"
    return "wrong"


def score(results: dict[str, str]) -> Score:
    out = Score()
    for arxiv_id, expected in labels().items():
        if expected == "-":
            continue
        shown = results[arxiv_id]
        verdict = judge(shown, expected)
        getattr(out, verdict).append(arxiv_id)
        out.rows.append((arxiv_id, expected, shown, verdict))
    return out


def run_tool(ids: list[str]) -> dict[str, str]:
    """`arxiv2entry --format json IDS` in-process, against a test server started here."""
    sys.path.insert(0, str(ROOT / "tests"))
    from arxiv_server import ArxivServer, build_corpus
    from click.testing import CliRunner

    from arxiv2entry.cli import cli

    server = ArxivServer(build_corpus(["services-papers.jsonl"]))
    try:
        with tempfile.TemporaryDirectory() as cache:
            env = {**server.env(), "ARXIV2ENTRY_CACHE_DIR": cache}
            result = CliRunner().invoke(cli, ["--format", "json", *ids], env=env)
    finally:
        server.close()
    return {obj["id"]: obj["venue"] for obj in json.loads(result.stdout)}


def main() -> int:
    os.environ.pop("ARXIV2ENTRY_OFFLINE", None)
    got = score(run_tool(papers()))
    for arxiv_id, expected, shown, verdict in got.rows:
        print(f"{arxiv_id:12} {verdict:7} {shown:34} label {expected}")
    n = len(got.rows)
    print(f"right {len(got.right)}/{n}, wrong {len(got.wrong)}, missed {len(got.missed)}")
    return 1 if got.wrong else 0


if __name__ == "__main__":
    sys.exit(main())
