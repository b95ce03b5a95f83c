"""Precision and recall of `find_links` on the labelled dev set, next to a naive baseline.

Run on demand: `.venv/bin/python benchmarks/link_accuracy.py`. Precision = correct predicted /
predicted; recall = correct predicted / labelled non-null. The baseline takes the first
`https?://github.com/…` in comment + abstract as code and the first `….github.io…` as project,
which is what a one-line regex would do; the gap shows what the extractor's rules buy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from arxiv2entry.links import find_links

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
Predict = Callable[[str | None, str | None], tuple[str | None, str | None]]


def load() -> list[dict]:
    summaries = {}
    with open(FIXTURES / "records-dev.jsonl", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            summaries[record["id"]] = record["summary"]
    rows = []
    with open(FIXTURES / "venues-dev.jsonl", encoding="utf-8") as f:
        for line in f:
            label = json.loads(line)
            rows.append({**label, "summary": summaries[label["id"]]})
    return rows


def ours(comment: str | None, summary: str | None) -> tuple[str | None, str | None]:
    links = find_links(comment, summary)
    return links.code.value, links.project.value


def baseline(comment: str | None, summary: str | None) -> tuple[str | None, str | None]:
    text = f"{comment or ''}\n{summary or ''}"
    code = re.search(r"https?://github\.com/\S+", text)
    project = re.search(r"\S+\.github\.io\S*", text)
    return (code.group(0) if code else None, project.group(0) if project else None)


def as_normalised(label: str | None) -> str | None:
    """A label in find_links' convention: github.com links with https and without www."""
    if label is None:
        return None
    return re.sub(r"^(?:https?://)?(?:www\.)?github\.com/", "https://github.com/", label)


def score(
    rows: list[dict], predict: Predict, name: str, details: bool, normalise: bool = False
) -> None:
    print(f"== {name}")
    for index, field in enumerate(("code", "project")):
        predicted = correct = labelled = 0
        problems = []
        for row in rows:
            guess = predict(row["comment"], row["summary"])[index]
            truth = as_normalised(row[field]) if normalise else row[field]
            labelled += truth is not None
            predicted += guess is not None
            correct += guess is not None and guess == truth
            if guess != truth:
                kind = "miss " if guess is None else "wrong"
                problems.append(f"    {kind} {row['id']}: got {guess!r}, label {truth!r}")
        precision = correct / predicted if predicted else 1.0
        recall = correct / labelled if labelled else 1.0
        print(
            f"  {field:8} precision {correct}/{predicted} = {precision:.3f}   "
            f"recall {correct}/{labelled} = {recall:.3f}"
        )
        if details:
            print("\n".join(problems) if problems else "    (no misses, no wrong ones)")


def main() -> None:
    rows = load()
    print(f"{len(rows)} dev records")
    score(rows, ours, "find_links", details=True)
    score(rows, ours, "find_links, labels in its URL convention", details=False, normalise=True)
    score(rows, baseline, "baseline (first github.com URL / first *.github.io)", details=False)


if __name__ == "__main__":
    main()
