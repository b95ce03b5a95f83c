"""The services' venue names and DBLP's stream keys, read into venues of the venue table.

Venue names are mapped with the venue table of `venue/table.py` (`data/venues.toml`): there is no
second venue table here, only the reading of the services' spellings ("ECCV (3)", "CVPR
Workshops", "2022 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)") into
names the table knows. DBLP's stream identifiers (`conf/3dim` is 3DV, `conf/conll` is CoNLL) are
read with the stream table `data/dblp_venues.toml`, which also names venues the venue table
lacks, as their communities write them.

A room of its own because every venue reader (`semanticscholar.py`, `dblp.py`, `openalex.py`)
reads names and renders venues the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
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

# A venue with a Findings track prints `ACL 2023 (Findings)` for a Findings paper. Semantic
# Scholar names both tracks alike ("Annual Meeting of the Association for Computational
# Linguistics") and DBLP files both under one stream (`conf/acl/`), so from the year a venue's
# Findings began, neither says which track a paper was in. (When the first Findings volume of each
# venue appeared; these belong in data/venues.toml beside `findings = true`.)
_FINDINGS_SINCE: Mapping[str, int] = {
    "EMNLP": 2020,
    "AACL": 2020,
    "ACL": 2021,
    "NAACL": 2021,
    "EACL": 2021,
    "ICCV": 2025,
    "CVPR": 2026,
}
# An ACL Anthology DOI names the volume: `10.18653/v1/2022.emnlp-main.62` is the main track,
# `10.18653/v1/2023.findings-emnlp.648` the Findings.
_ANTHOLOGY_DOI = re.compile(
    r"^10\.18653/v1/(?P<year>\d{4})\.(?P<findings>findings-)?[a-z]+(?:-(?P<main>main|long|short))?\.\d+$",
    re.I,
)


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


class _Stream(NamedTuple):
    """What a DBLP stream stands for: a venue of the table, or (`known` False) a venue outside
    it, printed as `data/dblp_venues.toml` writes it (`CoNLL`, `IEEE Access`)."""

    venue: Venue
    workshop: bool
    known: bool
    stream: str


@lru_cache(maxsize=1)
def _dblp_streams() -> Mapping[str, tuple[str, bool]]:
    """`data/dblp_venues.toml`: DBLP stream -> (short name, workshop stream)."""
    # Imported here: only a run that reads a DBLP key pays for them.
    import tomllib
    from importlib import resources

    text = resources.files("arxiv2entry").joinpath("data/dblp_venues.toml").read_text("utf-8")
    out: dict[str, tuple[str, bool]] = {}
    for stream, value in (tomllib.loads(text).get("streams") or {}).items():
        if isinstance(value, str):
            out[stream] = (value, False)
        elif isinstance(value, Mapping) and isinstance(value.get("venue"), str):
            out[stream] = (value["venue"], bool(value.get("workshop")))
    return out


def _dblp_stream(key: str, table: VenueTable) -> _Stream | None:
    """The venue a DBLP key's stream stands for (`conf/cvpr/…` is CVPR) by the stream table
    `data/dblp_venues.toml`, with its workshop mark; None for CoRR (`journals/corr/`, arXiv
    itself) and for streams the stream table lacks (precision first: an unlisted stream is not
    guessed from its letters). A short name the venue table knows is that venue (its year rules
    and former names apply), and then a `conf/` stream must be a conference and a `journals/`
    one a journal; any other short name is printed as written."""
    parts = key.split("/")
    if len(parts) < 3 or parts[0] not in ("conf", "journals") or parts[1] == "corr":
        return None
    stream = f"{parts[0]}/{parts[1]}"
    row = _dblp_streams().get(stream)
    if row is None:
        return None
    short, workshop = row
    venue = table.venues.get(short)
    journal = parts[0] == "journals"
    if venue is None:
        kind = "journal" if journal else "conference"
        return _Stream(Venue(short=short, name=short, kind=kind), workshop, False, stream)
    if venue.is_journal != journal:
        return None
    return _Stream(venue, workshop, True, stream)


def _findings_unknown(venue: Venue, year: int) -> bool:
    """Whether a paper of `venue` in `year` may be in its Findings track."""
    return venue.findings and year >= _FINDINGS_SINCE.get(venue.short, 0)


def _anthology_track(doi: object) -> bool | None:
    """True for an ACL Anthology DOI of a Findings volume, False for a main-track one, None
    for any other DOI (or a demo, workshop or student volume)."""
    m = _ANTHOLOGY_DOI.match(doi.strip()) if isinstance(doi, str) else None
    if m is None:
        return None
    if m["findings"]:
        return True
    return False if m["main"] else None


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
