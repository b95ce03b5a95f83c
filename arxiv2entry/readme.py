"""A paper list README understood as text: sections, entries, bare links, and edits as line ranges.

Everything here is pure (no I/O but what a caller's memo does, and reading this package's own
source once to tell its memo keys apart from another version's) so that `add`, `expand` and
`check` can be tested byte for byte, and so that `check` runs in a pre-commit hook without the
network stack.

Conventions used throughout:

- `Document.lines` are the file's lines, each with its own line ending (`\\r\\n`, `\\r` or `\\n`;
  the last line may have none). Editing by whole lines is what keeps every other byte (CRLF,
  mixed endings, tabs, trailing spaces) exactly as it was.
- Ranges (`start`, `end`, `index`) are 0-based indexes into `Document.lines`, `end` exclusive,
  so they slice like Python lists. Every field named `line` is 1-based, as editors and
  `FILE:LINE:` messages count.
- Structure comes from markdown-it-py's block tokens and their `.map` line ranges, never from
  regexes over the raw text: a heading inside a code fence, a sample entry inside a ```` ```
  ```` block or a link inside an HTML comment is not part of the list. Regexes only look
  *inside* a line markdown-it already classified (is this paragraph line a link? a bare URL?),
  and to tell markdown-it which of its rules cannot fire on this text (`_parser`).
- A README is parsed a section at a time (`_found`), each part's findings counted from its own
  first line, so that they can be kept in a memo under a hash of the part's text and shifted
  to wherever the part sits in a later version of the file.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import marshal
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Protocol

from markdown_it import MarkdownIt
from markdown_it.token import Token

from arxiv2entry import __version__
from arxiv2entry import ids as ids_module
from arxiv2entry.ids import parse_id
from arxiv2entry.lists import model as model_module
from arxiv2entry.lists import text as text_module
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
from arxiv2entry.lists.text import _BULLET, _LINK, _VENUE_LINE, _arxiv, _looks_arxiv, _plain

__all__ = ["add_entries", "apply", "edited", "expand_edits", "parse", "unchanged"]

# Block structure only: inline parsing (and link reference definitions, which cost more than the
# rest of the block rules on a list whose every entry starts with `[`) would triple the parse
# time of a 20,000-entry README and tell us nothing the line-level regexes below do not.
# `normalize` only turns CRLF into LF (done before the parse) and NUL into U+FFFD (one
# character for another: no line changes shape); `table` is off in CommonMark anyway.
_SKIPPED = ("normalize", "inline", "text_join", "reference", "table")

# Most block rules can only fire on a line of a particular shape, and a rule that cannot fire
# anywhere in a text still costs a call on every line of it. These tests accept a superset of
# the lines each rule needs (any container prefix of `>`, list markers and indentation before
# them): when none is in the text, the parser without the rule gives the same tokens.
_SETEXT_LINE = re.compile(r"^[ \t>]*(?:=+|-+)[ \t]*$", re.M)
_BREAK_LINE = re.compile(r"^[ \t>+*\-\d.)]*?([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M)
_RULE_NEEDS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("fence", lambda s: "```" in s or "~~~" in s),
    ("html_block", lambda s: "<" in s),
    ("blockquote", lambda s: ">" in s),
    # four columns of indentation take four spaces in a row or a tab, whatever the containers
    ("code", lambda s: "    " in s or "\t" in s),
    ("lheading", lambda s: _SETEXT_LINE.search(s) is not None),
    ("hr", lambda s: _BREAK_LINE.search(s) is not None),
)
_PARSERS: dict[tuple[str, ...], MarkdownIt] = {}


def _parser(src: str) -> MarkdownIt:
    """A block parser for `src` (newlines normalised to `\\n`, NUL to U+FFFD) without the rules
    it cannot use."""
    off = (*_SKIPPED, *(name for name, needed in _RULE_NEEDS if not needed(src)))
    md = _PARSERS.get(off)
    if md is None:
        md = _PARSERS[off] = MarkdownIt("commonmark").disable(list(off))
    return md


# A README is parsed a section at a time: the tokens of a whole 20,000-entry list take eight
# times its size, a section's a few hundred kilobytes, and each section gets the parser its own
# lines need. The text is cut before a line that starts an ATX heading in column 0. Such a line
# ends every block before it except a fence, an HTML block or a table (an ATX heading interrupts
# a paragraph, a blockquote and a list; a line at column 0 closes everything nested in a list
# item), so the cut is where a parse of the whole text would start a new block, unless the last
# block before it is one of those and reaches the cut: then it is parsed again from its first
# line, with more of the text, until it ends before a cut.
_BEFORE_ATX = re.compile(r"\n(?=#{1,6}(?:[ \t\n]|\Z))")  # a search for "\n" first, unlike "^"
_ENDED_BY_HEADING = frozenset(
    {
        "paragraph_open",
        "bullet_list_open",
        "ordered_list_open",
        "blockquote_open",
        "heading_open",
        "code_block",
        "hr",
    }
)

_Heading = tuple[int, int, int, str]  # start, body, level, plain title
_Paragraph = tuple[int, int, tuple[int, int] | None]  # start, end, enclosing list item's lines
# ListEntry's and BareLink's fields, as plain tuples: what `parse` keeps in its memo
_EntryRow = tuple[int, int, int, int, str | None, int | None, str, str, str, str]
_BareRow = tuple[int, str, int | None, str, str]
_Found = tuple[list[_Heading], list[_EntryRow], list[_BareRow]]


class Memo(Protocol):
    """Where `parse` keeps what it found in a section, by a hash of the section's text
    (a dict, or `parse_cache.ParseCache` to keep it between runs)."""

    def get(self, key: bytes, /) -> bytes | None: ...

    def __setitem__(self, key: bytes, value: bytes, /) -> None: ...


@functools.cache
def _source_digest() -> bytes:
    """A digest of the modules that decide what a section holds: an edited checkout, where the
    version number stays the same, never reads what an older version of them found."""
    source = hashlib.blake2b(digest_size=16)
    # this module, the data it builds, the patterns it reads lines with, and arXiv ids: a
    # module that code deciding what a parse finds moves into must be listed here too
    modules = (__file__, model_module.__file__, text_module.__file__, ids_module.__file__)
    for module in modules:
        with contextlib.suppress(OSError, TypeError):  # no source beside a zipped install
            source.update(Path(module).read_bytes())
    return source.digest()


def _memo_tag() -> bytes:
    """What a memo key must say besides a section's text: who parsed it."""
    import markdown_it

    parts = (__version__, markdown_it.__version__, sys.version_info[:2])
    return repr(parts).encode() + _source_digest()


