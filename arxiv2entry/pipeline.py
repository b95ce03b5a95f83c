"""ids -> records (cache, then arXiv) -> guesses -> entries.

The only module that both reads the network and makes guesses; the guessing itself
(`guess_entry`) is pure, so the rules can be tested on records without any server.
The network stack is imported only when something has to be fetched: `--help`, `--offline`
and a warm cache never pay for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from arxiv2entry.config import Settings
from arxiv2entry.ids import ArxivId
from arxiv2entry.links import find_links
from arxiv2entry.models import Entry, Guess, Paper, VenueGuess
from arxiv2entry.render import plain
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


def unprintable(paper: Paper) -> str | None:
    """Why `paper` cannot be an entry, or None: an entry with nothing to click, or a `**` line
    where the authors should be, is worse than an error that names the paper."""
    if not plain(paper.title):
        return "arXiv's record has no title; nothing to print"
    if not any(plain(a.name) for a in paper.authors):
        return "arXiv's record names no authors; nothing to print"
    return None


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
    # Offline, a stale copy is better than none: it is all there is.
    got = _papers(keys, settings, cache, refresh, settings.offline, on_fetch_start)
    papers, errors = got.found, got.errors
    report.warnings += got.warnings
    for key in keys:
        if key in papers and (why := unprintable(papers[key])):
            errors[key] = why
            del papers[key]
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

    Three rounds, each only for what the one before left unknown:
    1. Semantic Scholar (one batch);
    2. Hugging Face (links), and with it OpenAlex, by each paper's published DOI (its arXiv
       record's, else Semantic Scholar's `externalIds.DOI`), many DOIs to a request: the
       published work names the venue and the institutions, the arXiv DOI's preprint work
       usually neither. A paper with no published DOI is asked by its arXiv DOI only when its
       institution is still wanted. Hugging Face waits for Semantic Scholar only so that a
       slow one and OpenAlex cost each other nothing;
    3. DBLP, slow and strict about load, only for computer-science papers whose venue is still
       unknown and that Semantic Scholar gave no usable DBLP key for.
    A run about one paper so makes at most one round trip per service."""
    from arxiv2entry import enrich

    if not settings.enrich or not entries:
        return {k: enrich.merge(e) for k, e in entries.items()}
    from arxiv2entry.sources.http import Budget
    from arxiv2entry.sources.services import Answers, Plan

    budget = Budget(settings.enrich_timeout)  # for every service, every round

    def ask(plan: Plan, refresh: bool = refresh) -> Answers:
        from arxiv2entry.sources.services import ask as asking

        return asking(plan, settings, cache, refresh=refresh, budget=budget, progress=on_ask)

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
    answers = ask(Plan(semanticscholar=switched_on("semanticscholar", no_venue)))

    def join(later: Answers, *services: str) -> None:
        for service in services:
            answers.by_service.setdefault(service, {}).update(later.by_service.get(service, {}))
        answers.warnings += later.warnings
        answers.notes += later.notes
        answers.down |= later.down

    venues: dict[str, dict[str, VenueGuess | None]] = {}
    for paper in no_venue:
        venues[paper.id] = {
            "semanticscholar": _read(
                enrich.venue_from_semanticscholar, answers.get("semanticscholar", paper.id), paper
            )
        }

    def known(paper: Paper) -> bool:
        return any(g is not None and g.venue for g in venues.get(paper.id, {}).values())

    published = {
        p.id: doi
        for p in {p.id: p for p in no_venue + no_place}.values()
        if (doi := _published_doi(p, answers.get("semanticscholar", p.id)))
    }
    by_doi = [p for p in no_venue if not known(p) and p.id in published]
    to_openalex = {p.id: p for p in by_doi}
    for p in no_place:
        to_openalex.setdefault(p.id, p)
    asked = [replace(p, doi=published.get(p.id)) for p in to_openalex.values()]
    links = switched_on("huggingface", no_links)
    asked = asked if "openalex" in settings.services else []
    # Where Semantic Scholar said nothing at all (down, switched off, out of time), there is no
    # DBLP key to wait for: DBLP goes now, with the others, so that a service that hangs costs
    # one round of the budget, not one per round.
    s2_said = answers.by_service.get("semanticscholar", {})
    early = tuple(p for p in switched_on("dblp", no_venue) if _is_cs(p) and p.id not in s2_said)
    if asked or links or early:
        # Hugging Face needs nothing from the others: it goes with OpenAlex, so that a slow one
        # costs the other nothing (both wait for Semantic Scholar's DOIs only).
        later = ask(Plan(openalex=tuple(asked), huggingface=links, dblp=early))
        if asked:
            _ask_stale_again(later, asked, settings, refresh, ask)
        join(later, "huggingface", "openalex", "dblp")
    if asked:
        for paper in no_venue:
            venues[paper.id]["openalex"] = _read(
                lambda work, p: enrich.venue_from_openalex(work, p, doi=published.get(p.id)),
                answers.get("openalex", paper.id),
                paper,
            )

    def usable_key(paper: Paper) -> bool:
        """Semantic Scholar gave a DBLP key of a publication: DBLP would say the same."""
        s2 = answers.get("semanticscholar", paper.id)
        key = str(((s2 or {}).get("externalIds") or {}).get("DBLP") or "")
        return bool(key) and not key.startswith("journals/corr/")

    still = [
        p for p in no_venue if _is_cs(p) and not known(p) and not usable_key(p) and p not in early
    ]
    if still and "dblp" in settings.services:
        join(ask(Plan(dblp=tuple(still))), "dblp")
    for paper in [*early, *still]:
        venues[paper.id]["dblp"] = _read(
            enrich.venue_from_dblp, answers.get("dblp", paper.id), paper
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


def _published_doi(paper: Paper, s2: Any) -> str | None:
    """The DOI of the paper's published version: its arXiv record's own (`arxiv:doi`, which
    the authors give), else Semantic Scholar's `externalIds.DOI` when that is not the arXiv
    DOI (which S2 gives for a paper it knows only as a preprint)."""
    from arxiv2entry.sources.openalex import is_arxiv_doi

    if paper.doi and not is_arxiv_doi(paper.doi):
        return paper.doi.strip()
    ids = s2.get("externalIds") if isinstance(s2, Mapping) else None
    doi = ids.get("DOI") if isinstance(ids, Mapping) else None
    if isinstance(doi, str) and doi.strip() and not is_arxiv_doi(doi):
        return doi.strip()
    return None


def _is_cs(paper: Paper) -> bool:
    """DBLP indexes computer science only."""
    return paper.primary_category.startswith("cs.")


def _ask_stale_again(
    later: Any, asked: list[Paper], settings: Settings, refresh: bool, ask: Callable[..., Any]
) -> None:
    """An OpenAlex answer cached when the published DOI was not known yet (the preprint's
    work) is asked again now that it is."""
    from arxiv2entry.sources import openalex
    from arxiv2entry.sources.services import Plan

    stale = [
        p
        for p in asked
        if p.doi
        and isinstance(work := later.get("openalex", p.id), Mapping)
        and openalex.doi_key(work.get("doi")) != openalex.doi_key(p.doi)
    ]
    if stale and not settings.offline and not refresh and "openalex" not in later.down:
        again = ask(Plan(openalex=tuple(stale)), refresh=True)
        later.by_service["openalex"].update(again.by_service.get("openalex", {}))
        later.warnings += again.warnings
        later.notes += again.notes



def _read(
    interpret: Callable[[Any, Paper], VenueGuess | None], answer: Any, paper: Paper
) -> VenueGuess | None:
    """A service's venue, or None when its answer has a shape nobody documented."""
    try:
        return interpret(answer, paper)
    except (AttributeError, TypeError, ValueError, KeyError):
        return None


@dataclass
class Papers:
    """arXiv's records of some papers: from the cache, else fetched; and what went wrong."""

    found: dict[str, Paper] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def fetch_papers(
    ids: Sequence[ArxivId],
    settings: Settings,
    *,
    refresh: bool = False,
    on_fetch_start: Callable[[int], Callable[[int], None] | None] | None = None,
) -> Papers:
    """The records of `ids` (by version-less id), the cache first (however old: `watch` reads
    what a list's papers are about, which a new version hardly changes), the rest in batches
    from arXiv unless offline; nothing is guessed."""
    cache = Cache(settings.cache_dir, settings.cache_days)
    try:
        keys = [i.id for i in unique(ids)]
        return _papers(keys, settings, cache, refresh, True, on_fetch_start)
    finally:
        cache.close()


def _papers(
    keys: list[str],
    settings: Settings,
    cache: Cache,
    refresh: bool,
    allow_stale: bool,
    on_fetch_start: Callable[[int], Callable[[int], None] | None] | None,
) -> Papers:
    out = Papers()
    if cache.warning:
        out.warnings.append(cache.warning)
    out.found = {} if refresh else cache.get(keys, allow_stale=allow_stale)
    missing = [key for key in keys if key not in out.found]
    if missing and settings.offline:
        for key in missing:
            out.errors[key] = "not in the cache, and --offline forbids fetching it"
    elif missing:
        from arxiv2entry.sources.arxiv import ArxivSource, FetchResult

        progress = on_fetch_start(len(missing)) if on_fetch_start else None

        def keep(fetched: FetchResult, n: int) -> None:
            new = {k: p for k, p in fetched.papers.items() if k not in out.found}
            cache.put(new)  # batch by batch: an interrupted run keeps what arrived
            out.found.update(new)
            if progress:
                progress(n)

        out.errors.update(ArxivSource(settings).fetch([ArxivId(k) for k in missing], keep).errors)
        if cache.warning and cache.warning not in out.warnings:
            out.warnings.append(cache.warning)
    return out
