r"""An entry as text, in the list's own format, and the one place that makes outside text safe
for it.

Rendering is a pure function of the finished guesses and a `Style`, so that `add` and `expand`
can render in the style a README already uses and tests can compare exact bytes.

Titles, authors, venues, institutions and links come from arXiv and from services, and any of
them may hold text that markdown would read as structure: a bracket that ends the link text
early, a backtick that opens a code span, `<a href>` or `<img>`, `*` or `~` runs, a URL whose
`)` closes the link and opens another one. Every field goes through one function here for the
markdown context it lands in (link text, emphasis, code span, link target), so that an entry
renders as exactly one list item whose first link is the abs URL, whose other links are the
code and project links, and nothing else. LaTeX stays as written: only a backslash before
punctuation is doubled, so `$\pi$-GAN` reads `$\pi$-GAN` and `$\{x\}$` keeps its backslashes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from arxiv2entry.models import Entry
from arxiv2entry.shape import BREAK, BULLET, DEFAULT_SHAPE, INDENT, Field, Shape, shape, stops

HARD_BREAK = "  "  # a markdown hard line break: two trailing spaces, never stripped

# C0 and C1 controls (tab and newlines are whitespace, folded below), DEL, and the invisible
# marks that reorder or hide text (bidi embeddings, overrides and isolates, BOM).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# Always escaped in running text: they open links, code spans, HTML, emphasis, strikethrough
# and table cells.
_ALWAYS = frozenset("[]`<>*~|")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Bytes a link target may not hold as they are: markdown would end the target or the link
# there (space, `<`, `>`, parentheses, brackets), or a reader would not see them.
_URL_SAFE = re.compile(r"[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]")
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")  # not an escape: encoded as itself
_HOST = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]"  # a name with a TLD
    r"|\d{1,3}(?:\.\d{1,3}){3}"  # or an IPv4 address
)


def plain(text: str) -> str:
    """One line of visible text: controls and invisible reordering marks removed, every run
    of whitespace (newlines, tabs, NUL's neighbours) folded to one space."""
    return " ".join(_CONTROL.sub("", text).split())


def escape_text(text: str) -> str:
    """`text` (already `plain`) for running markdown text: link text or emphasis. What would
    start structure is backslash-escaped: brackets, backticks, angle brackets, `*`, `~`, `|`,
    an `_` that could open or close emphasis (not one inside a word), an `&` that would start
    an entity, and a backslash that would escape the next character (or what follows `text`)."""
    out = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch in _ALWAYS:
            out.append("\\" + ch)
        elif ch == "\\":
            # before punctuation it would escape it; at the end, whatever follows the text
            out.append("\\\\" if i == last or text[i + 1] in _PUNCTUATION else ch)
        elif ch == "_":
            inside = 0 < i < last and text[i - 1].isalnum() and text[i + 1].isalnum()
            out.append(ch if inside else "\\_")
        elif ch == "&" and _ENTITY.match(text, i):
            out.append("\\&")
        else:
            out.append(ch)
    return "".join(out)


def code_text(text: str) -> str:
    """`text` for inside a code span (the venue and institution badges): one line, and no
    backtick, which would end the span; nothing else is markup there."""
    return plain(text.replace("`", "'"))


def link_target(url: str) -> str | None:
    """`url` as a link target, or None when it is not one to write: http(s) only, a real host
    name, no user name (`https://github.com@evil.example`). Anything markdown or a reader would
    misread is percent-encoded (UTF-8), so the target is one token that ends where it should."""
    url = _CONTROL.sub("", url).strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or "@" in parts.netloc:
        return None
    if not _HOST.fullmatch(host):
        return None
    return "".join(
        ch if _URL_SAFE.match(ch) and not _LONE_PERCENT.match(url, i) else _percent(ch)
        for i, ch in enumerate(url)
    )


def _percent(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode())


@dataclass(frozen=True)
class Style:
    """The small ways lists differ; defaults are the seed list's format."""

    bullet: str = "- "
    indent: str = "  "
    and_before_last: bool = False
    scheme: str = "https"
    max_authors: int | None = None
    honors: bool = False
    institution: bool = True
    shape: str = DEFAULT_SHAPE  # a preset's name (data/shapes.toml) or a template


def escape_title(title: str) -> str:
    """The link text of an entry: whitespace folded (legacy API responses hard-wrap titles),
    markup escaped; LaTeX stays as written because lists show it that way."""
    return escape_text(plain(title))


def format_authors(
    names: list[str] | tuple[str, ...], style: Style, safe: Callable[[str], str] | None = None
) -> str:
    """The authors' text: each name made plain and safe for where it lands (`escape_text` for
    running text and emphasis, `code_text` inside a code span)."""
    safe = safe or (lambda n: escape_text(plain(n)))
    names = [safe(n) for n in names if plain(n)]
    if style.max_authors is not None and len(names) > style.max_authors:
        return ", ".join(names[: style.max_authors]) + " et al."
    if style.and_before_last and len(names) > 1:
        if len(names) == 2:
            return f"{names[0]} and {names[1]}"
        return ", ".join(names[:-1]) + ", and " + names[-1]
    return ", ".join(names)


def abs_url(paper_id: str, style: Style) -> str:
    return f"{style.scheme}://arxiv.org/abs/{paper_id}"


# A line that starts with one of these would start a list, a heading, a quote or a rule.
_BLOCK_START = re.compile(r"[-+#=>]|\d{1,9}[.)]")


def field_text(value: str, field: Field | None) -> str:
    """`value` for its place in a shape: a code span, or running text (link text, emphasis).
    In running text the characters that end the field there are escaped too (`stops`: the
    `)` of `({venue})`, a venue's commas), so that the entry reads back as the same fields."""
    if field is None or field.context == "code":
        return code_text(value)
    text = escape_text(plain(value))
    more = stops(field)
    out = []
    i = 0
    while i < len(text):  # what escape_text left unescaped: a pair `\x` stays as it is
        step = 2 if text[i] == "\\" and i + 1 < len(text) else 1
        piece = text[i : i + step]
        out.append("\\" + piece if piece in more else piece)
        i += step
    return "".join(out)


def _values(entry: Entry, style: Style, shape: Shape) -> dict[str, str | None]:
    paper = entry.paper
    fields = shape.fields
    author_field = fields["authors"]
    venue = entry.venue.value or ""
    if style.honors and entry.honors:
        venue += "".join(f" ({h})" for h in entry.honors)
    institution = entry.institution.value or "" if style.institution else ""
    return {
        "title": escape_title(paper.title),
        "abs_url": abs_url(paper.id, style),
        "authors": format_authors(
            [a.name for a in paper.authors],
            style,
            lambda n: field_text(n, author_field),
        ),
        "venue": field_text(venue, fields["venue"]),
        "institution": field_text(institution, fields.get("institution"))
        if institution and plain(institution)
        else None,
        "code": link_target(entry.code.value) if entry.code.value else None,
        "project": link_target(entry.project.value) if entry.project.value else None,
    }


def render_entry(entry: Entry, style: Style = Style()) -> str:
    """The entry in the style's shape (`three-line` by default: three lines, the first two
    ending in a hard line break, no final newline). Every field goes through the helper for
    the markdown context the shape puts it in."""
    shp = shape(style.shape)
    values = _values(entry, style, shp)
    lines = []
    for parts in shp.lines:
        out = []
        for part in parts:
            if part == BULLET:
                out.append(style.bullet)
            elif part == INDENT:
                out.append(style.indent)
            elif part == BREAK:
                out.append(HARD_BREAK)
            elif isinstance(part, Field):
                value = values.get(part.name)
                if part.optional:
                    if value:
                        out.append(part.before + value + part.after)
                elif value is not None:
                    if not "".join(out).strip(" \t") and _BLOCK_START.match(value):
                        value = "\\" + value  # a field at the start of a line stays text
                    out.append(value)
            else:
                out.append(part)
        lines.append("".join(out))
    return "\n".join(lines)


def entry_json(entry: Entry, style: Style = Style()) -> dict[str, Any]:
    """The JSON object of DESIGN.md: every value with its `*_source`, and the markdown as
    printed, so tools never have to re-render."""
    paper = entry.paper
    return {
        "id": paper.id,
        "version": paper.version,
        "title": " ".join(paper.title.split()),
        "authors": [a.name for a in paper.authors],
        "published": paper.published.isoformat(),
        "venue": entry.venue.value,
        "venue_source": entry.venue.source,
        "honors": list(entry.honors),
        "institution": entry.institution.value,
        "institution_source": entry.institution.source,
        "code": entry.code.value,
        "code_source": entry.code.source,
        "project": entry.project.value,
        "project_source": entry.project.source,
        "abs_url": abs_url(paper.id, style),
        "markdown": render_entry(entry, style),
    }


def explain(entry: Entry) -> str:
    """Where each field came from, for `--explain`: a user who doubts a venue should see the
    words it was read from."""
    rows = [
        ("venue", entry.venue),
        ("institution", entry.institution),
        ("code", entry.code),
        ("project", entry.project),
    ]
    lines = [f"{entry.paper.id}v{entry.paper.version}:"]
    for name, guess in rows:
        value = guess.value or "-"
        source = f"[{guess.source}] " if guess.source else ""
        lines.append(f"  {name:<12}{value}  {source}{guess.reason}".rstrip())
    if entry.honors:
        lines.append(f"  {'honors':<12}{', '.join(entry.honors)}  (shown with --honors)")
    return "\n".join(lines)
