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
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from arxiv2entry.models import VenueGuess
from arxiv2entry.venue.mentions import (
    _acronym_mentions,
    _findings,
    _host_intro,
    _join_names,
    _Mention,
    _merge_repeats,
    _table_mentions,
    _workshops,
)
from arxiv2entry.venue.table import Venue, VenueTable, load_venue_table
from arxiv2entry.venue.text import (
    _MONTH,
    _ORDINAL,
    _ORG,
    _VENUE_WORD,
    _Y4,
    _clean,
    _lazy,
    _sentences,
)
from arxiv2entry.venue.years import _attach_year, _journal_track_years, _lone_year, _plausible

__all__ = ["Venue", "VenueTable", "guess_venue", "load_venue_table"]


# --------------------------------------------------------------------------------- text pieces

_VENUE_WORD_AFTER = _lazy(
    r"\)?\s*(?:['-]?\s*\d{2,4})?\s*(?:conference|symposium|workshop|meeting|congress)\b", re.I
)

# What the authors say about the venue. Strong phrases state an acceptance outright and
# override an earlier "submitted to"; weak ones only make sense for an accepted paper.
_STRONG = _lazy(
    r"""\b(?:
        (?:early|provisionally|conditionally)[\s-]*accept\w*
      | provisional\s+accept\w*
      | accept(?:ed|s)?\b|accpet(?:ed)?|accpeted|acepted|accepeted
      | to\s+appear|appear(?:s|ed|ing)?\s+(?:in|at|on)|will\s+appear
      | published|in\s+press|presented|proceedings|proc\.
      | camera[\s-]*ready
    )""",
    re.X | re.I,
)
_ACCEPT = _lazy(r"accep|accp|acep", re.I)
_WEAK = _lazy(
    r"""\b(?:
        publication|presentation|conference\s+paper|main\s+(?:conference|track)|mains?
      | [o0]ral|spotlight|highlight|poster|best\s+(?:student\s+)?paper|outstanding\s+paper
      | award\w*|notable[\s-]+top|findings
    )\b""",
    re.X | re.I,
)
_SEGMENT_IN = _lazy(r"(?:^|[,;:(])\s*(?P<c>in)\s+(?!submission|review|preparation)", re.I)
_NEGATIVE = _lazy(
    r"""\b(?:
        submi(?:t|ts|tted|ted|tting|ssion|ssions)\b
      | under[\s-]*(?:review|reviewed|reviewing|consideration|revision|submission)
      | underreview\w*
      | in\s+(?:review|submission|preparation)
      | rejected
      | (?:to|will)\s+be\s+submitted|intend\w*\s+to\s+submit|plan(?:s|ned|ning)?\s+(?:for|to)\b
      | preprint\s+(?:prepared\s+)?for|prepared\s+for
    )""",
    re.X | re.I,
)
# A comment that is "Under review" without naming where still says: not accepted yet.
_GLOBAL_NEGATIVE = _lazy(
    r"\b(?:under[\s-]*review\w*|underreview\w*|in\s+submission|under\s+submission"
    r"|submi(?:tted|ted|t)\s+(?:to|for|at)|(?:to|will)\s+be\s+submitted|rejected)\b",
    re.I,
)
# A sentence about an earlier paper ("extension of our CVPR 2024 paper") or about a challenge
# entry names a venue that did not accept this paper.
_EXTENSION = _lazy(
    r"""\b(?:
        exten(?:sion|sions|tion|ds)\b
      | extended\s+(?:version|paper|from|journal|work)
      | extending\s+(?:our|the|a|an)\b
      | (?:journal|workshop|conference|earlier|preliminary|shorter|short|previous|prior)\s+version
      | follow[\s-]*up|builds?\s+(?:up)?on|our\s+(?:previous|earlier|prior)
      | parts?\s+of\s+(?:this|the|our)\s+(?:work|paper|study|results)
      | preliminary\s+(?:version|results|work)
      | based\s+on\s+(?:our|the)\s+(?:\w+\s+)?(?:paper|work)
      | reproduc\w*\s+(?:study|report)|replication
    )""",
    re.X | re.I,
)
_CHALLENGE = _lazy(
    r"""\b(?:
        challenges?|competitions?|cup|leaderboard|hackathon|technical\s+report\s+for
      | (?:\d+(?:st|nd|rd|th)|first|second|third|winning|top[\s-]*\d+)[\s-]+(?:place|prize|solution)
    )\b""",
    re.X | re.I,
)
# Talks and proposals are given at a venue, but the venue did not publish the paper.
_NOT_A_PAPER = _lazy(
    r"\b(?:tutorials?|proposals?|keynotes?|invited\s+talks?|panel\s+discussion)\b", re.I
)
# A venue name used as the name of something else: "CVPR 2023 dataset", "NeurIPS style".
_NOT_A_VENUE_AFTER = _lazy(
    r"\s*(?:dataset|data\s+set|benchmark|corpus|challenge|competition|leaderboard|cup|style"
    r"|format|formatting|template|latex|submission|reviewers?)\b(?!\s+track)",
    re.I,
)

