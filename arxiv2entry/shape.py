"""Entry shapes as data: one template (`data/shapes.toml`, or a list's own in its config) is
both how an entry is written and how an entry of that shape is recognised.

`parse_shape` reads a template into `Shape.lines`, a sequence of literal text and fields per
line, each field with the markdown context it sits in (link text, emphasis or running text, a
code span, a link target). `render.py` fills the fields, each made safe for its context;
`Shape.match` is a regular expression built from the same parts, so that `lists/` can tell which
shape an entry already in a list has and read its paper, venue and links back.

Recognising is lenient where lists are (trailing spaces, a missing hard line break, any list
marker and indentation, a label's case, extra links after the last part) and strict where the
shape is (which lines hold what, in which order).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["DEFAULT_SHAPE", "Field", "Shape", "ShapeError", "parse_shape", "presets", "shape"]

DEFAULT_SHAPE = "three-line"
FIELDS = ("title", "abs_url", "authors", "venue", "institution", "code", "project")
OPTIONAL = frozenset({"institution", "code", "project"})
_LAYOUT = ("bullet", "indent", "br")
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~")
_HEAD = ("{bullet}", "[", "{title}", "](", "{abs_url}", ")")


class ShapeError(ValueError):
    """A template that cannot be written or recognised; the message says what to change."""


@dataclass(frozen=True, slots=True)
class Field:
    """A placeholder: `name`, the markdown `context` it is written in (`link_text`, `text`,
    `emphasis`, `code`, `target`), and the optional part's text around it (`before`, `after`),
    when it is in one."""

    name: str
    context: str
    optional: bool = False
    before: str = ""
    after: str = ""
    # the punctuation that ends the field's text in the template (`)` of `({venue})`): written
    # escaped inside running text, so that reading stops where the field does
    guard: str = ""


Part = str | Field  # a literal, or a field; layout placeholders are literal markers below
_AT = "at_"  # a recognising pattern's empty group marking where an optional part starts
BULLET, INDENT, BREAK = "\0bullet", "\0indent", "\0br"


@dataclass(frozen=True)
class Shape:
    """A parsed template: `lines` of parts, and `contexts` (field -> markdown context)."""

    name: str
    template: str
    lines: tuple[tuple[Part, ...], ...]
    contexts: dict[str, str]

    @functools.cached_property
    def fields(self) -> dict[str, Field]:
        """The template's fields by name, in the order it writes them."""
        return {p.name: p for line in self.lines for p in line if isinstance(p, Field)}

    @functools.cached_property
    def _patterns(self) -> tuple[re.Pattern[str], ...]:
        last = len(self.lines) - 1
        return tuple(_line_pattern(parts, k == last) for k, parts in enumerate(self.lines))

    def fits(self, lines: Sequence[str]) -> bool:
        """Whether an entry's lines (without line endings) have this shape."""
        return len(lines) == len(self.lines) and all(
            p.fullmatch(line) is not None for p, line in zip(self._patterns, lines, strict=True)
        )

    def match(self, lines: Sequence[str]) -> dict[str, str] | None:
        """The fields of an entry whose lines (without line endings) have this shape, as a
        reader sees them (backslash escapes of text undone), or None. Optional fields the entry
        lacks are absent."""
        if len(lines) != len(self.lines):
            return None
        found: dict[str, str] = {}
        for pattern, line in zip(self._patterns, lines, strict=True):
            m = pattern.fullmatch(line)
            if m is None:
                return None
            for name, value in m.groupdict().items():
                if value is not None and not name.startswith(_AT):
                    found[name] = _shown(value.strip(" \t"), self.contexts[name])
        return found

    def locate(self, lines: Sequence[str]) -> dict[str, tuple[int, int, int]] | None:
        """Where each field of an entry of this shape is written: field -> (line, start, end),
        the text as written (spaces around it left out); and, for an optional field the entry
        lacks, where its part would go (start == end, key `+name`). None when the entry is
        not of this shape. `refresh` edits an entry in place with it."""
        if len(lines) != len(self.lines):
            return None
        where: dict[str, tuple[int, int, int]] = {}
        for k, (pattern, line) in enumerate(zip(self._patterns, lines, strict=True)):
            m = pattern.fullmatch(line)
            if m is None:
                return None
            for name, value in m.groupdict().items():
                if name.startswith(_AT):
                    field = name[len(_AT) :]
                    if m.group(field) is None:
                        where[f"+{field}"] = (k, m.start(name), m.start(name))
                elif value is not None:
                    start, end = m.span(name)
                    start += len(value) - len(value.lstrip(" \t"))
                    end -= len(value) - len(value.rstrip(" \t"))
                    where[name] = (k, start, end)
        return where


