"""OpenAlex's work for a paper, read into a venue (`venue_from_openalex`).

OpenAlex keeps an arXiv preprint and its published version as two works. It is asked by the
published DOI when one is known (the arXiv record's, or Semantic Scholar's): that work's journal
or conference location names the venue, and its date is the publisher's. The arXiv DOI's own
work (type `preprint`, source `arXiv (Cornell University)`) names no venue. (Authorships are read
for institutions in `institutions.py`.)

One module per service, because what each service's fields mean and how far they are trusted
is that service's alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from arxiv2entry.enrich.matching import _judge_year, _plausible, _same_title, _shares_author
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


def _same_doi(a: object, b: object) -> bool:
    def key(d: object) -> str:
        return re.sub(r"^https?://(?:dx\.)?doi\.org/", "", str(d or "").strip().lower())

    return bool(key(a)) and key(a) == key(b)


def venue_from_openalex(
    work_json: Mapping[str, Any] | None,
    arxiv: Paper,
    table: VenueTable | None = None,
    *,
    doi: str | None = None,
) -> VenueGuess | None:
    """The venue of an OpenAlex work: the first journal or conference location whose name the
    venue table knows.

    `doi` is the published DOI the work was asked by. A work with that DOI is the published
    version of this paper (the arXiv record or Semantic Scholar tied the DOI to it), so its
    title may differ from the arXiv title (journals retitle papers) as long as an author is
    shared, and its `publication_year` is the publisher's, taken as it is. Any other work must
    have the arXiv title, and its year (OpenAlex dates a work by its earliest version) is
    judged like Semantic Scholar's; a year written in the source's name ("2022 IEEE/CVF
    Conference ...") is preferred. The preprint work itself gives None.
    """
    if not isinstance(work_json, Mapping):
        return None
    table = table or load_venue_table()
    published = work_json.get("type") != "preprint" and _same_doi(work_json.get("doi"), doi)
    authors = (
        (a.get("author") or {}).get("display_name") or a.get("raw_author_name") or ""
        for a in work_json.get("authorships") or []
        if isinstance(a, Mapping)
    )
    title = work_json.get("title") or work_json.get("display_name")
    if published:
        if not _shares_author(authors, arxiv.authors):
            return None
    elif not _same_title(title, arxiv.title):
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
        stated = work_json.get("publication_year")
        if named.year is not None and _plausible(named.year, arxiv):
            year, why = named.year, ""
        elif published and isinstance(stated, int) and _plausible(stated, arxiv):
            year, why = stated, f" (the published work of DOI {doi})"
        else:
            year, why = _judge_year(
                stated, work_json.get("publication_date"), arxiv, venue, "openalex"
            )
        if year is None:
            return None
        reason = f'openalex: {source.get("type")} "{named.text}", year {year}{why}'
        return VenueGuess(_render(venue, year, named.workshop, named.findings), "openalex", reason)
    return None
