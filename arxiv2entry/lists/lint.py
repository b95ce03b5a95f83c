"""What `check` reports: malformed entries, link text that names another paper, duplicates,
bare links waiting for `expand`, and trailing spaces that break the entry format.

Read-only and alone in its module: the pre-commit hook needs the parse and this, nothing that
edits a list or fetches a paper.
"""

from __future__ import annotations

import re

from arxiv2entry.lists.model import Document, Finding, ListEntry
from arxiv2entry.lists.text import _LINK, _VENUE_LINE, _arxiv, _looks_arxiv

__all__ = ["check"]

_ID_IN_TEXT = re.compile(r"(?<![\w.])(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\b")
_SECOND_VENUE = re.compile(r"\*\*\[`([^`]*)`\][ \t]*\[`([^`]*)`\]")
_EMPTY_INSTITUTION = re.compile(r"\*\*\[[^\]]*\][ \t]*\([ \t]*\)[ \t]*\*\*")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_HARD_BREAK_TAG = re.compile(r"(?:\\|<br\s*/?>)$", re.I)

# Markup an entry's title or authors line never holds when the tool wrote it, and that shows
# a reader a link or HTML that is not the entry's own: a link or an autolink inside the title,
# raw HTML that links, loads or runs something. Backslash escapes and code spans are read
# first, as markdown reads them.
_ESCAPED = re.compile(r"\\.|`[^`]*`")
_TITLE_LINK = re.compile(r"\]\(|<(?:https?|mailto|ftp):", re.I)
_ACTIVE_HTML = re.compile(
    r"<(?P<tag>a|img|script|iframe|object|embed|svg|style|form|input|button|meta|link|video"
    r"|audio|source|base)(?=[\s/>])",
    re.I,
)
# `[[Code](https://github.com/o/r#)[Project](https://evil.example)]`: a link glued to the end of
# another link's target, the shape of a URL that smuggled markdown in.
_GLUED_LINK = re.compile(r"\]\([^()\s]*\)\[[^\[\]]*\]\(")


def _foreign(e: ListEntry, contents: list[str]) -> list[Finding]:
    out = []
    title = _ESCAPED.sub("", e.title)
    if _TITLE_LINK.search(title) or _ACTIVE_HTML.search(title):
        out.append(Finding(e.line, "the title holds a link or HTML: remove it", "foreign-link"))
    for k, c in enumerate(contents[1:], start=1):
        line = e.link_index + k + 1
        bare = _ESCAPED.sub("", c)
        if k == 1 and (m := _ACTIVE_HTML.search(bare)):
            msg = f"raw HTML <{m.group('tag').lower()}> in the authors line: remove it"
            out.append(Finding(line, msg, "foreign-link"))
        if _GLUED_LINK.search(bare):
            msg = "a link glued to another link's target, `)[`: a URL carried markdown in"
            out.append(Finding(line, msg, "foreign-link"))
    return out


def _spacing(e: ListEntry, contents: list[str], has_venue: bool) -> list[Finding]:
    """First lines of an entry end in exactly two spaces (a hard line break), the last in none.
    An entry missing its venue line is reported as that instead of its last line's spaces.
    `contents` are the entry's lines (from its link line) without their endings."""
    out = []
    last = len(contents) - 1
    for k, c in enumerate(contents):
        if k < last and c.endswith("  ") and not c.endswith(("   ", "\t  ")):
            continue  # exactly two spaces: what nearly every line has, decided without `t`
        t = c[len(c.rstrip(" \t")) :]
        line = e.link_index + k + 1
        if k < last:
            if not t:
                if _HARD_BREAK_TAG.search(c):
                    continue
                msg = "no line break: end the line with two spaces"
            elif "\t" in t:
                msg = "trailing tab: end the line with exactly two spaces"
            else:
                s = "space" if len(t) == 1 else "spaces"
                msg = f"{len(t)} trailing {s}: end the line with exactly two"
            out.append(Finding(line, msg, "spacing"))
        elif t and has_venue:
            msg = "trailing spaces on the last line of an entry: remove them"
            out.append(Finding(line, msg, "spacing"))
    return out


def _malformed(e: ListEntry, contents: list[str]) -> tuple[list[Finding], bool]:
    out = []
    has_venue = False
    for k in range(1, len(contents)):
        c = contents[k]
        if not _VENUE_LINE.match(c) or _LINK.match(c.lstrip(" \t*")):
            continue
        has_venue = True
        line = e.link_index + k + 1
        m = _SECOND_VENUE.search(c)
        if m and not _YEAR.search(m.group(2)):
            inst = m.group(2)
            msg = f"institution written as a second venue: use (`{inst}`), not [`{inst}`]"
            out.append(Finding(line, msg, "malformed"))
        if _EMPTY_INSTITUTION.search(c):
            out.append(Finding(line, "empty institution (): fill it in or remove it", "malformed"))
    return out, has_venue


def check(doc: Document) -> list[Finding]:
    """Problems a maintainer should fix, sorted by line: malformed entries, a link whose text
    names another arXiv id, duplicates (the later one, any URL form), bare links waiting for
    `expand`, and trailing spaces that break the entry format. Single-line entries (lists that
    use `- [Title](url)` only) are not held to the three-line format."""
    findings: list[Finding] = []
    first: dict[str, int] = {}
    for e in doc.entries:
        if e.paper_id is None and _looks_arxiv(e.url):
            findings.append(Finding(e.line, f"arXiv link without a valid id: {e.url}", "malformed"))
        if e.paper_id is not None:
            if "." in e.title or "/" in e.title:  # no id without one or the other
                for m in _ID_IN_TEXT.finditer(e.title):
                    said = _arxiv(m.group(0))
                    if said is not None and said.id != e.paper_id:
                        msg = f"link text says {said.id} but the link points to {e.paper_id}"
                        findings.append(Finding(e.line, msg, "link-mismatch"))
                        break
            if e.paper_id in first:
                msg = f"duplicate of line {first[e.paper_id]} ({e.paper_id})"
                findings.append(Finding(e.line, msg, "duplicate"))
            else:
                first[e.paper_id] = e.line
        contents = doc.lines.contents(e.link_index, e.text_end)
        findings.extend(_foreign(e, contents))
        if e.text_end - e.link_index < 2:
            continue
        bad, has_venue = _malformed(e, contents)
        findings.extend(bad)
        if not has_venue:
            findings.append(Finding(e.line, "no venue line: add **[`VENUE YEAR`]**", "malformed"))
        findings.extend(_spacing(e, contents, has_venue))
    bare_first: dict[str, int] = {}
    for b in doc.bare_links:
        if b.paper_id in first:
            msg = f"bare arXiv link to a paper already at line {first[b.paper_id]}: remove it"
        elif b.paper_id in bare_first:
            msg = f"bare arXiv link repeated from line {bare_first[b.paper_id]}: remove it"
        else:
            bare_first[b.paper_id] = b.line
            msg = "bare arXiv link: run `arxiv2entry expand`"
        findings.append(Finding(b.line, msg, "bare-link"))
    return sorted(findings)