_FORWARD_BREAK = _lazy(r"[,;)]")
_FILLER = _lazy(
    rf"""^(?:\s|[,@(:]|\b(?:the|a|an|to|by|at|in|on|for|of|and|as|be|been|being|has|have|is|was
        |will|into|publication|presentation|presented|published|poster|oral|spotlight|paper|main
        |conference|track|proceedings|ieee|acm|isca|cvf|ieee/cvf|{_ORDINAL})\b
        |(?-i:\b[A-Z][A-Za-z0-9&/-]*[A-Z][A-Za-z0-9]*\b))*$""",
    re.X | re.I,
)


# ---------------------------------------------------------------------------------- mentions


@dataclass
class _Cue:
    start: int
    end: int
    polarity: str  # pos | neg
    strong: bool
    accept: bool
    text: str


def _cues(s: str) -> list[_Cue]:
    cues: list[_Cue] = []
    for m in _STRONG.finditer(s):
        cues.append(
            _Cue(m.start(), m.end(), "pos", True, bool(_ACCEPT.search(m.group())), m.group())
        )
    for m in _WEAK.finditer(s):
        cues.append(_Cue(m.start(), m.end(), "pos", False, False, m.group()))
    for m in _SEGMENT_IN.finditer(s):
        cues.append(_Cue(m.start("c"), m.end("c"), "pos", False, False, m.group("c")))
    for m in _NEGATIVE.finditer(s):
        cues.append(_Cue(m.start(), m.end(), "neg", True, False, m.group()))
    cues.sort(key=lambda c: (c.start, -c.end))
    kept: list[_Cue] = []
    for c in cues:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    return kept


def _firm(cue: _Cue) -> bool:
    return cue.strong and not cue.text.lower().startswith("present")


def _is_forward(s: str, cue: _Cue, target: _Mention) -> bool:
    """Does a cue between two venues speak about the next one ("..., under review at TPAMI")
    rather than the previous one ("ICLR26 Submission, ...")?"""
    gap = s[cue.end : target.start]
    return not _FORWARD_BREAK.search(gap) and len(gap.split()) <= 10


_NOT_ACCEPTED = "not an acceptance"


