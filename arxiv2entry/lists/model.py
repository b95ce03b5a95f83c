"""The values the list modules share: a parsed README (`Document`, its `Section`s, `ListEntry`s
and `BareLink`s), its `Lines`, the edits a command plans (`Edit`, `Plan`, `Skipped`) and what
`check` finds (`Finding`).

Kept apart from the parse that builds them so that looking things up, reading a list's style,
editing and checking depend on what a parse gives, not on how it is made. Conventions used
throughout the package:

- `Document.lines` are the file's lines, each with its own line ending (`\\r\\n`, `\\r` or `\\n`;
  the last line may have none). Editing by whole lines is what keeps every other byte (CRLF,
  mixed endings, tabs, trailing spaces) exactly as it was.
- Ranges (`start`, `end`, `index`) are 0-based indexes into `Document.lines`, `end` exclusive,
  so they slice like Python lists. Every field named `line` is 1-based, as editors and
  `FILE:LINE:` messages count.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, overload

__all__ = [
    "BareLink",
    "Document",
    "Edit",
    "Finding",
    "Lines",
    "ListEntry",
    "Plan",
    "Section",
    "SectionError",
    "Skipped",
    "split_lines",
]


class SectionError(ValueError):
    """No section, or more than one, answers to the name the user gave; the message says what
    to type instead (the CLI prints it and exits 2)."""


@dataclass(frozen=True, slots=True)
class Section:
    """A markdown heading and the lines it governs.

    `own_end` stops at the next heading of any level (where entries of *this* section end),
    `end` at the next heading of the same or a higher level (the whole subtree)."""

    title: str  # plain text: no backticks, emphasis, HTML, emoji or :shortcodes:
    level: int
    path: tuple[str, ...]  # titles from the outermost enclosing heading down to this one
    start: int  # the heading's first line
    body: int  # the first line after the heading
    own_end: int
    end: int

    @property
    def line(self) -> int:
        return self.start + 1


class ListEntry(NamedTuple):
    """One paper entry: a list item or paragraph whose first line is a `[title](url)` link.

    `start`/`end` cover the whole block (a list item with any nested content, trailing blank
    lines excluded), which is what an insertion goes after; `link_index`/`text_end` cover the
    entry's own lines (title, authors, venue), which is what `check` reads. A named tuple, not a
    frozen dataclass: as immutable, and five times faster to make 20,000 of."""

    start: int
    end: int
    link_index: int
    text_end: int
    paper_id: str | None  # version-less arXiv id of the title link (or of an arXiv link below)
    version: int | None
    url: str
    title: str  # the link text as written
    indent: str  # whitespace before the bullet (nested lists)
    bullet: str  # "- ", "* ", "1. " or "" as written

    @property
    def line(self) -> int:
        return self.link_index + 1


@dataclass(frozen=True, slots=True)
class BareLink:
    """A line holding only an arXiv id or URL, waiting for `expand`."""

    index: int
    paper_id: str
    version: int | None
    indent: str
    bullet: str  # "" when the line had no list marker

    @property
    def line(self) -> int:
        return self.index + 1


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed README. Build it with `parse`; it is never mutated (edits produce new text)."""

    lines: Lines
    newline: str  # the most common line ending: what inserted lines get
    sections: tuple[Section, ...]
    entries: tuple[ListEntry, ...]
    bare_links: tuple[BareLink, ...]
    # bare links on a line between rows of a GFM table: a row of the table on GitHub, so
    # `expand` leaves them (and they are not in `bare_links`)
    table_links: tuple[BareLink, ...] = ()
    _by_id: dict[str, ListEntry] = field(repr=False, compare=False, default_factory=dict)
    _bare_by_id: dict[str, BareLink] = field(repr=False, compare=False, default_factory=dict)
    _starts: tuple[int, ...] = field(repr=False, compare=False, default=())
    _headings: frozenset[int] = field(repr=False, compare=False, default=frozenset())

    @property
    def text(self) -> str:
        return self.lines.text


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `lines[start:end]` with `new` (each new line carries its ending); an insertion
    has `start == end`."""

    start: int
    end: int
    new: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Skipped:
    """A paper not written because it is already in the list at `line`; for `expand`, `at` is
    the bare link's own line, which is left as it was."""

    paper_id: str
    line: int
    at: int | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    """What `add_entries`/`expand_edits` would change: pass `edits` to `apply`."""

    edits: tuple[Edit, ...]
    added: tuple[str, ...]  # paper ids written, in input order
    skipped: tuple[Skipped, ...]


@dataclass(frozen=True, order=True, slots=True)
class Finding:
    """One problem `check` found. `kind` is a rule's name in `lists.rules` (its code and
    severity are the rule's); `fix`, for the mechanical kinds, is the line's new content
    (without its line ending), which `check --fix` writes in its place."""

    line: int  # 1-based
    message: str
    kind: str = ""
    code: str = ""
    severity: str = "error"
    fix: str | None = field(default=None, compare=False)


# ----------------------------------------------------------------------------------------------
# Lines

_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # str.splitlines breaks there too
_NEWLINES = re.compile(r"\r\n|\r|\n")
_LF = re.compile("\n")


def split_lines(text: str) -> list[str]:
    """Split on `\r\n`, `\r` and `\n` only, each line keeping its own ending: the same lines
    markdown-it counts, so its token maps index this list."""
    return list(Lines(text))


def _line_starts(text: str) -> array[int]:
    """Where each line of `split_lines(text)` starts, and `len(text)` last."""
    breaks = _NEWLINES if "\r" in text else _LF
    starts = array("q", [0, *[m.end() for m in breaks.finditer(text)]])
    if starts[-1] != len(text):
        starts.append(len(text))  # a last line without a line ending
    return starts


class Lines(Sequence[str]):
    """The lines of a text, each with its ending, as `split_lines` gives them, cut from the
    text when asked for: as separate strings the lines of a README take twice its size."""

    __slots__ = ("_plain", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = _line_starts(text)
        self._plain = not any(ch in text for ch in _OTHER_BREAKS)  # str.splitlines agrees

    def __len__(self) -> int:
        return len(self._starts) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        n = len(self._starts) - 1
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("line index out of range")
        return self.text[self._starts[index] : self._starts[index + 1]]

    def __iter__(self) -> Iterator[str]:
        text, starts = self.text, self._starts
        return (text[starts[i] : starts[i + 1]] for i in range(len(starts) - 1))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lines) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"Lines({len(self)} lines)"

    def contents(self, start: int, end: int) -> list[str]:
        """`self[start:end]` without their line endings: a paragraph's lines in two calls into
        C instead of a call to `__getitem__` per line, which costs a tenth of a large parse."""
        if self._plain:
            return self.text[self._starts[start] : self._starts[end]].splitlines()
        return [_content(line) for line in self[start:end]]


def _ending(line: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith(("\n", "\r")):
        return line[-1]
    return ""


def _content(line: str) -> str:
    return line.rstrip("\r\n")


def _is_blank(line: str) -> bool:
    # markdown's blank line: spaces and tabs only (a line of U+3000 is not blank)
    return not line.strip(" \t\r\n")


def _dominant_newline(text: str) -> str:
    if "\r" not in text:
        return "\n"
    crlf = text.count("\r\n")
    counts = {"\n": text.count("\n") - crlf, "\r\n": crlf, "\r": text.count("\r") - crlf}
    best = max(counts.values())
    if best == 0:
        return "\n"
    return next(nl for nl in ("\n", "\r\n", "\r") if counts[nl] == best)
