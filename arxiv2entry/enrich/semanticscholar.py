"""Semantic Scholar's answer about a paper, read into a venue (`venue_from_semanticscholar`).

Semantic Scholar is asked by arXiv id. Its `externalIds.DBLP` key (`conf/cvpr/ChanLCNPMGGTKKW22`)
names DBLP's record of the paper: the venue and, in its two last digits, the year. Its
`venue`/`publicationVenue`/`journal` names are long names ("Computer Vision and Pattern
Recognition"), and its `year`/`publicationDate` is usually the *earliest* version's (the
preprint's): EG3D, on arXiv in December 2021 and at CVPR in June 2022, is dated 2021 there,
which is how a hand-made list came to say `CVPR 2021` for it.

One module per service, because what each service's fields mean and how far they are trusted
is that service's alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from arxiv2entry.enrich.matching import _judge_year, _plausible, _same_title, _shares_author
from arxiv2entry.enrich.venue_names import (
    _anthology_track,
    _dblp_key_year,
    _dblp_stream,
    _findings_unknown,
    _read_name,
    _render,
)
from arxiv2entry.models import Paper, VenueGuess
from arxiv2entry.venue import Venue, VenueTable, load_venue_table


def venue_from_semanticscholar(
    paper_json: Mapping[str, Any] | None, arxiv: Paper, table: VenueTable | None = None
) -> VenueGuess | None:
    """The venue in a Semantic Scholar paper object (`/graph/v1/paper/ARXIV:id`, an element of
    a `/paper/batch` answer, which is null for an unknown id, or a `/paper/search/match` hit).

    The DBLP key is read first, with the stream table (`data/dblp_venues.toml`): it names a
    publication record and its year exactly. Without one (or with a CoRR key, which only says
    DBLP knows the preprint), the venue names are read with the venue table and the year is
    judged (`_judge_year`); a venue the table lacks is shown only by a short name the answer
    itself gives (an acronym among `publicationVenue.alternate_names`: `CoNLL`). Returns None
    when the object is about another paper or names only arXiv, and `VenueGuess(None, ...)`
    with what the service said when it names a venue that cannot be shown truthfully (no short
    name, no trustworthy year, or a main track that may be the Findings).
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
    readings = [n for t in texts if (n := _read_name(t, table)) is not None]
    named = next((n for n in readings if n.venue is not None), None)
    said = next((n.text for n in readings if not n.preprint), None)
    doi = ids.get("DOI")

    def refuse(why: str) -> VenueGuess:
        return VenueGuess(None, "semanticscholar", f"semanticscholar: {why}; not shown")

    def s2_year(venue: Venue) -> tuple[int | None, str]:
        """S2 dates papers by their first version: its year is checked, not trusted."""
        return _judge_year(
            paper_json.get("year"),
            paper_json.get("publicationDate"),
            arxiv,
            venue,
            "semanticscholar",
        )

    def track(venue: Venue, year: int, findings: bool, what: str) -> tuple[bool | None, str]:
        """Whether the paper is in the venue's Findings, when the venue has them that year:
        an explicit "Findings" in the name, else the ACL Anthology DOI or the ACL Anthology id
        S2 keeps beside it (`externalIds.ACL`, `2022.emnlp-main.215`: the DOI's own suffix),
        else unknown (None)."""
        if findings or not _findings_unknown(venue, year):
            return findings, ""
        anthology = _anthology_track(doi)
        if anthology is not None:
            return anthology, f" (DOI {doi})"
        acl = ids.get("ACL")
        anthology = _anthology_track(f"10.18653/v1/{acl}") if isinstance(acl, str) else None
        if anthology is not None:
            return anthology, f" (ACL Anthology {acl})"
        return None, (
            f"{what} names {venue.short} {year}, but {venue.short} has a Findings track "
            "and nothing in the answer says which track this paper is in"
        )

    key = str(ids.get("DBLP") or "")
    from_key = _dblp_stream(key, table) if key else None
    if from_key is not None:
        venue, workshop = from_key.venue, from_key.workshop
        findings = False
        if named is not None and named.venue is venue:
            workshop = workshop or named.workshop
            findings = named.findings and venue.findings
            note = f' (venue "{named.text}")'
        elif named is not None:
            note = f'; its venue "{named.text}" names another venue, the key is trusted first'
        elif said is not None:
            note = f' (venue "{said}")'
        else:
            note = ""
        year = _dblp_key_year(key, arxiv)
        why = ""
        if year is not None and not _plausible(year, arxiv):
            return refuse(f"DBLP key {key} is of {year}, implausible for this preprint")
        if year is None:
            year, why = s2_year(venue)
        if year is None:
            return refuse(f"DBLP key {key}{note}, but {why}")
        if not workshop:
            in_findings, told = track(venue, year, findings, f"DBLP key {key}{note}")
            if in_findings is None:
                return refuse(told)
            findings, why = in_findings, why + told
        reason = f"semanticscholar: DBLP key {key}{note}{why}"
        return VenueGuess(_render(venue, year, workshop, findings), "semanticscholar", reason)

    if named is None or named.venue is None:
        return _outside_the_table(paper_json, pv, said, s2_year, table, refuse)
    venue = named.venue
    if named.findings and not venue.findings:
        return refuse(f'venue "{named.text}" names Findings of {venue.short}, which has none')
    if named.year is not None and _plausible(named.year, arxiv):
        year, why = named.year, ""
    else:
        got, why = s2_year(venue)
        if got is None:
            return refuse(f'venue "{named.text}", but {why}')
        year = got
    if not named.workshop:
        in_findings, told = track(venue, year, named.findings, f'venue "{named.text}"')
        if in_findings is None:
            return refuse(told)
        why += told
        findings = in_findings
    else:
        findings = False
    reason = f'semanticscholar: venue "{named.text}", year {year}{why}'
    return VenueGuess(_render(venue, year, named.workshop, findings), "semanticscholar", reason)


# An acronym as venues write it: CoNLL, GECCO, ICANN, 3DV; not "Nat. Mac. Intell." nor a word.
_ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z0-9][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?$")


def _outside_the_table(
    paper_json: Mapping[str, Any],
    pv: Mapping[str, Any],
    said: str | None,
    s2_year: Callable[[Venue], tuple[int | None, str]],
    table: VenueTable,
    refuse: Callable[[str], VenueGuess],
) -> VenueGuess | None:
    """A venue the table does not know, shown by the acronym the answer gives for it
    (`publicationVenue.alternate_names`: "CoNLL" for "Conference on Computational Natural
    Language Learning") with a year that is the venue's; never a name made up here."""
    if said is None:
        return None  # arXiv only, or no venue at all
    acronyms = list(
        dict.fromkeys(
            a.strip()
            for a in pv.get("alternate_names") or []
            if isinstance(a, str)
            and _ACRONYM.match(a.strip())
            and a.strip().casefold() not in table.not_venues
        )
    )
    if len(acronyms) != 1:
        given = f" ({', '.join(acronyms)})" if acronyms else ""
        return refuse(
            f'venue "{said}" is not in the venue table and the answer gives no one short '
            f"name for it{given}"
        )
    kind = "journal" if pv.get("type") == "journal" else "conference"
    venue = Venue(short=acronyms[0], name=str(pv.get("name") or said), kind=kind)
    year, why = s2_year(venue)
    if year is None:
        return refuse(f'venue "{said}" ({venue.short}), but {why}')
    reason = f'semanticscholar: venue "{said}", short name {venue.short} from its alternate names'
    return VenueGuess(_render(venue, year), "semanticscholar", f"{reason}, year {year}{why}")
