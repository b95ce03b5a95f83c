"""The venue table: `data/venues.toml`, merged with a list's own additions, as `Venue` rows,
and the alias, track and honour patterns compiled from it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

__all__ = ["Venue", "VenueTable", "load_venue_table"]


@dataclass(frozen=True)
class Venue:
    """One row of the venue table: what to print, and what the year rule needs to know."""

    short: str
    name: str = ""
    kind: str = "conference"
    month: int | None = None
    accept_month: int | None = None
    findings: bool = False
    aliases: tuple[str, ...] = ()
    year_only_aliases: tuple[str, ...] = ()
    former: tuple[tuple[str, int], ...] = ()

    @property
    def is_journal(self) -> bool:
        return self.kind == "journal"

    def label(self, year: int) -> str:
        """Venues get renamed (NIPS became NeurIPS in 2018); an entry shows the name of its year."""
        for old, until in self.former:
            if year <= until:
                return old
        return self.short

    def edition(self, when: date) -> int:
        """The edition a record dated `when` refers to when it names this venue without a year.

        Authors write "Accepted by AAAI" as soon as decisions arrive, months before the
        conference, so the edition is the first one whose decisions came out on or before
        `when`: AAAI decides in November for February, so November 2025 means AAAI 2026. A journal
        has no editions: the year of the record is the year of publication.
        """
        if self.is_journal or self.month is None:
            return when.year
        accept = self.accept_month or (self.month - 5) % 12 + 1
        if accept <= self.month:
            return when.year if when.month >= accept else when.year - 1
        return when.year + 1 if when.month >= accept else when.year


@dataclass(frozen=True)
class VenueTable:
    """The venue table plus the matchers compiled from it, built once per table."""

    venues: Mapping[str, Venue]
    not_venues: frozenset[str]
    tracks: tuple[str, ...]
    honors: tuple[tuple[str, tuple[str, ...]], ...]
    _by_alias: Mapping[str, str] = field(repr=False, compare=False, default_factory=dict)
    _by_alias_ci: Mapping[str, str] = field(repr=False, compare=False, default_factory=dict)
    _year_only: frozenset[str] = field(repr=False, compare=False, default=frozenset())
    _alias_res: tuple[re.Pattern[str], ...] = field(repr=False, compare=False, default=())
    _track_re: re.Pattern[str] | None = field(repr=False, compare=False, default=None)
    _honor_res: tuple[tuple[str, re.Pattern[str]], ...] = field(
        repr=False, compare=False, default=()
    )

    def venue(self, text: str) -> Venue | None:
        """The venue a spelling stands for, or None when the table does not know it."""
        key = _norm(text)
        short = self._by_alias.get(key) or self._by_alias_ci.get(key.casefold())
        return self.venues.get(short) if short else None


def load_venue_table(extra: Mapping[str, Any] | None = None) -> VenueTable:
    """The packaged table, with `extra` (same shape as venues.toml) merged over it.

    `extra` is how a list's own config adds venues or corrects a month without editing the
    package: a venue given there replaces the packaged fields it names and keeps the others.
    """
    if not extra:
        return _default_table()
    return _build_table(_merge(_packaged_data(), extra))


@lru_cache(maxsize=1)
def _default_table() -> VenueTable:
    return _build_table(_packaged_data())


def _packaged_data() -> dict[str, Any]:
    # Imported here: only a run that guesses a venue pays for them.
    import tomllib
    from importlib import resources

    text = resources.files("arxiv2entry").joinpath("data/venues.toml").read_text("utf-8")
    return tomllib.loads(text)


def _merge(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    venues = {k: dict(v) for k, v in base.get("venues", {}).items()}
    for short, spec in (extra.get("venues") or {}).items():
        venues[short] = {**venues.get(short, {}), **dict(spec)}
    merged["venues"] = venues
    generic = {k: list(v) for k, v in base.get("generic", {}).items()}
    for key, values in (extra.get("generic") or {}).items():
        generic[key] = [*generic.get(key, []), *values]
    merged["generic"] = generic
    merged["honors"] = [*(extra.get("honors") or []), *base.get("honors", [])]
    return merged


def _norm(text: str) -> str:
    return re.sub(r"[\s\-]+", " ", text.strip())


def _alias_pattern(alias: str) -> str:
    return r"[\s\-]+".join(re.escape(part) for part in re.split(r"[\s\-]+", alias.strip()) if part)


# A venue name starts after a non-alphanumeric, or right after a year ("2026ACL Findings").
_LEFT = r"(?:(?<![A-Za-z0-9])|(?<=(?<![A-Za-z0-9])(?:19|20)\d\d))"
# "CVPRW" / "CVPR-W" is a workshop, "CVPRF" the Findings track; otherwise the name must end.
_RIGHT = r"(?:(?-i:(?P<suf>-?W|F))(?![A-Za-z])|(?![A-Za-z]))"


def _build_table(data: Mapping[str, Any]) -> VenueTable:
    venues: dict[str, Venue] = {}
    by_alias: dict[str, str] = {}
    by_alias_ci: dict[str, str] = {}
    year_only: set[str] = set()
    exact: list[str] = []
    folded: list[str] = []
    for short, spec in (data.get("venues") or {}).items():
        aliases = tuple(dict.fromkeys([short, *spec.get("aliases", ())]))
        short_only = tuple(spec.get("year_only_aliases", ()))
        venues[short] = Venue(
            short=short,
            name=spec.get("name", ""),
            kind=spec.get("kind", "conference"),
            month=spec.get("month"),
            accept_month=spec.get("accept_month"),
            findings=bool(spec.get("findings", False)),
            aliases=aliases,
            year_only_aliases=short_only,
            former=tuple((f["name"], int(f["until"])) for f in spec.get("former", ())),
        )
        for alias in (*aliases, *short_only):
            if any(c.islower() for c in alias):
                by_alias_ci[_norm(alias).casefold()] = short
                folded.append(alias)
            else:
                by_alias[_norm(alias)] = short
                exact.append(alias)
        year_only.update(_norm(a) for a in short_only)

    def compile_aliases(aliases: list[str], flags: int) -> re.Pattern[str]:
        body = "|".join(_alias_pattern(a) for a in sorted(set(aliases), key=len, reverse=True))
        return re.compile(rf"{_LEFT}(?P<a>{body}){_RIGHT}", flags)

    generic = data.get("generic") or {}
    tracks = tuple(str(t) for t in generic.get("tracks", ()))
    track_body = "|".join(_alias_pattern(t) for t in sorted(set(tracks), key=len, reverse=True))
    honors = tuple(
        (str(h["name"]), tuple(str(p) for p in h.get("patterns", ())))
        for h in data.get("honors") or ()
    )
    return VenueTable(
        venues=venues,
        not_venues=frozenset(str(n).casefold() for n in generic.get("not_venues", ())),
        tracks=tracks,
        honors=honors,
        _by_alias=by_alias,
        _by_alias_ci=by_alias_ci,
        _year_only=frozenset(year_only),
        _alias_res=tuple(compile_aliases(a, f) for a, f in ((exact, 0), (folded, re.I)) if a),
        _track_re=re.compile(rf"\s*[-:,]?\s*(?:{track_body})(?![A-Za-z])", re.I)
        if track_body
        else None,
        _honor_res=tuple((name, re.compile(p, re.I)) for name, ps in honors for p in ps),
    )
