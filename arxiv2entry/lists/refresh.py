"""Upgrading entries in place: `arXiv 2022` becomes `CVPR 2022`, a missing code link appears.

List maintainers add papers as preprints and rarely come back when the venue is announced.
An upgrade rewrites only the parts it knows better: the `arXiv YYYY` badge of an entry's venue
line, and code or project links the line lacks. Institution, honours, other links, spacing and
line ending stay as they were. An entry with no venue badge is read by its shape (a one-line
`[T](abs), Authors, Arxiv 2021 | [github](…)`, or a list's own template): its venue is
rewritten where the shape says it is, and a missing code or project part goes where the shape
puts it, on whichever of the entry's lines that is; an entry whose "venue" holds no year (an
author, a link: the shape read it wrongly) is left alone. Pure: the CLI reads, fetches and
writes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from arxiv2entry.lists.model import Document, Edit, ListEntry, split_lines
from arxiv2entry.render import code_text, field_text, link_target
from arxiv2entry.shape import Shape

_BADGE = re.compile(r"\[`(?P<venue>[^`]*)`\]")
_PREPRINT = re.compile(r"arxiv\s*(?:\d{4})?", re.IGNORECASE)
_CODE = re.compile(
    r"\[\[?\s*code\b|\]\(https?://(?:www\.)?(?:github\.com|gitlab\.com)/[^/\s)]+/[^/\s)]+",
    re.IGNORECASE,
)
_PROJECT = re.compile(
    r"\[\[?\s*(?:project|website|home\s*page|webpage|page)\b|\]\(https?://[\w.-]+\.github\.io",
    re.IGNORECASE,
)
_URL = re.compile(r"\]\((https?://[^\s)]+)\)")
_AUTHORS = re.compile(r"^[ \t]*\*(?:[^*\\]|\\.)+\*")  # `*A, B*` after a two-line badge


@dataclass(frozen=True)
class Stale:
    """An entry worth another look: its venue line, and what that line lacks."""

    entry: ListEntry
    paper_id: str  # version-less
    index: int  # 0-based line of the venue badge
    preprint: bool  # the badge says arXiv YYYY
    code: bool  # has a code link (labelled so, or any repository link)
    project: bool  # has a project link
    urls: frozenset[str]  # every link of the entry, to never add one twice
    # An entry read by its shape (no venue badge): the shape, and where its fields are
    # (`Shape.locate`: lines counted from the entry's link line).
    shape: Shape | None = None
    where: Mapping[str, tuple[int, int, int]] = field(default_factory=dict)


def _venue_line(doc: Document, entry: ListEntry) -> int | None:
    for i in range(entry.link_index, entry.text_end):
        if "**[`" in doc.lines[i] or (i > entry.link_index and _BADGE.search(doc.lines[i])):
            return i
    return None


def stale_entries(doc: Document, shapes: Sequence[Shape] = ()) -> list[Stale]:
    """Entries still marked `arXiv YYYY`, or lacking a code link: those with a venue badge,
    and those of one of `shapes` that has a venue."""
    out = []
    for entry in doc.entries:
        if entry.paper_id is None:
            continue
        i = _venue_line(doc, entry)
        if i is None:
            if (shaped := _by_shape(doc, entry, shapes)) is not None:
                out.append(shaped)
            continue
        line = doc.lines[i]
        badge = _BADGE.search(line)
        preprint = bool(badge and _PREPRINT.fullmatch(badge["venue"].strip()))
        text = "".join(doc.lines[entry.link_index : entry.text_end])
        code, project = bool(_CODE.search(text)), bool(_PROJECT.search(text))
        urls = frozenset(_same(u) for u in _URL.findall(text))
        if preprint or not code:
            out.append(Stale(entry, entry.paper_id, i, preprint, code, project, urls))
    return out


# What a venue field holds when it is one: `arXiv`, or a year ("CVPR 2022 (Oral)", "Arxiv
# 2021", "ICCV'21"), and no link. A shape read wrongly puts an author ("Jonathan Li") or a link
# there; such an entry is left alone.
_A_VENUE = re.compile(r"[^\[\]<>]*?(?:(?:19|20)\d\d|'\d\d)\b[^\[\]<>]*")


def _by_shape(doc: Document, entry: ListEntry, shapes: Sequence[Shape]) -> Stale | None:
    lines = doc.lines.contents(entry.link_index, entry.text_end)
    # the first of `shapes` the entry is written in (as `entry_shape` finds it), read once
    found = next(((s, w) for s in shapes if (w := s.locate(lines)) is not None), None)
    if found is None or entry.paper_id is None:
        return None
    shape, where = found
    if "venue" not in where:
        return None
    k, start, end = where["venue"]
    venue = doc.lines[entry.link_index + k][start:end].strip("`")
    preprint = bool(_PREPRINT.fullmatch(venue))
    if not preprint and not _A_VENUE.fullmatch(venue):
        return None
    text = "".join(doc.lines[entry.link_index : entry.text_end])
    # a link in the shape's own code (project) part is one, whatever its host
    code = bool(_CODE.search(text)) or "code" in where or "+code" not in where
    project = bool(_PROJECT.search(text)) or "project" in where or "+project" not in where
    if not (preprint or not code):
        return None
    urls = frozenset(_same(u) for u in _URL.findall(text))
    index = entry.link_index + k
    return Stale(entry, entry.paper_id, index, preprint, code, project, urls, shape, where)


def _shaped_edit(
    doc: Document, stale: Stale, venue: str | None, code: str | None, project: str | None
) -> Edit | None:
    """The upgrade of an entry read by its shape: the venue's text replaced where it is
    written, a missing link's part put where the shape puts it."""
    assert stale.shape is not None
    first = stale.entry.link_index
    fields = stale.shape.fields
    order = list(fields)
    # line (from `first`), start, end, the field's place in the template, new text
    changes: list[tuple[int, int, int, int, str]] = []
    if venue and stale.preprint:
        k, start, end = stale.where["venue"]
        text = field_text(venue, fields["venue"])
        changes.append((k, start, end, order.index("venue"), text))
    for name, url, has in (("code", code, stale.code), ("project", project, stale.project)):
        slot = stale.where.get(f"+{name}")
        target = link_target(url) if url else None
        if target and not has and slot is not None and _same(target) not in stale.urls:
            part = fields[name]
            k, start, _ = slot
            text = f"{part.before}{target}{part.after}"
            changes.append((k, start, start, order.index(name), text))
    if not changes:
        return None
    lines = {k: doc.lines[first + k] for k, *_ in changes}
    # last place first, so that earlier places keep their columns; two parts missing side by
    # side have one place, and the one the template writes first goes in last, ending first
    for k, start, end, _, new in sorted(changes, key=lambda c: (c[0], c[1], c[3]), reverse=True):
        lines[k] = lines[k][:start] + new + lines[k][end:]
    low, high = min(lines), max(lines)
    new_lines = tuple(lines.get(k, doc.lines[first + k]) for k in range(low, high + 1))
    return Edit(first + low, first + high + 1, new_lines)