def _judge(s: str, mentions: list[_Mention], cues: list[_Cue]) -> None:
    """Set each mention's status from the cues around it."""
    for i, m in enumerate(mentions):
        prev = mentions[i - 1] if i else None
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        lo = prev.end if prev else 0
        lead = [c for c in cues if lo <= c.start and c.end <= m.start]
        if prev:
            lead = [c for c in lead if _is_forward(s, c, m)]
        hi = nxt.start if nxt else len(s)
        post = [c for c in cues if m.end <= c.start and c.end <= hi]
        if nxt:
            post = [c for c in post if not _is_forward(s, c, nxt)]
        negs = [c for c in lead if c.polarity == "neg"]
        pivot: _Cue | None
        if negs:
            last = negs[-1]
            rescue = [c for c in lead if c.start > last.start and c.accept]
            m.lead = "pos" if rescue else "neg"
            pivot = rescue[0] if rescue else last
            m.lead_firm = bool(rescue)
        elif lead:
            m.lead, pivot = "pos", lead[0]
            m.lead_firm = any(_firm(c) for c in lead)
        else:
            m.lead, pivot = (prev.lead, None) if prev else ("none", None)
            m.lead_firm = prev.lead_firm if prev else False
            if prev and prev.cue_at is not None and m.lead != "none":
                m.cue_at = prev.cue_at
        if pivot is not None:
            m.cue_at = pivot.start
        post_accept = [c for c in post if c.accept]
        post_neg = [c for c in post if c.polarity == "neg"]
        post_pos = [c for c in post if c.polarity == "pos"]
        if post_accept:
            m.status, m.firm = "accepted", True
        elif post_neg:
            m.status, m.why = "negative", _NOT_ACCEPTED
            m.cue_at = min(m.start, m.cue_at if m.cue_at is not None else m.start)
            m.tail = max(m.tail, post_neg[0].end)
        elif m.lead == "neg":
            m.status, m.why = "negative", _NOT_ACCEPTED
        elif m.lead == "pos" or post_pos:
            m.status = "accepted"
            m.firm = (m.lead == "pos" and m.lead_firm) or any(_firm(c) for c in post_pos)
        else:
            m.status = "accepted" if m.suffix == "F" else "bare"
        if post and m.status != "negative":
            m.tail = max(m.tail, post[0].end if post[0].start - m.tail <= 3 else m.tail)


def _segment_of(s: str, m: _Mention) -> str:
    """The comma-separated piece (outside brackets) the mention is in."""
    depth = 0
    bounds = [0]
    for i, ch in enumerate(s):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0:
            bounds.append(i + 1)
    bounds.append(len(s) + 1)
    for a, b in pairwise(bounds):
        if a <= m.start < b:
            return s[a : m.start] + " " + s[max(m.tail, m.end) : b - 1]
    return ""


def _is_bare(s: str, m: _Mention, table: VenueTable) -> bool:
    """Is the venue alone in its piece of the comment ("20 pages, AAAI 2025", "CIKM'25")?"""
    rest = _segment_of(s, m)
    rest = re.sub(r"\([^()]*\)", " ", rest)
    if table._track_re is not None:
        rest = table._track_re.sub(" ", rest)
    rest = re.sub(
        rf"\b(?:{_ORG}|the|to\s+appear|in|at|task\s+\d+|shared\s+task|accepted|paper)\b",
        " ",
        rest,
        flags=re.I,
    )
    return not re.search(r"[A-Za-z0-9]", rest)


def _adjacent_to_cue(s: str, m: _Mention, cues: list[_Cue]) -> bool:
    before = [c for c in cues if c.polarity == "pos" and c.end <= m.start]
    if before and _FILLER.match(s[before[-1].end : m.start]):
        return True
    after = [c for c in cues if c.polarity == "pos" and c.start >= m.end]
    return bool(after) and not re.search(r"[A-Za-z0-9]", _strip_tracks(s[m.tail : after[0].start]))


def _strip_tracks(text: str) -> str:
    return re.sub(r"[\s,()\[\]:;'-]+", "", text)


_NAME_TOKEN = _lazy(r"[A-Z0-9][\w&'./-]*|of|on|and|for|in|the|&|-")
_OPEN_PAREN = _lazy(rf"\(\s*(?:{_ORG}\s+)?$")


def _named_context(s: str, m: _Mention, lo: int, cues: list[_Cue]) -> bool:
    """Is the acronym introduced as a venue's short name: "... Conference on X (ACR)", "Joint
    Conference on Digital Libraries JCDL 2025", "accepted at Cognitive Computational Neuroscience
    2025 (CCN)", "ACR 2026 (18th International Conference on ...)", "ACR 2025 Conference"?"""
    opening = s[: m.start]
    paren = _OPEN_PAREN.search(opening)
    cue_ends = [c.end for c in cues if c.polarity == "pos" and lo <= c.start and c.end <= m.start]
    start = max(cue_ends, default=lo)
    phrase = opening[start : paren.start() if paren else m.start]
    tokens = [t.strip(",:") for t in phrase.split()]
    is_name = (
        0 < len(tokens) <= 12
        and all(_NAME_TOKEN.fullmatch(t) for t in tokens if t)
        and any(t[:1].isupper() for t in tokens)
    )
    if paren and (_VENUE_WORD.search(opening[lo : paren.start()]) or (is_name and cue_ends)):
        return True
    if not paren and is_name and m.attached and "," not in phrase and _VENUE_WORD.search(phrase):
        return True
    after = re.match(r"\s*\(([^()]*)\)", s[m.tail :]) or re.match(r"\s*\(([^()]*)\)", s[m.end :])
    if after and _VENUE_WORD.search(after.group(1)):
        return True
    if any(w in ("conference", "symposium", "workshop", "workshops", "meeting") for w in m.skipped):
        return True
    return bool(_VENUE_WORD_AFTER.match(s, m.end))


