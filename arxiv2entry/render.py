"""An entry as text, in the list's own format.

Rendering is a pure function of the finished guesses and a `Style`, so that `add` and `expand`
can render in the style a README already uses and tests can compare exact bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from arxiv2entry.models import Entry

HARD_BREAK = "  "  # a markdown hard line break: two trailing spaces, never stripped


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
    """Fold whitespace (legacy API responses hard-wrap titles) and escape what would end the
    link text early; LaTeX stays as written because lists show it that way."""
    folded = " ".join(title.split())
    return folded.replace("[", r"\[").replace("]", r"\]")


def format_authors(names: list[str] | tuple[str, ...], style: Style) -> str:
    names = [" ".join(n.split()) for n in names]
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
    badge = f"[`{venue}`]"
    if style.institution and entry.institution.value:
        badge += f" (`{entry.institution.value}`)"
    parts = [f"**{badge}**"]
    if entry.code.value:
        parts.append(f"[[Code]({entry.code.value})]")
    if entry.project.value:
        parts.append(f"[[Project]({entry.project.value})]")
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
