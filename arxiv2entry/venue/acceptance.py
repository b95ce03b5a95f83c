"""Judging each mention: the cues around it (accepted, published, submitted, under review),
sentences about an earlier paper, a challenge or a talk, and whether an acronym is clearly a
venue's name. `_analyse` runs every step on one sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

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
from arxiv2entry.venue.table import VenueTable
from arxiv2entry.venue.text import _ORDINAL, _ORG, _VENUE_WORD, _lazy
from arxiv2entry.venue.years import _attach_year, _journal_track_years, _lone_year

__all__ = ["EXTENSION"]


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

# A sentence about an earlier paper ("extension of our CVPR 2024 paper") or about a challenge
# entry names a venue that did not accept this paper.
EXTENSION = _lazy(
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

_VENUE_WORD_AFTER = _lazy(
    r"\)?\s*(?:['-]?\s*\d{2,4})?\s*(?:conference|symposium|workshop|meeting|congress)\b", re.I
)


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
        ext = EXTENSION.search(s)
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
