"""How well `add` without `--section` finds a paper's section: leave-one-out on real lists.

Run on demand (not in CI): `.venv/bin/python benchmarks/sections.py [-v]`. Issue 9's targets:
at least 60% of the seed list's papers placed where the maintainer had them, at most 10%
placed elsewhere (a wrong section is worse than asking).

Each paper of a list is taken out (every entry of it), and the list without it is asked where
the paper goes, through the same pure functions `add` uses (`rank_sections`), with the paper's
title and abstract as `add` has them after fetching. The list's other papers are described by
their titles, and, in the `+abstracts` rows, by their abstracts too, as `add` has them when the
cache holds their records. Outcomes: `right` (a section the maintainer had it in), `wrong`
(another section), `asked` (the chooser would not guess).

- seed list (`tests/fixtures/lists/seed-list.md`; abstracts: `tests/fixtures/seed-papers.jsonl`);
- four other real lists (`tests/fixtures/lists/`: controllable-gan, gan-inversion,
  two-line-vae, one-line-awesome-nerf): no records of their papers are in the fixtures, so
  they are titles only, the left-out paper known by its title alone (harder than `add`, which
  always has the new paper's abstract);
- off-topic: the 3,000 real arXiv records of `tests/fixtures/arxiv/records.jsonl.gz` (a daily
  digest of 2025-2026, nearly all about other things) offered to each whole list: `placed` is
  how many the chooser would put somewhere without asking, which should be close to none.

Last, the time to place 20 papers on a 3,000-paper list (the digest's records in 20 sections,
their abstracts known, as `watch` has them): the previous chooser read the list for each
paper, the new one reads it once (`section_chooser`).

The chooser's thresholds (`lists/choose.py`) were chosen on the seed list, so its figure is
the one they were tuned for; the four other lists show how they carry over (about as well as
the previous chooser there, not better).

Measured in the same run, read from git: the first chooser (heading words only) and the
previous one (nearest papers alone, TF-IDF); and, as a floor, always the largest section
(`majority`), which shows how much of a list's answer is its largest section.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from history import module_at  # noqa: E402

from arxiv2entry.lists.choose import _papers, rank_sections  # noqa: E402
from arxiv2entry.lists.model import Document, Section  # noqa: E402
from arxiv2entry.lists.parse import parse  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
BASELINE = "23a0100"  # the last commit with the heading-words chooser
PREVIOUS = "c625efe"  # the last commit with the nearest-papers chooser (TF-IDF alone)
OTHER_LISTS = ("controllable-gan", "gan-inversion", "two-line-vae", "one-line-awesome-nerf")

Chooser = Callable[[Document, str, Mapping[str, str]], Section | None]


def new_chooser(doc: Document, text: str, texts: Mapping[str, str]) -> Section | None:
    return rank_sections(doc, text, None, texts).section


def majority(doc: Document, text: str, texts: Mapping[str, str]) -> Section | None:
    """The section with the most papers of its own, whatever the paper."""
    sized = [(len(_papers(doc, s)), -s.start, s) for s in doc.sections]
    return max(sized, key=lambda x: x[:2])[2] if sized else None


def old_chooser(commit: str, new_api: bool) -> Chooser | None:
    """The chooser as `arxiv2entry/lists/locate.py` had it at `commit`."""
    module = module_at(commit, "arxiv2entry/lists/locate.py")
    if module is None:
        return None

    def choose(doc: Document, text: str, texts: Mapping[str, str]) -> Section | None:
        if new_api:
            return module.rank_sections(doc, text, None, texts).section  # type: ignore[no-any-return]
        return module.choose_section(doc, text)  # type: ignore[no-any-return]

    return choose


def without(text: str, doc: Document, paper_id: str) -> str:
    """The list with every entry of `paper_id` taken out (its lines only)."""
    drop = {i for e in doc.entries if e.paper_id == paper_id for i in range(e.start, e.end)}
    return "".join(line for i, line in enumerate(doc.lines) if i not in drop)


def where(doc: Document, paper_id: str) -> set[tuple[str, ...]]:
    """The paths of the sections holding `paper_id`."""
    found = set()
    for e in doc.entries:
        if e.paper_id == paper_id:
            owner = max(
                (s for s in doc.sections if s.body <= e.start < s.own_end),
                key=lambda s: s.start,
            )
            found.add(owner.path)
    return found


def leave_one_out(
    text: str, about: Mapping[str, str], choose: Chooser, use_texts: bool, verbose: bool
) -> Counter[str]:
    """`about` maps each paper to the text `add` has for it (title, and abstract if known)."""
    doc = parse(text)
    outcome: Counter[str] = Counter()
    for pid in dict.fromkeys(e.paper_id for e in doc.entries if e.paper_id):
        if pid not in about:
            continue
        rest = parse(without(text, doc, pid))
        texts = {k: v for k, v in about.items() if k != pid} if use_texts else {}
        chosen = choose(rest, about[pid], texts)
        if chosen is None:
            kind = "asked"
        elif chosen.path in where(doc, pid):
            kind = "right"
        else:
            kind = "wrong"
        outcome[kind] += 1
        if verbose and kind != "right":
            was = ", ".join("/".join(p[-1:]) for p in where(doc, pid))
            got = chosen.title if chosen else "-"
            print(f"    {kind:5} {pid} in {was!r}, chose {got!r}")
    return outcome


def off_topic(text: str, records: list[str], choose: Chooser) -> int:
    doc = parse(text)
    return sum(choose(doc, r, {}) is not None for r in records)


def row(name: str, c: Counter[str]) -> str:
    n = sum(c.values()) or 1
    parts = [f"{k} {c[k]:3} ({100 * c[k] / n:3.0f}%)" for k in ("right", "wrong", "asked")]
    return f"  {name:34} " + "  ".join(parts)


def main(verbose: bool = False) -> None:
    seed = (FIXTURES / "lists" / "seed-list.md").read_text(encoding="utf-8")
    papers = [
        json.loads(line) for line in (FIXTURES / "seed-papers.jsonl").open(encoding="utf-8")
    ]
    seed_about = {p["id"]: f"{p['title']}\n{p['summary']}" for p in papers}
    lists = {
        name: (FIXTURES / "lists" / f"{name}.md").read_text(encoding="utf-8")
        for name in OTHER_LISTS
    }
    with gzip.open(FIXTURES / "arxiv" / "records.jsonl.gz", "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    others = [f"{r['title']}\n{r.get('summary', '')}" for r in records]

    choosers: list[tuple[str, Chooser]] = [("majority (largest section)", majority)]
    for label, commit, new_api in (
        ("first (heading words)", BASELINE, False),
        ("previous (nearest papers)", PREVIOUS, True),
    ):
        if (old := old_chooser(commit, new_api)) is not None:
            choosers.append((label, old))
    choosers.append(("new (three readings agree)", new_chooser))
    print(f"leave-one-out, seed list ({len(seed_about)} papers)")
    for name, choose in choosers:
        for use_texts in (False, True):
            label = f"{name}{' +abstracts' if use_texts else ''}"
            if verbose:
                print(f"  {label}:")
            print(row(label, leave_one_out(seed, seed_about, choose, use_texts, verbose)))
    for list_name, text in lists.items():
        titles = {e.paper_id: e.title for e in parse(text).entries if e.paper_id}
        print(f"leave-one-out, {list_name} ({len(titles)} papers, titles only)")
        for name, choose in choosers:
            if verbose:
                print(f"  {name}:")
            print(row(name, leave_one_out(text, titles, choose, False, verbose)))
    print(f"off-topic: {len(others)} real arXiv records offered to each whole list, placed")
    for name, choose in choosers[1:]:
        placed = [off_topic(t, others, choose) for t in (seed, lists["controllable-gan"])]
        print(f"  {name:34} seed list {placed[0]:5}   controllable-gan {placed[1]:5}")
    speed(records)


def speed(records: list[dict[str, str]]) -> None:
    """Seconds to place 20 papers on a 3,000-paper list, previous chooser against new."""
    import time

    from arxiv2entry.lists.choose import section_chooser

    lines = ["# A large list\n\n"]
    for k in range(20):
        lines.append(f"## Section {k}\n\n")
        for r in records[k * 150 : (k + 1) * 150]:
            title = " ".join(r["title"].replace("[", "(").replace("]", ")").split())
            lines.append(f"- [{title}](https://arxiv.org/abs/{r['id']})  \n  *A*  \n")
            lines.append("  **[`arXiv 2025`]**\n\n")
    doc = parse("".join(lines))
    texts = {r["id"]: f"{r['title']}\n{r.get('summary', '')}" for r in records[:3000]}
    papers = [f"{r['title']}\n{r.get('summary', '')}" for r in records[:20]]
    start = time.perf_counter()
    choose = section_chooser(doc, None, texts)
    for text in papers:
        choose(text)
    new = time.perf_counter() - start
    previous = module_at(PREVIOUS, "arxiv2entry/lists/locate.py")
    print(f"speed: 20 papers on a {len(doc.entries):,}-paper list with abstracts")
    print(f"  new (list read once)               {new:6.2f} s")
    if previous is not None:
        start = time.perf_counter()
        for text in papers:
            previous.rank_sections(doc, text, None, texts)
        old = time.perf_counter() - start
        print(f"  previous (list read for each)      {old:6.2f} s   ({old / new:.0f}x the new)")


if __name__ == "__main__":
    main(verbose="-v" in sys.argv[1:])