_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _shown(value: str, context: str) -> str:
    if context in ("code", "target"):
        return value
    return _UNESCAPE.sub(r"\1", value)


# ----------------------------------------------------------------------------------------------
# Reading a template

_TOKEN = re.compile(r"\{\{|\}\}|\{\?|\{([a-z_]+)\}|\{|\}")


def _tokens(line: str, where: str) -> list[str | tuple[str, list[str | Field]]]:
    """A template line as literals, `{name}` markers and `{?...}` groups (a list of the same)."""
    out: list[str | tuple[str, list[str | Field]]] = []
    stack: list[list] = [out]  # type: ignore[type-arg]
    pos = 0
    for m in _TOKEN.finditer(line):
        if m.start() > pos:
            stack[-1].append(line[pos : m.start()])
        pos = m.end()
        tok = m.group(0)
        if tok in ("{{", "}}"):
            stack[-1].append(tok[0])
        elif tok == "{?":
            if len(stack) > 1:
                raise ShapeError(f"{where}: optional parts {{?...}} cannot nest")
            group: list[str | Field] = []
            stack[-1].append(("?", group))
            stack.append(group)
        elif tok == "}":
            if len(stack) == 1:
                raise ShapeError(f"{where}: a '}}' closes nothing; write '}}}}' for a brace")
            stack.pop()
        elif tok == "{":
            raise ShapeError(f"{where}: a '{{' opens nothing known; write '{{{{' for a brace")
        else:
            name = m.group(1)
            if name not in FIELDS and name not in _LAYOUT:
                known = ", ".join(f"{{{n}}}" for n in (*_LAYOUT, *FIELDS))
                raise ShapeError(f"{where}: unknown placeholder {{{name}}}; known: {known}")
            stack[-1].append("\0" + name)
    if len(stack) > 1:
        raise ShapeError(f"{where}: an optional part {{?... is not closed with '}}'")
    if pos < len(line):
        out.append(line[pos:])
    return out


def _context(before: str, after: str) -> str:
    if before.endswith("`") and after.startswith("`"):
        return "code"
    if before.endswith("](") and after.startswith(")"):
        return "target"
    if before.endswith("[") and after.startswith("]"):
        return "link_text"
    if before.endswith(("*", "_")):
        return "emphasis"
    return "text"


def parse_shape(template: str, name: str = "") -> Shape:
    """Read a template (lines joined by "\\n"); raises `ShapeError` saying what is wrong."""
    where = f"shape {name!r}" if name else "shape"
    raw_lines = template.strip("\n").split("\n")
    if not raw_lines or not template.strip():
        raise ShapeError(f"{where}: the template is empty")
    if bad := re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", template):
        # a control character would be written into every entry of the list
        raise ShapeError(f"{where}: the template holds a control character ({bad.group()!r})")
    if len(template) > 1000:
        raise ShapeError(f"{where}: the template is {len(template)} characters; 1000 at most")
    lines: list[tuple[Part, ...]] = []
    contexts: dict[str, str] = {}
    for k, raw in enumerate(raw_lines):
        tokens = _tokens(raw.rstrip(" \t"), f"{where}, line {k + 1}")
        flat = _flatten(tokens)  # literals and markers, for contexts
        parts: list[Part] = []
        for t in tokens:
            if isinstance(t, tuple):
                parts.append(_group(t[1], flat, contexts, f"{where}, line {k + 1}"))
            elif t.startswith("\0") and t[1:] in FIELDS:
                parts.append(_field(t[1:], flat, contexts, False, "", "", where))
            else:
                parts.append(t)
        lines.append(tuple(_merged(parts)))
    _validate(lines, contexts, where)
    return Shape(name or "custom", template, tuple(lines), contexts)