def _found(src: str, memo: Memo | None = None, whole: bool = False) -> Iterator[tuple[int, _Found]]:
    """What each section of `src` holds, with the line its first line is; `whole` parses the
    text in one piece (for tests: cutting it must not change what is found)."""
    if "\r" in src:  # what markdown-it's `normalize` does, before the text is cut
        src = src.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in src:
        src = src.replace("\0", "\ufffd")
    cuts = [] if whole else [m.end() for m in _BEFORE_ATX.finditer(src)]
    cuts.append(len(src))
    tag = _memo_tag() if memo is not None else b""
    pos = line = 0
    k = 0  # cuts[k] is where the text being parsed ends
    grow = 1  # how many more cuts to take when a block runs into one
    while pos < len(src):
        end = cuts[k]
        chunk = src[pos:end]
        found, restart, to_end = _section(chunk, k + 1 == len(cuts), memo, tag)
        yield line, found
        if restart is None:
            pos, line, k, grow = end, line + chunk.count("\n"), k + 1, 1
            continue
        for _ in range(restart):
            pos = src.index("\n", pos) + 1
        line += restart
        k, grow = len(cuts) - 1 if to_end else min(k + grow, len(cuts) - 1), grow * 2


def _section(
    chunk: str, last: bool, memo: Memo | None, tag: bytes
) -> tuple[_Found, int | None, bool]:
    """What `chunk` holds (lines counted from its first), the line to parse again from when
    its last block may run past its end (never when it is the `last` of the text), and
    whether to parse again with all the rest of the text.

    The rest of the text: markdown-it stops nesting at `maxNesting` (ten lists deep) and lets
    the innermost block take every line to the end of what it was given; given a part of the
    text, that end would be the part's, not the text's."""
    key = b""
    if memo is not None:
        hasher = hashlib.blake2b(tag, digest_size=20)
        hasher.update(b"L" if last else b"M")
        hasher.update(chunk.encode("utf-8", "surrogatepass"))
        key = hasher.digest()
        known = memo.get(key)
        if known is not None:
            try:
                found, restart, to_end = marshal.loads(known)
                if isinstance(found, tuple) and len(found) == 3:
                    return found, restart, to_end
            except (ValueError, EOFError, TypeError):
                pass  # not what this version writes: parse again
    md = _parser(chunk)
    tokens = md.parse(chunk)
    keep = len(tokens)
    to_end = False
    if not last:
        cap = md.options["maxNesting"] - 1
        if any(tok.nesting == 1 and tok.level >= cap for tok in tokens):
            keep, to_end = 0, True
        else:
            at = _last_block(tokens)
            if at is not None:
                tok = tokens[at]
                reaches = tok.map is not None and tok.map[1] >= chunk.count("\n")
                if tok.type not in _ENDED_BY_HEADING and reaches:
                    keep = at
    restart = None
    if to_end:
        restart = 0
    elif keep < len(tokens):
        block = tokens[keep].map
        restart = block[0] if block else 0
    headings, paragraphs = _collect(tokens, keep)
    del tokens
    lines = Lines(chunk)
    entries: list[_EntryRow] = []
    bare: list[_BareRow] = []
    for p_start, p_end, item in paragraphs:
        contents = lines.contents(p_start, p_end)
        bare_here = _bare_in(p_start, contents)
        bare += bare_here
        cut = bare_here[0][0] if bare_here else p_end
        entry = _entry_in(p_start, p_end, cut, item, contents, lines)
        if entry is not None:
            entries.append(entry)
    result = (headings, entries, bare), restart, to_end
    if memo is not None:
        memo[key] = marshal.dumps(result)
    return result


