"""Bibliographic services, asked politely and allowed to fail.

Semantic Scholar, DBLP, OpenAlex and Hugging Face only ever add to what arXiv says, so a
service that is down, slow, rate-limiting or answering HTML instead of JSON costs a warning and
nothing else. Each service gets one connection, its own pause between requests and a timeout
(the shared transport, `sources/http.py`); the services run concurrently with each other, never
two requests to the same one at once.
Answers, "not found" included, are cached, so a second run asks nobody.

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
from arxiv2entry.sources.cache import Cache
from arxiv2entry.sources.http import RemoteError
from arxiv2entry.sources.jsonapi import Client

Fetch = Callable[[Client, Sequence[Paper], dict[str, Any]], None]


@dataclass
class Answers:
    """What the services said, by service then version-less arXiv id. A missing key means the
    service was not asked (or failed); a None value means it does not know the paper."""

    by_service: dict[str, dict[str, Any]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    requests: dict[str, int] = field(default_factory=dict)

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
) -> Answers:
    """Ask every service its papers, concurrently across services; cached answers first
    (unless `refresh`), and only those when `settings.offline`."""
    env = os.environ if env is None else env
    sleep = time.sleep if sleep is None else sleep
    answers = Answers()
    s2_key = env.get("SEMANTIC_SCHOLAR_API_KEY", "").strip()
    openalex_key = env.get("OPENALEX_API_KEY", "").strip() or None
    jobs: dict[str, tuple[Sequence[Paper], Callable[[], Client], Fetch]] = {
        "semanticscholar": (
            plan.semanticscholar,
            lambda: Client(
                "Semantic Scholar",
                settings.s2_url,
                _delay(settings, settings.s2_delay),
                settings,
                {"x-api-key": s2_key} if s2_key else None,
                sleep,
            ),
            semanticscholar.fetch,
        ),
        "dblp": (
            plan.dblp,
            lambda: Client("DBLP", settings.dblp_url, settings.dblp_delay, settings, None, sleep),
            dblp.fetch,
        ),
        "openalex": (
            plan.openalex,
            lambda: Client(
                "OpenAlex",
                settings.openalex_url,
                _delay(settings, settings.openalex_delay),
                settings,
                None,
                sleep,
            ),
            lambda c, ps, out: openalex.fetch(c, ps, out, openalex_key),
        ),
        "huggingface": (
            plan.huggingface,
            lambda: Client(
                "Hugging Face",
                settings.hf_url,
                _delay(settings, settings.hf_delay),
                settings,
                None,
                sleep,
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

    stop = threading.Event()

    def run(service: str) -> tuple[str, dict[str, Any], str | None, int]:
        _, make, fetch = jobs[service]
        client = make()
        client.transport.stop = stop
        got: dict[str, Any] = {}
        warning = None
        try:
            fetch(client, todo[service], got)
        except RemoteError as exc:
            warning = f"{client.name} gave no answer ({exc}); using what arXiv says"
        except Exception as exc:  # a service must never cost more than a warning
            warning = f"{client.name} gave no answer ({type(exc).__name__}); using what arXiv says"
        return service, got, warning, client.requests

    active = [s for s in jobs if todo[s]]
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
    for service, got, warning, sent in results:
        if warning:
            answers.warnings.append(warning)
        cache.put_answers(service, {key: json.dumps(value) for key, value in got.items()})
        fresh[service].update(got)
        answers.requests[service] = sent
    for service in jobs:
        # What was asked again wins; what could not be asked again keeps its cached answer.
        answers.by_service[service] = {**cached[service], **fresh[service]}
    return answers
