"""The conventions a list already uses (list marker, indentation, `and` before the last
author, URL scheme, blank lines between entries), so that an added entry looks like its
neighbours.

Separate from editing: `detect_style` answers a `Style` that rendering uses, and whether
entries are set apart by blank lines is what placing them needs.
"""

from __future__ import annotations

import re
from collections import Counter

from arxiv2entry.lists.model import Document, ListEntry, _is_blank
from arxiv2entry.render import Style

__all__ = ["detect_style"]


def _majority(counter: Counter[str], default: str) -> str:
    if not counter:
        return default
    best = max(counter.values())
    tied = [k for k, v in counter.items() if v == best]
    return default if default in tied else tied[0]


_EMPHASIS = re.compile(r"(?<!\*)\*([^*]+)\*(?!\*)")
_DIGITS = re.compile(r"\d+")
_AND_LAST = re.compile(r"(?:,|\s)and\s+[^,]+$")


def _authors_of(below: list[str]) -> str | None:
    """The authors of an entry, from the lines `below` its link line."""
    for line in below:
        c = line.strip()
        m = _EMPHASIS.search(c)
        if m and ((c.startswith("*") and not c.startswith("**")) or c.startswith("**[")):
            return m.group(1)
    return None


def detect_style(doc: Document) -> Style:
    """The conventions most of the list's entries already use (ties keep `Style()`'s default),
    so an added entry looks like its neighbours."""
    default = Style()
    bullets: Counter[str] = Counter()
    for written, count in Counter(e.bullet for e in doc.entries).items():
        bullets[_DIGITS.sub("1", written.rstrip(" \t")) + (" " if written else "")] += count
    indent_votes: list[str] = []  # counted once at the end: Counter does it in C
    and_votes: list[bool] = []
    contents = doc.lines.contents
    for e in doc.entries:
        below = contents(e.link_index + 1, e.text_end)
        if below:
            second = below[0]
            lead = second[: len(second) - len(second.lstrip(" \t"))]
            if lead.startswith(e.indent):
                indent_votes.append(lead[len(e.indent) :])
            authors = _authors_of(below)
            if authors and ("," in authors or " and " in authors):
                and_votes.append(_AND_LAST.search(authors) is not None)
    indents = Counter(indent_votes)
    ands = Counter("and" if vote else "comma" for vote in and_votes)
    schemes = Counter(
        "http" if e.url[:7].lower() == "http://" else "https"
        for e in doc.entries
        if e.paper_id is not None
    )
    bullet = _majority(bullets, default.bullet)
    indent_default = default.indent if bullet else ""
    return Style(
        bullet=bullet,
        indent=_majority(indents, indent_default),
        and_before_last=_majority(ands, "comma") == "and",
        scheme=_majority(schemes, default.scheme),
        max_authors=default.max_authors,
        honors=default.honors,
    )


def _blank_between(doc: Document) -> bool:
    """Whether the list separates entries with a blank line (the default when it cannot tell)."""
    votes: Counter[bool] = Counter()
    prev: ListEntry | None = None
    for e in doc.entries:
        if prev is not None and e.start >= prev.end:
            gap = doc.lines.contents(prev.end, e.start)
            if all(_is_blank(g) for g in gap):
                votes[bool(gap)] += 1
        prev = e
    return votes[False] <= votes[True] if votes else True
