"""ids -> records (cache, then arXiv) -> guesses -> entries.

The only module that both reads the network and makes guesses; the guessing itself
(`guess_entry`) is pure, so the rules can be tested on records without any server.
The network stack is imported only when something has to be fetched: `--help`, `--offline`
and a warm cache never pay for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from arxiv2entry.config import Settings
from arxiv2entry.ids import ArxivId
from arxiv2entry.links import find_links
from arxiv2entry.models import Entry, Guess, Paper, VenueGuess
from arxiv2entry.sources.cache import Cache
from arxiv2entry.venue import guess_venue

_WITHDRAWN = re.compile(r"\b(?:has been|was|is)\s+withdrawn\b", re.IGNORECASE)


@dataclass(frozen=True)
class Overrides:
    """Values the user typed for one paper; they always win over a guess."""

    venue: str | None = None
    code: str | None = None
    project: str | None = None
    institution: str | None = None


@dataclass
class Outcome:
    key: str  # the version-less id: "2112.07945", "math/0309136"
    entry: Entry | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Report:
    outcomes: list[Outcome]
    warnings: list[str] = field(default_factory=list)  # not about one paper
    notes: list[str] = field(default_factory=list)  # for --explain: services not asked, why


def unique(ids: Sequence[ArxivId]) -> list[ArxivId]:
    """The same paper twice (any version, any URL form) is fetched and printed once, where it
    first appears."""
    seen: set[str] = set()
    out = []
    for i in ids:
        if i.id not in seen:
            seen.add(i.id)
            out.append(i)
    return out


def _user(value: str | None, fallback: Guess) -> Guess:
    if value is None:
        return fallback
    return Guess(value.strip() or None, "user", "given on the command line")


def guess_entry(paper: Paper, overrides: Overrides = Overrides()) -> Entry:
    """Every field of the entry from what arXiv says, each with the reason for it."""
    venue = guess_venue(paper.comment, paper.journal_ref, paper.updated)
    if venue.venue:
        shown = Guess(venue.venue, venue.source, venue.reason)
    else:
        why = venue.reason or "arXiv record names no venue"
        shown = Guess(
            f"arXiv {paper.published.year}",
            "fallback",
            f"{why}; year of the first version ({paper.published.isoformat()})",
        )
    links = find_links(paper.comment, paper.summary)
    return Entry(
        paper=paper,
        venue=_user(overrides.venue, shown),
        honors=venue.honors if overrides.venue is None else (),
        institution=_user(overrides.institution, Guess(None, None, "not known from arXiv")),
        code=_user(overrides.code, links.code),
        project=_user(overrides.project, links.project),
    )


def _warnings_for(key: str, paper: Paper) -> list[str]:
    text = paper.comment or ""
    if _WITHDRAWN.search(text):
        return [f"{key}: arXiv says this paper was withdrawn ({' '.join(text.split())[:120]})"]
    return []


def build_entries(
    ids: Sequence[ArxivId],
    settings: Settings,
    *,
    refresh: bool = False,
    overrides: Overrides = Overrides(),
    on_fetch_start: Callable[[int], Callable[[int], None] | None] | None = None,
    wants: Mapping[str, frozenset[str]] | None = None,
    institution: bool = True,
    on_ask: Callable[[str, int], Callable[[int], None] | None] | None = None,
) -> Report:
    """Entries for `ids` in input order, one per paper, keyed by the version-less id.

    The latest version is always what is fetched, whatever version was typed: "Accepted to
    CVPR" usually appears only in a later version's comment, and the entry links the
    version-less page anyway. `on_fetch_start(n)` is called before n ids go to arXiv and may
    return a callback told how many ids each batch covered (the CLI's progress bar);
    `on_ask(service, n)` the same for each service asked about n papers."""
    keys = [i.id for i in unique(ids)]
    cache = Cache(settings.cache_dir, settings.cache_days)
    report = Report(outcomes=[])
    if cache.warning:
        report.warnings.append(cache.warning)
    # Offline, a stale copy is better than none: it is all there is.
    papers = {} if refresh else cache.get(keys, allow_stale=settings.offline)
    errors: dict[str, str] = {}
    missing = [key for key in keys if key not in papers]
    if missing and settings.offline:
        for key in missing:
            errors[key] = "not in the cache, and --offline forbids fetching it"
    elif missing:
        from arxiv2entry.sources.arxiv import ArxivSource, FetchResult

        progress = on_fetch_start(len(missing)) if on_fetch_start else None

        def keep(fetched: FetchResult, n: int) -> None:
            new = {k: p for k, p in fetched.papers.items() if k not in papers}
            cache.put(new)  # batch by batch: an interrupted run keeps what arrived
            papers.update(new)
            if progress:
                progress(n)

        fetched = ArxivSource(settings).fetch([ArxivId(k) for k in missing], keep)
        errors.update(fetched.errors)
        if cache.warning and cache.warning not in report.warnings:
            report.warnings.append(cache.warning)
    entries = {key: guess_entry(papers[key], overrides) for key in keys if key in papers}
    entries = _enrich(
        entries,
        settings,
        cache,
        report,
        refresh,
        wants or {},
        institution=institution,
        on_ask=on_ask,
    )
    cache.close()
    for key in keys:
        if key in entries:
            report.outcomes.append(
                Outcome(key, entries[key], warnings=_warnings_for(key, papers[key]))
            )
        else:
            report.outcomes.append(Outcome(key, error=errors[key]))
    return report


ALL_FIELDS = frozenset({"venue", "links", "institution"})


def _enrich(
    entries: dict[str, Entry],
    settings: Settings,
    cache: Cache,
    report: Report,
    refresh: bool,
    wants: Mapping[str, frozenset[str]],
    institution: bool,
    on_ask: Callable[[str, int], Callable[[int], None] | None] | None = None,
) -> dict[str, Entry]:
    """What the services add to each entry, asked only for what arXiv left unknown.

    Semantic Scholar (one batch), OpenAlex and Hugging Face are asked together; DBLP, slow and
    strict about load, only afterwards and only for computer-science papers whose venue is
    still unknown (Semantic Scholar's DBLP key usually answers for it already). A run about
    one paper so makes at most one round trip per service."""
    from arxiv2entry import enrich

    if not settings.enrich or not entries:
        return {k: enrich.merge(e) for k, e in entries.items()}
    from arxiv2entry.sources.http import Budget
    from arxiv2entry.sources.services import Plan, ask

    budget = Budget(settings.enrich_timeout)  # for every service, both rounds

    def switched_on(service: str, papers: list[Paper]) -> tuple[Paper, ...]:
        return tuple(papers) if service in settings.services else ()

    def wanted(entry: Entry, field: str) -> bool:  # what the caller will show (`refresh`
        return field in wants.get(entry.paper.id, ALL_FIELDS)  # rewrites venues and links)

    no_venue = [
        e.paper for e in entries.values() if e.venue.source == "fallback" and wanted(e, "venue")
    ]
    no_links = [
        e.paper
        for e in entries.values()
        if not (e.code.value and e.project.value) and wanted(e, "links")
    ]
    no_place = [
        e.paper
        for e in entries.values()
        if institution
        and not e.institution.value
        and not any(a.affiliations for a in e.paper.authors)
        and wanted(e, "institution")
    ]
    first = Plan(
        semanticscholar=switched_on("semanticscholar", no_venue),
        openalex=switched_on("openalex", list({p.id: p for p in no_venue + no_place}.values())),
        huggingface=switched_on("huggingface", no_links),
    )
    answers = ask(first, settings, cache, refresh=refresh, budget=budget, progress=on_ask)
    venues: dict[str, dict[str, VenueGuess | None]] = {}
    for paper in no_venue:
        venues[paper.id] = {
            "semanticscholar": _read(
                enrich.venue_from_semanticscholar, answers.get("semanticscholar", paper.id), paper
            ),
            "openalex": _read(enrich.venue_from_openalex, answers.get("openalex", paper.id), paper),
        }
    still = [
        p
        for p in no_venue
        if p.primary_category.startswith("cs.") and not any(venues[p.id].values())
    ]
    if still and "dblp" in settings.services:
        later = ask(
            Plan(dblp=tuple(still)),
            settings,
            cache,
            refresh=refresh,
            budget=budget,
            progress=on_ask,
        )
        answers.by_service["dblp"] = later.by_service["dblp"]
        answers.warnings += later.warnings
        answers.notes += later.notes
        for paper in still:
            venues[paper.id]["dblp"] = _read(
                enrich.venue_from_dblp, later.get("dblp", paper.id), paper
            )
    report.warnings += answers.warnings
    report.notes += answers.notes
    if budget.warning():
        report.warnings.append(str(budget.warning()))
    out = {}
    for key, entry in entries.items():
        pid = entry.paper.id
        said = venues.get(pid, {})
        try:  # an answer of an unexpected shape must cost a warning, not the entry
            work = answers.get("openalex", pid)
            out[key] = enrich.merge(
                entry,
                semanticscholar=said.get("semanticscholar"),
                dblp=said.get("dblp"),
                openalex=said.get("openalex"),
                huggingface=enrich.links_from_huggingface(answers.get("huggingface", pid)),
                institution=enrich.institution_from_openalex(work) if work else None,
            )
        except (AttributeError, TypeError, ValueError, KeyError) as exc:
            report.warnings.append(
                f"{pid}: a service answered in an unexpected shape ({type(exc).__name__}); "
                "using what arXiv says"
            )
            out[key] = enrich.merge(entry)
    return out


def _read(
    interpret: Callable[[Any, Paper], VenueGuess | None], answer: Any, paper: Paper
) -> VenueGuess | None:
    """A service's venue, or None when its answer has a shape nobody documented."""
    try:
        return interpret(answer, paper)
    except (AttributeError, TypeError, ValueError, KeyError):
        return None
