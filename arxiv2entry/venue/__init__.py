"""Read the venue an arXiv record says *this* paper was accepted at or published in.

A curated list is read by people who trust it, so a wrong venue costs more than `arXiv 2025`:
every rule here answers only when the record says the paper was accepted, appears, or was
published, and returns None (with the reason) when unsure. The rules are linguistic and
table-driven (`data/venues.toml`); nothing here knows individual papers.

The record's own words come in two places. `journal_ref` is the authors' statement of where the
paper was published, so it is read first and trusted as is. The comment is free text
("Accepted to CVPR 2025 (Oral)", "Submitted to ICCV2025", "Extension of our AAAI 2024 paper"),
so each venue it names is judged by the phrases around it.
"""

from __future__ import annotations

import re
from datetime import date

from arxiv2entry.models import VenueGuess
from arxiv2entry.venue.acceptance import _NOT_ACCEPTED, _analyse
from arxiv2entry.venue.mentions import _Mention
from arxiv2entry.venue.table import Venue, VenueTable, load_venue_table
from arxiv2entry.venue.text import _MONTH, _ORDINAL, _Y4, _clean, _lazy, _sentences
from arxiv2entry.venue.years import _plausible

__all__ = ["Venue", "VenueTable", "guess_venue", "load_venue_table"]


# --------------------------------------------------------------------------------- text pieces

# A comment that is "Under review" without naming where still says: not accepted yet.
_GLOBAL_NEGATIVE = _lazy(
    r"\b(?:under[\s-]*review\w*|underreview\w*|in\s+submission|under\s+submission"
    r"|submi(?:tted|ted|t)\s+(?:to|for|at)|(?:to|will)\s+be\s+submitted|rejected)\b",
    re.I,
)


# --------------------------------------------------------------------------------- the guess


def _honors(texts: list[str], table: VenueTable) -> tuple[str, ...]:
    found: list[tuple[int, int, str]] = []
    for k, text in enumerate(texts):
        claimed: list[tuple[int, int]] = []
        for name, rx in table._honor_res:
            for m in rx.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in claimed):
                    continue
                claimed.append((m.start(), m.end()))
                found.append((k, m.start(), name))
    found.sort()
    return tuple(dict.fromkeys(name for _, _, name in found))


def _render(m: _Mention, year: int) -> str:
    label = m.venue.label(year) if m.venue else m.acronym
    if m.workshop:
        return f"{label}W {year}"
    if m.findings:
        return f"{label} {year} (Findings)"
    return f"{label} {year}"


def _quote(m: _Mention) -> str:
    s = m.sentence
    if len(s) <= 90:
        return s
    a = m.cue_at if m.cue_at is not None and m.cue_at < m.start else m.start
    a = max(0, min(a, m.start))
    b = max(m.tail, m.end)
    return s[a:b].strip(" ,;")


def _pick(mentions: list[_Mention]) -> _Mention | None:
    live = [m for m in mentions if m.valid and m.status in ("accepted", "bare")]
    if not live:
        return None
    # A written year beats an inferred one; a conference presenting a journal paper ("SIGGRAPH
    # 2025 / ACM TOG") is the venue the list wants; a known venue beats a bare acronym.
    return min(
        live,
        key=lambda m: (
            not m.written,
            not m.written and m.venue is None,
            m.is_journal,
            not m.attached,
            m.order,
        ),
    )


