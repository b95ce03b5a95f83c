"""Read the venue an arXiv record says *this* paper was accepted at or published in.

A curated list is read by people who trust it, so a wrong venue costs more than `arXiv 2025`:
every rule here answers only when the record says the paper was accepted, appears, or was
published, and returns None (with the reason) when unsure. The rules are linguistic and
table-driven (`data/venues.toml`); nothing here knows individual papers.

The record's own words come in two places. `journal_ref` is the authors' statement of where the
paper was published, so it is read first and trusted as is. The comment is free text
("Accepted to CVPR 2025 (Oral)", "Submitted to ICCV2025", "Extension of our AAAI 2024 paper"),
so each venue it names is judged by the phrases around it.

Each step of the reading is a module; each imports only the ones listed before it:
`table` (venues.toml) and `text` (cleaning, sentences, shared patterns); `mentions` (the
venues a sentence names, workshops, Findings); `years`; `acceptance` (the cues and the
judgement of each mention); `pick` (every sentence, the chosen mention); `journal_ref`;
`guess` (`guess_venue`).
"""

from __future__ import annotations

from arxiv2entry.venue.guess import guess_venue
from arxiv2entry.venue.table import Venue, VenueTable, load_venue_table

__all__ = ["Venue", "VenueTable", "guess_venue", "load_venue_table"]
