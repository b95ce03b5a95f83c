"""How well `watch` finds a list's own papers in a real day of arXiv announcements.

Run on demand: `.venv/bin/python benchmarks/watch.py`. Leave-some-out on the seed list: eight
of its papers are taken out of the list and announced inside a real cs.CV day (186 papers,
2026-04-17, from `tests/fixtures/feeds/`), and the ranking sees the remaining 31 papers of the
list as it would on a morning. For each held-out paper: its rank among all candidates, and
whether the proposed section is the one the maintainer had it in. A random ranking is the
baseline in the same run. Targets (issue 12): at least 6 of 8 in the top 20, the section right
for at least 5 of 8.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from feed_server import cs_cv_day  # noqa: E402
from test_watch import _without  # noqa: E402

from arxiv2entry.commands.watch import _listed, _placed  # noqa: E402
from arxiv2entry.lists.parse import parse  # noqa: E402
from arxiv2entry.rank import Known, propose  # noqa: E402
from arxiv2entry.sources.feeds import Announcement  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
ROUNDS = 5  # different sets of eight held-out papers


def main() -> int:
    text = (FIXTURES / "lists" / "seed-list.md").read_text(encoding="utf-8")
    doc = parse(text)
    listed = _listed(doc)
    papers = {
        r["id"]: r
        for r in map(json.loads, (FIXTURES / "seed-papers.jsonl").read_text().splitlines())
    }
    ids = sorted(i for i in listed if i in papers)
    day = [(p["arxiv_id"], f"{p['title']} {p['abstract']}") for p in cs_cv_day()]
    rng = random.Random(12)
    top20 = right = total = random_top20 = 0
    for round_ in range(ROUNDS):
        held = rng.sample(ids, 8)
        known = [
            Known(i, papers[i]["title"], f"{papers[i]['title']} {papers[i]['summary']}", listed[i])
            for i in ids
            if i not in held
        ]
        new = day + [(i, f"{papers[i]['title']} {papers[i]['summary']}") for i in held]
        ranked = propose(known, new)
        order = [p.id for p in ranked]
        # Each held-out paper's section as watch proposes it: the add chooser's first choice
        # on the list without the held-out papers.
        shown = parse(_without(text, held))
        texts = {i: f"{papers[i]['title']}\n{papers[i]['summary']}" for i in ids if i not in held}
        ranked = [
            _placed(p, shown, _announcement(papers[p.id]), {}, texts) if p.id in held else p
            for p in ranked
        ]
        shuffled = [i for i, _ in new]
        rng.shuffle(shuffled)
        print(f"round {round_ + 1}: {len(new)} candidates")
        for i in held:
            at = order.index(i) + 1
            p = ranked[at - 1]
            ok = p.section == listed[i]
            top20 += at <= 20
            right += ok
            random_top20 += shuffled.index(i) < 20
            total += 1
            where = listed[i].split("/")[-1]
            said = p.section.split("/")[-1]
            print(
                f"  rank {at:3}  {'right' if ok else 'wrong'} section ({said}; list: {where})"
                f"  {papers[i]['title'][:50]}"
            )
    print()
    print(
        f"held-out papers in the top 20: {top20}/{total} ({top20 / total:.0%}); random "
        f"ranking {random_top20}/{total} ({random_top20 / total:.0%})"
    )
    print(f"section right: {right}/{total} ({right / total:.0%})")
    print(
        f"per eight: top 20 {8 * top20 / total:.1f} (target >= 6), "
        f"section {8 * right / total:.1f} (target >= 5)"
    )
    return 0


def _announcement(r: dict) -> Announcement:
    return Announcement(r["id"], 1, r["title"], tuple(r["authors"]), r["summary"], (), "new")


if __name__ == "__main__":
    sys.exit(main())