def _analyse(
    s: str, table: VenueTable, updated: date, trusted: bool = False
) -> tuple[list[_Mention], bool]:
    """All venues one sentence names, each judged. Returns (mentions, named_anything)."""
    mentions = _table_mentions(s, table)
    mentions += _acronym_mentions(s, table, mentions)
    mentions.sort(key=lambda x: x.start)
    named = bool(mentions)
    # A journal_ref is often added years after the last version: any year up to ten years on
    # is believable there.
    horizon = date(updated.year + 10, 12, 31) if trusted else updated
    for m in mentions:
        m.sentence = s
        _attach_year(s, m, table, horizon)
    mentions = [m for m in mentions if m.written or not m.year_only]
    mentions = _join_names(s, mentions)
    mentions = _merge_repeats(s, mentions)
    _lone_year(s, mentions, horizon)
    _journal_track_years(s, mentions)
    cues = _cues(s)
    if trusted:
        for m in mentions:
            m.status = "accepted"
    else:
        _judge(s, mentions, cues)
        ext = _EXTENSION.search(s)
        chal = _CHALLENGE.search(s)
        talk = _NOT_A_PAPER.search(s)
        for m in mentions:
            if ext and not _extension_accepted(ext, m, mentions):
                m.status, m.why = "negative", "refers to an earlier paper, not this one"
            elif chal:
                m.status, m.why = "negative", "a challenge or competition entry, not a paper venue"
            elif talk:
                m.status, m.why = "negative", "a talk, tutorial or proposal, not a paper venue"
            elif _NOT_A_VENUE_AFTER.match(s, m.tail) or _NOT_A_VENUE_AFTER.match(s, m.end):
                m.status, m.why = "negative", "names something else after the venue"
    for i, m in enumerate(mentions):
        lo = mentions[i - 1].end if i else 0
        _validate(s, m, table, cues, lo, trusted)
    _workshops(s, mentions, table)
    _findings(s, mentions)
    return mentions, named


def _extension_accepted(ext: re.Match[str], m: _Mention, mentions: list[_Mention]) -> bool:
    """ "An extension of our CVPR 2023 paper, ..., accepted for publication in TPAMI": the
    sentence names the earlier conference and then the journal that accepted the extension."""
    return (
        m.is_journal
        and m.status == "accepted"
        and m.firm
        and any(
            o.venue is not None and not o.is_journal and ext.start() < o.start < m.start
            for o in mentions
        )
    )


def _validate(
    s: str, m: _Mention, table: VenueTable, cues: list[_Cue], lo: int, trusted: bool
) -> None:
    """A table venue counts when accepted, or bare with a year. A bare acronym outside the table
    counts only where it is clearly a venue name, so that "KITTI 2015" or "Llama 3" never does."""
    if m.status == "negative":
        m.valid = False
        return
    if m.venue is not None:
        m.valid = trusted or m.status == "accepted" or m.written
        if not m.valid:
            m.why = "no year and no acceptance phrase"
        return
    named = _named_context(s, m, lo, cues)
    if trusted:
        # "JHEP 0705:034,2007" is JHEP, but "RIMS Kokyuroku ... (2007)" is not "RIMS": outside
        # brackets an acronym must carry its year.
        m.valid = named or m.attached
        return
    accepted = m.status == "accepted"
    m.valid = (
        (accepted and (_adjacent_to_cue(s, m, cues) or named))
        or (m.written and (named or _is_bare(s, m, table)))
        or _host_intro(s, m)
    ) and (m.written or accepted)
    if not m.valid:
        m.why = "not clearly the name of a venue"


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