def _read(
    text: str, table: VenueTable, updated: date, trusted: bool
) -> tuple[_Mention | None, list[_Mention], list[str], list[str]]:
    """Every mention in the text, the chosen one, and the sentences without any venue."""
    sentences = _sentences(text) if not trusted else [text.split(";")[0]]
    mentions: list[_Mention] = []
    empty: list[str] = []
    blockers: list[str] = []
    for s in sentences:
        found, named = _analyse(s, table, updated, trusted)
        for m in found:
            m.order = len(mentions)
            mentions.append(m)
        if not named:
            empty.append(s)
            if not trusted and (g := _GLOBAL_NEGATIVE.search(s)):
                blockers.append(s if len(s) <= 90 else g.group())
    # A comment that says the paper is still under review somewhere has not been accepted
    # anywhere else either, unless it says so in so many words: "Presented at MSLD 2026 ...
    # Under submission at COLM 2026" names a talk, not the paper's venue.
    pending = [m for m in mentions if m.status == "negative" and m.why == _NOT_ACCEPTED]
    if blockers or pending:
        doubt = blockers[0] if blockers else _quote(pending[0])
        for m in mentions:
            if m.valid and not m.firm:
                m.valid, m.status = False, "negative"
                m.why = f'the comment also says "{doubt}"'
    return _pick(mentions), mentions, empty, blockers


def _from_comment(comment: str, updated: date, table: VenueTable) -> VenueGuess:
    text = _clean(comment)
    if not text:
        return VenueGuess(None, None, "the comment is empty")
    chosen, mentions, empty, blockers = _read(text, table, updated, trusted=False)
    if chosen is None:
        return VenueGuess(None, None, _why_not(mentions, blockers))
    year = chosen.year if chosen.written and chosen.year else None
    note = ""
    if year is None:
        year = chosen.venue.edition(updated) if chosen.venue else updated.year
        note = _year_note(chosen, updated, year)
    honors = _honors([chosen.sentence, *empty], table)
    reason = f'comment says "{_quote(chosen)}"{note}'
    return VenueGuess(_render(chosen, year), "comment", reason, honors)


_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


def _year_note(m: _Mention, updated: date, year: int) -> str:
    when = updated.isoformat()
    if m.venue is None or m.venue.is_journal or m.venue.month is None:
        return f"; no year given, so the year of the version ({when})"
    accept = m.venue.accept_month or (m.venue.month - 5) % 12 + 1
    return (
        f"; no year given: {m.venue.short} decisions usually come out in "
        f"{_MONTH_NAMES[accept - 1]}, so a version dated {when} means {m.venue.short} {year}"
    )


def _why_not(mentions: list[_Mention], blockers: list[str]) -> str:
    negative = [m for m in mentions if m.status == "negative"]
    if negative:
        m = negative[0]
        return f'comment says "{_quote(m)}": {m.why}'
    if blockers:
        return f'comment says "{blockers[0]}": not an acceptance'
    invalid = [m for m in mentions if not m.valid]
    if invalid:
        m = invalid[0]
        return f'comment names "{m.text()}": {m.why or "not an acceptance"}'
    return "the comment names no venue"


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


def guess_venue(
    comment: str | None,
    journal_ref: str | None,
    updated: date,
    table: VenueTable | None = None,
) -> VenueGuess:
    """The venue this arXiv version's own metadata says the paper was accepted at.

    `updated` is the date of the version the comment belongs to: it settles the year when the
    comment names a venue without one. journal_ref is the authors' statement of publication, so
    it wins over the comment; honours (Oral, Spotlight, ...) come from the comment either way
    when it names the same venue. Returns venue None (source None) when the record does not say
    the paper was accepted or published; the reason says why.
    """
    table = table or load_venue_table()
    from_ref: VenueGuess | None = None
    if journal_ref and journal_ref.strip():
        from_ref = _from_journal_ref(journal_ref, updated, table)
    from_comment = _from_comment(comment, updated, table) if comment and comment.strip() else None
    if from_ref is not None and from_ref.venue is not None:
        honors: tuple[str, ...] = ()
        if from_comment is not None and from_comment.venue == from_ref.venue:
            honors = from_comment.honors
        return VenueGuess(from_ref.venue, "journal_ref", from_ref.reason, honors)
    if from_comment is not None:
        if from_ref is not None and from_comment.venue is None:
            reason = f"{from_ref.reason}; {from_comment.reason}"
            return VenueGuess(None, None, reason)
        return from_comment
    if from_ref is not None:
        return from_ref
    return VenueGuess(None, None, "no comment and no journal_ref")
