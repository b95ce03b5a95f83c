"""Reading journal_ref, the authors' statement of where the paper was published: read like a
sentence of a comment but trusted, so no acceptance phrase is needed; else the name as written
("Phys. Rev. B 75, 134405 (2007)" is `Phys. Rev. B 2007`)."""

from __future__ import annotations

import re
from datetime import date

from arxiv2entry.models import VenueGuess
from arxiv2entry.venue.pick import _read, _render
from arxiv2entry.venue.table import VenueTable
from arxiv2entry.venue.text import _MONTH, _ORDINAL, _Y4, _clean, _lazy
from arxiv2entry.venue.years import _plausible

# journal_ref: names as written ("Phys. Rev. B 75, 134405 (2007)" is `Phys. Rev. B 2007`).
_JR_LEAD = _lazy(
    rf"^(?:in(?:\s+|(?=proc)))?(?:proc(?:eedings|\.)?\s*(?:of\s+)?)?(?:the\s+)?(?:{_ORDINAL}\s+)?",
    re.I,
)
_JR_CUT = _lazy(
    r"\s*,?\s*(?:\b(?:vol(?:ume)?|v|no|nr|issues?|pp|pages?)\b\.?\s*:?\s*\d|\d|\(|;"
    r"|\b(?:Springer|Elsevier|Wiley|Kluwer)\b)",
    re.I,
)
_JR_TRAIL = _lazy(rf"(?:[\s,;:-]+{_MONTH})?[\s,;:-]*$", re.I)
_AUTHORS = _lazy(r"^(?:[A-Z]\.\s*){1,3}[A-Z][a-z]+(?:\s*,|\.\s+[A-Z][a-z]+\s+[a-z])")


def _journal_ref_year(text: str, updated: date) -> int | None:
    updated = date(updated.year + 10, 12, 31)
    first = text.split(";")[0]
    for paren in re.findall(r"\(([^()]*)\)", first):
        years = [int(y) for y in re.findall(rf"(?<!\d)({_Y4})(?!\d)", paren)]
        years = [y for y in years if _plausible(y, updated)]
        if years:
            return years[-1]
    years = [int(y) for y in re.findall(rf"(?<![\d.])({_Y4})(?!\d)", first)]
    years = [y for y in years if _plausible(y, updated)]
    return years[-1] if years else None


def _name_as_written(text: str) -> str | None:
    t = _JR_LEAD.sub("", text.split(";")[0].strip())
    cut = _JR_CUT.search(t)
    name = _JR_TRAIL.sub("", t[: cut.start()] if cut else t).strip()
    if not (2 <= len(name) <= 80) or not name[0].isalpha():
        return None
    if _AUTHORS.match(name) or name.count(",") >= 2:
        return None
    if name.casefold() in ("arxiv", "corr", "preprint"):
        return None
    return name


def _from_journal_ref(journal_ref: str, updated: date, table: VenueTable) -> VenueGuess:
    text = _clean(journal_ref)
    if not text:
        return VenueGuess(None, None, "the journal_ref is empty")
    chosen, _, _, _ = _read(text, table, updated, trusted=True)
    quote = text if len(text) <= 90 else text[:87] + "..."
    ref_year = _journal_ref_year(text, updated)
    if chosen is not None:
        year = chosen.year if chosen.written and chosen.year else ref_year
        if year is None:
            year = chosen.venue.edition(updated) if chosen.venue else updated.year
        return VenueGuess(_render(chosen, year), "journal_ref", f'journal_ref says "{quote}"')
    name = _name_as_written(text)
    if name is None:
        return VenueGuess(None, None, f'journal_ref "{quote}" names no venue that can be shortened')
    year = ref_year or updated.year
    return VenueGuess(
        f"{name} {year}", "journal_ref", f'journal_ref says "{quote}" (name as written)'
    )
