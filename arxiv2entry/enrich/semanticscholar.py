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

from collections.abc import Mapping
from typing import Any

from arxiv2entry.enrich.matching import _judge_year, _plausible, _same_title, _shares_author
from arxiv2entry.enrich.venue_names import _dblp_key_year, _dblp_stream, _read_name, _render
from arxiv2entry.models import Paper, VenueGuess
from arxiv2entry.venue import Venue, VenueTable, load_venue_table


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