def _last_block(tokens: list[Token]) -> int | None:
    """Index of the opening token of the last top-level block."""
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        if tok.level == 0 and tok.nesting >= 0:
            return i
    return None


def _collect(tokens: list[Token], stop: int) -> tuple[list[_Heading], list[_Paragraph]]:
    """The headings, and the paragraphs outside blockquotes, of `tokens[:stop]` (a run of whole
    top-level blocks)."""
    headings: list[_Heading] = []
    paragraphs: list[_Paragraph] = []
    items: list[tuple[int, int]] = []
    quote_depth = 0
    for i in range(stop):
        tok = tokens[i]
        t = tok.type
        m = tok.map
        if t == "paragraph_open":
            if quote_depth == 0 and m:
                item = items[-1] if items and items[-1][0] == m[0] else None
                paragraphs.append((m[0], m[1], item))
        elif t == "list_item_open":
            items.append((m[0], m[1]) if m else (-1, -1))
        elif t == "list_item_close":
            items.pop()
        elif t == "blockquote_open":
            quote_depth += 1
        elif t == "blockquote_close":
            quote_depth -= 1
        elif t == "heading_open" and tok.level == 0 and m:
            inline = tokens[i + 1].content if i + 1 < len(tokens) else ""
            headings.append((m[0], m[1], int(tok.tag[1:]), _plain(inline)))
    return headings, paragraphs


# ----------------------------------------------------------------------------------------------
# Text inside lines

# The link of nearly every entry: plain text and a plain URL. When it matches, `_LINK` matches
# the same way; it only saves `_LINK`'s alternation per character, a third of the parse.
_PLAIN_LINK = re.compile(r"\[(?P<text>[^\[\]\\`]*)\]\((?P<url>[^\s<>()]*)\)")
# possessive `\S++`: a word followed by more than spaces cannot become a bare link by giving
# characters back, and trying costs more than the rest of the line
_BARE = re.compile(
    r"(?P<indent>[ \t]*)(?P<bullet>(?:[-*+]|\d{1,9}[.)])[ \t]+)?"
    r"(?P<body>(?:[Aa][Rr][Xx][Ii][Vv][ \t]*:[ \t]*)?\S++)[ \t]*"
)
_ANCHOR_ONLY = re.compile(r"[ \t]*(?:<[A-Za-z][^<>]*>|</[A-Za-z][^<>]*>)+[ \t]*")
_ARXIV_URL = re.compile(r"https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/[^\s)\]>\"']+", re.I)
_AUTHORS_LINE = re.compile(r"[ \t]*\*(?!\*)")


