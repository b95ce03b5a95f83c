"""The arXiv API, asked politely: many ids per request, one connection, a pause between
requests, a timeout on each, and backoff when arXiv says it is busy.

The `arxiv` package builds the query and parses the Atom feed; this module owns the transport
policy it lacks (timeouts, telling a 400 from a 429 from a 503, backoff, invalid XML) through a
`requests` session with a response hook, so the package's parser stays the single reading of
the feed. arXiv's terms: at most one request every three seconds, on a single connection.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import arxiv
import requests
from lxml import etree
from requests.adapters import HTTPAdapter

from arxiv2entry.config import Settings
from arxiv2entry.ids import ArxivId
from arxiv2entry.models import Author, Paper

BATCH_SIZE = 100  # arXiv answers a longer id list with a body that is not XML at all
MAX_BACKOFF = 120.0
_ATOM = "{http://www.w3.org/2005/Atom}"


class FetchError(Exception):
    """A request that did not give a usable answer; `transient` ones are worth retrying."""

    def __init__(self, message: str, transient: bool, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.transient = transient
        self.retry_after = retry_after


@dataclass
class FetchResult:
    papers: dict[str, Paper] = field(default_factory=dict)  # key: the id as requested
    errors: dict[str, str] = field(default_factory=dict)
    requests: int = 0


class _TimeoutAdapter(HTTPAdapter):
    """`arxiv.Client` passes no timeout, and a hook run sees no hang: set one per request."""

    def __init__(self, timeout: float) -> None:
        super().__init__(max_retries=0)
        self._timeout = timeout

    def send(self, request, **kwargs):  # type: ignore[no-untyped-def, override]
        kwargs["timeout"] = self._timeout
        return super().send(request, **kwargs)


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    try:
        return min(float(value), MAX_BACKOFF) if value else None
    except ValueError:
        return None


def _error_summary(body: bytes) -> str | None:
    """arXiv reports a bad request as an Atom entry whose id starts with /api/errors."""
    try:
        root = etree.fromstring(body)
    except etree.XMLSyntaxError:
        return None
    for entry in root.iter(f"{_ATOM}entry"):
        entry_id = entry.findtext(f"{_ATOM}id") or ""
        if "arxiv.org/api/errors" in entry_id:
            return (entry.findtext(f"{_ATOM}summary") or "").strip() or None
    return None


def _check_response(response: requests.Response, *args: object, **kwargs: object) -> None:
    status = response.status_code
    if status == 200:
        # The package's parser recovers from broken XML (a truncated feed reads as "no such
        # paper"), so the body is checked strictly here first.
        try:
            root = etree.fromstring(response.content)
        except etree.XMLSyntaxError:
            raise FetchError(
                "arXiv sent a response that is not valid XML", transient=True
            ) from None
        if root.tag != f"{_ATOM}feed":
            raise FetchError("arXiv sent a page that is not an Atom feed", transient=True)
        return
    if status == 429:
        raise FetchError("arXiv is rate-limiting requests (HTTP 429)", True, _retry_after(response))
    if status >= 500:
        raise FetchError(f"arXiv is unavailable (HTTP {status})", True, _retry_after(response))
    summary = _error_summary(response.content)
    detail = f": {summary}" if summary else ""
    raise FetchError(f"arXiv rejected the request (HTTP {status}){detail}", transient=False)


def _session(timeout: float) -> requests.Session:
    session = requests.Session()
    adapter = _TimeoutAdapter(timeout)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.hooks["response"].append(_check_response)
    return session


def to_paper(result: arxiv.Result) -> Paper:
    short = result.get_short_id()  # "2112.07945v2", "math/0309136v1"
    base, _, version = short.rpartition("v")
    return Paper(
        id=base,
        version=int(version),
        title=result.title,
        authors=tuple(Author(a.name, tuple(a.affiliation)) for a in result.authors),
        summary=result.summary or "",
        comment=result.comment or None,
        journal_ref=result.journal_ref or None,
        doi=result.doi or None,
        published=result.published.date(),
        updated=result.updated.date(),
        primary_category=result.primary_category or "",
    )


class ArxivSource:
    """One client for the whole run, so the pause between requests covers every batch and
    every retry."""

    def __init__(
        self,
        settings: Settings,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.settings = settings
        self._sleep = time.sleep if sleep is None else sleep
        self._last: float | None = None
        # Pacing and retries are done here; the package's own would sleep where tests cannot
        # see it and retry a 400.
        self._client = arxiv.Client(page_size=BATCH_SIZE, delay_seconds=0, num_retries=0)
        self._client.query_url_format = settings.arxiv_url + "?{}"
        # The package takes no session or timeout; `_session` is the one seam (arxiv 4.x).
        self._client._session = _session(settings.timeout)

    def fetch(
        self,
        ids: Iterable[ArxivId],
        on_batch: Callable[[FetchResult, int], None] | None = None,
    ) -> FetchResult:
        """Ask for `ids` (distinct papers) in batches; report each one missing from the answer
        by name. `on_batch(result, n)` runs after each batch of n ids, so the caller can cache
        what arrived before a later batch fails or the user interrupts."""
        wanted = list(ids)
        result = FetchResult()
        for start in range(0, len(wanted), BATCH_SIZE):
            batch = wanted[start : start + BATCH_SIZE]
            self._fetch_batch(batch, result)
            if on_batch:
                on_batch(result, len(batch))
        return result

    def _pace(self) -> None:
        if self._last is not None:
            wait = self._last + self.settings.arxiv_delay - time.monotonic()
            if wait > 0:
                self._sleep(wait)
        self._last = time.monotonic()

    def _one_page(self, search: arxiv.Search) -> list[arxiv.Result]:
        """Exactly one request: the package's pager would send a second one by itself when
        arXiv's totalResults disagrees with the entries it sent (seen "sporadically")."""
        url = self._client._format_url(search, 0, BATCH_SIZE)
        return self._client._parse_feed(url, first_page=True).results

    def _fetch_batch(self, batch: list[ArxivId], result: FetchResult) -> None:
        by_base = {i.id: str(i) for i in batch}
        search = arxiv.Search(id_list=[str(i) for i in batch], max_results=len(batch))
        attempt = 0
        while True:
            self._pace()
            result.requests += 1
            try:
                found = self._one_page(search)
                break
            except FetchError as exc:
                error: FetchError = exc
            except requests.exceptions.Timeout:
                error = FetchError(
                    f"arXiv did not answer within {self.settings.timeout:g} s", transient=True
                )
            except requests.exceptions.RequestException as exc:
                error = FetchError(f"cannot reach arXiv ({_reason(exc)})", transient=True)
            if not error.transient or attempt >= self.settings.retries:
                for asked in by_base.values():
                    result.errors[asked] = str(error)
                return
            # Backoff on top of the pause; even with no pause configured, a busy arXiv gets
            # a second between tries.
            backoff = max(self.settings.arxiv_delay, 1.0) * (2**attempt)
            self._sleep(min(max(backoff, error.retry_after or 0.0), MAX_BACKOFF))
            self._last = None  # the backoff, never shorter than the pause, was the pause
            attempt += 1
        for item in found:
            paper = to_paper(item)
            key = by_base.get(paper.id)
            if key is not None:
                result.papers[key] = paper
        for asked in by_base.values():
            if asked not in result.papers:
                result.errors[asked] = "no such paper on arXiv"


def _reason(exc: BaseException) -> str:
    text = str(exc)
    for marker in ("Connection refused", "Name or service not known", "timed out"):
        if marker in text:
            return marker.lower()
    return type(exc).__name__
