"""arXiv identifiers in all the shapes people paste them, reduced to the one arXiv answers to.

Validation is local and strict (arXiv's own grammar plus real month and length checks) because
arXiv answers one malformed id with an HTTP 400 for the whole batch: a typo must cost the user
a usage error, not the other papers in the request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

# arXiv/arxiv-base arxiv/identifier: new style since 2007-04, old style before. ASCII only:
# `\d` would take full-width and Arabic-Indic digits, which arXiv does not (issue 10).
_NEW = re.compile(r"(?P<yymm>\d{4})\.(?P<num>\d{4,5})(?:v(?P<version>[1-9]\d*))?", re.ASCII)
_OLD = re.compile(
    r"(?P<archive>[a-z]+(?:-[a-z]{2,})?)(?:\.[A-Za-z-]{2,})?/(?P<yymm>\d{4})(?P<num>\d{3})"
    r"(?:v(?P<version>[1-9]\d*))?",
    re.ASCII,
)
_PREFIX = re.compile(r"^arxiv\s*:\s*", re.IGNORECASE)
_DOI = re.compile(r"^(?:(?:https?://)?(?:dx\.)?doi\.org/|doi:\s*)?10\.48550/arxiv\.", re.I)

# Hosts that put an arXiv id in their path, and the path prefixes that come before it.
_HOSTS = {
    "arxiv.org": ("abs", "pdf", "html", "format", "src"),
    "export.arxiv.org": ("abs", "pdf", "html", "format", "src"),
    "ar5iv.labs.arxiv.org": ("abs", "html"),
    "ar5iv.org": ("abs", "html"),
    "alphaxiv.org": ("abs", "overview", "pdf"),
    "huggingface.co": ("papers",),
    "hf.co": ("papers",),
}


class IdError(ValueError):
    """A string that is not an arXiv id or a URL that names one."""


@dataclass(frozen=True, order=True)
class ArxivId:
    """`id` is version-less and canonical (`math/0309136`, never `math.GT/0309136`)."""

    id: str
    version: int | None = None

    def __str__(self) -> str:
        return self.id if self.version is None else f"{self.id}v{self.version}"


def _hint(text: str) -> str:
    return (
        f"'{text}' is not an arXiv ID or URL; "
        "use e.g. 2112.07945, hep-th/9901001 or https://arxiv.org/abs/2112.07945"
    )


def match_bare(candidate: str) -> ArxivId | None:
    """The id `candidate` is exactly (`2112.07945v2`, `hep-th/9901001`), or None. For callers
    that already cut the id out of a URL they recognised: `parse_id` takes anything a user
    pastes, and costs twice as much."""
    m = _NEW.fullmatch(candidate)
    if m:
        yy, mm = int(m["yymm"][:2]), int(m["yymm"][2:])
        # 4-digit numbers until 1412, 5-digit numbers from 1501 on.
        width_ok = len(m["num"]) == (5 if (yy, mm) >= (15, 1) else 4)
        if 1 <= mm <= 12 and (yy, mm) >= (7, 4) and width_ok:
            version = int(m["version"]) if m["version"] else None
            return ArxivId(f"{m['yymm']}.{m['num']}", version)
        return None
    m = _OLD.fullmatch(candidate)
    if m:
        yy, mm = int(m["yymm"][:2]), int(m["yymm"][2:])
        # Old-style ids ran from 1991-08 to 2007-03.
        if 1 <= mm <= 12 and (yy >= 91 or (yy, mm) <= (7, 3)):
            version = int(m["version"]) if m["version"] else None
            return ArxivId(f"{m['archive']}/{m['yymm']}{m['num']}", version)
    return None


def _from_url(text: str) -> ArxivId | None:
    if "://" not in text:
        if not re.match(r"^(?:www\.)?[a-z0-9.-]+\.[a-z]{2,}/", text, re.I):
            return None
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower().removeprefix("www.")
    except ValueError:  # e.g. "http://[oops": not a URL at all
        return None
    prefixes = _HOSTS.get(host)
    if prefixes is None:
        return None
    path = unquote(parts.path).strip("/")
    first, _, rest = path.partition("/")
    if first not in prefixes or not rest:
        return None
    rest = re.sub(r"\.pdf$", "", rest, flags=re.I)
    rest = re.sub(r"^arxiv:", "", rest, flags=re.I)
    return match_bare(rest)


def parse_id(text: str) -> ArxivId:
    """Read one user-supplied id or URL; raise `IdError` with a message that says what to type."""
    raw = text.strip()
    if not raw:
        raise IdError("an empty string is not an arXiv ID; use e.g. 2112.07945")
    candidate = _DOI.sub("", raw)
    candidate = _PREFIX.sub("", candidate)
    found = match_bare(candidate) or _from_url(candidate)
    if found is None:
        raise IdError(_hint(raw))
    return found
