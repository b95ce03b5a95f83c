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
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from arxiv2entry.models import Entry

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


def escape_title(title: str) -> str:
    """The link text of an entry: whitespace folded (legacy API responses hard-wrap titles),
    markup escaped; LaTeX stays as written because lists show it that way."""
    return escape_text(plain(title))


def format_authors(names: list[str] | tuple[str, ...], style: Style) -> str:
    """The authors line's text, inside `*...*`: each name made plain and escaped."""
    names = [escape_text(n) for n in map(plain, names) if n]
    if style.max_authors is not None and len(names) > style.max_authors:
        return ", ".join(names[: style.max_authors]) + " et al."
    if style.and_before_last and len(names) > 1:
        if len(names) == 2:
            return f"{names[0]} and {names[1]}"
        return ", ".join(names[:-1]) + ", and " + names[-1]
    return ", ".join(names)


def venue_line(entry: Entry, style: Style) -> str:
    venue = entry.venue.value or ""
    if style.honors and entry.honors:
        venue += "".join(f" ({h})" for h in entry.honors)
    badge = f"[`{code_text(venue)}`]"
    institution = code_text(entry.institution.value or "") if style.institution else ""
    if institution:
        badge += f" (`{institution}`)"
    parts = [f"**{badge}**"]
    if entry.code.value and (code := link_target(entry.code.value)):
        parts.append(f"[[Code]({code})]")
    if entry.project.value and (project := link_target(entry.project.value)):
        parts.append(f"[[Project]({project})]")
    return " ".join(parts)


def abs_url(paper_id: str, style: Style) -> str:
    return f"{style.scheme}://arxiv.org/abs/{paper_id}"


def render_entry(entry: Entry, style: Style = Style()) -> str:
    """Three lines, no final newline; the first two end in a hard line break."""
    paper = entry.paper
    title = escape_title(paper.title)
    authors = format_authors([a.name for a in paper.authors], style)
    lines = [
        f"{style.bullet}[{title}]({abs_url(paper.id, style)}){HARD_BREAK}",
        f"{style.indent}*{authors}*{HARD_BREAK}",
        f"{style.indent}{venue_line(entry, style)}",
    ]
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
