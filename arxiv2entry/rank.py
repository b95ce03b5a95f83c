"""How close a new paper is to the papers a list already has, and where it would go.

TF-IDF over titles and abstracts and cosine similarity: a new paper scores what its most
similar listed paper scores, and is proposed for the section whose two closest papers are
closest, with the next section as the runner-up. No model and no download: a list is its own
training set, and nearest-entry TF-IDF already ranks a held-out list paper near the top of a
day's announcements (`benchmarks/watch.py`). What it cannot know: a paper whose words the list
has never used (a new topic, a new name for an old one) scores low however relevant it is, and
a small section loses to a large one on shared words.

Pure: text in, numbers out.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_WORD = re.compile(r"[a-z][a-z0-9]+|\d+[a-z]+[a-z0-9]*")
_STOP = frozenset(
    """a about above across after again against all also an and any are as at be been being
    both but by can could do does each for from further had has have having here how i if in
    into is it its itself just more most no nor not of off on once only or other our out over
    own same so some such than that the their them then there these they this those through to
    too under until up very was we were what when where which while who why will with would you
    your via using based towards toward new novel approach method methods paper propose proposed
    show results we our work framework existing state art""".split()
)

Vector = dict[str, float]


def words(text: str) -> list[str]:
    """Lower-case content words, a plural `s` dropped: "Radiance Fields" -> radiance, field."""
    out = []
    for w in _WORD.findall(text.lower()):
        if w in _STOP:
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out


def vectors(texts: Sequence[str]) -> list[Vector]:
    """Unit TF-IDF vectors of `texts`, with document frequencies counted over `texts` itself."""
    bags = [Counter(words(t)) for t in texts]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    out = []
    for bag in bags:
        v = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in bag.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out.append({w: x / norm for w, x in v.items() if x > 0})
    return out


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


@dataclass(frozen=True)
class Known:
    """A paper the list has: its text and where it sits."""

    id: str
    title: str
    text: str  # title and abstract
    section: str  # the heading path, as `add` shows it: "Literature/with-3D-shape/Hybrid"


@dataclass(frozen=True)
class Proposal:
    """A new paper, how close it is to the list, and where it would go."""

    id: str
    score: float  # cosine similarity to its nearest listed paper, 0..1
    section: str
    nearest: Known  # its nearest paper in `section`
    runner_up: str | None  # the next section
    nearest_in: tuple[tuple[str, Known], ...] = ()  # its nearest paper in each section

    @property
    def why(self) -> str:
        return f"closest in {self.nearest.section}: *{_short(self.nearest.title)}*"


def propose(known: Sequence[Known], new: Sequence[tuple[str, str]]) -> list[Proposal]:
    """Each new paper (`(id, title and abstract)`) with its nearest listed paper, best first.
    A paper's score is its similarity to its nearest listed paper; its section is the one whose
    two closest papers are closest on average (one stray neighbour decides less than two
    agreeing ones: 24 of the seed list's 39 papers find their own section this way, 21 by the
    nearest paper alone). Empty when the list has no papers to compare with."""
    if not known or not new:
        return []
    vecs = vectors([k.text for k in known] + [text for _, text in new])
    kv, nv = vecs[: len(known)], vecs[len(known) :]
    out = []
    for (paper_id, _), v in zip(new, nv, strict=True):
        by_section: dict[str, list[tuple[float, Known]]] = {}
        for k, u in zip(known, kv, strict=True):
            by_section.setdefault(k.section, []).append((cosine(v, u), k))
        ranked = sorted(
            (
                (_closest_two(pairs), max(pairs, key=lambda p: p[0]), s)
                for s, pairs in by_section.items()
            ),
            key=lambda r: -r[0],
        )
        _, (_, nearest), section = ranked[0]
        runner = ranked[1] if len(ranked) > 1 else None
        out.append(
            Proposal(
                id=paper_id,
                score=max(s for pairs in by_section.values() for s, _ in pairs),
                section=section,
                nearest=nearest,
                runner_up=runner[2] if runner else None,
                nearest_in=tuple((s, k) for _, (_, k), s in ranked),
            )
        )
    out.sort(key=lambda p: (-p.score, p.id))
    return out


def _closest_two(pairs: list[tuple[float, Known]]) -> float:
    best = sorted((s for s, _ in pairs), reverse=True)[:2]
    return sum(best) / len(best)


def _short(title: str) -> str:
    """The part of a title before its colon ("EG3D" of "EG3D: Efficient ..."), else the title
    cut at 60 characters."""
    head = title.split(":", 1)[0].strip()
    if 0 < len(head) <= 40 and head != title:
        return head
    return title if len(title) <= 60 else title[:57].rstrip() + "..."
