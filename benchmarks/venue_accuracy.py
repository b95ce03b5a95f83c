"""Venue accuracy on two labelled sets, against the regex a list maintainer would write.

Run on demand: `.venv/bin/python benchmarks/venue_accuracy.py`. The dev set is
`venues-dev.jsonl` (250 comments); the variants set is `venues-variants.jsonl`, the 606
comments of `comment-variants.txt` labelled by VENUES.md before the long-tail work of issue 13,
blind to the tool (a label may list `also` readings that are equally right). Records labelled
`?` are not scored. A *wrong* venue is one shown where the label is `arXiv`, or a different
venue; a record left as `arXiv` where the label is a venue is a *miss*. Wrong venues are what a
curated list cannot afford, so they are counted apart from misses; the exit code is 1 when
either set has more than 0.3% of them.
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

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
SETS = {"dev": FIXTURES / "venues-dev.jsonl", "variants": FIXTURES / "venues-variants.jsonl"}
TARGET_WRONG = 0.003  # issue 13: wrong venues on each set at most 0.3%
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
        if got == r["venue"] or got in r.get("also", ()):
            result.right += 1
        elif got == "arXiv":
            result.misses.append(row)
        else:
            result.wrongs.append(row)
    return result


def main() -> int:
    failed = False
    for name, path in SETS.items():
        failed |= report(name, [json.loads(line) for line in path.read_text().splitlines()])
    return 1 if failed else 0


def report(name: str, records: list[dict]) -> bool:
    """Print one set's scores; True when its wrong venues are over the target."""
    scored = [r for r in records if r["venue"] != "?"]
    ours, base = score(scored, guesser), score(scored, naive)
    print(
        f"== {name} set: {len(scored)} scored records ({len(records) - len(scored)} labelled '?')"
    )
    for who, s in (("arxiv2entry", ours), ("naive regex", base)):
        print(
            f"{who:12} accuracy {s.accuracy:7.2%}  ({s.right}/{s.total})  "
            f"wrong venues {len(s.wrongs):3} ({len(s.wrongs) / s.total:.2%})  "
            f"misses {len(s.misses):3}"
        )
    ratio = ours.accuracy / base.accuracy if base.accuracy else float("inf")
    print(f"accuracy ratio arxiv2entry / naive: {ratio:.2f}x")
    for title, rows in (("wrong venues", ours.wrongs), ("misses", ours.misses)):
        print(f"arxiv2entry {title}: {len(rows)}")
        for arxiv_id, label, got, comment in rows:
            print(f"  {arxiv_id}  label {label!r}  got {got!r}  | {comment[:100]}")
    print()
    return len(ours.wrongs) > TARGET_WRONG * ours.total


if __name__ == "__main__":
    sys.exit(main())
