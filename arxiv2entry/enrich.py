"""Read what bibliographic services say about a paper, and merge it with what arXiv says.

The HTTP clients (`sources/`) hand this module the JSON each service answered; everything here
is pure, so every rule is tested on recorded answers without a server.

A curated list is trusted by its readers, so a wrong `CVPR 2022` costs more than `arXiv 2021`.
Each reader below therefore answers None unless the answer is about *this* paper and names a
venue of the venue table with a year that is the venue's, not the preprint's:

* Semantic Scholar (`venue_from_semanticscholar`): asked by arXiv id. Its `externalIds.DBLP`
  key (`conf/cvpr/ChanLCNPMGGTKKW22`) names DBLP's record of the paper: the venue and, in its
  two last digits, the year. Its `venue`/`publicationVenue`/`journal` names are long names
  ("Computer Vision and Pattern Recognition"), and its `year`/`publicationDate` is usually the
  *earliest* version's (the preprint's): EG3D, on arXiv in December 2021 and at CVPR in June
  2022, is dated 2021 there, which is how a hand-made list came to say `CVPR 2021` for it.
* DBLP (`venue_from_dblp`): asked by title. A hit counts only when it is the same paper (same
  normalised title, an author surname in common, a plausible year) and a publication, not the
  CoRR (arXiv) record DBLP keeps beside it.
* OpenAlex (`venue_from_openalex`): asked by the arXiv DOI. When OpenAlex has merged the
  preprint into its published version, a journal or conference location names the venue; the
  arXiv preprint work itself (type `preprint`, source `arXiv (Cornell University)`) names none.

Venue names are mapped with the venue table of `venue.py` (`data/venues.toml`): there is no
second table here, only the reading of the services' spellings ("ECCV (3)", "CVPR Workshops",
"2022 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)") into names the
table knows, and DBLP's stream identifiers (`conf/3dim` is 3DV) where they differ from any name.

Institutions come from arXiv affiliations (rare) or OpenAlex authorships and are shortened with
`data/institutions.toml`; code and project links come from the Hugging Face papers API. `merge`
puts it all together in the order of trust of DESIGN.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, NamedTuple

from arxiv2entry.links import _normalise as _normalise_url
from arxiv2entry.links import _trim as _trim_url
from arxiv2entry.models import Author, Entry, Guess, Links, Paper, VenueGuess
from arxiv2entry.venue import Venue, VenueTable, load_venue_table
from arxiv2entry.venue.acceptance import EXTENSION as _EXTENSION

__all__ = [
    "InstitutionTable",
    "institution_from_affiliations",
    "institution_from_openalex",
    "links_from_huggingface",
    "load_institution_table",
    "merge",
    "shorten_institution",
    "venue_from_dblp",
    "venue_from_openalex",
    "venue_from_semanticscholar",
]

# A service's record of a paper is plausible only from the year before the first arXiv version
# (a paper published, then posted) to a few years after it (a long review, a journal).
_YEARS_BEFORE = 1
_YEARS_AFTER = 3
# A service year equal to the preprint's year may be the preprint's own date. It is taken as a
# conference's year only when the preprint appeared in the months before that year's edition:
# later, and that edition was already over; much earlier, and a later edition is as likely.
_MONTHS_BEFORE_EDITION = 8

_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


# ------------------------------------------------------------------------------ names of venues

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
_DBLP_PUBLISHED_TYPES = frozenset({"Conference and Workshop Papers", "Journal Articles"})


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


def _plausible(year: int, arxiv: Paper) -> bool:
    first = arxiv.published.year
    return first - _YEARS_BEFORE <= year <= first + _YEARS_AFTER


def _judge_year(
    year: object, when: object, arxiv: Paper, venue: Venue, service: str
) -> tuple[int | None, str]:
    """The venue's year from a service's `year`/date, or None with the reason it is not trusted.

    S2 and OpenAlex date a paper by its earliest version, which for most arXiv papers is the
    preprint: a year equal to the preprint's says nothing about the venue, unless the preprint
    appeared in the months before that year's edition of a conference."""
    if not isinstance(year, int) and isinstance(when, str) and re.match(r"\d{4}", when):
        year = int(when[:4])
    if not isinstance(year, int):
        return None, f"{service} gives no year"
    if not _plausible(year, arxiv):
        return None, f"{service} year {year} is implausible for a preprint of {arxiv.published}"
    first = arxiv.published
    if year != first.year:
        return year, ""
    month = venue.month
    if venue.is_journal or month is None:
        return None, (
            f"{service} year {year} is the preprint's year; it does not date {venue.short}"
        )
    if first.month <= month and month - first.month <= _MONTHS_BEFORE_EDITION:
        return year, (
            f"; the preprint appeared in {_MONTH_NAMES[first.month - 1]} {year}, before "
            f"{venue.short}'s usual month ({_MONTH_NAMES[month - 1]})"
        )
    return None, (
        f"{service} year {year} is the preprint's year ({first.isoformat()}), not that of a "
        f"{venue.short} edition"
    )