def _flatten(tokens: list) -> list[str]:  # type: ignore[type-arg]
    out: list[str] = []
    for t in tokens:
        out += t[1] if isinstance(t, tuple) else [t]
    return out


def _field(
    name: str,
    flat: list[str],
    contexts: dict[str, str],
    optional: bool,
    before: str,
    after: str,
    where: str,
) -> Field:
    if name in contexts:
        raise ShapeError(f"{where}: {{{name}}} is used twice")
    i = flat.index("\0" + name)
    left = "".join(x for x in flat[:i] if not x.startswith("\0"))
    right = "".join(x for x in flat[i + 1 :] if not x.startswith("\0"))
    contexts[name] = _context(left, right)
    nxt = right.lstrip(" \t")[:1]
    guard = nxt if nxt and nxt in _PUNCTUATION and contexts[name] in ("text", "emphasis") else ""
    return Field(name, contexts[name], optional, before, after, guard)


def _group(
    items: list[str | Field], flat: list[str], contexts: dict[str, str], where: str
) -> Field:
    names = [x[1:] for x in items if isinstance(x, str) and x.startswith("\0")]
    if len(names) != 1 or names[0] not in OPTIONAL:
        raise ShapeError(
            f"{where}: an optional part {{?...}} holds exactly one of "
            "{institution}, {code}, {project}"
        )
    i = next(j for j, x in enumerate(items) if x == "\0" + names[0])
    before = "".join(str(x) for x in items[:i])
    after = "".join(str(x) for x in items[i + 1 :])
    return _field(names[0], flat, contexts, True, before, after, where)


def _merged(parts: list[Part]) -> list[Part]:
    """Adjacent literals joined; layout markers kept apart."""
    out: list[Part] = []
    for p in parts:
        if (
            isinstance(p, str)
            and out
            and isinstance(out[-1], str)
            and not p.startswith("\0")
            and not out[-1].startswith("\0")
        ):
            out[-1] += p
        else:
            out.append(p)
    return out


def _validate(lines: list[tuple[Part, ...]], contexts: dict[str, str], where: str) -> None:
    head = lines[0][:5]
    ok = (
        len(head) == 5
        and head[0] == BULLET
        and isinstance(head[1], str)
        and head[1] == "["
        and isinstance(head[2], Field)
        and head[2].name == "title"
        and head[3] == "]("
        and isinstance(head[4], Field)
        and head[4].name == "abs_url"
        and len(lines[0]) > 5
        and isinstance(lines[0][5], str)
        and lines[0][5].startswith(")")
    )
    if not ok:
        raise ShapeError(f"{where}: the first line must start with {''.join(_HEAD)}")
    for name in ("authors", "venue"):
        if name not in contexts:
            raise ShapeError(f"{where}: the template has no {{{name}}}")
    for k, parts in enumerate(lines):
        for j, p in enumerate(parts):
            if p == BULLET and (k, j) != (0, 0):
                raise ShapeError(f"{where}: {{bullet}} goes only at the start of the first line")
            if p == INDENT and (k == 0 or j != 0):
                raise ShapeError(f"{where}: {{indent}} goes only at the start of a later line")
            if p == BREAK and (j != len(parts) - 1 or k == len(lines) - 1):
                raise ShapeError(f"{where}: {{br}} goes only at the end of a line before the last")
            if isinstance(p, Field):
                if p.name in OPTIONAL and not p.optional:
                    raise ShapeError(
                        f"{where}: {{{p.name}}} may be unknown: put it in an optional part, "
                        f"e.g. {{? ({{{p.name}}})}}"
                    )
                if p.name in ("code", "project") and p.context != "target":
                    raise ShapeError(
                        f"{where}: {{{p.name}}} is a link target: [label]({{{p.name}}})"
                    )
        if k and (not parts or parts[0] != INDENT):
            raise ShapeError(f"{where}: a later line starts with {{indent}}")
        _fields_apart(parts, where)
    if contexts.get("abs_url") != "target":
        raise ShapeError(f"{where}: the first line must start with {''.join(_HEAD)}")


