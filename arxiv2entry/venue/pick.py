"""Reading a whole text: every sentence analysed, the doubt a pending submission casts over the
rest, the mention chosen, and how it is printed (`CVPRW 2025`, `ACL 2025 (Findings)`)."""

from __future__ import annotations

import re
from datetime import date

from arxiv2entry.venue.acceptance import _NOT_ACCEPTED, _analyse
from arxiv2entry.venue.mentions import _Mention
from arxiv2entry.venue.table import VenueTable
from arxiv2entry.venue.text import _lazy, _sentences

# A comment that is "Under review" without naming where still says: not accepted yet.
_GLOBAL_NEGATIVE = _lazy(
    r"\b(?:under[\s-]*review\w*|underreview\w*|in\s+submission|under\s+submission"
    r"|submi(?:tted|ted|t)\s+(?:to|for|at)|(?:to|will)\s+be\s+submitted|rejected)\b",
    re.I,
)


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
