"""The venues one sentence names: table aliases and bare acronyms as `_Mention`s, names that
are joined or repeated, and the workshops and Findings tracks they stand for."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from arxiv2entry.venue.table import Venue, VenueTable, _norm
from arxiv2entry.venue.text import _ORDINAL, _ORG, _lazy

_ACRONYM = _lazy(
    r"(?<![A-Za-z0-9#_/.\\-])[A-Z](?:[A-Za-z&]|\d+(?=[A-Za-z]))*(?:-(?:[A-Za-z]|\d+(?=[A-Za-z]))+)*"
    r"(?:\d(?![\w]))?"
)
_ROMAN = _lazy(r"X{0,3}(?:IX|IV|V?I{0,3})")
# All-caps words that are not acronyms of a venue.
_CAPS_WORDS = frozenset(
    """accepted accept oral poster spotlight highlight main mains findings workshop workshops
    paper papers conference journal proceedings note new best award the and for with final
    version preprint draft submitted submission review under appendix supplementary code
    project page update updated camera ready track demo short long full physical letters
    transactions international annual on of in at by to an or as is it we our from this
    that""".split()
)


@dataclass
class _Mention:
    """A venue named in one sentence, with everything the sentence says about it."""

    start: int
    end: int  # end of the name (and of a glued W/F)
    venue: Venue | None
    acronym: str
    suffix: str = ""
    year_only: bool = False
    year: int | None = None
    written: bool = False
    attached: bool = False  # the year is written right with the name, not elsewhere
    tail: int = 0  # end of the name plus the written year and track words after it
    skipped: list[str] = field(default_factory=list)
    lead: str = "none"  # what the words before it say: "pos", "neg" or "none"
    lead_firm: bool = False
    firm: bool = False  # accepted in so many words, not just "presented" or named
    status: str = "bare"  # accepted | bare | negative | dropped
    why: str = ""
    cue_at: int | None = None
    workshop: bool = False
    findings: bool = False
    host: bool = False
    valid: bool = True
    sentence: str = ""
    order: int = 0

    @property
    def key(self) -> str:
        return self.venue.short if self.venue else self.acronym

    @property
    def is_journal(self) -> bool:
        return self.venue is not None and self.venue.is_journal

    def text(self) -> str:
        return self.sentence[self.start : self.end]


def _table_mentions(s: str, table: VenueTable) -> list[_Mention]:
    found: list[_Mention] = []
    for rx in table._alias_res:
        pos = 0
        while (m := rx.search(s, pos)) is not None:
            pos = m.start() + 1
            alias = m.group("a")
            venue = table.venue(alias)
            if venue is None:
                continue
            suf = (m.group("suf") or "").lstrip("-")
            if suf == "F" and not venue.findings:
                continue
            if " " in _norm(alias) and any(c.islower() for c in alias):
                if _continues_name(s, m.start("a"), m.end("a"), table):
                    continue
            found.append(
                _Mention(
                    start=m.start(),
                    end=m.end(),
                    venue=venue,
                    acronym=venue.short,
                    suffix=suf,
                    year_only=_norm(alias) in table._year_only,
                )
            )
            pos = m.end()
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    kept: list[_Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


_NAME_GOES_ON = _lazy(
    r"\s+(?!(?:Workshops?|Findings|Main|Track|Conference|Proceedings|Journal|Short|Long|Papers?"
    r"|Posters?|Oral|Spotlight|Highlight|Accepted|Camera|Special|Industry|Demo)\b)"
    r"(?:[A-Z][a-z]|(?:and|for|of|on|&)\s+[A-Z])"
    # "International Conference on Computer Vision, Image and Deep Learning"
    r"|,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*,?\s+(?:and|&)\s+[A-Z]"
)
_NAME_STARTS_BEFORE = _lazy(r"(?P<w>[A-Z][a-z]+(?:-[A-Z][a-z]+)*)\s+$")
_NAME_OPENERS = frozenset(
    "the in proceedings proc accepted published findings annual joint international copyright "
    "to at by for of".split()
)


def _continues_name(s: str, start: int, end: int, table: VenueTable) -> bool:
    """A full name inside a longer one ("International Conference on Computer Vision Theory and
    Applications", "Pacific-Asia Conference on Knowledge Discovery ...") is another venue."""
    track = table._track_re.match(s, end) if table._track_re else None
    if _NAME_GOES_ON.match(s, end) and not (track and track.end() > end):
        return True
    if re.search(r"\b(?:chapter|society|association)\s+(?:of|for)\s+(?:the\s+)?$", s[:start], re.I):
        return True  # "... Chapter of the Association for Computational Linguistics"
    before = _NAME_STARTS_BEFORE.search(s[:start])
    if before:
        word = before.group("w")
        if word.lower() not in _NAME_OPENERS and not re.fullmatch(_ORDINAL, word, re.I):
            return True
    return False


_CAPS_RUN = _lazy(r"\b[A-Z]{2,}(?:[\s,:&]+[A-Z]{2,}\b(?!-)){2,}")


def _acronym_mentions(s: str, table: VenueTable, taken: list[_Mention]) -> list[_Mention]:
    out: list[_Mention] = []
    # "IEEE TRANSACTIONS ON INSTRUMENTATION AND MEASUREMENT" is a name in capitals, not a row
    # of acronyms.
    shouting = [r.span() for r in _CAPS_RUN.finditer(s)]
    for m in _ACRONYM.finditer(s):
        if any(a <= m.start() < b for a, b in shouting):
            continue
        token = m.group()
        if sum(c.isupper() for c in token) < 2 or len(token) > 24:
            continue
        if all(p[:1].isupper() and not any(c.isupper() for c in p[1:]) for p in token.split("-")):
            continue  # "Forty-Second", "Pacific-Asia": hyphenated words, not an acronym
        folded = token.casefold()
        if (
            folded in table.not_venues
            or folded in _CAPS_WORDS
            or _ROMAN.fullmatch(token)
            or (table._track_re is not None and table._track_re.fullmatch(token))
        ):
            continue
        if any(t.start < m.end() and m.start() < t.end for t in taken):
            continue
        start, end, suffix = m.start(), m.end(), ""
        # "IEEE-ABCD 2025": the publisher is not part of the venue's name when the rest is the
        # acronym; the whole token is kept otherwise ("ABC-DEF 2025" is ABC-DEF, never ABC).
        if (lead := _PUBLISHER.match(token)) and sum(c.isupper() for c in token[lead.end() :]) >= 2:
            start, token = start + lead.end(), token[lead.end() :]
        # "DSN-W": the workshops of DSN, written as a table venue's would be (`DSNW`).
        if token.endswith("-W") and sum(c.isupper() for c in token[:-2]) >= 2:
            token, suffix = token[:-2], "W"
        # "MT Summit 2025": a word that names the kind of meeting belongs to the name; without
        # it, "MT 2025" would be a venue nobody holds.
        elif name := _MEETING_WORD.match(s, end):
            end, token = name.end(), token + name.group()
        out.append(_Mention(start=start, end=end, venue=None, acronym=token, suffix=suffix))
    return out


_PUBLISHER = _lazy(r"(?:IEEE|ACM)-(?=[A-Z])")
_MEETING_WORD = _lazy(r" (?:Summit|Symposium|Forum|Congress|Colloquium)\b")


def _join_names(s: str, mentions: list[_Mention]) -> list[_Mention]:
    """ "APSIPA ASC 2025", "ASEE NE 2025": two acronyms in a row are one name."""
    out: list[_Mention] = []
    for m in mentions:
        a = out[-1] if out else None
        if (
            a is not None
            and a.venue is None
            and m.venue is None
            and not a.written
            and m.attached
            and s[a.end : m.start] == " "
        ):
            if m.acronym in ("WS", "W"):  # "HHAI WS 2025": the workshops of HHAI
                m.acronym, m.suffix = a.acronym, "W"
            else:
                m.acronym = s[a.start : m.end]
            m.start = a.start
            out[-1] = m
            continue
        out.append(m)
    return out


def _merge_repeats(s: str, mentions: list[_Mention]) -> list[_Mention]:
    """ "Robotics: Science and Systems (RSS 2025)" names one venue twice; keep one mention."""
    out: list[_Mention] = []
    for m in mentions:
        first = out[-1] if out else None
        if (
            first is not None
            and first.key == m.key
            and any(re.fullmatch(r"[\s(),:]*", s[e : m.start]) for e in (first.tail, first.end))
        ):
            if not first.written and m.written:
                first.year, first.written, first.attached = m.year, True, m.attached
            first.suffix = first.suffix or m.suffix
            first.end, first.tail = max(first.end, m.end), max(first.tail, m.tail)
            first.skipped += m.skipped
            continue
        out.append(m)
    return out


# -------------------------------------------------------------------------- workshops and Findings


_WORKSHOP = _lazy(r"\b(?:workshops?|SRW|co-?located|in\s+conjunction\s+with|satellite)\b", re.I)
_HOST_INTRO = _lazy(
    rf"(?:@|co-?located\s+with|in\s+conjunction\s+with|held\s+(?:at|with|in\s+conjunction\s+with)"
    rf"|satellite\s+(?:event\s+|workshop\s+)?(?:of|at|to))\s*(?:the\s+)?(?:{_ORDINAL}\s+)?"
    rf"(?:{_ORG}\s+)?$",
    re.I,
)
# "TrustFA Workshop, IEEE FG 2026", "AGENT 2026 Workshop (ICSE 2026)", "TIPS workshop ICPR 2026"
_AFTER_WORKSHOP = _lazy(
    rf"\bworkshops?\s*,?\s*(?:the\s+)?(?:{_ORG}\s+)?$"
    rf"|\bworkshops?\b[^.;]*?\s(?:at|in|of)\s+(?:the\s+)?(?:{_ORDINAL}\s+)?(?:{_ORG}\s+)?$"
    rf"|\b(?:co-?located|in\s+conjunction)\s+with\b[^.;]*$",
    re.I,
)
# "ICDAR 2026 Workshop on ...", "ETRA 2026 GenAI workshop": a workshop of the venue named first.
_WORKSHOP_OF = _lazy(
    r"(?:\s+[A-Z][\w&'-]*){1,5}\s+(?i:workshops?)\b|\s+(?i:workshops?\s+(?:on|of|for))\b"
)
_AT_HOST = _lazy(rf"(?P<w>\S+)\s+at\s+(?:the\s+)?(?:{_ORG}\s+)?$", re.I)
_CUE_WORD = _lazy(
    r"^(?:accept\w*|accp\w*|presented|published|appear\w*|paper|poster|oral|work|version)$", re.I
)


def _host_intro(s: str, m: _Mention) -> bool:
    """Is the venue introduced as the host of a workshop ("X @ CVPR", "co-located with LREC",
    "Text2Story Workshop 2025 at ECIR 2025", "C3NLP at NAACL")?"""
    before = s[: m.start]
    intro = _HOST_INTRO.search(before)
    if intro:
        if intro.group().lstrip().startswith("@"):
            head = before[: intro.start()].split()
            return bool(head) and not _CUE_WORD.match(head[-1].strip(",.;:()"))
        return True
    if _AFTER_WORKSHOP.search(before):
        return True
    at = _AT_HOST.search(before)
    if at:
        word = at.group("w").strip(",.;:(")
        if word.endswith(")") or re.fullmatch(r"(?i:workshops?)|\d{2,4}", word):
            return True
        return bool(
            _ACRONYM.fullmatch(word) and sum(c.isupper() for c in word) >= 2
        ) and not _CUE_WORD.match(word)
    return False


def _workshops(s: str, mentions: list[_Mention], table: VenueTable) -> None:
    """A workshop held at conference X is `XW`: find the host, drop the workshop's own name and
    give its year to a host written without one ("STACOM 2025 @ MICCAI")."""
    cue = bool(_WORKSHOP.search(_colocated_conferences(s, mentions)))
    for m in mentions:
        if m.status in ("negative", "dropped") or m.is_journal:
            continue
        if m.suffix == "W":
            m.workshop = m.host = True
        elif m.venue is not None:
            if (
                cue
                or _host_intro(s, m)
                or _part_of(s, m, mentions)
                or _acronym_after(s, m, table)
                or _acronym_before(s, m, mentions)
            ):
                m.workshop = m.host = True
        elif _part_of(s, m, mentions):  # a name the table lacks, named as the host
            m.workshop = m.host = m.valid = True
        elif m.valid and (
            _host_intro(s, m)
            or (m.attached and _WORKSHOP_OF.match(s, m.tail))
            or "workshops" in m.skipped  # "ICIAP 2025 Workshops": the workshops of ICIAP
        ):
            m.workshop = m.host = True
    hosts = [m for m in mentions if m.host]
    if not hosts:
        return
    others = [m for m in mentions if not m.host and m.venue is None]
    for h in hosts:
        donors = [o for o in others if o.written]
        if not h.written and donors:
            donor = min(donors, key=lambda o: abs(o.start - h.start))
            h.year, h.written = donor.year, True
        if h.venue is not None:
            h.valid = h.status == "accepted" or h.written
    if any(h.valid for h in hosts):
        for o in others:
            if o.valid:
                o.valid, o.status = False, "dropped"
                o.why = "the name of a workshop held at a venue"


_COLOCATED_WITH = _lazy(
    rf"\b(?:co-?located|in\s+conjunction)\s+with\s+(?:the\s+)?(?:{_ORDINAL}\s+)?"
    rf"(?:{_ORG}\s+)?$",
    re.I,
)
_WORKSHOP_WORD = _lazy(r"\b(?:workshops?|WS|SRW|satellite)\b|\w-W\b", re.I)


def _colocated_conferences(s: str, mentions: list[_Mention]) -> str:
    """ "FOO 2025, co-located with BAR 2025": a dated venue that is not called a workshop is a
    conference of its own, merely held beside BAR, so BAR is not its host. Such a BAR is
    dropped, and `s` comes back without the co-location phrase, which then says nothing
    about a workshop."""
    for m in mentions:
        intro = _COLOCATED_WITH.search(s[: m.start])
        if intro is None or _WORKSHOP_WORD.search(s[: intro.start()]):
            continue
        if any(o.written and o.valid and o.end <= intro.start() for o in mentions):
            m.valid, m.status = False, "dropped"
            m.why = "the conference this one is co-located with, not the paper's venue"
            s = s[: intro.start()] + " " * (intro.end() - intro.start()) + s[intro.end() :]
    return s


_PART_OF = _lazy(r"\bpart\s+of\b", re.I)


def _part_of(s: str, m: _Mention, mentions: list[_Mention]) -> bool:
    """ "FOO 2025, part of the BAR conference", "INTUITESTBEDS 2022, part of the 15th IEEE
    International Conference on Software Testing, ... (ICST) 2022": a dated name that is not a
    known venue, then, in the same clause, "part of" a venue: the first is that venue's
    workshop. Without the first ("Part of the CVPR 2025 proceedings") nothing is a workshop."""
    for o in mentions:
        if o is m or o.end > m.start or o.venue is not None or not o.written:
            continue
        between = s[o.end : m.start]
        if _PART_OF.search(between) and not re.search(r"[.;]", between) and len(between) < 160:
            return True
    return False


def _acronym_after(s: str, m: _Mention, table: VenueTable) -> bool:
    """ "MICCAI ASMUS 25", "ICCV AIGENS 2025", "WACV 2026 CV4EO": a conference followed by an
    unknown acronym is one of its workshops."""
    after = re.match(r"(?:\s*['-]?\s*\d{2,4})?\s+(?P<a>\S+)", s[m.end :])
    if not after:
        return False
    token = after.group("a").strip(",.;:()")
    if not _ACRONYM.fullmatch(token) or sum(c.isupper() for c in token) < 2:
        return False
    folded = token.casefold()
    if folded in table.not_venues or folded in _CAPS_WORDS or table.venue(token) is not None:
        return False
    if re.match(r"\s*(?:track|session|special\s+session)\b", s[m.end + after.end() :], re.I):
        return False  # "KDD 2026 ADS Track" is a track of the conference itself
    return not (table._track_re is not None and table._track_re.fullmatch(token))


def _acronym_before(s: str, m: _Mention, mentions: list[_Mention]) -> bool:
    """ "SD4H ICML 2026": a workshop acronym written just before its host."""
    return any(
        o.venue is None and o.end <= m.start and re.fullmatch(r"\s+|\s*-+\s*", s[o.end : m.start])
        for o in mentions
    )


def _findings(s: str, mentions: list[_Mention]) -> None:
    for i, m in enumerate(mentions):
        if m.venue is None or not m.venue.findings:
            continue
        # "Findings of the Association for Computational Linguistics: EMNLP 2025": a venue named
        # without a year in between does not take the word away.
        dated = [p.end for p in mentions[:i] if p.written]
        lo = max(dated[-1] if dated else 0, m.start - 80)
        hi = mentions[i + 1].start if i + 1 < len(mentions) else len(s)
        near = s[lo : m.start] + " " + s[m.end : hi].split(";")[0]
        if m.suffix == "F" or re.search(r"\bfindings\b", near, re.I):
            m.findings = True
