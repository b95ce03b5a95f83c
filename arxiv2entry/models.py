"""Plain data passed between the layers.

Everything here is immutable and free of I/O so that parsing, guessing and rendering can be
tested without a network, and so that a `Paper` can be cached as JSON and read back unchanged.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

Source = Literal[
    "user",
    "journal_ref",
    "comment",
    "abstract",
    "dblp",
    "semanticscholar",
    "openalex",
    "huggingface",
    "affiliation",
    "fallback",
]


@dataclass(frozen=True)
class Author:
    name: str
    affiliations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paper:
    """What arXiv says about one version of a paper: the facts every guess starts from."""

    id: str  # version-less, canonical: "2112.07945", "math/0309136"
    version: int
    title: str
    authors: tuple[Author, ...]
    summary: str
    comment: str | None
    journal_ref: str | None
    doi: str | None
    published: date  # first version
    updated: date  # this version
    primary_category: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["published"] = self.published.isoformat()
        data["updated"] = self.updated.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Paper:
        return cls(
            id=data["id"],
            version=int(data["version"]),
            title=data["title"],
            authors=tuple(
                Author(a["name"], tuple(a.get("affiliations", ()))) for a in data["authors"]
            ),
            summary=data["summary"],
            comment=data["comment"],
            journal_ref=data["journal_ref"],
            doi=data["doi"],
            published=date.fromisoformat(data["published"]),
            updated=date.fromisoformat(data["updated"]),
            primary_category=data.get("primary_category", ""),
        )


@dataclass(frozen=True)
class Guess:
    """A value with the trail that explains it, for `--explain` and the JSON `*_source` fields."""

    value: str | None
    source: Source | None = None
    reason: str = ""


@dataclass(frozen=True)
class VenueGuess:
    """`venue` is `ABBR YEAR` (`CVPR 2022`, `CVPRW 2022`, `ACL 2025 (Findings)`) or None for
    "not shown to be published", in which case the entry falls back to `arXiv YYYY`."""

    venue: str | None
    source: Source | None = None
    reason: str = ""
    honors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Links:
    code: Guess = field(default_factory=lambda: Guess(None))
    project: Guess = field(default_factory=lambda: Guess(None))


@dataclass(frozen=True)
class Entry:
    """Everything an entry shows, each field with its trail. `venue.value` is what is printed:
    `CVPR 2022`, or `arXiv 2021` with source `fallback`."""

    paper: Paper
    venue: Guess
    honors: tuple[str, ...] = ()
    institution: Guess = field(default_factory=lambda: Guess(None))
    code: Guess = field(default_factory=lambda: Guess(None))
    project: Guess = field(default_factory=lambda: Guess(None))
