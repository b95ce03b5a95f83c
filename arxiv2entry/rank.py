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

# Words that say nothing about what a paper is about: English function words, the verbs every
# abstract uses, and the words of list headings that name no topic ("Contents", "Awesome").
_STOP = frozenset(
    """a an and or nor the of for in on at to by via with without from into onto over under
    than then as is are was were be been being it its itself this that these those there their
    they them we our us you your he she his her which who whom whose what when where while how
    why not no but if until can could may might must shall should will would do does did done
    has have had having also such both each either neither all any some many much more most
    less least few other others very so too just only even still yet however thus hence
    therefore moreover furthermore i e g eg ie et al etc vs per upon within across between
    among through throughout about above below after before during against toward towards up
    down out off again once here same own one two three first second new novel propose
    proposed present presented paper papers work works approach approaches method methods
    framework show shows shown demonstrate result results use used using based existing recent
    recently well able allow allows make makes made achieve achieves achieved state art
    significantly extensive experiment experiments outperform outperforms further introduce
    introduced include including misc miscellaneous general introduction contributing
    contribute contents content table toc literature reference references resource resources
    list awesome see""".split()
)
_WORD = re.compile(r"[^\W_]+")

Vector = dict[str, float]


def _stem(word: str) -> str:
    """A plural's last letters dropped: "fields" -> field, "meshes" -> mesh (not "class")."""
    if len(word) > 4 and word.endswith("es") and word[:-2].endswith(("sh", "ch", "x", "ss")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Every word of `text`, case-folded and stemmed, in order (phrases are matched on these)."""
    return [_stem(w) for w in _WORD.findall(text.casefold())]


def terms(text: str) -> list[str]:
    """The words that can say what a paper is about: no stop words, numbers or single
    letters. The one reading of words for `watch`'s ranking and `add`'s section choice."""
    return [w for w in tokens(text) if len(w) > 1 and not w.isdigit() and w not in _STOP]


def vectors(texts: Sequence[str]) -> list[Vector]:
    """Unit TF-IDF vectors of `texts`, with document frequencies counted over `texts` itself."""
    bags = [Counter(terms(t)) for t in texts]
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
    agreeing ones: 23 of the seed list's 39 papers find their own section this way). `watch`
    replaces that section with the one `add` would choose (`lists.choose`), which is right
    more often. Empty when the list has no papers to compare with."""
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
