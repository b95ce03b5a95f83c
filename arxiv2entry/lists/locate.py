"""Finding things in a parsed list: an entry by paper id, the bare links, and the section a
user named (or what they may have meant). The section a paper's words belong in is
`lists.choose`.

Lookups only, never edits: `add` and `expand` ask them where to write, and a wrong answer
here is a wrong place, not a changed byte.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from collections.abc import Sequence

from arxiv2entry.ids import parse_id
from arxiv2entry.lists.model import BareLink, Document, ListEntry, Section, SectionError
from arxiv2entry.lists.text import _plain

__all__ = ["bare_links", "find_entry", "find_section"]

_NUMBERING = re.compile(r"^\d+(?:\.\d+)*\.?\s+")


def _key(title: str) -> str:
    """Case, punctuation and spacing do not matter: `with 3D shape` == `with-3D-shape`."""
    return re.sub(r"[\W_]+", "", title.casefold())


def _keys(title: str) -> tuple[str, str]:
    """The title's key and its key without a leading section number (`2.1 Encode` -> encode)."""
    return _key(title), _key(_NUMBERING.sub("", title))


# ----------------------------------------------------------------------------------------------
# Lookups


def bare_links(doc: Document) -> list[BareLink]:
    """Every line holding only an arXiv id or URL (optionally bulleted, `arXiv:`-prefixed or
    `<...>`), outside code, HTML blocks, comments and existing entries."""
    return list(doc.bare_links)


def find_entry(doc: Document, paper_id: str) -> ListEntry | None:
    """The first entry for this paper under any URL form or version (abs, pdf, `.pdf`, `vN`,
    http, `arXiv.org`); raises `IdError` for something that is not an arXiv id."""
    return doc._by_id.get(parse_id(paper_id).id)


def _display_paths(matches: Sequence[Section]) -> list[str]:
    """The shortest trailing paths (two components at least) that tell the matches apart."""
    longest = max(len(s.path) for s in matches)
    for k in range(2, longest + 1):
        shown = ["/".join(s.path[-k:]) for s in matches]
        if len(set(shown)) == len(shown):
            return shown
    return ["/".join(s.path) for s in matches]


def find_section(doc: Document, name: str) -> Section:
    """The section a user named: case, punctuation, backticks, emoji and a leading section
    number do not matter; `parent/child` (trailing components of the heading path, ancestors
    may be skipped) resolves a name used twice. Raises `SectionError` with what to type."""
    exact = [s for s in doc.sections if "/".join(s.path) == name]
    if len(exact) == 1:  # a heading path as `add` shows it, even when a title holds "/"
        return exact[0]
    wanted = _key(_plain(name))
    matches = [s for s in doc.sections if wanted and wanted in _keys(s.title)]
    if not matches and "/" in name:
        parts = [_key(_plain(p)) for p in name.split("/") if _key(_plain(p))]
        matches = [s for s in doc.sections if parts and _path_matches(s.path, parts)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        shown = _display_paths(matches)
        listed = ", ".join(f"'{p}'" for p in shown)
        raise SectionError(
            f"'{name}' matches {len(matches)} sections: {listed}; give a path such as '{shown[0]}'"
        )
    if not doc.sections:
        raise SectionError(f"no section '{name}'; the file has no headings")
    titles = list(dict.fromkeys(s.title for s in doc.sections if s.title))
    loose: dict[str, str] = {}
    for t in titles:
        loose.setdefault(_loose(t), t)
    for s in doc.sections:
        loose.setdefault(_loose("/".join(s.path)), "/".join(s.path))
    wanted_loose = _loose(_plain(name))
    close = difflib.get_close_matches(wanted_loose, list(loose), n=1, cutoff=0.6)
    if not close and wanted_loose:  # a word of a longer title: `Implicit`
        close = [k for k in loose if f" {wanted_loose} " in f" {k} "][:1]
    if close:
        raise SectionError(f"no section '{name}'; did you mean '{loose[close[0]]}'?")
    shown_titles = titles[:12]
    more = f", and {len(titles) - 12} more" if len(titles) > 12 else ""
    raise SectionError(f"no section '{name}'; sections are: {', '.join(shown_titles)}{more}")


def _loose(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def _path_matches(path: tuple[str, ...], parts: list[str]) -> bool:
    if parts[-1] not in _keys(path[-1]):
        return False
    k = len(parts) - 2
    for title in reversed(path[:-1]):
        if k < 0:
            break
        if parts[k] in _keys(title):
            k -= 1
    return k < 0


def _own_entries(doc: Document, section: Section) -> list[ListEntry]:
    lo = bisect_left(doc._starts, section.body)
    hi = bisect_left(doc._starts, section.own_end)
    return list(doc.entries[lo:hi])
