"""What `check` reports, each finding a kind from `lists.rules` (its code and severity): entries
a reader sees broken (a line break missing, a venue line that is not the list's format, an
empty institution, a link that is not the entry's own), data that is wrong (a link whose text
names another paper, one id under two titles, a paper twice in a section), what is worth a look
(a paper in two sections, a bare link waiting for `expand`), and whitespace nobody sees.

What is visible is decided by GitHub's rules (CommonMark): a line ending after two or more
spaces (or a backslash, or `<br>`) is a line break; after fewer spaces, or a tab, the next line
joins this one; at the end of a paragraph, spaces are nothing. The mechanical kinds carry a
`fix`: the line's new content, whitespace at its end changed and nothing else.

Read-only and alone in its module: the pre-commit hook needs the parse and this, nothing that
edits a list or fetches a paper.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from difflib import SequenceMatcher

from arxiv2entry.lists.model import Document, Finding, ListEntry
from arxiv2entry.lists.rules import by_name
from arxiv2entry.lists.text import _LINK, _VENUE_LINE, _arxiv, _looks_arxiv

__all__ = ["check"]

_ID_IN_TEXT = re.compile(r"(?<![\w.])(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\b")
_SECOND_VENUE = re.compile(r"\*\*\[`([^`]*)`\][ \t]*\[`([^`]*)`\]")
# `**[`ICLR 2020`] ()**`, `(``)`, `(` `)` (a code span of a space), bold closed before or after
_EMPTY_INSTITUTION = re.compile(r"[ \t]*(?:\*\*)?\[[^\]]*\](?:\*\*)?[ \t]*\([ \t`]*\)")
# what the list's format writes: the venue in a code span, inside bold
_GOOD_VENUE = re.compile(r"[ \t]*\*\*\[`[^`]+`\]")
_PLAIN_VENUE = re.compile(
    r"[ \t]*(?:\*\*)?\[`?(?P<venue>[^`\]]*)`?\](?:\*\*)?"
    r"(?:[ \t]*\(`?(?P<inst>[^`()]*)`?\))?(?:\*\*)?"
)
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


def _finding(line: int, kind: str, message: str, fix: str | None = None) -> Finding:
    rule = by_name(kind)
    return Finding(line, message, kind, rule.code, rule.severity, fix)


def _foreign(e: ListEntry, contents: list[str]) -> list[Finding]:
    out = []
    title = _ESCAPED.sub("", e.title)
    if _TITLE_LINK.search(title) or _ACTIVE_HTML.search(title):
        out.append(_finding(e.line, "foreign-link", "the title holds a link or HTML: remove it"))
    for k, c in enumerate(contents[1:], start=1):
        line = e.link_index + k + 1
        bare = _ESCAPED.sub("", c)
        if k == 1 and (m := _ACTIVE_HTML.search(bare)):
            msg = f"raw HTML <{m.group('tag').lower()}> in the authors line: remove it"
            out.append(_finding(line, "foreign-link", msg))
        if _GLUED_LINK.search(bare):
            msg = "a link glued to another link's target, `)[`: a URL carried markdown in"
            out.append(_finding(line, "foreign-link", msg))
    return out


def _spacing(e: ListEntry, contents: list[str], tail_visible: bool) -> list[Finding]:
    """Every line of an entry but the last ends in a line break (two spaces, the list's format;
    a backslash or `<br>` also do); spaces after the last line are invisible, unless the
    paragraph goes on after it (`tail_visible`: a bare link pasted right under the entry).
    `contents` are the entry's lines (from its link line) without their endings."""
    out = []
    last = len(contents) - 1
    for k, c in enumerate(contents):
        if k < last and c.endswith("  ") and not c.endswith(("   ", "\t  ")):
            continue  # exactly two spaces: what nearly every line has, decided without `t`
        body = c.rstrip(" \t")
        t = c[len(body) :]
        line = e.link_index + k + 1
        if k < last:
            if t.endswith("  "):  # a line break all the same
                msg = "a tab before the line break" if "\t" in t else f"{len(t)} trailing spaces"
                out.append(_finding(line, "extra-spaces", f"{msg}: two spaces do", body + "  "))
                continue
            if not t and _HARD_BREAK_TAG.search(c):
                continue
            if not t:
                msg = "no line break: end the line with two spaces"
            elif t.endswith("\t"):
                msg = "a trailing tab is no line break: end the line with two spaces"
            else:
                msg = "1 trailing space is no line break: end the line with two spaces"
            out.append(_finding(line, "missing-break", msg, body + "  "))
        elif t and not tail_visible:
            msg = "trailing spaces after the entry's last line: remove them"
            out.append(_finding(line, "trailing-space", msg, body))
    return out


def _plain_authors(c: str) -> bool:
    """A line of names that is not in italics: `Ann Lee, Bo Chen`."""
    s = c.strip()
    return bool(s) and s[0] not in "*_[<!`#>|-+" and ", " in s and "](" not in s and "://" not in s


