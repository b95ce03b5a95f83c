"""Institutions: from arXiv affiliations (rare) or OpenAlex authorships, shortened.

The first author's institution, then the last author's when it is another one, each shortened
with `data/institutions.toml` (`InstitutionTable`, `load_institution_table`,
`shorten_institution`), or a list's own `[institutions]` table over it.

A room of its own because institutions have their own table and their own sources, and nothing
to do with venues.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from arxiv2entry.models import Guess, Paper


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