# ------------------------------------------------------------------------ is it the same paper?


def _fold(text: str) -> str:
    """Lower-case ASCII words: accents, punctuation, LaTeX dollars and DBLP's final '.' gone."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


def _same_title(a: object, b: str) -> bool:
    return isinstance(a, str) and bool(_fold(b)) and _fold(a) == _fold(b)


def _surname(name: str) -> str:
    # DBLP tells homonyms apart with a number: "Wei Liu 0005".
    words = _fold(re.sub(r"\s+\d{4}$", "", name)).split()
    return words[-1] if words else ""


def _shares_author(names: Iterable[str], authors: Sequence[Author]) -> bool:
    theirs = {_surname(n) for n in names} - {""}
    ours = {_surname(a.name) for a in authors} - {""}
    return bool(theirs & ours)


def _dblp_authors(info: Mapping[str, Any]) -> list[str]:
    """`info.authors.author` is a list of `{"@pid", "text"}`, or one such object for a paper
    with a single author (DATA_SOURCES 3.2)."""
    raw = (info.get("authors") or {}).get("author") if isinstance(info, Mapping) else None
    items = raw if isinstance(raw, list) else [raw] if raw is not None else []
    out = []
    for item in items:
        if isinstance(item, Mapping):
            item = item.get("text")
        if isinstance(item, str) and item.strip():
            out.append(item)
    return out


# ---------------------------------------------------------------------------- Semantic Scholar


def venue_from_semanticscholar(
    paper_json: Mapping[str, Any] | None, arxiv: Paper, table: VenueTable | None = None
) -> VenueGuess | None:
    """The venue in a Semantic Scholar paper object (`/graph/v1/paper/ARXIV:id`, an element of
    a `/paper/batch` answer, which is null for an unknown id, or a `/paper/search/match` hit).

    The DBLP key is read first: it names a publication record and its year exactly. Without
    one (or with a CoRR key, which only says DBLP knows the preprint), the venue names are read
    and the year is judged (`_judge_year`). Returns None when the object is about another
    paper, names only arXiv, or names no table venue with a trustworthy year.
    """
    if not isinstance(paper_json, Mapping):
        return None
    table = table or load_venue_table()
    ids = paper_json.get("externalIds") or {}
    arxiv_id = ids.get("ArXiv")
    if arxiv_id:
        if str(arxiv_id).strip() != arxiv.id:
            return None
    elif not (
        _same_title(paper_json.get("title"), arxiv.title)
        and _shares_author(
            (a.get("name", "") for a in paper_json.get("authors") or [] if isinstance(a, Mapping)),
            arxiv.authors,
        )
    ):
        return None

    pv = paper_json.get("publicationVenue") or {}
    journal = paper_json.get("journal") or {}
    texts = [pv.get("name"), paper_json.get("venue"), journal.get("name")]
    texts += list(pv.get("alternate_names") or [])
    named = next(
        (n for t in texts if (n := _read_name(t, table)) is not None and n.venue is not None),
        None,
    )

    def s2_year(venue: Venue) -> tuple[int | None, str]:
        """S2 dates papers by their first version: its year is checked, not trusted."""
        return _judge_year(
            paper_json.get("year"),
            paper_json.get("publicationDate"),
            arxiv,
            venue,
            "semanticscholar",
        )

    key = str(ids.get("DBLP") or "")
    from_key = _dblp_stream(key, table) if key else None
    if from_key is not None:
        venue, workshop = from_key
        findings = False
        note = ""
        if named is not None and named.venue is venue:
            workshop = workshop or named.workshop
            findings = named.findings and venue.findings
            note = f' (venue "{named.text}")'
        elif named is not None:
            note = f'; its venue "{named.text}" names another venue, the key is trusted first'
        year = _dblp_key_year(key, arxiv)
        why = ""
        if year is not None and not _plausible(year, arxiv):
            return None  # DBLP's record is of another year than this preprint can have
        if year is None:
            year, why = s2_year(venue)
        if year is None:
            return None
        reason = f"semanticscholar: DBLP key {key}{note}{why}"
        return VenueGuess(_render(venue, year, workshop, findings), "semanticscholar", reason)

    if named is None or named.venue is None:
        return None
    venue = named.venue
    if named.findings and not venue.findings:
        return None
    if named.year is not None and _plausible(named.year, arxiv):
        year, why = named.year, ""
    else:
        year, why = s2_year(venue)
    if year is None:
        return None
    reason = f'semanticscholar: venue "{named.text}", year {year}{why}'
    return VenueGuess(
        _render(venue, year, named.workshop, named.findings), "semanticscholar", reason
    )


# ------------------------------------------------------------------------------------- DBLP


class _Hit(NamedTuple):
    rendered: str
    year: int
    is_journal: bool
    key: str
    venue_text: str


def _dblp_hit(hit: object, arxiv: Paper, table: VenueTable) -> _Hit | None:
    """A DBLP hit that is a publication of this very paper, or None."""
    info = hit.get("info") if isinstance(hit, Mapping) else None
    if not isinstance(info, Mapping):
        return None
    key = str(info.get("key") or "")
    if key.startswith("journals/corr/") or info.get("type") not in _DBLP_PUBLISHED_TYPES:
        return None
    if not _same_title(info.get("title"), arxiv.title):
        return None
    if not _shares_author(_dblp_authors(info), arxiv.authors):
        return None
    year_text = str(info.get("year") or "")
    if not year_text.isdigit() or not _plausible(int(year_text), arxiv):
        return None
    year = int(year_text)
    raw = info.get("venue")
    texts = [v for v in (raw if isinstance(raw, list) else [raw]) if isinstance(v, str)]
    if any(re.match(_PREPRINT, t.strip(), re.I) for t in texts):
        return None
    stream = _dblp_stream(key, table)
    readings = set()
    for text in texts:
        named = _read_name(text, table)
        if named is None:
            continue
        venue = named.venue
        workshop = named.workshop
        if venue is None and stream is not None:
            venue, workshop = stream[0], stream[1] or named.workshop
        if venue is None or (named.findings and not venue.findings):
            continue
        readings.add((venue.short, workshop, named.findings))
    if not texts and stream is not None:
        readings.add((stream[0].short, stream[1], False))
    if len(readings) != 1:
        return None  # unknown to the table, or a cross-listed record naming two venues
    short, workshop, findings = readings.pop()
    venue = table.venues[short]
    return _Hit(
        _render(venue, year, workshop, findings), year, venue.is_journal, key, " / ".join(texts)
    )


def venue_from_dblp(
    search_json: Mapping[str, Any] | None, arxiv: Paper, table: VenueTable | None = None
) -> VenueGuess | None:
    """The venue of this paper in a DBLP `search/publ/api?format=json` answer to a title query.

    A hit counts when it is a conference or journal publication (not the CoRR record of the
    preprint) whose normalised title equals the arXiv title, which shares an author surname with
    it (a same-title paper by others is refused) and whose year is plausible for the preprint.
    When several publications match (a conference paper and a same-titled journal version),
    the earliest is the one the preprint became; the others are named in the reason.
    """
    if not isinstance(search_json, Mapping):
        return None
    table = table or load_venue_table()
    hits_obj = (search_json.get("result") or {}).get("hits") or {}
    raw = hits_obj.get("hit") if isinstance(hits_obj, Mapping) else None
    hits = raw if isinstance(raw, list) else [raw] if raw is not None else []
    found = [h for hit in hits if (h := _dblp_hit(hit, arxiv, table)) is not None]
    if not found:
        return None
    found.sort(key=lambda h: (h.year, h.is_journal))
    best = found[0]
    reason = f'dblp: {best.key} ("{best.venue_text}", {best.year}), same title and authors'
    others = list(dict.fromkeys(h.rendered for h in found[1:] if h.rendered != best.rendered))
    if others:
        reason += f"; dblp also lists {', '.join(others)}, later"
    return VenueGuess(best.rendered, "dblp", reason)


# ---------------------------------------------------------------------------------- OpenAlex


def _locations(work: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    out: list[Mapping[str, Any]] = []
    seen: set[object] = set()
    for loc in [work.get("primary_location"), *(work.get("locations") or [])]:
        source = loc.get("source") if isinstance(loc, Mapping) else None
        if not isinstance(source, Mapping):
            continue
        ident = source.get("id") or source.get("display_name")
        if ident in seen:
            continue
        seen.add(ident)
        out.append(source)
    return out


def venue_from_openalex(
    work_json: Mapping[str, Any] | None, arxiv: Paper, table: VenueTable | None = None
) -> VenueGuess | None:
    """The venue of an OpenAlex work (`/works/doi:10.48550/arXiv.ID`) that OpenAlex has merged
    into its published version: the first journal or conference location whose name the table
    knows. The preprint work itself (type `preprint`, only the `repository` source `arXiv
    (Cornell University)`) gives None, and so does a work whose title is not the arXiv title (a
    wrong merge). OpenAlex dates a work by its earliest version, so a year written in the
    source's name ("2022 IEEE/CVF Conference ...") is preferred and the work's year is judged.
    """
    if not isinstance(work_json, Mapping):
        return None
    table = table or load_venue_table()
    if not _same_title(work_json.get("title") or work_json.get("display_name"), arxiv.title):
        return None
    for source in _locations(work_json):
        if source.get("type") not in ("journal", "conference"):
            continue
        named = _read_name(source.get("display_name"), table)
        if named is None or named.preprint or named.venue is None:
            continue
        venue = named.venue
        if named.findings and not venue.findings:
            continue
        year: int | None
        if named.year is not None and _plausible(named.year, arxiv):
            year, why = named.year, ""
        else:
            year, why = _judge_year(
                work_json.get("publication_year"),
                work_json.get("publication_date"),
                arxiv,
                venue,
                "openalex",
            )
        if year is None:
            return None
        reason = f'openalex: {source.get("type")} "{named.text}", year {year}{why}'
        return VenueGuess(_render(venue, year, named.workshop, named.findings), "openalex", reason)
    return None


# ------------------------------------------------------------------------------ institutions


@dataclass(frozen=True)
class InstitutionTable:
    """Full institution names (folded by `_institution_key`) to the short names lists print."""

    names: Mapping[str, str]

    def get(self, name: str) -> str | None:
        return self.names.get(_institution_key(name))


def _institution_key(name: str) -> str:
    """Case, runs of spaces, the kind of dash and a leading "The" do not tell institutions
    apart: "The Chinese University of Hong Kong" and "Chinese University of Hong Kong" are one."""
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", " ".join(name.split())).strip(" ,;.")
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"^the\s+", "", text.casefold())


def load_institution_table(extra: Mapping[str, str] | None = None) -> InstitutionTable:
    """The packaged table (`data/institutions.toml`), with `extra` ({full name: short name},
    e.g. the `[institutions]` table of a list's `.arxiv2entry.toml`) over it."""
    if not extra:
        return _default_institutions()
    names = dict(_default_institutions().names)
    names.update({_institution_key(k): str(v) for k, v in extra.items()})
    return InstitutionTable(names)


@lru_cache(maxsize=1)
def _default_institutions() -> InstitutionTable:
    # Imported here: only a run that shortens an institution pays for them.
    import tomllib
    from importlib import resources

    text = resources.files("arxiv2entry").joinpath("data/institutions.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return InstitutionTable(
        {_institution_key(k): str(v) for k, v in (data.get("names") or {}).items()}
    )


def shorten_institution(name: str, table: InstitutionTable | None = None) -> str:
    """The short name of an institution: the table's, else the name as given without a leading
    "The" and without the parenthesised country OpenAlex adds to companies ("Nvidia (United
    States)", "Microsoft Research Asia (China)"), which the table is then asked about again."""
    table = table or load_institution_table()
    shown = " ".join(name.split()).strip(" ,;")
    if (short := table.get(shown)) is not None:
        return short
    bare = re.sub(r"\s*\([^()]*\)$", "", shown)
    if bare and (short := table.get(bare)) is not None:
        return short
    return re.sub(r"^the\s+", "", bare or shown, flags=re.I)


def _joined(found: list[tuple[str, str, str, str]]) -> str:
    """`Stanford, NVIDIA`: each short name once, first author's first."""
    return ", ".join(dict.fromkeys(short for _, _, _, short in found))


def institution_from_openalex(
    work_json: Mapping[str, Any] | None, table: InstitutionTable | None = None
) -> Guess:
    """The first author's institution, then the last author's when it is another one
    (`Tsinghua, Microsoft`), from OpenAlex authorships, each shortened with the table. An author
    with several institutions counts with the first. `Guess(None)` when neither author has one:
    preprint works from DataCite carry no affiliations at all."""
    if not isinstance(work_json, Mapping):
        return Guess(None)
    ships = [a for a in work_json.get("authorships") or [] if isinstance(a, Mapping)]
    if not ships:
        return Guess(None)
    first = next((a for a in ships if a.get("author_position") == "first"), ships[0])
    last = next((a for a in reversed(ships) if a.get("author_position") == "last"), ships[-1])
    found = []
    for role, ship in (("first", first), ("last", last)):
        if role == "last" and ship is first:
            break
        name = next(
            (
                i.get("display_name")
                for i in ship.get("institutions") or []
                if isinstance(i, Mapping) and isinstance(i.get("display_name"), str)
            ),
            None,
        )
        if not name:
            continue
        who = (ship.get("author") or {}).get("display_name") or ship.get("raw_author_name") or ""
        found.append((role, who, name, shorten_institution(name, table)))
    if not found:
        return Guess(None)
    said = "; ".join(f'{role} author {who} at "{name}"' for role, who, name, _ in found)
    return Guess(_joined(found), "openalex", f"openalex: {said}")


# An arXiv affiliation that names a collaboration the author speaks for, not a place.
_NOT_A_PLACE = r"^(?:for|on\s+behalf\s+of)\b|\bcollaborations?\b"


def _shorten_affiliation(text: str, table: InstitutionTable) -> str:
    """arXiv affiliations are free text ("Dept. of Physics, Stanford University, CA"): the
    table is asked about the whole, then about each comma-separated part."""
    whole = " ".join(text.split()).strip(" ,;")
    if (short := table.get(whole)) is not None:
        return short
    for part in re.split(r"\s*[,;]\s*", whole):
        if part and (short := table.get(part)) is not None:
            return short
    return shorten_institution(whole, table)


def institution_from_affiliations(arxiv: Paper, table: InstitutionTable | None = None) -> Guess:
    """The first author's arXiv affiliation, then the last author's when it is another one,
    shortened like OpenAlex names. arXiv affiliations are rare (old physics papers mostly) and
    written by the authors, so they are trusted before OpenAlex; one that names a collaboration
    ("for the ATLAS and CMS Collaborations") is not an institution and is skipped."""
    if not arxiv.authors:
        return Guess(None)
    table = table or load_institution_table()
    first, last = arxiv.authors[0], arxiv.authors[-1]
    found = []
    for role, author in (("first", first), ("last", last)):
        if role == "last" and len(arxiv.authors) == 1:
            break
        text = next(
            (a for a in author.affiliations if a.strip() and not re.search(_NOT_A_PLACE, a, re.I)),
            None,
        )
        if text:
            found.append((role, author.name, text, _shorten_affiliation(text, table)))
    if not found:
        return Guess(None)
    said = "; ".join(f'{role} author {who} at "{name}"' for role, who, name, _ in found)
    return Guess(_joined(found), "affiliation", f"arXiv affiliations: {said}")


# ------------------------------------------------------------------------------ Hugging Face


def _hf_link(value: object, kinds: tuple[str, ...]) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    normal = _normalise_url(_trim_url(value.strip()))
    if normal is None or normal[1] not in kinds:
        return None
    return normal[0]


def links_from_huggingface(paper_json: Mapping[str, Any] | None) -> Links:
    """Code and project page from a Hugging Face `/api/papers/{id}` object: `githubRepo` and
    `projectPage`, which are absent when nobody set them. They are cleaned and classified like
    links found in the paper's text (`links.py`): `githubRepo` must be a repository (an
    organisation page is not code) and `projectPage` a web page; a `projectPage` that is a
    repository is the code when `githubRepo` is not set, never a project page."""
    if not isinstance(paper_json, Mapping):
        return Links()
    code = project = Guess(None)
    if url := _hf_link(paper_json.get("githubRepo"), ("repo", "hf")):
        code = Guess(url, "huggingface", f'huggingface: githubRepo "{paper_json["githubRepo"]}"')
    if url := _hf_link(paper_json.get("projectPage"), ("github.io", "web")):
        project = Guess(
            url, "huggingface", f'huggingface: projectPage "{paper_json["projectPage"]}"'
        )
    elif code.value is None and (url := _hf_link(paper_json.get("projectPage"), ("repo",))):
        code = Guess(
            url,
            "huggingface",
            f'huggingface: projectPage "{paper_json["projectPage"]}" is a repository, so the code',
        )
    return Links(code=code, project=project)


# ------------------------------------------------------------------------------------- merge

_ARXIV_VENUE_SOURCES = frozenset({"journal_ref", "comment", "abstract"})


def _venue_year(venue: str) -> int | None:
    m = re.search(_YEAR, venue)
    return int(m.group()) if m else None


def _merge_venue(
    base: Entry, said: list[VenueGuess], paper: Paper
) -> tuple[Guess, tuple[str, ...]]:
    shown = base.venue
    if shown.source == "user":
        return shown, base.honors
    if shown.source in _ARXIV_VENUE_SOURCES and shown.value:
        others = [g for g in said if g.venue != shown.value]
        if not others:
            return shown, base.honors
        told = "; ".join(f"{g.source} says {g.venue}" for g in others)
        reason = f"{shown.reason}; {told} (the arXiv record is trusted first)"
        return replace(shown, reason=reason), base.honors
    if not said:
        return shown, base.honors
    # A paper that calls itself the extension of an earlier one may share that one's title:
    # a service venue dated no later than the preprint is then likely the earlier paper's.
    if paper.comment and _EXTENSION.search(paper.comment):
        kept = [g for g in said if (_venue_year(g.venue or "") or 0) > paper.published.year]
        if not kept:
            dropped = "; ".join(f"{g.source} says {g.venue}" for g in said)
            note = f"{dropped}, but the comment calls this paper an extension of an earlier one"
            return replace(shown, reason=f"{shown.reason}; {note}"), base.honors
        said = kept
    chosen = said[0]
    others = [g for g in said[1:] if g.venue != chosen.venue]
    agree = [g.source for g in said[1:] if g.venue == chosen.venue]
    reason = chosen.reason
    if agree:
        reason += f" ({' and '.join(str(s) for s in agree)} agree{'s' if len(agree) == 1 else ''})"
    if others:
        told = "; ".join(f"{g.source} says {g.venue}" for g in [chosen, *others])
        reason += f"; sources disagree: {told} ({chosen.source} is trusted first)"
    return Guess(chosen.venue, chosen.source, reason), ()


def _same_url(a: str, b: str) -> bool:
    def key(u: str) -> str:
        return re.sub(r"^https?://(?:www\.)?", "", u.casefold()).rstrip("/").removesuffix(".git")

    return key(a) == key(b)


def _merge_link(own: Guess, service: Guess | None) -> Guess:
    """A link from the paper's own text beats the service's; the user's choice beats both,
    including a choice of none (`--code ""`)."""
    if own.source == "user":
        return own
    if own.value:
        if service is not None and service.value and not _same_url(own.value, service.value):
            note = f"{service.source} gives {service.value} (the paper's own text is trusted first)"
            return replace(own, reason=f"{own.reason}; {note}")
        return own
    if service is not None and service.value:
        return service
    return own


def merge(
    base: Entry,
    *,
    semanticscholar: VenueGuess | None = None,
    dblp: VenueGuess | None = None,
    openalex: VenueGuess | None = None,
    huggingface: Links | None = None,
    institution: Guess | None = None,
    institutions: InstitutionTable | None = None,
) -> Entry:
    """`base` (the arXiv-only entry of `pipeline.guess_entry`, user overrides applied) with what
    the services said, in the order of trust of DESIGN.md:

    * venue: the user's value; else the arXiv journal_ref/comment venue; else DBLP, then
      Semantic Scholar, then OpenAlex; else the `arXiv YYYY` fallback stays. Sources that name
      another venue are listed in the reason ("sources disagree: dblp says CVPR 2022;
      semanticscholar says ICCV 2021 (dblp is trusted first)"), so `--explain` shows them.
    * code / project: the user's value; else a link from the paper's comment or abstract; else
      Hugging Face's.
    * institution: the user's value; else arXiv affiliations; else `institution` (the OpenAlex
      guess of `institution_from_openalex`); shortened with `institutions`.
    Never raises; a service that said nothing is passed as None.
    """
    said = [g for g in (dblp, semanticscholar, openalex) if g is not None and g.venue]
    venue, honors = _merge_venue(base, said, base.paper)
    hf = huggingface or Links()
    inst = base.institution
    if inst.source != "user":
        from_arxiv = institution_from_affiliations(base.paper, institutions)
        if from_arxiv.value:
            inst = from_arxiv
        elif institution is not None and institution.value:
            inst = institution
    return replace(
        base,
        venue=venue,
        honors=honors,
        institution=inst,
        code=_merge_link(base.code, hf.code),
        project=_merge_link(base.project, hf.project),
    )
