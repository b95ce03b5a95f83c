"""DBLP's answer to a title search, read into a venue (`venue_from_dblp`).

DBLP is asked by title. A hit counts only when it is the same paper (same normalised title, an
author surname in common, a plausible year) and a publication, not the CoRR (arXiv) record DBLP
keeps beside it.

One module per service, because what each service's fields mean and how far they are trusted
is that service's alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from arxiv2entry.enrich.matching import _plausible, _same_title, _shares_author
from arxiv2entry.enrich.venue_names import _PREPRINT, _dblp_stream, _read_name, _render
from arxiv2entry.models import Paper, VenueGuess
from arxiv2entry.venue import Venue, VenueTable, load_venue_table

_DBLP_PUBLISHED_TYPES = frozenset({"Conference and Workshop Papers", "Journal Articles"})


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
    readings: set[tuple[Venue, bool, bool]] = set()
    for text in texts:
        named = _read_name(text, table)
        if named is None:
            continue
        venue = named.venue
        workshop = named.workshop
        if venue is None and stream is not None:
            # A venue the table lacks, named by the stream table ("CoNLL"), or a table venue
            # DBLP spells its own way.
            venue, workshop = stream.venue, stream.workshop or named.workshop
        if venue is None or (named.findings and not venue.findings):
            continue
        readings.add((venue, workshop, named.findings))
    if not texts and stream is not None:
        readings.add((stream.venue, stream.workshop, False))
    if len(readings) != 1:
        return None  # unknown to both tables, or a cross-listed record naming two venues
    venue, workshop, findings = readings.pop()
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