# ----------------------------------------------------------------------------------------------
# Parsing


def parse(text: str, memo: Memo | None = None) -> Document:
    """Read a README's structure: markdown-it's block parse, a section at a time, or what
    `memo` kept of a section with the same text.

    The caller strips a UTF-8 BOM before and restores it after (a BOM left in is tolerated).
    NUL characters read as U+FFFD, as markdown-it reads them."""
    # The parse allocates a few objects per line and frees none until it is done, so the cyclic
    # garbage collector would walk the growing heap again and again for nothing to collect:
    # pausing it saves about 15% of the parse on a 20,000-entry README.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, memo)
    finally:
        if enabled:
            gc.enable()


def _parse(text: str, memo: Memo | None = None, whole: bool = False) -> Document:
    lines = Lines(text)
    headings: list[_Heading] = []
    entries: list[ListEntry] = []
    bare: list[BareLink] = []
    intern = sys.intern  # indents and bullets: a few distinct values, 20,000 copies otherwise
    for at, (hs, es, bs) in _found(text[1:] if text.startswith("\ufeff") else text, memo, whole):
        headings += [(a + at, b + at, level, title) for a, b, level, title in hs]
        entries += [
            ListEntry(a + at, b + at, c + at, d + at, pid, v, url, title, intern(ind), intern(bul))
            for a, b, c, d, pid, v, url, title, ind, bul in es
        ]
        bare += [BareLink(i + at, pid, v, ind, bul) for i, pid, v, ind, bul in bs]
    sections = _sections(headings, len(lines))

    by_id: dict[str, ListEntry] = {}
    for e in entries:
        if e.paper_id is not None:
            by_id.setdefault(e.paper_id, e)
    bare_by_id: dict[str, BareLink] = {}
    for b in bare:
        bare_by_id.setdefault(b.paper_id, b)
    return Document(
        lines=lines,
        newline=_dominant_newline(text),
        sections=tuple(sections),
        entries=tuple(entries),
        bare_links=tuple(bare),
        _by_id=by_id,
        _bare_by_id=bare_by_id,
        _starts=tuple(e.start for e in entries),
        _headings=frozenset(i for s in sections for i in range(s.start, s.body)),
    )


def _sections(headings: list[tuple[int, int, int, str]], n: int) -> list[Section]:
    """Nest headings by level in one pass: a heading closes every open one of its level or
    deeper, which is where their subtrees end."""
    out: list[Section] = []
    stack: list[int] = []  # indexes into `out`
    for k, (start, body, level, title) in enumerate(headings):
        while stack and out[stack[-1]].level >= level:
            j = stack.pop()
            out[j] = _replace_end(out[j], start)
        path = (*(out[j].title for j in stack), title)
        own_end = headings[k + 1][0] if k + 1 < len(headings) else n
        out.append(Section(title, level, path, start, body, own_end, n))
        stack.append(len(out) - 1)
    return out


def _replace_end(s: Section, end: int) -> Section:
    return Section(s.title, s.level, s.path, s.start, s.body, s.own_end, end)


def _bare_in(start: int, contents: list[str]) -> list[_BareRow]:
    """The lines of a paragraph (`contents`, its first line at `start`) that hold only an arXiv
    id or URL. Lines between `<!--` and `-->` inside a paragraph are commented out, not bare."""
    out: list[_BareRow] = []
    in_comment = False
    for i, c in enumerate(contents, start):
        if in_comment or "<!--" in c:
            # track the comment state across the paragraph; such lines are never bare
            was = in_comment
            pos = 0
            while True:
                if in_comment:
                    j = c.find("-->", pos)
                    if j < 0:
                        break
                    in_comment, pos = False, j + 3
                else:
                    j = c.find("<!--", pos)
                    if j < 0:
                        break
                    in_comment, pos = True, j + 4
            if was or "<!--" in c:
                continue
        m = _BARE.fullmatch(c)
        if m is None:
            continue
        body = m["body"]
        if body.startswith("<") and body.endswith(">"):
            body = body[1:-1]
        if not any(ch.isdigit() for ch in body):
            continue
        found = _arxiv(body)
        if found is None:
            continue
        bullet = m["bullet"] or ""
        out.append((i, found.id, found.version, m["indent"], bullet))
    return out


