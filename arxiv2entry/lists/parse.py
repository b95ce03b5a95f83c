"""Parsing a README into a `Document`: markdown-it's block parse, a section at a time, and the
entries and bare links in the paragraphs it finds.

Pure: no I/O but what a caller's memo does, and reading the source of the modules that decide
what a parse finds, once, to tell its memo keys apart from another version's.

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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from markdown_it import MarkdownIt
from markdown_it.token import Token

from arxiv2entry import __version__
from arxiv2entry import ids as ids_module
from arxiv2entry.lists import model as model_module
from arxiv2entry.lists import text as text_module
from arxiv2entry.lists.model import (
    BareLink,
    Document,
    Lines,
    ListEntry,
    Section,
    _dominant_newline,
    _is_blank,
)
from arxiv2entry.lists.text import _BULLET, _LINK, _VENUE_LINE, _arxiv, _looks_arxiv, _plain

__all__ = ["parse"]

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
_Found = tuple[list[_Heading], list[_EntryRow], list[_BareRow], list[_BareRow]]


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
    # this module, the values it builds, the patterns it reads lines with, and arXiv ids: code
    # that decides what a parse finds goes in one of these, or its module is listed here too
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
                if isinstance(found, tuple) and len(found) == 4:
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
    in_tables: list[_BareRow] = []
    for p_start, p_end, item in paragraphs:
        contents = lines.contents(p_start, p_end)
        bare_here = _bare_in(p_start, contents)
        table = _table_rows_from(contents) if bare_here else None
        if table is not None:
            in_tables += [b for b in bare_here if b[0] >= p_start + table]
            bare_here = [b for b in bare_here if b[0] < p_start + table]
        bare += bare_here
        cut = bare_here[0][0] if bare_here else p_end
        entry = _entry_in(p_start, p_end, cut, item, contents, lines)
        if entry is not None:
            entries.append(entry)
    result = (headings, entries, bare, in_tables), restart, to_end
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
    tables: list[BareLink] = []
    intern = sys.intern  # indents and bullets: a few distinct values, 20,000 copies otherwise
    src = text[1:] if text.startswith("\ufeff") else text
    for at, (hs, es, bs, ts) in _found(src, memo, whole):
        headings += [(a + at, b + at, level, title) for a, b, level, title in hs]
        entries += [
            ListEntry(a + at, b + at, c + at, d + at, pid, v, url, title, intern(ind), intern(bul))
            for a, b, c, d, pid, v, url, title, ind, bul in es
        ]
        bare += [BareLink(i + at, pid, v, ind, bul) for i, pid, v, ind, bul in bs]
        tables += [BareLink(i + at, pid, v, ind, bul) for i, pid, v, ind, bul in ts]
    sections = _sections(headings, len(lines))

    by_id: dict[str, ListEntry] = {}
    for e in entries:
        if e.paper_id is not None:
            by_id.setdefault(e.paper_id, e)
    bare_by_id: dict[str, BareLink] = {}
    for b in (*bare, *tables):
        bare_by_id.setdefault(b.paper_id, b)
    return Document(
        lines=lines,
        newline=_dominant_newline(text),
        sections=tuple(sections),
        entries=tuple(entries),
        bare_links=tuple(bare),
        table_links=tuple(tables),
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


# A GFM table's delimiter row: cells of dashes with optional colons, split by pipes
_DELIMITER_ROW = re.compile(r"[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?[ \t]*")


def _table_rows_from(contents: list[str]) -> int | None:
    """Where the rows of a GFM table start in a paragraph's lines (CommonMark reads a table as
    a paragraph; GitHub reads a header row with a pipe, then a delimiter row, as a table whose
    rows go on to the paragraph's end, a line without a pipe being a row of one cell), or None.
    """
    for k in range(1, len(contents)):
        if "-" in contents[k] and "|" in contents[k - 1] and _DELIMITER_ROW.fullmatch(contents[k]):
            return k + 1
    return None


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
