"""How well `watch` finds a list's own papers in a real day of arXiv announcements.

Run on demand: `.venv/bin/python benchmarks/watch.py [-v]`. Leave-some-out on the seed list:
eight of its papers are taken out of the list and announced inside a real cs.CV day (186
papers, 2026-04-17, from `tests/fixtures/feeds/`), and the ranking sees the remaining 31 papers
of the list as it would on a morning. For each held-out paper: its rank among all candidates,
and whether the proposed section is the one the maintainer had it in. Twenty different sets of
eight (the first five are the rounds this benchmark has always printed).

Baselines in the same run: a random ranking; for the section, the previous chooser (nearest
papers alone, read from git at `PREVIOUS`) and always the list's largest section. Targets
(issue 12): at least 6 of 8 in the top 20, the section right for at least 5 of 8.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from feed_server import cs_cv_day  # noqa: E402
from history import module_at  # noqa: E402
from test_watch import _without  # noqa: E402

from arxiv2entry.commands.watch import _listed, _placed  # noqa: E402
from arxiv2entry.lists.choose import _papers, section_chooser  # noqa: E402
from arxiv2entry.lists.model import Document, Section  # noqa: E402
from arxiv2entry.lists.parse import parse  # noqa: E402
from arxiv2entry.rank import Known, propose  # noqa: E402
from arxiv2entry.sources.feeds import Announcement  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
ROUNDS = 20  # different sets of eight held-out papers
PREVIOUS = "c625efe"  # the last commit whose chooser was the nearest papers alone

# A chooser: the list, the paper's title and abstract, the other papers' texts -> section.
First = Callable[[Document, str, Mapping[str, str]], Section | None]


def largest(doc: Document, text: str, texts: Mapping[str, str]) -> Section | None:
    sized = [(len(_papers(doc, s)), -s.start, s) for s in doc.sections]
    return max(sized, key=lambda x: x[:2])[2] if sized else None


def previous_first() -> First | None:
    module = module_at(PREVIOUS, "arxiv2entry/lists/locate.py")
    if module is None:
        return None

    def first(doc: Document, text: str, texts: Mapping[str, str]) -> Section | None:
        ranked = module.rank_sections(doc, text, None, texts).ranked
        return ranked[0][0] if ranked else None

    return first


def main(verbose: bool = False) -> int:
    text = (FIXTURES / "lists" / "seed-list.md").read_text(encoding="utf-8")
    doc = parse(text)
    listed = _listed(doc)
    papers = {
        r["id"]: r
        for r in map(json.loads, (FIXTURES / "seed-papers.jsonl").read_text("utf-8").splitlines())
    }
    ids = sorted(i for i in listed if i in papers)
    about = {i: f"{papers[i]['title']}\n{papers[i]['summary']}" for i in ids}
    day = [(p["arxiv_id"], f"{p['title']} {p['abstract']}") for p in cs_cv_day()]
    new_name = "new (watch's own _placed)"
    choosers: list[tuple[str, First]] = []
    if (previous := previous_first()) is not None:
        choosers.append(("previous (nearest papers)", previous))
    choosers.append(("largest section", largest))

    rng = random.Random(12)
    top20 = random_top20 = total = 0
    right = dict.fromkeys([new_name, *(name for name, _ in choosers)], 0)
    for round_ in range(ROUNDS):
        held = rng.sample(ids, 8)
        known = [
            Known(i, papers[i]["title"], f"{papers[i]['title']} {papers[i]['summary']}", listed[i])
            for i in ids
            if i not in held
        ]
        new = day + [(i, f"{papers[i]['title']} {papers[i]['summary']}") for i in held]
        proposals = propose(known, new)
        order = [p.id for p in proposals]
        by_id = {p.id: p for p in proposals}
        # Each held-out paper's section as watch proposes it: the chooser's first section on
        # the list without the held-out papers, the others' abstracts known (watch fetches them).
        shown = parse(_without(text, held))
        texts = {i: about[i] for i in ids if i not in held}
        choose = section_chooser(shown, {}, texts)
        shuffled = [i for i, _ in new]
        rng.shuffle(shuffled)
        if verbose:
            print(f"round {round_ + 1}: {len(new)} candidates")
        for i in held:
            at = order.index(i) + 1
            top20 += at <= 20
            random_top20 += shuffled.index(i) < 20
            total += 1
            # watch's own path: the proposal placed in the section `add` would rank first
            placed = _placed(by_id[i], _announcement(papers[i]), choose)
            ok = placed.section == listed[i]
            right[new_name] += ok
            if verbose:
                print(
                    f"  rank {at:3}  {'right' if ok else 'wrong'} section "
                    f"({placed.section.split('/')[-1]}; list: {listed[i].split('/')[-1]})  "
                    f"{papers[i]['title'][:50]}"
                )
            for name, first in choosers:
                section = first(shown, about[i], texts)
                right[name] += section is not None and "/".join(section.path) == listed[i]
    print(
        f"{ROUNDS} rounds of eight held-out papers among {len(day) + 8} announcements\n"
        f"in the top 20: {top20}/{total} ({top20 / total:.0%}, {8 * top20 / total:.1f} per "
        f"eight, target >= 6); random ranking {random_top20}/{total} "
        f"({random_top20 / total:.0%})"
    )
    print("section right (target >= 5 per eight):")
    for name, n in right.items():
        print(f"  {name:28} {n:3}/{total} ({n / total:.0%}, {8 * n / total:.1f} per eight)")
    return 0


def _announcement(r: dict) -> Announcement:  # type: ignore[type-arg]
    return Announcement(r["id"], 1, r["title"], tuple(r["authors"]), r["summary"], (), "new")


if __name__ == "__main__":
    sys.exit(main(verbose="-v" in sys.argv[1:]))
