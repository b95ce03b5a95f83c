"""Is a service's record about this paper, and is its year the venue's?

Titles are compared folded (accents, punctuation and case gone), authors by surname, and a
service's year only within the years a preprint can be published in. Semantic Scholar and
OpenAlex date a paper by its earliest version, usually the preprint, so a year equal to the
preprint's is judged against the month of the venue's edition (`_judge_year`).

A room of its own because a wrong venue costs a curated list more than none: every reader
refuses an answer these rules do not accept, and they are the same rules for every service.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from arxiv2entry.models import Author, Paper
from arxiv2entry.venue import Venue

# A service's record of a paper is plausible only from the year before the first arXiv version
# (a paper published, then posted) to a few years after it (a long review, a journal).
_YEARS_BEFORE = 1
_YEARS_AFTER = 3
# A service year equal to the preprint's year may be the preprint's own date. It is taken as a
# conference's year only when the preprint appeared in the months before that year's edition:
# later, and that edition was already over; much earlier, and a later edition is as likely.
_MONTHS_BEFORE_EDITION = 8

_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


def _plausible(year: int, arxiv: Paper) -> bool:
    first = arxiv.published.year
    return first - _YEARS_BEFORE <= year <= first + _YEARS_AFTER


def _judge_year(
    year: object, when: object, arxiv: Paper, venue: Venue, service: str
) -> tuple[int | None, str]:
    """The venue's year from a service's `year`/date, or None with the reason it is not trusted.

    S2 and OpenAlex date a paper by its earliest version, which for most arXiv papers is the
    preprint: a year equal to the preprint's says nothing about the venue, unless the preprint
    appeared in the months before that year's edition of a conference."""
    if not isinstance(year, int) and isinstance(when, str) and re.match(r"\d{4}", when):
        year = int(when[:4])
    if not isinstance(year, int):
        return None, f"{service} gives no year"
    if not _plausible(year, arxiv):
        return None, f"{service} year {year} is implausible for a preprint of {arxiv.published}"
    first = arxiv.published
    if year != first.year:
        return year, ""
    month = venue.month
    if venue.is_journal or month is None:
        return None, (
            f"{service} year {year} is the preprint's year; it does not date {venue.short}"
        )
    if first.month <= month and month - first.month <= _MONTHS_BEFORE_EDITION:
        return year, (
            f"; the preprint appeared in {_MONTH_NAMES[first.month - 1]} {year}, before "
            f"{venue.short}'s usual month ({_MONTH_NAMES[month - 1]})"
        )
    return None, (
        f"{service} year {year} is the preprint's year ({first.isoformat()}), not that of a "
        f"{venue.short} edition"
    )


def _fold(text: str) -> str:
    """Lower-case ASCII words: accents, punctuation, LaTeX dollars and DBLP's final '.' gone."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


def _same_title(a: object, b: str) -> bool:
    return isinstance(a, str) and bool(_fold(b)) and _fold(a) == _fold(b)


def _surname(name: str) -> str:
    # DBLP tells homonyms apart with a number: "Wei Liu 0005".
    words = _fold(re.sub(r"\s+\d{4}$", "", name)).split()
    return words[-1] if words else ""


def _shares_author(names: Iterable[str], authors: Sequence[Author]) -> bool:
    theirs = {_surname(n) for n in names} - {""}
    ours = {_surname(a.name) for a in authors} - {""}
    return bool(theirs & ours)
