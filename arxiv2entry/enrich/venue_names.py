"""The services' venue names and DBLP's stream keys, read into venues of the venue table.

Venue names are mapped with the venue table of `venue/table.py` (`data/venues.toml`): there is no
second table here, only the reading of the services' spellings ("ECCV (3)", "CVPR Workshops",
"2022 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)") into names the
table knows, and DBLP's stream identifiers (`conf/3dim` is 3DV) where they differ from any name.

A room of its own because every venue reader (`semanticscholar.py`, `dblp.py`, `openalex.py`)
reads names and renders venues the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from arxiv2entry.models import Paper
from arxiv2entry.venue import Venue, VenueTable

# Names that mean "only a preprint": S2 `venue` "arXiv.org", `journal.name` "ArXiv", DBLP
# "CoRR", OpenAlex "arXiv (Cornell University)", and the other preprint servers.
_PREPRINT = (
    r"(?:arxiv|corr|biorxiv|medrxiv|techrxiv|chemrxiv|ssrn|research\s*square|preprints?"
    r"|social\s+science\s+research\s+network)\b"
)
# Organisations and ordinals that lead a full name but are not part of the table's aliases:
# "IEEE/CVF Conference on ...", "Proceedings of the Thirty-Sixth AAAI Conference on ...".
_ORG = r"(?:ieee|acm|cvf|rsj|rjs|isca|siam|ifip|the)"
_LEAD = (
    rf"^(?:proceedings\s+of\s+(?:the\s+)?|{_ORG}(?:\s*/\s*{_ORG})*\s+"
    r"|(?:\d+(?:st|nd|rd|th)|(?:[a-z]+-)?(?:first|second|third|fourth|fifth|sixth|seventh"
    r"|eighth|ninth|tenth|eleventh|twelfth|[a-z]*teenth|[a-z]*tieth))\s+)"
)
_YEAR = r"(?<![\d.])(?:19|20)\d\d(?!\d)"

# DBLP stream identifiers (the part of a key before the record name) that are not a spelling
# the venue table knows. Every other stream is looked up by its name in capitals: `conf/cvpr`
# is CVPR, `conf/nips` is NIPS, hence NeurIPS; `journals/pami` is PAMI, hence TPAMI.
_DBLP_STREAMS: Mapping[str, tuple[str, bool]] = {
    "conf/3dim": ("3DV", False),
    "conf/icmcs": ("ICME", False),
    "conf/iccvw": ("ICCV", True),  # the ICCV workshops have a stream of their own
    "conf/siggrapha": ("SIGGRAPH Asia", False),
    "journals/tcsv": ("TCSVT", False),
    "journals/tnn": ("TNNLS", False),
}


class _Named(NamedTuple):
    """What one venue name given by a service says."""

    text: str
    venue: Venue | None = None
    workshop: bool = False
    findings: bool = False
    year: int | None = None  # a year written in the name ("2022 IEEE/CVF Conference ...")
    preprint: bool = False


def _read_name(text: object, table: VenueTable) -> _Named | None:
    """The table venue a service's venue name stands for, with the workshop and Findings marks
    and any year written in it. None for an empty name."""
    if not isinstance(text, str) or not text.strip():
        return None
    shown = " ".join(text.split())
    if re.match(_PREPRINT, shown, re.I):
        return _Named(shown, preprint=True)
    years = {int(y) for y in re.findall(_YEAR, shown)}
    year = years.pop() if len(years) == 1 else None
    t = re.sub(_YEAR, " ", shown)
    workshop = findings = False
    # "Findings of the Association for Computational Linguistics: EMNLP 2021", "Findings of EMNLP"
    if m := re.match(r"findings\s+of\s+(?:the\s+)?", t, re.I):
        findings = True
        t = t.split(":", 1)[1] if ":" in t else t[m.end() :]
    acronyms: list[str] = []
    # Trailing brackets: a volume "ECCV (3)", a track "EMNLP (Findings)", "ICLR (Workshop)",
    # or the acronym of a long name "... Pattern Recognition Workshops (CVPRW)", which names
    # the venue more surely than the long name and so is tried first.
    while m := re.search(r"\(([^()]*)\)\s*$", t):
        inner, t = m.group(1).strip(), t[: m.start()].strip()
        low = inner.casefold()
        if re.fullmatch(r"workshops?", low):
            workshop = True
        elif low == "findings":
            findings = True
        elif re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9&\-]*", inner) and _caps(inner) >= 2:
            acronyms.append(inner)
    base = re.sub(r"\s+\d{1,3}$", "", " ".join(t.split()).strip(" ,;:-"))  # "... Systems 35"
    if m := re.search(r"\s+workshops?$", base, re.I):
        workshop, base = True, base[: m.start()]
    ordered = [*acronyms, base]
    stripped = base
    while (m := re.match(_LEAD, stripped, re.I)) and m.end() < len(stripped):
        stripped = stripped[m.end() :]
        ordered.append(stripped)
    if "/" in base and " " not in base:  # DBLP "ACL/IJCNLP (1)": the joint meeting is ACL's
        ordered.append(base.split("/", 1)[0])
    for c in ordered:
        venue = table.venue(c)
        if venue is None and len(c) > 2 and c.endswith("W") and c.upper() == c:
            venue = table.venue(c[:-1])  # "CVPRW", "ICCVW"
            if venue is not None:
                workshop = True
        if venue is not None:
            return _Named(shown, venue, workshop, findings, year)
    return _Named(shown, None, workshop, findings, year)


def _caps(text: str) -> int:
    return sum(c.isupper() for c in text)


def _dblp_stream(key: str, table: VenueTable) -> tuple[Venue, bool] | None:
    """The venue a DBLP key's stream stands for (`conf/cvpr/…` is CVPR), with its workshop
    mark; None for CoRR (`journals/corr/`, arXiv itself) and for streams the table lacks. A
    `conf/` stream must be a conference and a `journals/` one a journal: `journals/www` is the
    World Wide Web journal, not the Web Conference."""
    parts = key.split("/")
    if len(parts) < 3 or parts[0] not in ("conf", "journals") or parts[1] == "corr":
        return None
    stream = f"{parts[0]}/{parts[1]}"
    short, workshop = _DBLP_STREAMS.get(stream, (parts[1].upper(), False))
    venue = table.venues.get(short) or table.venue(short)
    if venue is None or venue.is_journal != (parts[0] == "journals"):
        return None
    return venue, workshop


def _dblp_key_year(key: str, arxiv: Paper) -> int | None:
    """DBLP record names end in the publication year's two last digits (`...KKW22`, `...17a`)."""
    m = re.search(r"(\d\d)[a-z]?$", key)
    if m is None:
        return None
    yy = int(m.group(1))
    return min((1900 + yy, 2000 + yy), key=lambda y: abs(y - arxiv.published.year))


def _render(venue: Venue, year: int, workshop: bool = False, findings: bool = False) -> str:
    label = venue.label(year)
    if workshop:
        return f"{label}W {year}"
    if findings:
        return f"{label} {year} (Findings)"
    return f"{label} {year}"
