"""The arXiv API, asked politely: many ids per request, one connection, a pause between
requests, a timeout on each, and backoff when arXiv says it is busy.

The `arxiv` package builds the query and parses the Atom feed; this module owns the transport
policy it lacks (timeouts, telling a 400 from a 429 from a 503, backoff, invalid XML) through the
shared transport (`sources/http.py`) and a response hook on its `requests` session, so the
package's parser stays the single reading of the feed. arXiv's terms: at most one request every
three seconds, on a single connection.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import arxiv
import requests
from lxml import etree

from arxiv2entry.config import Settings
from arxiv2entry.ids import ArxivId
from arxiv2entry.models import Author, Paper
from arxiv2entry.sources.http import RemoteError, Transport, Wording, retry_after

BATCH_SIZE = 100  # arXiv answers a longer id list with a body that is not XML at all
MAX_BACKOFF = 120.0
_ATOM = "{http://www.w3.org/2005/Atom}"
WORDING = Wording(
    timed_out="arXiv did not answer within {timeout:g} s",
    unreachable="cannot reach arXiv ({reason})",
)


@dataclass
class FetchResult:
    papers: dict[str, Paper] = field(default_factory=dict)  # key: the id as requested
    errors: dict[str, str] = field(default_factory=dict)
    requests: int = 0


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
            raise RemoteError(
                "arXiv sent a response that is not valid XML", transient=True
            ) from None
        if root.tag != f"{_ATOM}feed":
            raise RemoteError("arXiv sent a page that is not an Atom feed", transient=True)
        return
    if status == 429:
        raise RemoteError("arXiv is rate-limiting requests (HTTP 429)", True, retry_after(response))
    if status >= 500:
        raise RemoteError(f"arXiv is unavailable (HTTP {status})", True, retry_after(response))
    summary = _error_summary(response.content)
    detail = f": {summary}" if summary else ""
    raise RemoteError(f"arXiv rejected the request (HTTP {status}){detail}", transient=False)


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
        self._transport = Transport(
            delay=settings.arxiv_delay,
            timeout=settings.timeout,
            retries=settings.retries,
            max_backoff=MAX_BACKOFF,
            wording=WORDING,
            sleep=time.sleep if sleep is None else sleep,
            backoff_is_pause=True,
        )
        self._transport.session.hooks["response"].append(_check_response)
        # Pacing and retries are done here; the package's own would sleep where tests cannot
        # see it and retry a 400.
        self._client = arxiv.Client(page_size=BATCH_SIZE, delay_seconds=0, num_retries=0)
        self._client.query_url_format = settings.arxiv_url + "?{}"
        # The package takes no session or timeout; `_session` is the one seam (arxiv 4.x).
        self._client._session = self._transport.session

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

    def _one_page(self, search: arxiv.Search) -> list[arxiv.Result]:
        """Exactly one request: the package's pager would send a second one by itself when
        arXiv's totalResults disagrees with the entries it sent (seen "sporadically")."""
        url = self._client._format_url(search, 0, BATCH_SIZE)
        return self._client._parse_feed(url, first_page=True).results

    def _fetch_batch(self, batch: list[ArxivId], result: FetchResult) -> None:
        by_base = {i.id: str(i) for i in batch}
        search = arxiv.Search(id_list=[str(i) for i in batch], max_results=len(batch))
        sent = self._transport.requests
        try:
            found = self._transport.call(lambda: self._one_page(search))
        except RemoteError as error:
            for asked in by_base.values():
                result.errors[asked] = str(error)
            return
        finally:
            result.requests += self._transport.requests - sent
        for item in found:
            paper = to_paper(item)
            key = by_base.get(paper.id)
            if key is not None:
                result.papers[key] = paper
        for asked in by_base.values():
            if asked not in result.papers:
                result.errors[asked] = "no such paper on arXiv"
