"""Bibliographic services, asked politely and allowed to fail.

Semantic Scholar, DBLP, OpenAlex and Hugging Face only ever add to what arXiv says, so a
service that is down, slow, rate-limiting or answering HTML instead of JSON costs a warning and
nothing else. Each service gets one connection, its own pause between requests and a deadline
(the shared transport, `sources/http.py`), and all of them together the enrichment's time
budget; the services run concurrently with each other, never two requests to the same one at
once. Answers, "not found" included, are cached, so a second run asks nobody; so is a service
found down (unreachable, blocked, timing out), so that later runs skip it at once until its
cool-off is over (`--refresh` asks it anyway).

This module is the asking: which service gets which papers (`Plan`), the cache before and after,
one worker thread per service, and what they said (`Answers`). How each service is asked is its
own module (`semanticscholar.py`, `dblp.py`, `openalex.py`, `huggingface.py`), on the JSON
client they share (`jsonapi.py`).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from arxiv2entry.config import Settings
from arxiv2entry.models import Paper
from arxiv2entry.sources import dblp, huggingface, openalex, semanticscholar
from arxiv2entry.sources.cache import Cache, Down, usable_answer
from arxiv2entry.sources.http import DAY, HOUR, Budget, RemoteError
from arxiv2entry.sources.jsonapi import Client

Fetch = Callable[[Client, Sequence[Paper], dict[str, Any]], None]
# Told the name of a source and how many papers it will be asked about; may return a callback
# told how many more were answered (the command line's progress display).
Progress = Callable[[str, int], Callable[[int], None] | None]
NAMES = {
    "semanticscholar": "Semantic Scholar",
    "dblp": "DBLP",
    "openalex": "OpenAlex",
    "huggingface": "Hugging Face",
}


@dataclass
class Answers:
    """What the services said, by service then version-less arXiv id. A missing key means the
    service was not asked (or failed); a None value means it does not know the paper."""

    by_service: dict[str, dict[str, Any]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    requests: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # for --explain: services not asked, why
    down: set[str] = field(default_factory=set)  # services not asked: remembered as down

    def get(self, service: str, paper_id: str) -> Any:
        return self.by_service.get(service, {}).get(paper_id)


@dataclass(frozen=True)
class Plan:
    """Which papers each service is asked about."""

    semanticscholar: tuple[Paper, ...] = ()
    dblp: tuple[Paper, ...] = ()
    openalex: tuple[Paper, ...] = ()
    huggingface: tuple[Paper, ...] = ()


def _delay(settings: Settings, default: float) -> float:
    return default if settings.service_delay is None else settings.service_delay


def ask(
    plan: Plan,
    settings: Settings,
    cache: Cache,
    *,
    refresh: bool = False,
    env: Mapping[str, str] | None = None,
    sleep: Callable[[float], None] | None = None,
    budget: Budget | None = None,
    progress: Progress | None = None,
) -> Answers:
    """Ask every service its papers, concurrently across services; cached answers first
    (unless `refresh`), and only those when `settings.offline`. A service remembered as down
    is not asked (unless `refresh`). Every request fits in `budget` (one is made from
    `settings` when none is given); what it left unasked is in `budget.skipped`."""
    env = os.environ if env is None else env
    sleep = time.sleep if sleep is None else sleep
    budget = Budget(settings.enrich_timeout) if budget is None else budget
    answers = Answers()
    s2_key = env.get("SEMANTIC_SCHOLAR_API_KEY", "").strip()
    openalex_key = env.get("OPENALEX_API_KEY", "").strip() or None
    # Each service's endpoint; its health is remembered per endpoint, so that pointing a
    # service at a mirror asks it at once.
    endpoint = {
        "semanticscholar": settings.s2_url,
        "dblp": settings.dblp_url,
        "openalex": settings.openalex_url,
        "huggingface": settings.hf_url,
    }
    jobs: dict[str, tuple[Sequence[Paper], Callable[[], Client], Fetch]] = {
        "semanticscholar": (
            plan.semanticscholar,
            lambda: Client(
                "Semantic Scholar",
                endpoint["semanticscholar"],
                _delay(settings, settings.s2_delay),
                settings,
                {"x-api-key": s2_key} if s2_key else None,
                sleep,
                budget,
            ),
            semanticscholar.fetch,
        ),
        "dblp": (
            plan.dblp,
            lambda: Client(
                "DBLP", endpoint["dblp"], settings.dblp_delay, settings, None, sleep, budget
            ),
            dblp.fetch,
        ),
        "openalex": (
            plan.openalex,
            lambda: Client(
                "OpenAlex",
                endpoint["openalex"],
                _delay(settings, settings.openalex_delay),
                settings,
                None,
                sleep,
                budget,
            ),
            lambda c, ps, out: openalex.fetch(c, ps, out, openalex_key),
        ),
        "huggingface": (
            plan.huggingface,
            lambda: Client(
                "Hugging Face",
                endpoint["huggingface"],
                _delay(settings, settings.hf_delay),
                settings,
                None,
                sleep,
                budget,
            ),
            huggingface.fetch,
        ),
    }

    # The cache is read and written here, in this thread (an SQLite connection belongs to the
    # thread that opened it); the workers only talk to their service. A client (and the
    # network stack) is made only for a service that has something left to ask.
    cached: dict[str, dict[str, Any]] = {}
    fresh: dict[str, dict[str, Any]] = {}
    todo: dict[str, list[Paper]] = {}
    for service, (papers, _, _) in jobs.items():
        # Offline, an old answer is better than none; --refresh asks again but keeps the
        # cached answer for when the service cannot answer now.
        hits = cache.get_answers(service, [p.id for p in papers], allow_stale=settings.offline)
        cached[service] = {key: json.loads(data) for key, data in hits}
        fresh[service] = {}
        if settings.offline:
            todo[service] = []
        else:
            todo[service] = [p for p in papers if refresh or p.id not in cached[service]]
        down = cache.down(service, endpoint[service]) if todo[service] and not refresh else None
        if down is not None:
            # Said once, when it was found down; --explain says it on every run after.
            answers.notes.append(_not_asked(down))
            answers.down.add(service)
            todo[service] = []

    stop = threading.Event()
    advance: dict[str, Callable[[int], None] | None] = {}

    def run(service: str) -> tuple[str, dict[str, Any], Exception | None, int, str]:
        _, make, fetch = jobs[service]
        client = make()
        client.transport.stop = stop
        got: dict[str, Any] = _Counting(advance.get(service))
        failure: Exception | None = None
        try:
            fetch(client, todo[service], got)
        except Exception as exc:  # a service must never cost more than a warning
            failure = exc
        return service, dict(got), failure, client.requests, client.name

    active = [s for s in jobs if todo[s]]
    for service in active:
        advance[service] = progress(NAMES[service], len(todo[service])) if progress else None
    results = []
    if active:
        pool = ThreadPoolExecutor(max_workers=len(active))
        try:
            results = list(pool.map(run, active))
        except BaseException:  # Ctrl-C: the workers stop at their next pause
            stop.set()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
    for service, got, failure, sent, name in results:
        kept = {key: value for key, value in got.items() if usable_answer(value)}
        cache.put_answers(service, {key: json.dumps(value) for key, value in kept.items()})
        fresh[service].update(kept)
        answers.requests[service] = sent
        if failure is None:
            cache.mark_up(service)  # up again (after --refresh, or a cool-off that ended)
        elif isinstance(failure, RemoteError) and failure.kind == "budget":
            budget.skip(name, len({p.id for p in todo[service]} - set(got)))
        elif isinstance(failure, RemoteError) and failure.cool_off:
            cache.mark_down(
                service, failure.kind, failure.cause, failure.cool_off, endpoint[service]
            )
            answers.warnings.append(down_warning(service, name, failure))
        elif isinstance(failure, RemoteError):
            answers.warnings.append(f"{name} gave no answer ({failure}); using what arXiv says")
        else:
            answers.warnings.append(
                f"{name} gave no answer ({type(failure).__name__}); using what arXiv says"
            )
    for service in jobs:
        # What was asked again wins; what could not be asked again keeps its cached answer.
        answers.by_service[service] = {**cached[service], **fresh[service]}
    return answers


class _Counting(dict[str, Any]):
    """A service's answers as they arrive, each new paper counted for the progress display
    (the fetchers fill it with `out[key] = ...` or `out.update(...)`)."""

    def __init__(self, advance: Callable[[int], None] | None) -> None:
        super().__init__()
        self._advance = advance

    def __setitem__(self, key: str, value: Any) -> None:
        new = key not in self
        super().__setitem__(key, value)
        if new and self._advance:
            self._advance(1)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value


def _for(seconds: float) -> str:
    if abs(seconds - HOUR) < 1:
        return "for an hour"
    if abs(seconds - DAY) < 1:
        return "for a day"
    if seconds < HOUR:
        return f"for {max(1, round(seconds / 60))} min"
    return f"for {round(seconds / HOUR)} h"


def down_warning(service: str, name: str, failure: RemoteError) -> str:
    """One line: the service, what is wrong, how long it is left alone, how to turn it off."""
    what = {
        "unreachable": f"cannot be reached ({failure.cause})",
        "blocked": f"is blocked (it answered {failure.cause} instead of JSON)",
        "timeout": f"timed out ({failure.cause})",
        "busy": f"asks to wait {failure.retry_after or 0:g} s"
        + (f" (HTTP {failure.status})" if failure.status else ""),
    }.get(failure.kind, f"gave no answer ({failure})")
    return (
        f"{name} {what}; skipping it {_for(failure.cool_off or HOUR)}. Turn it off with "
        f"[services] {service} = false in .arxiv2entry.toml, or all services with --no-enrich "
        "(ARXIV2ENTRY_NO_ENRICH=1)"
    )


def _not_asked(down: Down, now: float | None = None) -> str:
    since = _when(down.since, time.time() if now is None else now)
    return f"{down.service}: not asked: down since {since} ({down.cause}); --refresh asks again"


def _when(at: float, now: float) -> str:
    """`14:03` today, `2026-12-04 14:03` another day: a bot wall is left alone for a day, so
    the hour alone could be yesterday's."""
    then, today = time.localtime(at), time.localtime(now)
    same_day = (then.tm_year, then.tm_yday) == (today.tm_year, today.tm_yday)
    return time.strftime("%H:%M" if same_day else "%Y-%m-%d %H:%M", then)