def _fields_apart(parts: tuple[Part, ...], where: str) -> None:
    """Two running-text fields with only spaces between them (`{authors} {venue}`) cannot be
    told apart when an entry is read back, and trying every split of the words between them
    takes time that grows with a power of the line's length: the template must put
    punctuation between them (`{authors}, {venue}`, `{authors} ({venue})`)."""
    previous: Field | None = None
    between = ""
    for p in parts:
        if isinstance(p, Field):
            gap = between + p.before
            if (
                previous is not None
                and p.context == previous.context == "text"
                and not gap.strip()
            ):
                raise ShapeError(
                    f"{where}: {{{previous.name}}} and {{{p.name}}} have only spaces between "
                    f"them; put punctuation there, e.g. {{{previous.name}}}, {{{p.name}}}"
                )
            previous, between = p, p.after
        elif p in (BULLET, INDENT, BREAK):
            previous, between = None, ""
        else:
            between += p


# ----------------------------------------------------------------------------------------------
# Recognising


def stops(f: Field) -> str:
    """Characters a field's text never holds unescaped when written in running text: `|`
    (a table cell), its guard, and commas in a venue or institution (fields a comma may
    separate); the authors' own separators are commas, so a comma never stops them."""
    stop = "|" + f.guard
    if f.context == "text" and f.name in ("venue", "institution"):
        stop += ","
    if f.context == "emphasis":
        stop += "*"
    if f.name == "authors":
        stop = stop.replace(",", "")
    return stop


def _value_pattern(f: Field) -> str:
    if f.context == "link_text":
        return r"(?!!\[)(?:[^\[\]\\`]|\\.|`[^`]*`|\[(?:[^\[\]\\]|\\.)*\])*"
    if f.context == "target":
        return r"[^\s()<>]+"
    if f.context == "code":
        return r"[^`]*"
    return r"(?:[^\\" + re.escape(stops(f)) + r"]|\\.)+?"


def _literal(text: str) -> str:
    """A literal of the template: its spaces may be any run of spaces and tabs."""
    out = []
    for chunk in re.split(r"( +)", text):
        if chunk.startswith(" "):
            out.append(r"[ \t]+")
        elif chunk:
            out.append(re.escape(chunk))
    return "".join(out)


def _line_pattern(parts: tuple[Part, ...], last: bool) -> re.Pattern[str]:
    out = []
    for p in parts:
        if p == BULLET:
            out.append(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?")
        elif p == INDENT:
            out.append(r"[ \t]*")
        elif p == BREAK:
            out.append(r"[ \t]*(?:\\|<br\s*/?>)?")
        elif isinstance(p, Field):
            value = f"(?P<{p.name}>{_value_pattern(p)})"
            if p.optional:
                at = f"(?P<{_AT}{p.name}>)"
                out.append(f"{at}(?:{_literal(p.before)}{value}{_literal(p.after)})?")
            else:
                out.append(value)
        else:
            out.append(_literal(p))
    # more links, notes or comments after the last part: `| [bibtex](…)`, `[Project Page](…)`
    # (a field never holds an unescaped `|`, `[` or `<`, so none starts inside one)
    tail = r"(?:[ \t]+[|\[<].*?)?" if last else ""
    return re.compile("".join(out) + tail + r"[ \t]*", re.IGNORECASE)


# ----------------------------------------------------------------------------------------------
# The presets


@functools.cache
def presets() -> dict[str, Shape]:
    """The shapes in `data/shapes.toml`, by name, in the file's order."""
    import tomllib
    from importlib import resources

    text = resources.files("arxiv2entry").joinpath("data/shapes.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return {name: parse_shape(row["template"], name) for name, row in data.items()}


@functools.cache
def shape(name_or_template: str) -> Shape:
    """A preset by name, or a template of a list's own; raises `ShapeError`."""
    known = presets()
    if name_or_template in known:
        return known[name_or_template]
    if "{" not in name_or_template:
        raise ShapeError(
            f"unknown shape {name_or_template!r}; known: {', '.join(known)}, or a template "
            'such as "{bullet}[{title}]({abs_url}), {authors}, {venue}"'
        )
    return parse_shape(name_or_template.replace("\\n", "\n"))