def upgrade_line(
    line: str, stale: Stale, venue: str | None, code: str | None, project: str | None
) -> str:
    """`line` with the preprint badge replaced by `venue` and the missing links appended
    after what is there, before the trailing spaces and line ending; unchanged when there is
    nothing better to say."""
    body = split_lines(line)[0] if line else line
    ending = body[len(body.rstrip("\r\n")) :]
    content = body[: len(body) - len(ending)]
    text = content.rstrip(" \t")
    tail = content[len(text) :]
    if venue and stale.preprint:
        badge = _BADGE.search(text)
        assert badge is not None
        text = f"{text[: badge.start()]}[`{code_text(venue)}`]{text[badge.end() :]}"
    # Links go at the end of a venue line, after the authors in a two-line entry (where the
    # two-line shape puts them); after anything else in emphasis there is no good place, so
    # only the badge changes.
    after = text[text.rfind("**") + 2 :] if text.count("**") >= 2 else ""
    after = _AUTHORS.sub("", after, count=1)
    code = link_target(code) if code else None
    project = link_target(project) if project else None
    if "*" not in after:
        if code and not stale.code and _same(code) not in stale.urls:
            text += f" [[Code]({code})]"
        if project and not stale.project and _same(project) not in stale.urls:
            text += f" [[Project]({project})]"
    return text + tail + ending


def upgrade_edit(
    doc: Document, stale: Stale, venue: str | None, code: str | None, project: str | None
) -> Edit | None:
    if stale.shape is not None:
        return _shaped_edit(doc, stale, venue, code, project)
    line = doc.lines[stale.index]
    new = upgrade_line(line, stale, venue, code, project)
    return None if new == line else Edit(stale.index, stale.index + 1, (new,))


def _same(url: str) -> str:
    """A link as compared: scheme, `www.`, case and a trailing slash or `.git` do not count."""
    url = re.sub(r"^https?://(?:www\.)?", "", url.strip().lower())
    return re.sub(r"(?:\.git)?/*$", "", url)