def _entry_in(
    start: int,
    p_end: int,
    end: int,
    item: tuple[int, int] | None,
    contents: list[str],
    lines: Lines,
) -> _EntryRow | None:
    """The entry a paragraph holds, if its first line (after any HTML anchor lines such as
    `<span id="x"></span>`) starts with a link that is an arXiv URL, or that is followed by an
    authors or venue line (a paper hosted elsewhere). TOC lines and lone links are not entries.
    `end` is where a bare link cuts the paragraph short (a URL pasted right under an entry is
    a lazy continuation line for markdown, but a new paper for the list). `contents` are the
    paragraph's lines without their endings."""
    link_index = start
    while (
        link_index < end
        and "<" in contents[link_index - start]
        and _ANCHOR_ONLY.fullmatch(contents[link_index - start])
    ):
        link_index += 1
    if link_index >= end:
        return None
    first = contents[link_index - start]
    b = _BULLET.match(first)
    assert b is not None  # the pattern can match the empty string
    pos = b.end()
    if pos >= len(first) or first[pos] != "[":
        return None
    m = _PLAIN_LINK.match(first, pos) or _LINK.match(first, pos)
    if m is None:
        return None
    url = m["url"]
    found = _arxiv(url) if _looks_arxiv(url) else None
    if found is None:
        if url.startswith("#") or m["text"].startswith("!") or link_index + 1 >= end:
            return None
        second = contents[link_index + 1 - start]
        if not (_AUTHORS_LINE.match(second) or _VENUE_LINE.match(second)):
            return None
        if not _looks_arxiv(url):
            for j in range(link_index, end):
                other = _ARXIV_URL.search(contents[j - start])
                if other and (found := _arxiv(other.group(0))) is not None:
                    break
    if end < p_end:
        block_end = end
    elif item is not None and start == item[0]:
        # the whole list item (nested notes too), without the blank lines markdown-it gives it
        block_end = item[1]
        while block_end > end and _is_blank(lines[block_end - 1]):
            block_end -= 1
    else:
        block_end = end
    return (
        start,
        block_end,
        link_index,
        end,
        found.id if found else None,
        found.version if found else None,
        url,
        m["text"],
        b["indent"],
        b["bullet"] or "",
    )


# ----------------------------------------------------------------------------------------------
# Edits


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


def _order(entries: Sequence[ListEntry]) -> int:
    """+1 when the section's entries ascend by arXiv month, -1 when they descend, 0 otherwise
    (too few dated entries, or all from one month, say nothing)."""
    keys = [_yymm(e.paper_id) for e in entries if e.paper_id is not None]
    if len(keys) < _MIN_ORDERED or keys[0] == keys[-1]:
        return 0
    if all(a <= b for a, b in pairwise(keys)):
        return 1
    if all(a >= b for a, b in pairwise(keys)):
        return -1
    return 0


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
    """Where new entries go in `section`: after its last entry (before any sub-heading), or in
    date order when four or more of the section's entries ascend or descend by arXiv month
    (placed by full id, before the first entry that is later, or earlier when descending), or
    after the heading and whatever intro it has when it has no entries. `rendered` is
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
        later = None
        if order:  # the first dated entry that should come after the new one
            later = next(
                (e for e in own if e.paper_id is not None and _when(e.paper_id) * order > key),
                None,
            )
        if later is not None:
            at, lead, abut[later.start] = later.start, later.indent, True
        elif last is not None:
            at, lead, abut[last.end] = last.end, last.indent, True
        else:  # after the heading and whatever intro the section has
            at = next(
                (
                    i + 1
                    for i in range(section.own_end - 1, section.body - 1, -1)
                    if not _is_blank(doc.lines[i])
                ),
                section.body,
            )
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