def _venue_lines(e: ListEntry, contents: list[str]) -> tuple[list[Finding], bool]:
    """What is wrong in the entry's venue line, and whether it has one; an authors line not in
    italics right under the title."""
    out = []
    has_venue = False
    for k in range(1, len(contents)):
        c = contents[k]
        line = e.link_index + k + 1
        if not _VENUE_LINE.match(c) or _LINK.match(c.lstrip(" \t*")):
            if k == 1 and _plain_authors(c):
                msg = "authors not in italics: write *Ann Lee, Bo Chen*"
                out.append(_finding(line, "plain-authors", msg))
            continue
        has_venue = True
        if not _GOOD_VENUE.match(c):
            m = _PLAIN_VENUE.match(c)
            venue = (m["venue"] or "").strip() if m else ""
            inst = (m["inst"] or "").strip() if m else ""
            want = f"**[`{venue or 'VENUE YEAR'}`]" + (f" (`{inst}`)" if inst else "") + "**"
            out.append(_finding(line, "plain-venue", f"venue not in bold code: write {want}"))
        m = _SECOND_VENUE.search(c)
        if m and not _YEAR.search(m.group(2)):
            inst = m.group(2)
            msg = f"institution written as a second venue: use (`{inst}`), not [`{inst}`]"
            out.append(_finding(line, "second-venue", msg))
        if _EMPTY_INSTITUTION.match(c):
            msg = "empty institution: fill it in or remove the ()"
            out.append(_finding(line, "empty-institution", msg))
    return out, has_venue


_GENERIC_TITLES = frozenset({"paper", "arxiv", "pdf", "link", "abs", "abstract", "preprint"})


def _title_key(title: str) -> str:
    return "".join(ch for ch in title.casefold() if ch.isalnum())


def _same_title(a: str, b: str) -> bool:
    """Whether two link texts name the same paper: the same words, give or take case,
    punctuation and a few characters (a typo, a subtitle left out). A link text that is no
    title (`Paper`, `arXiv`) names any paper."""
    if a == b or a in _GENERIC_TITLES or b in _GENERIC_TITLES or not a or not b:
        return True
    if a in b or b in a:
        return True
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.8


def _short(title: str) -> str:
    return title if len(title) <= 50 else title[:47].rstrip() + "..."


def _repeats(doc: Document) -> list[Finding]:
    """One paper twice: in one section an error, in two sections a warning (lists do it on
    purpose); one id under two titles is a wrong link, whichever of the two it is."""
    by_id: dict[str, list[ListEntry]] = {}
    for e in doc.entries:
        if e.paper_id is not None:
            by_id.setdefault(e.paper_id, []).append(e)
    out = []
    starts = [s.start for s in doc.sections]
    for paper_id, entries in by_id.items():
        if len(entries) < 2:  # nearly every paper: no title is read
            continue
        # Earlier entries by title, the first few titles only: a list that links one id a
        # thousand times must not cost a million title comparisons.
        before: dict[str, list[tuple[ListEntry, int]]] = {}
        for e in entries:
            key = _title_key(e.title)
            section = bisect_right(starts, e.link_index) - 1
            same = [
                pair
                for k in list(before)[:_TITLES_COMPARED]
                if _same_title(k, key)
                for pair in before[k]
            ]
            if before and not same:
                f = next(iter(before.values()))[0][0]
                msg = (
                    f"{paper_id} is also the link of '{_short(f.title)}' at line {f.line}: "
                    "one of the two links is wrong"
                )
                out.append(_finding(e.line, "wrong-link", msg))
            elif here := [f for f, s in same if s == section]:
                msg = f"duplicate of line {here[0].line} in the same section ({paper_id})"
                out.append(_finding(e.line, "duplicate", msg))
            elif same:
                f, s = same[0]
                where = f" under '{doc.sections[s].title}'" if s >= 0 else ""
                msg = f"also listed at line {f.line}{where} ({paper_id})"
                out.append(_finding(e.line, "listed-twice", msg))
            before.setdefault(key, []).append((e, section))
    return out


_TITLES_COMPARED = 8


def check(doc: Document) -> list[Finding]:
    """What `check` reports, sorted by line (see the module's docstring). Single-line entries
    (lists that use `- [Title](url)` only) are not held to the three-line format."""
    findings: list[Finding] = []
    bare_at = {b.index for b in doc.bare_links}
    for e in doc.entries:
        if e.paper_id is None and _looks_arxiv(e.url):
            msg = f"arXiv link without a valid id: {e.url}"
            findings.append(_finding(e.line, "bad-arxiv-link", msg))
        if e.paper_id is not None and ("." in e.title or "/" in e.title):  # an id has one
            for m in _ID_IN_TEXT.finditer(e.title):
                said = _arxiv(m.group(0))
                if said is not None and said.id != e.paper_id:
                    msg = f"link text says {said.id} but the link points to {e.paper_id}"
                    findings.append(_finding(e.line, "link-mismatch", msg))
                    break
        contents = doc.lines.contents(e.link_index, e.text_end)
        findings.extend(_foreign(e, contents))
        if e.text_end - e.link_index < 2:
            continue
        bad, has_venue = _venue_lines(e, contents)
        findings.extend(bad)
        if not has_venue:
            findings.append(_finding(e.line, "no-venue", "no venue line: add **[`VENUE YEAR`]**"))
        # an entry without its venue line may have more to come: its last line is left alone
        tail_visible = not has_venue or e.text_end in bare_at
        findings.extend(_spacing(e, contents, tail_visible))
    findings.extend(_repeats(doc))
    first = doc._by_id
    bare_first: dict[str, int] = {}
    for b in doc.bare_links:
        if b.paper_id in first:
            msg = f"bare arXiv link to a paper already at line {first[b.paper_id].line}: remove it"
        elif b.paper_id in bare_first:
            msg = f"bare arXiv link repeated from line {bare_first[b.paper_id]}: remove it"
        else:
            bare_first[b.paper_id] = b.line
            msg = "bare arXiv link: run `arxiv2entry expand`"
        findings.append(_finding(b.line, "bare-link", msg))
    return sorted(findings)
