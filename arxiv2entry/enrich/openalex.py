"""OpenAlex's work for a paper's arXiv DOI, read into a venue (`venue_from_openalex`).

OpenAlex is asked by the arXiv DOI. When OpenAlex has merged the preprint into its published
version, a journal or conference location names the venue; the arXiv preprint work itself (type
`preprint`, source `arXiv (Cornell University)`) names none. (Its authorships are read for
institutions in `institutions.py`.)

One module per service, because what each service's fields mean and how far they are trusted
is that service's alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from arxiv2entry.enrich.matching import _judge_year, _plausible, _same_title
from arxiv2entry.enrich.venue_names import _read_name, _render
from arxiv2entry.models import Paper, VenueGuess
from arxiv2entry.venue import VenueTable, load_venue_table


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
