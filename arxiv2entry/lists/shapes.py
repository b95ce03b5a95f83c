"""Which entry shape a list uses, section by section: the shapes of `shape.py` recognise the
entries already there, and the shape most of a section's entries have is the one a new entry
there gets (the list's own when the section has none).

A list whose arXiv links are mostly not entries of a known shape (one-line entries of another
kind, tables, numbered bold titles, badges) is never filled silently: `unknown_shape` says so,
and `add` and `expand` stop with that line instead of writing.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from arxiv2entry.lists.model import Document, ListEntry, Section
from arxiv2entry.shape import DEFAULT_SHAPE, Shape, presets, shape

__all__ = [
    "Shapes",
    "Survey",
    "entry_shape",
    "known_shapes",
    "refusal",
    "section_at",
    "survey",
    "unknown_shape",
]

_ARXIV_LINK = re.compile(r"arxiv\.org/(?:abs|pdf)/", re.IGNORECASE)


def known_shapes(configured: str | None = None) -> list[Shape]:
    """The presets, and the list's own template first when its config has one."""
    out = list(presets().values())
    if configured is not None:
        own = shape(configured)
        out = [own, *(s for s in out if s.name != own.name)]
    return out


def entry_shape(doc: Document, e: ListEntry, shapes: Sequence[Shape]) -> Shape | None:
    """The first of `shapes` this arXiv entry is written in, or None."""
    if e.paper_id is None:
        return None
    lines = doc.lines.contents(e.link_index, e.text_end)
    for s in shapes:
        if s.fits(lines):
            return s
    return None


@dataclass(frozen=True)
class Survey:
    """The arXiv links of a range of lines: how many lines hold one (bare links, waiting for
    `expand`, and links inside tables not counted), and how many entries of each shape."""

    links: int
    shapes: Counter[str]

    @property
    def known(self) -> int:
        return sum(self.shapes.values())

    @property
    def unknown(self) -> bool:
        """Most of the links are not entries of a known shape."""
        return self.links > 0 and 2 * self.known < self.links

    def majority(self, prefer: Sequence[str]) -> str | None:
        if not self.shapes:
            return None
        best = max(self.shapes.values())
        tied = [name for name, n in self.shapes.items() if n == best]
        return next((name for name in prefer if name in tied), tied[0])


def survey(
    doc: Document, start: int, end: int, shapes: Sequence[Shape], enough: bool = False
) -> Survey:
    """What the lines `start:end` hold (see `Survey`); with `enough`, entries are read only
    until most links are known to be entries of a known shape (what `check` needs to know,
    at a fraction of the cost on a 20,000-entry list)."""
    starts = doc.lines._starts
    text = doc.lines.text
    with_links = {
        bisect_right(starts, m.start()) - 1
        for m in _ARXIV_LINK.finditer(text, starts[start], starts[end])
    }
    with_links -= {b.index for b in doc.bare_links}
    with_links -= {t.index for t in doc.table_links}
    links = len(with_links)
    counted: Counter[str] = Counter()
    known = 0
    order = list(shapes)
    lo, hi = bisect_left(doc._starts, start), bisect_left(doc._starts, end)
    for e in doc.entries[lo:hi]:
        found = entry_shape(doc, e, order)
        if found is not None:
            counted[found.name] += 1
            known += 1
            if found is not order[0]:  # neighbours share a shape: try this one first
                order.remove(found)
                order.insert(0, found)
            if enough and 2 * known >= links:
                break
    return Survey(links, counted)


def section_at(doc: Document, index: int) -> Section | None:
    """The innermost section whose own lines (heading to the next heading) hold `index`."""
    starts = [s.start for s in doc.sections]
    k = bisect_right(starts, index) - 1
    return doc.sections[k] if k >= 0 else None


def _own_range(doc: Document, section: Section | None) -> tuple[int, int]:
    if section is None:
        first = doc.sections[0].start if doc.sections else len(doc.lines)
        return 0, first
    return section.body, section.own_end


@dataclass(frozen=True)
class Choice:
    """The shape a new entry at a place gets (None: no known shape fits), and what decided it:
    `scope` is "under 'Section'" or "in the list"."""

    shape: str | None
    scope: str
    survey: Survey


class Shapes:
    """The shape a new entry gets at each place of one parsed list: the list's config when it
    sets one; else the shape most of the section's own entries have (ties go to the list's
    majority, then to the preset order); else, when the section has no arXiv links of its
    own, the list's; else the default, `three-line`. Surveys are made once per section."""

    def __init__(self, doc: Document, configured: str | None = None) -> None:
        self.doc = doc
        self.configured = configured
        self._shapes = known_shapes()
        self._whole: Survey | None = None
        self._seen: dict[int, Choice] = {}

    def whole(self) -> Survey:
        if self._whole is None:
            self._whole = survey(self.doc, 0, len(self.doc.lines), self._shapes)
        return self._whole

    def at(self, section: Section | None) -> Choice:
        if self.configured is not None:
            return Choice(self.configured, "", Survey(0, Counter()))
        key = section.start if section is not None else -1
        if key not in self._seen:
            self._seen[key] = self._choose(section)
        return self._seen[key]

    def at_line(self, index: int) -> Choice:
        return self.at(section_at(self.doc, index))

    def _choose(self, section: Section | None) -> Choice:
        prefer = [s.name for s in self._shapes]
        whole = self.whole()
        overall = whole.majority(prefer)
        if overall is not None:
            prefer = [overall, *(p for p in prefer if p != overall)]
        start, end = _own_range(self.doc, section)
        here = survey(self.doc, start, end, self._shapes)
        if here.links:
            if section is not None:
                scope = f"under '{'/'.join(section.path)}'"
            else:
                scope = "above the first heading"
            return Choice(None if here.unknown else here.majority(prefer), scope, here)
        if whole.links:
            return Choice(None if whole.unknown else overall, "in the list", whole)
        return Choice(DEFAULT_SHAPE, "in the list", whole)


def unknown_shape(doc: Document, configured: str | None = None) -> str | None:
    """A line saying the list's entries are not of a shape the tool knows, or None: most of
    its arXiv links are not entries of a known shape (the list's own template counts)."""
    found = survey(doc, 0, len(doc.lines), known_shapes(configured), enough=True)
    if not found.unknown:
        return None
    return (
        f"no entries of a known shape: {found.known} of {found.links} lines with arXiv links "
        f"are entries arxiv2entry can read ({', '.join(presets())}); {SET_SHAPE}"
    )


SET_SHAPE = 'set one with [style] shape = "<preset or template>" in .arxiv2entry.toml'


def refusal(path: object, choice: Choice) -> str:
    """The one line `add` and `expand` stop with when no known shape fits."""
    s = choice.survey
    return (
        f"{path}: most arXiv links {choice.scope} ({s.links - s.known} of {s.links}) are not "
        f"entries of a shape arxiv2entry knows ({', '.join(presets())}); nothing written; "
        f"{SET_SHAPE}"
    )
