"""Finding things in a parsed list: an entry by paper id, the bare links, the section a user
named (or what they may have meant), and the section whose words a paper uses.

Lookups only, never edits: `add` and `expand` ask them where to write, and a wrong answer
here is a wrong place, not a changed byte.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence

from arxiv2entry.ids import parse_id
from arxiv2entry.lists.model import BareLink, Document, ListEntry, Section, SectionError
from arxiv2entry.lists.text import _plain

__all__ = ["bare_links", "choose_section", "find_entry", "find_section"]

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


# ----------------------------------------------------------------------------------------------
# Choosing a section

_STOP = frozenset(
    "a an and or the of for in on at to by via with without from into based using other others "
    "misc miscellaneous etc method methods approach approaches paper papers work works related "
    "general introduction contributing contribute contents content table toc literature reference "
    "references resource resources list awesome new more see also".split()
)
_WORD = re.compile(r"[^\W_]+")
_MIN_MENTIONS = 3


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("es") and word[:-2].endswith(("sh", "ch", "x", "ss")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.casefold())]


def choose_section(
    doc: Document, text: str, keywords: Mapping[str, Sequence[str]] | None = None
) -> Section | None:
    """The section whose own words a paper's title+abstract `text` uses, or None when that is
    not clear (the CLI then asks for `--section`: a wrong section is worse than a question).

    A section's words are its heading words, minus stop words and minus words that say nothing
    about this list (in two or more headings, or in over a third of the list's titles), plus
    `keywords[name]` phrases from the config (`name` as for `find_section`). A section qualifies
    when the text mentions all its heading words, three times or more in all (a word said once
    in passing is not a topic), or one of its phrases; the most mentions win, a tie chooses
    nothing. On the seed list it places 7 of its 39 papers, 6 where the maintainer did."""
    extra: dict[int, list[str]] = {}
    for name, phrases in (keywords or {}).items():
        s = find_section(doc, name)
        extra.setdefault(s.start, []).extend(" ".join(_words(p)) for p in phrases if _words(p))
    has_child = {s.path[:-1] for s in doc.sections}
    heading_df: Counter[str] = Counter()
    for s in doc.sections:
        heading_df.update(set(_words(s.title)))
    title_df: Counter[str] = Counter()
    for e in doc.entries:
        title_df.update(set(_words(e.title)))
    limit = max(2.0, len(doc.entries) / 3)
    tokens = _words(text)
    joined = f" {' '.join(tokens)} "
    counts = Counter(tokens)

    scored: list[tuple[int, Section]] = []
    for s in doc.sections:
        if s.path in has_child and not _own_entries(doc, s) and s.start not in extra:
            continue  # a parent heading that only groups subsections
        words = {
            w
            for w in _words(s.title)
            if w not in _STOP and not w.isdigit() and heading_df[w] < 2 and title_df[w] < limit
        }
        phrases = extra.get(s.start, [])
        hits = [p for p in phrases if f" {p} " in joined]
        score = sum(joined.count(f" {p} ") for p in hits)
        if words and all(counts[w] for w in words):
            score += sum(counts[w] for w in words)
        elif not hits:
            continue
        if not hits and score < _MIN_MENTIONS:
            continue  # a word said once or twice in passing ("unlike voxel-based methods")
        scored.append((score, s))
    if not scored:
        return None
    scored.sort(key=lambda x: -x[0])
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]
