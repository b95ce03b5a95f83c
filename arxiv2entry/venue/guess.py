"""The guess: `guess_venue` reads journal_ref and the comment and settles between them; the
comment's reason, its note on an inferred year, its honours, and why it gives no venue."""

from __future__ import annotations

from datetime import date

from arxiv2entry import limits
from arxiv2entry.limits import bounded
from arxiv2entry.models import VenueGuess
from arxiv2entry.venue.journal_ref import _from_journal_ref
from arxiv2entry.venue.mentions import _Mention
from arxiv2entry.venue.pick import _quote, _read, _render
from arxiv2entry.venue.table import VenueTable, load_venue_table
from arxiv2entry.venue.text import _clean

__all__ = ["guess_venue"]


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


def _from_comment(comment: str, updated: date, table: VenueTable) -> VenueGuess:
    text = _clean(comment)
    if not text:
        return VenueGuess(None, None, "the comment is empty")
    chosen, mentions, empty, blockers = _read(text, table, updated, trusted=False)
    bare = False
    if chosen is None:
        chosen = _only_a_venue(text, mentions)
        if chosen is None:
            return VenueGuess(None, None, _why_not(mentions, blockers))
        bare = True
    year = chosen.year if chosen.written and chosen.year else None
    note = "; the comment is the venue's name alone" if bare else ""
    if year is None:
        year = chosen.venue.edition(updated) if chosen.venue else updated.year
        note += _year_note(chosen, updated, year)
    honors = _honors([chosen.sentence, *empty], table)
    reason = f'comment says "{_quote(chosen)}"{note}'
    return VenueGuess(_render(chosen, year), "comment", reason, honors)


def _only_a_venue(text: str, mentions: list[_Mention]) -> _Mention | None:
    """A comment that is a table venue's name and nothing else (`"ICML"`, `"CVPR."`): authors
    write the venue that accepted them, so it is that venue, in the year rule's year. Only a
    venue the table knows: a bare unknown acronym may be anything."""
    if len(mentions) != 1:
        return None
    m = mentions[0]
    if m.venue is None or m.status == "negative" or m.workshop or m.findings:
        return None
    if text.strip(" .,;:!\"'()[]") != m.text():
        return None
    return m


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
    comment = bounded(comment, limits.COMMENT) if comment else comment
    journal_ref = bounded(journal_ref, limits.COMMENT) if journal_ref else journal_ref
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
