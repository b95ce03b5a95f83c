"""The year of each mention: written with the name ("CVPR'25", "2025 IEEE ... (ITSC)"), alone
elsewhere in the sentence, or that of a journal the conference presents."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

from arxiv2entry.venue.mentions import _Mention
from arxiv2entry.venue.table import VenueTable
from arxiv2entry.venue.text import _MONTH, _ORDINAL, _ORG, _VENUE_WORD, _Y4, _lazy

_NOT_A_YEAR_AFTER = r"(?!\s*(?:pages?|pp|figures?|figs?|tables?|refs?|references|%|k\b|m\b))"
_YEAR_AFTER = _lazy(
    rf"""(?:
        \s*[']\s*(?P<q>{_Y4}|\d\d)(?!\d)                 # CVPR'25, SIGGRAPH Asia'2025
      | \s*-?\s*(?P<f>{_Y4})(?!\d)(?:\.\d{{1,2}}(?!\d))?    # CVPR2025, ICCV-2025, TMLR 2025.03
      | -?(?P<g>\d\d)(?![\w])                               # CVPR25, IJCAI-25
      | [ ](?P<s>\d\d)(?![\w.%]){_NOT_A_YEAR_AFTER}         # ECCV 26
      | \s*,\s*(?P<c>{_Y4})(?!\d)                           # CVPR, 2025
      | \s*\(\s*(?P<p>{_Y4})(?:\.\d{{1,2}})?\s*\)           # BMVC (2025)
      | \s+in\s+(?P<i>{_Y4})(?!\d)                          # (ModRef) in 2015
      | \s+{_MONTH}\s*(?P<m>{_Y4})(?!\d)                    # TMLR August 2025
    )""",
    re.X | re.I,
)

_YEAR_BEFORE = _lazy(
    rf"(?<![\d.:/])(?P<y>{_Y4})(?:\s*(?:{_ORG}|{_ORDINAL}|annual|the))*\s*[-']?\s*$", re.I
)
_ANY_Y4 = _lazy(rf"(?<![\d.])(?P<y>{_Y4})(?![\d])")
_COPYRIGHT = _lazy(r"(?:copyright|©|\(c\))\s*$", re.I)

_SKIP_BRACKETS = _lazy(r"\s*\)|\s*\([^()]*\)")


def _attach_year(s: str, m: _Mention, table: VenueTable, updated: date) -> None:
    """Find the year written with the name: after it ("CVPR'25", "ACL Findings 2025", "(RSS)
    2025"), before it ("2026ACL", "the 2025 IEEE/CVF Conference on ..."), or at the start of the
    full name an acronym in brackets stands for ("2025 IEEE ... Conference (ITSC)")."""
    pos = m.end
    for _ in range(6):
        y = _YEAR_AFTER.match(s, pos)
        if y:
            year = _year_value(y, updated)
            if y.group("g") and m.venue is None and len(m.acronym) < 3:
                year = None  # "FV03" is a code, "AVSS25" a venue and its year
            if year is not None:
                m.year, m.written, m.attached, m.tail = year, True, True, y.end()
                return
        t = table._track_re.match(s, pos) if table._track_re else None
        if t and t.end() > pos:
            m.skipped.append(t.group().strip(" -:,").lower())
            pos = t.end()
            continue
        p = _SKIP_BRACKETS.match(s, pos)
        if p and not _ANY_Y4.search(p.group()):
            pos = p.end()
            continue
        break
    m.tail = max(m.end, pos if m.skipped else m.end)
    if m.venue is None:
        more = _NAME_THEN_YEAR.match(s, m.end)
        if more and not any(_is_track_or_month(w, table) for w in more.group("words").split()):
            year = int(more.group("y"))
            if _plausible(year, updated):
                m.end = more.start("y") - 1
                m.acronym = s[m.start : m.end].strip()
                m.year, m.written, m.attached, m.tail = year, True, True, more.end()
                return
    before = _YEAR_BEFORE.search(s[: m.start])
    if before:
        year = int(before.group("y"))
        if _plausible(year, updated):
            m.year, m.written, m.attached = year, True, True
            return
    opening = s[: m.start].rstrip()
    if opening.endswith("("):
        phrase = re.split(r"[;()]", opening[:-1])[-1]
        years = {int(y.group("y")) for y in _ANY_Y4.finditer(phrase)}
        years = {y for y in years if _plausible(y, updated)}
        if len(years) == 1:
            m.year, m.written = years.pop(), True


# "MT Summit 2025", "ISPRS Geospatial Week 2025": an acronym plus a word or two is the name.
_NAME_THEN_YEAR = _lazy(rf"(?P<words>(?:\s+[A-Z][a-z]+){{1,2}})\s+(?P<y>{_Y4})(?!\d)")


def _is_track_or_month(word: str, table: VenueTable) -> bool:
    if re.fullmatch(_MONTH, word, re.I) or _VENUE_WORD.fullmatch(word):
        return True
    return bool(table._track_re and table._track_re.fullmatch(word))


def _year_value(y: re.Match[str], updated: date) -> int | None:
    for name in ("q", "f", "g", "s", "c", "p", "i", "m"):
        text = y.group(name)
        if text is None:
            continue
        year = int(text)
        if name == "g" and re.match(rf"\s*\(?\s*{_Y4}(?!\d)", y.string[y.end() :]):
            return None  # "NTA11 2025", "FV03 (2006)": the digits are part of the name
        if len(text) == 2:
            year += 2000 if 2000 + year <= updated.year + 1 else 1900
            if name in ("g", "s") and not updated.year - 20 <= year <= updated.year + 1:
                return None
        return year if _plausible(year, updated) else None
    return None


def _plausible(year: int, updated: date) -> bool:
    return 1980 <= year <= updated.year + 1


def _lone_year(s: str, mentions: list[_Mention], updated: date) -> None:
    """A sentence with one stray year ("Presented at the RSS Space Robotics Workshop 2025")
    gives it to a venue named without one."""
    if not any(not m.written for m in mentions):
        return
    spans = [(m.start, m.tail) for m in mentions if m.written]
    years = set()
    for y in _ANY_Y4.finditer(s):
        if any(a <= y.start() < b + 6 for a, b in spans):
            continue
        if _COPYRIGHT.search(s[: y.start()]):
            continue
        value = int(y.group("y"))
        if updated.year - 15 <= value <= updated.year + 1:
            years.add(value)
    if len(years) == 1:
        year = years.pop()
        for m in mentions:
            if not m.written:
                m.year, m.written = year, True


def _journal_track_years(s: str, mentions: list[_Mention]) -> None:
    """ "ACM Transactions on Graphics 2025 (SIGGRAPH journal track)": the conference that
    presents a journal paper takes the journal's year."""
    for a, b in pairwise(mentions):
        gap = s[min(a.tail, b.start) : b.start] if a.tail <= b.start else ""
        if not re.fullmatch(r"[\s(),/&:]*(?:and\s*)?(?:ACM\s*|IEEE\s*)?", gap):
            continue
        for x, y in ((a, b), (b, a)):
            if x.is_journal and x.written and y.venue and not y.is_journal and not y.written:
                y.year, y.written = x.year, True
