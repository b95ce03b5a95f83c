"""Text pieces every step shares: the lazily compiled pattern, the fragments for years, months,
ordinals and organisations, and how a comment is cleaned and split into sentences."""

from __future__ import annotations

import re
from typing import Any, cast


class _LazyPattern:
    """A regular expression compiled on first use: the CLI imports the venue package on every run,
    most runs never guess a venue, and compiling these patterns costs tens of milliseconds."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)


def _lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))


_Y4 = r"(?:19|20)\d\d"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)

_ORDINAL = (
    r"(?:\d+(?:st|nd|rd|th)|(?:[a-z]+-)?(?:first|second|third|fourth|fifth|sixth|seventh"
    r"|eighth|ninth|tenth|eleventh|twelfth|[a-z]*teenth|[a-z]*tieth))"
)
_ORG = r"(?:IEEE/CVF|IEEE/RSJ|IEEE/ACM|IEEE|ACM|CVF|AAAI|ISCA|SIAM)"

_URL = _lazy(
    r"(?:(?:https?://|www\.)\S+?|\b[\w.-]+\.(?:github\.io|com|org|net|io|ai|edu|cn|de|fr|uk)"
    r"(?:/\S*?)?)(?=[.,;:)\]]*(?:\s|$))|\\url\{[^}]*\}",
    re.I,
)

_VENUE_WORD = _lazy(
    r"\b(?:conference|symposium|workshop|meeting|congress|journal|transactions|letters|forum"
    r"|proceedings|colloquium|summit|society)\b",
    re.I,
)

_ABBREVIATIONS = frozenset(
    """proc conf int intl trans vol no nos pp vs al e.g i.e fig figs eq sec dept univ jr dr st
    mr ms inc ltd co ed eds approx ca cf etc resp phys rev lett math soc comput sci eng res
    mach learn intell vis graph anal appl symp ann annu assoc natl acad j jan feb mar apr jun
    jul aug sep sept oct nov dec""".split()
)


_PUNCTUATION = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "`": "'",
        "\u00b4": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)


def _clean(text: str) -> str:
    """Drop URLs (a venue inside a URL is not a statement), normalise quotes and spaces, and
    read a misspelt track word as the word it obviously is."""
    text = _URL.sub(" ", text)
    text = text.translate(_PUNCTUATION)
    text = _TRACK_TYPO.sub(_spelt_right, text)
    return re.sub(r"\s+", " ", text).strip()


# The track words a comment may misspell ("ACL Findngs 2025", "EMNLP Fidnings", "CVPR
# Workshp"). Left misspelt, the venue would read as the main conference: a wrong venue.
_TRACK_WORDS = ("findings", "workshop", "workshops")
_TRACK_TYPO = _lazy(r"\b[FfWw][A-Za-z]{5,9}\b")


def _spelt_right(m: re.Match[str]) -> str:
    word = m.group()
    low = word.lower()
    if low in _TRACK_WORDS or low == "finding":  # "a key finding" is a word, not a typo
        return word
    for right in _TRACK_WORDS:
        if _one_edit(low, right):
            return word[0] + right[1:]
    return word


def _one_edit(a: str, b: str) -> bool:
    """One letter dropped, added, changed, or two neighbours swapped (Damerau distance 1)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _sentences(text: str) -> list[str]:
    """Split on sentence ends and semicolons: what one sentence says about a venue does not
    carry over to a venue named in the next ("Accepted to CVPR 2025. Extended version ...")."""
    out: list[str] = []
    start = 0
    for m in re.finditer(r"[.;!?](?=\s|$)|\s[|•]\s", text):
        if m.group() == ".":
            word = re.search(r"(?<![A-Za-z0-9-])([A-Za-z.-]+)$", text[start : m.start()])
            w = word.group(1).lower() if word else ""
            if word and (
                len(w) <= 1 or w in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+[a-z]?", w)
            ):
                continue
        piece = text[start : m.start()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    piece = text[start:].strip()
    if piece:
        out.append(piece)
    return out
