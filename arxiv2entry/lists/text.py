"""Reading inside a line markdown-it already classified: list markers, links, venue lines,
arXiv ids in URLs, and a heading's plain text.

These patterns are shared: the parse finds entries with them, `check` reads the same lines
with them, editing matches list markers and section lookup compares plain titles. They sit
below all of those so that none imports another for them. What they match decides what a
parse finds, so the digest in the parse's memo keys (`_source_digest`) covers this file.
"""

from __future__ import annotations

import re
import unicodedata

from arxiv2entry.ids import ArxivId, IdError, match_bare, parse_id

_BULLET = re.compile(r"(?P<indent>[ \t]*)(?P<bullet>(?:[-*+]|\d{1,9}[.)])[ \t]+)?")
_LINK = re.compile(
    r"\[(?P<text>(?:[^\[\]\\`]|\\.|`[^`]*`|\[(?:[^\[\]\\]|\\.)*\])*)\]"
    r"\(\s*<?(?P<url>[^\s<>()]*(?:\([^\s()]*\)[^\s<>()]*)*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_VENUE_LINE = re.compile(r"[ \t]*(?:\*\*\[|\[(?![\[!])[^\]]*\](?!\())")


# The URL forms nearly every entry uses, to hand `parse_id` just the id: splitting 20,000 URLs
# with urllib costs more than the rest of the parse. Anything else gets the full `parse_id`.
_COMMON_URL = re.compile(
    r"https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5}(?:v\d+)?)(?:\.pdf)?", re.I
)


def _arxiv(text: str) -> ArxivId | None:
    m = _COMMON_URL.fullmatch(text)
    if m:
        return match_bare(m.group(1))
    try:
        return parse_id(text)
    except IdError:
        return None


def _looks_arxiv(url: str) -> bool:
    return "arxiv.org/" in url.lower()


_SHORTCODE = re.compile(r":[a-z0-9_+-]+:")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_INLINE_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<!--.*?-->|<[^>]*>")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MARKERS = re.compile(r"[`*~]|(?<!\w)_+|_+(?!\w)")


def _is_emoji(ch: str) -> bool:
    return (
        unicodedata.category(ch) == "So"
        or ch in "\ufe0e\ufe0f\u200d\u20e3"
        or 0x1F3FB <= ord(ch) <= 0x1F3FF
    )


def _plain(markdown: str) -> str:
    """A heading as a reader sees it, for matching names typed on the command line."""
    s = _IMAGE.sub("", markdown)
    s = _INLINE_LINK.sub(r"\1", s)
    s = _TAG.sub("", s)
    s = _SHORTCODE.sub("", s)
    s = _ESCAPE.sub(r"\1", s)
    s = _MARKERS.sub("", s)
    s = "".join(ch for ch in s if not _is_emoji(ch))
    return " ".join(s.split())
