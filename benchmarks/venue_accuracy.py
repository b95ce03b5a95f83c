"""Venue accuracy on the labelled dev set, against the regex a list maintainer would write.

Run on demand: `.venv/bin/python benchmarks/venue_accuracy.py`. Records labelled `?` are not
scored. A *wrong* venue is one shown where the label is `arXiv`, or a different venue; a record
left as `arXiv` where the label is a venue is a *miss*. Wrong venues are what a curated list
cannot afford, so they are counted apart from misses.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from arxiv2entry.venue import guess_venue

DEV = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "venues-dev.jsonl"
NAIVE = re.compile(r"([A-Z]{2,})\s?'?(\d{2,4})")


def naive(comment: str, _when: date) -> str:
    """The first ACRONYM+YEAR in the comment, else arXiv: what a quick script does."""
    m = NAIVE.search(comment or "")
    if not m:
        return "arXiv"
    year = m.group(2)
    return f"{m.group(1)} {2000 + int(year) if len(year) == 2 else year}"


def guesser(comment: str, when: date) -> str:
    return guess_venue(comment, None, when).venue or "arXiv"


@dataclass
class Score:
    right: int = 0
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)
    wrongs: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.right + len(self.misses) + len(self.wrongs)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


def score(records: list[dict], guess: Callable[[str, date], str]) -> Score:
    result = Score()
    for r in records:
        got = guess(r["comment"], date.fromisoformat(r["date"]))
        row = (r["id"], r["venue"], got, " ".join(r["comment"].split()))
        if got == r["venue"]:
            result.right += 1
        elif got == "arXiv":
            result.misses.append(row)
        else:
            result.wrongs.append(row)
    return result


def main() -> int:
    records = [json.loads(line) for line in DEV.read_text().splitlines()]
    scored = [r for r in records if r["venue"] != "?"]
    ours, base = score(scored, guesser), score(scored, naive)
    print(f"dev set: {len(scored)} scored records ({len(records) - len(scored)} labelled '?')")
    for name, s in (("arxiv2entry", ours), ("naive regex", base)):
        print(
            f"{name:12} accuracy {s.accuracy:7.2%}  ({s.right}/{s.total})  "
            f"wrong venues {len(s.wrongs):3}  misses {len(s.misses):3}"
        )
    ratio = ours.accuracy / base.accuracy if base.accuracy else float("inf")
    print(f"accuracy ratio arxiv2entry / naive: {ratio:.2f}x")
    for title, rows in (("wrong venues", ours.wrongs), ("misses", ours.misses)):
        print(f"\narxiv2entry {title}: {len(rows)}")
        for arxiv_id, label, got, comment in rows:
            print(f"  {arxiv_id}  label {label!r}  got {got!r}  | {comment[:100]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
