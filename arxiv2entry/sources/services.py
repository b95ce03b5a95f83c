"""Bibliographic services, asked politely and allowed to fail.

Semantic Scholar, DBLP, OpenAlex and Hugging Face only ever add to what arXiv says, so a
service that is down, slow, rate-limiting or answering HTML instead of JSON costs a warning and
nothing else. Each service gets one connection, its own pause between requests and a timeout
(the shared transport, `sources/http.py`); the services run concurrently with each other, never
two requests to the same one at once.
Answers, "not found" included, are cached, so a second run asks nobody.
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
from urllib.parse import quote

from arxiv2entry.config import Settings
from arxiv2entry.models import Paper
from arxiv2entry.sources.cache import Cache
from arxiv2entry.sources.http import RemoteError, Transport, Wording, retry_after

S2_FIELDS = "title,authors,year,venue,publicationVenue,journal,externalIds,publicationDate"
S2_BATCH = 500  # the batch endpoint's documented limit
MAX_BACKOFF = 60.0
NOT_FOUND: Any = None  # a cached negative answer
WORDING = Wording(
    timed_out="no answer within {timeout:g} s",
    unreachable="cannot reach it ({kind})",
    cannot_ask="cannot ask it ({kind})",
)


Fetch = Callable[["_Client", Sequence[Paper], dict[str, Any]], None]


@dataclass
class Answers:
    """What the services said, by service then version-less arXiv id. A missing key means the
    service was not asked (or failed); a None value means it does not know the paper."""

    by_service: dict[str, dict[str, Any]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    requests: dict[str, int] = field(default_factory=dict)

    def get(self, service: str, paper_id: str) -> Any:
        return self.by_service.get(service, {}).get(paper_id)


class _Client:
    """One service: one connection, a pause between requests, retries on 429 and 5xx."""

    def __init__(
        self,
        name: str,
        base: str,
        delay: float,
        settings: Settings,
        headers: Mapping[str, str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.name = name
        self.base = base.rstrip("/")
        # Made only when a service is really asked, and only then is `requests` imported:
        # cached runs stay light.
        self.transport = Transport(
            delay=delay,
            timeout=settings.timeout,
            retries=settings.retries,
            max_backoff=MAX_BACKOFF,
            wording=WORDING,
            sleep=sleep,
            headers={"User-Agent": "arxiv2entry", **(headers or {})},
        )

    @property
    def requests(self) -> int:
        return self.transport.requests

    def call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        body: Any = None,
        not_found_ok: bool = True,
    ) -> Any:
        """The decoded JSON answer; `NOT_FOUND` for a 404; raises `RemoteError`."""
        return self.transport.call(lambda: self._once(method, path, params, body, not_found_ok))

    def _once(
        self,
        method: str,
        path: str,
        params: Mapping[str, str] | None,
        body: Any,
        not_found_ok: bool,
    ) -> Any:
        resp = self.transport.session.request(method, self.base + path, params=params, json=body)
        if resp.status_code == 404 and not_found_ok:
            return NOT_FOUND
        if resp.status_code == 429 or resp.status_code >= 500:
            raise RemoteError(f"HTTP {resp.status_code}", True, retry_after(resp))
        if resp.status_code != 200:
            raise RemoteError(f"HTTP {resp.status_code}", False, refused=resp.status_code < 500)
        try:
            return resp.json()
        except ValueError:
            kind = resp.headers.get("Content-Type", "").split(";")[0] or "not JSON"
            raise RemoteError(f"answered {kind} where JSON was expected", False) from None


@dataclass(frozen=True)
class Plan:
    """Which papers each service is asked about."""

    semanticscholar: tuple[Paper, ...] = ()
    dblp: tuple[Paper, ...] = ()
    openalex: tuple[Paper, ...] = ()
    huggingface: tuple[Paper, ...] = ()


def _s2(client: _Client, papers: Sequence[Paper], out: dict[str, Any]) -> None:
    """Answers go into `out` as they arrive, so a later failure keeps the earlier ones."""
    for start in range(0, len(papers), S2_BATCH):
        batch = papers[start : start + S2_BATCH]
        answer = client.call(
            "POST",
            "/graph/v1/paper/batch",
            params={"fields": S2_FIELDS},
            body={"ids": [f"ARXIV:{p.id}" for p in batch]},
            not_found_ok=False,
        )
        if not isinstance(answer, list) or len(answer) != len(batch):
            raise RemoteError("answered something other than one result per paper", False)
        out.update({p.id: item for p, item in zip(batch, answer, strict=True)})


def _each(
    client: _Client, papers: Sequence[Paper], out: dict[str, Any], ask: Callable[[Paper], Any]
) -> None:
    """One request per paper. A refusal about one paper (a 4xx other than 429) leaves only
    that paper unanswered; anything the service says about all of them stops the loop."""
    refused: list[str] = []
    for paper in papers:
        try:
            out[paper.id] = ask(paper)
        except RemoteError as exc:
            if not exc.refused:
                raise
            refused.append(f"{exc} for {paper.id}")
    if refused:  # reported once, after the other papers were asked
        raise RemoteError(", ".join(refused[:3]) + (" ..." if len(refused) > 3 else ""), False)


def _dblp(client: _Client, papers: Sequence[Paper], out: dict[str, Any]) -> None:
    def one(p: Paper) -> Any:
        answer = client.call(
            "GET",
            "/search/publ/api",
            params={"q": " ".join(p.title.split()), "format": "json", "h": "10", "c": "0"},
        )
        # Only a proceedings or journal record is worth keeping for long; no hit, or arXiv's
        # own CoRR record, is "not known yet" and goes stale as soon as a negative answer.
        hits = (((answer or {}).get("result") or {}).get("hits") or {}).get("hit") or []
        hits = hits if isinstance(hits, list) else [hits]
        keys = [str((h.get("info") or {}).get("key", "")) for h in hits if isinstance(h, dict)]
        return answer if any(not k.startswith("journals/corr/") for k in keys) else NOT_FOUND

    _each(client, papers, out, one)


def _openalex(
    client: _Client, papers: Sequence[Paper], out: dict[str, Any], key: str | None
) -> None:
    params = {"api_key": key} if key else None
    _each(
        client,
        papers,
        out,
        lambda p: client.call("GET", f"/works/doi:10.48550/arXiv.{quote(p.id)}", params=params),
    )


def _huggingface(client: _Client, papers: Sequence[Paper], out: dict[str, Any]) -> None:
    _each(client, papers, out, lambda p: client.call("GET", f"/api/papers/{quote(p.id)}"))


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
    jobs: dict[str, tuple[Sequence[Paper], Callable[[], _Client], Fetch]] = {
        "semanticscholar": (
            plan.semanticscholar,
            lambda: _Client(
                "Semantic Scholar",
                settings.s2_url,
                _delay(settings, settings.s2_delay),
                settings,
                {"x-api-key": s2_key} if s2_key else None,
                sleep,
            ),
            _s2,
        ),
        "dblp": (
            plan.dblp,
            lambda: _Client("DBLP", settings.dblp_url, settings.dblp_delay, settings, None, sleep),
            _dblp,
        ),
        "openalex": (
            plan.openalex,
            lambda: _Client(
                "OpenAlex",
                settings.openalex_url,
                _delay(settings, settings.openalex_delay),
                settings,
                None,
                sleep,
            ),
            lambda c, ps, out: _openalex(c, ps, out, openalex_key),
        ),
        "huggingface": (
            plan.huggingface,
            lambda: _Client(
                "Hugging Face",
                settings.hf_url,
                _delay(settings, settings.hf_delay),
                settings,
                None,
                sleep,
            ),
            _huggingface,
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
