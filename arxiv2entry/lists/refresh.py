"""Upgrading entries in place: `arXiv 2022` becomes `CVPR 2022`, a missing code link appears.

List maintainers add papers as preprints and rarely come back when the venue is announced.
An upgrade rewrites one line of an entry, its venue line, and only the parts it knows better:
the `arXiv YYYY` badge, and code or project links the line lacks. Institution, honours, other
links, spacing and line ending stay as they were. Pure: the CLI reads, fetches and writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from arxiv2entry.lists.model import Document, Edit, ListEntry, split_lines
from arxiv2entry.render import code_text, link_target

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


def _venue_line(doc: Document, entry: ListEntry) -> int | None:
    for i in range(entry.link_index, entry.text_end):
        if "**[`" in doc.lines[i] or (i > entry.link_index and _BADGE.search(doc.lines[i])):
            return i
    return None


def stale_entries(doc: Document) -> list[Stale]:
    """Entries still marked `arXiv YYYY`, or lacking a code link."""
    out = []
    for entry in doc.entries:
        if entry.paper_id is None:
            continue
        i = _venue_line(doc, entry)
        if i is None:
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
    line = doc.lines[stale.index]
    new = upgrade_line(line, stale, venue, code, project)
    return None if new == line else Edit(stale.index, stale.index + 1, (new,))


def _same(url: str) -> str:
    """A link as compared: scheme, `www.`, case and a trailing slash or `.git` do not count."""
    url = re.sub(r"^https?://(?:www\.)?", "", url.strip().lower())
    return re.sub(r"(?:\.git)?/*$", "", url)
