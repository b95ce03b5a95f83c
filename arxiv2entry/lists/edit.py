"""Changes to a list as line ranges: where `add` puts new entries, how `expand` replaces bare
links, and making the edits (`apply`; `edited` in pieces for a streaming write, `unchanged` to
tell a no-op without building the new text).

Every byte outside the new lines stays the original's: an edit replaces whole lines, and new
lines take the document's most common line ending.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import pairwise

from arxiv2entry.ids import parse_id
from arxiv2entry.lists.locate import _own_entries
from arxiv2entry.lists.model import (
    BareLink,
    Document,
    Edit,
    Lines,
    ListEntry,
    Plan,
    Section,
    Skipped,
    _content,
    _dominant_newline,
    _ending,
    _is_blank,
    split_lines,
)
from arxiv2entry.lists.style import _blank_between
from arxiv2entry.lists.text import _BULLET

__all__ = ["add_entries", "apply", "edited", "expand_edits", "unchanged"]


def _yymm(paper_id: str) -> int:
    """Sortable year-month of an arXiv id: `2112.07945` -> 202112, `hep-th/9901001` -> 199901."""
    digits = paper_id.split("/")[-1][:4]
    yy, mm = int(digits[:2]), int(digits[2:4])
    return (1900 + yy if yy >= 91 else 2000 + yy) * 100 + mm


def _when(paper_id: str) -> int:
    """Sortable submission order: the month, then the number arXiv gave within it."""
    number = re.sub(r"\D", "", paper_id.split("/")[-1][4:])
    return _yymm(paper_id) * 1_000_000 + int(number or 0)


_MIN_ORDERED = 4  # three entries in random order look sorted one time in three
_AGREE = 0.8  # the share of neighbouring entries that must agree for a section to be in order


def _order(entries: Sequence[ListEntry]) -> int:
    """+1 when the section's entries ascend by arXiv month, -1 when they descend, 0 otherwise
    (too few dated entries, all from one month, or no clear direction). A few entries out of
    place do not hide the order: it holds when at least 80% of neighbouring dated pairs
    agree with it (one entry out of place in ten)."""
    keys = [_yymm(e.paper_id) for e in entries if e.paper_id is not None]
    if len(keys) < _MIN_ORDERED:
        return 0
    pairs = list(pairwise(keys))
    up = sum(a < b for a, b in pairs)
    down = sum(a > b for a, b in pairs)
    if up > down and len(pairs) - down >= _AGREE * len(pairs):
        return 1
    if down > up and len(pairs) - up >= _AGREE * len(pairs):
        return -1
    return 0


def _date_slot(entries: Sequence[ListEntry], key: int, order: int) -> int:
    """Where a paper dated `key` goes among a dated section's `entries` (an index: before
    `entries[i]`, or `len(entries)` for after the last): the place with the fewest dated
    entries on the wrong side of it, so that an entry or two out of order does not pull the
    new one away from its neighbours in date; the last such place on a tie."""
    side = [
        0 if e.paper_id is None else (1 if _when(e.paper_id) * order > key else -1) for e in entries
    ]
    cost = sum(1 for x in side if x < 0)  # before everything: every earlier entry is wrong
    best, slot = cost, 0
    for i, x in enumerate(side):
        cost += 1 if x > 0 else -1 if x < 0 else 0
        if cost <= best:
            best, slot = cost, i + 1
    return slot


_TAG = re.compile(r"<!--.*?-->|<[A-Za-z/!][^<>]*>")
_SHOWN = re.compile(r"<\s*(?:img|br|picture|video|source|table|t[rdh])\b", re.IGNORECASE)


def _lead_in(line: str) -> bool:
    """A line of HTML with nothing to read: an anchor (`<a name="x"></a>`, `<a id=x>`,
    `<span id="x"></span>`), a comment, an opening `<div align="center">`. Right before a
    heading, such lines belong to it, not to the entry above them."""
    text = line.strip()
    if not text.startswith("<") or text.startswith("</") or _SHOWN.search(text):
        return False
    return not _TAG.sub("", text).strip()


def _before_lead_in(doc: Document, section: Section, at: int, floor: int) -> int:
    """`at`, or the first of the lines just above it that lead into the next heading
    (anchors, comments, bare HTML with nothing after them but blank lines up to the heading),
    never above `floor`: new entries go before them, not between them and their heading."""
    lines = doc.lines
    if any(not _is_blank(x) and not _lead_in(x) for x in lines[at : section.own_end]):
        return at  # the section goes on after `at`: nothing here leads into the next one
    while at > floor and _lead_in(lines[at - 1]):
        at -= 1
    return at


def _entry_lines(text: str) -> list[str]:
    return [_content(x) for x in split_lines(text.rstrip("\r\n"))] if text.strip() else []


def _has_bullet(line: str) -> bool:
    m = _BULLET.match(line)
    return bool(m and m["bullet"] and line[m.end() :].strip())


def _indented(lines: list[str], lead: str) -> list[str]:
    return [lead + x if x else "" for x in lines]


def _surround(
    doc: Document, start: int, end: int, chunks: list[list[str]], blank: bool, abut: bool
) -> tuple[str, ...]:
    """Entries to put in the place of `lines[start:end]`, with the blank lines that keep each
    one its own block and keep the text around them the block it was.

    `blank` is the list's convention (always on for entries without a list marker, which only
    a blank line separates). Without it, a bulleted entry may touch the line above when `abut`
    (an entry or heading is there), and the line below when that line starts a heading or a
    list item; anything else below would become a lazy continuation of the new entry."""
    lines = doc.lines
    out: list[str] = []
    if start > 0 and not _is_blank(lines[start - 1]) and (blank or not abut):
        out.append("")
    for k, chunk in enumerate(chunks):
        if k and blank:
            out.append("")
        out.extend(chunk)
    if end < len(lines) and not _is_blank(lines[end]):
        starts_block = end in doc._headings or _has_bullet(_content(lines[end]))
        if blank or not starts_block:
            out.append("")
    return tuple(x + doc.newline for x in out)


def add_entries(doc: Document, section: Section, rendered: Sequence[tuple[str, str]]) -> Plan:
    """Where new entries go in `section`: after its last entry (before any sub-heading, and
    before the anchors, comments and bare HTML that lead into the next heading), or in date
    order when four or more of the section's entries ascend or descend by arXiv month, a few
    out of place allowed (placed by full id where the fewest entries are on the wrong side of
    it), or after the heading and whatever intro it has when it has no entries. `rendered` is
    `(paper_id, entry_text)`, the text's lines joined by "\\n"; the document's line ending and
    blank-line convention are applied here, and the entry is indented like its neighbour
    (nested lists). A paper already present (as an entry or a bare link) is skipped with its
    line; a paper repeated in `rendered` is written once. Raises `IdError` for a bad id."""
    blank_doc = _blank_between(doc)
    own = _own_entries(doc, section)
    order = _order(own)
    last = max(own, key=lambda e: (e.end, -e.start)) if own else None
    added: list[str] = []
    skipped: list[Skipped] = []
    groups: dict[int, list[tuple[int, list[str]]]] = {}  # line -> (date key, entry lines)
    abut: dict[int, bool] = {}
    seen: set[str] = set()
    for raw_id, text in rendered:
        pid = parse_id(raw_id).id
        if pid in seen:
            continue
        seen.add(pid)
        present = doc._by_id.get(pid) or doc._bare_by_id.get(pid)
        if present is not None:
            skipped.append(Skipped(pid, present.line))
            continue
        lines = _entry_lines(text)
        if not lines:
            continue
        key = _when(pid) * order
        slot = _date_slot(own, key, order) if order else len(own)
        if slot < len(own):  # before the first entry that should come after the new one
            later = own[slot]
            at, lead, abut[later.start] = later.start, later.indent, True
        elif last is not None:  # after the last entry, before what leads into the next heading
            at = _before_lead_in(doc, section, last.end, last.link_index + 1)
            lead, abut[at] = last.indent, True
        else:  # after the heading and whatever intro the section has
            end = _before_lead_in(doc, section, section.own_end, section.body)
            filled = (
                i + 1 for i in range(end - 1, section.body - 1, -1) if not _is_blank(doc.lines[i])
            )
            at = next(filled, section.body)
            lead, abut[at] = "", at == section.body
        groups.setdefault(at, []).append((key, _indented(lines, lead)))
        added.append(pid)
    edits = []
    for at, items in sorted(groups.items()):
        if order:
            items = sorted(items, key=lambda x: x[0])
        chunks = [c for _, c in items]
        blank = blank_doc or not all(_has_bullet(c[0]) for c in chunks)
        edits.append(Edit(at, at, _surround(doc, at, at, chunks, blank, abut[at])))
    return Plan(tuple(edits), tuple(added), tuple(skipped))


def _rebullet(lines: list[str], bare: BareLink) -> list[str]:
    """A rendered entry in the place of a bare link: the link's indentation always, its list
    marker when it had one (`* ` stays `* `), continuation lines indented to match."""
    if not bare.bullet:
        return _indented(lines, bare.indent)
    marker = bare.bullet.rstrip(" \t") + " "
    m = _BULLET.match(lines[0])
    assert m is not None  # matches the empty string at worst
    rendered_bullet = m["bullet"] or ""
    rest = lines[0][m.end() :] if rendered_bullet else lines[0].lstrip(" \t")
    conts = lines[1:]
    widths = [len(c) - len(c.lstrip(" \t")) for c in conts if c.strip()]
    common = min(widths) if widths else 0
    same_width = rendered_bullet and len(rendered_bullet) == len(marker)
    cont_indent = " " * (common if same_width else len(marker))
    out = [bare.indent + marker + rest]
    out += [bare.indent + cont_indent + c[common:] if c.strip() else "" for c in conts]
    return out


def expand_edits(doc: Document, replacements: Mapping[int, str]) -> Plan:
    """Replace bare links with entries. `replacements` maps a bare link's `line` (1-based) to
    its rendered entry (lines joined by "\\n"); bare links not in it (papers that could not be
    fetched) stay as they are. A bare link to a paper already in the list, or repeated from an
    earlier bare link, is skipped and stays, so `check` keeps pointing at it."""
    blank_doc = _blank_between(doc)
    added: list[str] = []
    skipped: list[Skipped] = []
    chosen: list[tuple[BareLink, list[str]]] = []
    first_bare: dict[str, int] = {}
    for b in doc.bare_links:
        if b.line not in replacements:
            continue
        if b.paper_id in doc._by_id:
            skipped.append(Skipped(b.paper_id, doc._by_id[b.paper_id].line, b.line))
            continue
        if b.paper_id in first_bare:
            skipped.append(Skipped(b.paper_id, first_bare[b.paper_id], b.line))
            continue
        lines = _entry_lines(replacements[b.line])
        if not lines:
            continue
        first_bare[b.paper_id] = b.line
        chosen.append((b, _rebullet(lines, b)))
        added.append(b.paper_id)
    edits: list[Edit] = []
    k = 0
    while k < len(chosen):  # consecutive bare lines become one edit, entries apart as usual
        n = 1
        while k + n < len(chosen) and chosen[k + n][0].index == chosen[k + n - 1][0].index + 1:
            n += 1
        run = chosen[k : k + n]
        start, end = run[0][0].index, run[-1][0].index + 1
        chunks = [lines for _, lines in run]
        blank = blank_doc or not all(_has_bullet(c[0]) for c in chunks)
        edits.append(Edit(start, end, _surround(doc, start, end, chunks, blank, True)))
        k += n
    return Plan(tuple(edits), tuple(added), tuple(skipped))


_WINDOW = 1 << 20  # characters of unchanged text handed out at a time by `edited`


def _segments(lines: Lines, edits: Iterable[Edit]) -> list[str | tuple[int, int]]:
    """The edited text as new strings and `(start, end)` offsets of runs of the original."""
    text, starts = lines.text, lines._starts
    n = len(starts) - 1
    nl = _dominant_newline(text)
    out: list[str | tuple[int, int]] = []
    last_is_new = False
    prev = 0

    def open_ended() -> bool:  # the text so far ends inside a line
        last = out[-1]
        return not _ending(last) if isinstance(last, str) else text[last[1] - 1] not in "\r\n"

    for e in sorted(edits, key=lambda e: e.start):
        if e.start < prev or e.end < e.start or e.end > n:
            raise ValueError(f"overlapping or out-of-range edit: lines {e.start}..{e.end}")
        if prev < e.start:
            out.append((starts[prev], starts[e.start]))
        if e.new and out and open_ended():
            out.append(nl)  # only the old last line can lack an ending
        out.extend(e.new)
        last_is_new = bool(e.new) and e.end == n
        prev = e.end
    if prev < n:
        if out and open_ended():
            out.append(nl)
        out.append((starts[prev], len(text)))
        last_is_new = False
    if last_is_new and n and not _ending(text):
        out[-1] = _content(out[-1])  # type: ignore[arg-type]  # a new line: last_is_new
    return out


def edited(lines: Lines, edits: Iterable[Edit], window: int = _WINDOW) -> Iterator[str]:
    """The text with `edits` made, in pieces of at most `window` characters of unchanged text:
    what a write needs, without a second copy of a large README in memory. See `apply`."""
    text = lines.text
    for seg in _segments(lines, edits):
        if isinstance(seg, str):
            yield seg
            continue
        start, end = seg
        for pos in range(start, end, window):
            yield text[pos : min(pos + window, end)]


def apply(text: str, edits: Iterable[Edit]) -> str:
    """The text with `edits` made; every byte outside the new lines is the original's.

    The one exception: inserting after a last line that has no line ending gives that line one
    (otherwise the two lines would be glued together); the new last line then has none, so a
    file without a final newline stays without one. Edits must not overlap; insertions at the
    same place keep their order. Line endings of new lines are the edit's own (`doc.newline`)."""
    segments = _segments(Lines(text), edits)
    return "".join(text[s[0] : s[1]] if isinstance(s, tuple) else s for s in segments)


def unchanged(text: str, pieces: Iterable[str]) -> bool:
    """Whether `pieces` (from `edited`) put together are `text`, without putting them together."""
    pos = 0
    for piece in pieces:
        if not text.startswith(piece, pos):
            return False
        pos += len(piece)
    return pos == len(text)
