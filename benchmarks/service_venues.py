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

It also measures a rule the tool does *not* apply, to say why: when a service names a
conference with only the preprint's year and the preprint came after that year's edition
(2310.19943: ICML, October 2023), guess the next edition (ICML 2024). On the real records of
`tests/fixtures/arxiv/` whose comments name a conference and its year and whose first version
came after that year's edition, the next edition is right for fewer than half: most are papers
posted after the conference they were at. A wrong venue is worse than none.
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


def next_edition_rule() -> tuple[int, int]:
    """(right, wrong) of "the next edition" on the real records whose comment names a
    conference with its year and whose first version (the id's YYMM) came after the month of
    that year's edition."""
    import gzip
    import re
    from datetime import date

    from arxiv2entry.venue.guess import guess_venue
    from arxiv2entry.venue.table import load_venue_table

    table = load_venue_table()
    arxiv = ROOT / "tests" / "fixtures" / "arxiv"
    with gzip.open(arxiv / "records.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    rows += [json.loads(line) for line in (arxiv / "records-mixed.jsonl").open(encoding="utf-8")]
    right = wrong = 0
    seen: set[str] = set()
    for r in rows:
        when = r.get("date") or r.get("updated") or r.get("published")
        if r["id"] in seen or not when or not re.match(r"\d{4}\.", r["id"]):
            continue
        seen.add(r["id"])
        g = guess_venue(r.get("comment"), r.get("journal_ref"), date.fromisoformat(when[:10]))
        m = re.match(r"(.+?)W? (\d{4})", g.venue or "")
        venue = table.venues.get(m.group(1)) if m else None
        if m is None or venue is None or venue.is_journal or venue.month is None:
            continue
        year, month = 2000 + int(r["id"][:2]), int(r["id"][2:4])
        if month > venue.month:  # posted after that year's edition
            if int(m.group(2)) == year + 1:
                right += 1
            else:
                wrong += 1
    return right, wrong


def main() -> int:
    os.environ.pop("ARXIV2ENTRY_OFFLINE", None)
    got = score(run_tool(papers()))
    for arxiv_id, expected, shown, verdict in got.rows:
        print(f"{arxiv_id:12} {verdict:7} {shown:34} label {expected}")
    n = len(got.rows)
    print(f"right {len(got.right)}/{n}, wrong {len(got.wrong)}, missed {len(got.missed)}")
    right, wrong = next_edition_rule()
    print(
        f"not applied: 'the next edition' for a conference named with the preprint's year, "
        f"on {right + wrong} real records whose comments say: right {right}, wrong {wrong}"
    )
    return 1 if got.wrong else 0


if __name__ == "__main__":
    sys.exit(main())
