"""The arXiv API, asked politely: many ids per request, one connection, a pause between
requests, a timeout on each, and backoff when arXiv says it is busy.

The `arxiv` package builds the query and parses the Atom feed; this module owns the transport
policy it lacks (timeouts, telling a 400 from a 429 from a 503, backoff, invalid XML) through the
shared transport (`sources/http.py`) and a response hook on its `requests` session, so the
package's parser stays the single reading of the feed. arXiv's terms: at most one request every
three seconds, on a single connection.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import arxiv
import requests
from lxml import etree

from arxiv2entry.config import Settings
from arxiv2entry.ids import ArxivId
from arxiv2entry.models import Author, Paper
from arxiv2entry.sources.http import RemoteError, Transport, Wording, retry_after

if TYPE_CHECKING:
    from lxml.etree import _Element

BATCH_SIZE = 100  # arXiv answers a longer id list with a body that is not XML at all
MAX_BACKOFF = 120.0
_ATOM = "{http://www.w3.org/2005/Atom}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)  # a feed needs neither
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
            root = etree.fromstring(response.content, _PARSER)
        except etree.XMLSyntaxError:
            raise RemoteError(
                "arXiv sent a response that is not valid XML", transient=True
            ) from None
        if root.tag != f"{_ATOM}feed":  # a captive portal, a bot wall: asking again won't help
            raise RemoteError(
                "arXiv sent a page that is not an Atom feed", transient=False, kind="blocked"
            )
        return
    if status == 429:
        raise RemoteError(
            "arXiv is rate-limiting requests (HTTP 429)", True, retry_after(response), status=429
        )
    if status >= 500:  # only 503 says "busy, come back": another 5xx is not tried again
        raise RemoteError(
            f"arXiv is unavailable (HTTP {status})",
            status == 503,
            retry_after(response),
            status=status,
        )
    summary = _error_summary(response.content)
    detail = f": {summary}" if summary else ""
    raise RemoteError(f"arXiv rejected the request (HTTP {status}){detail}", transient=False)


def to_paper(result: arxiv.Result) -> Paper:
    short = result.get_short_id()  # "2112.07945v2", "math/0309136v1"
    base, _, version = short.rpartition("v")
    if not base or not version.isdigit():
        raise ValueError(f"its id {result.entry_id!r} has no version")
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
            name="arXiv",
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

    def _one_page(self, search: arxiv.Search) -> list[tuple[str | None, Paper | str]]:
        """Exactly one request: the package's pager would send a second one by itself when
        arXiv's totalResults disagrees with the entries it sent (seen "sporadically"). Each
        entry is read on its own, so that one arXiv cannot read costs that paper only."""
        url = self._client._format_url(search, 0, BATCH_SIZE)
        response = self._transport.session.get(url)  # the hook checked it is an Atom feed
        root = etree.fromstring(response.content, _PARSER)
        return [_read_entry(entry) for entry in root.iterfind(f"{_ATOM}entry")]

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
        unread: list[str] = []  # why entries that name no paper we can tell could not be read
        for base, item in found:
            key = by_base.get(base or "")
            if isinstance(item, Paper):
                key = by_base.get(item.id)
                if key is not None:
                    result.papers[key] = item
            elif key is not None:
                result.errors[key] = f"arXiv's record of {key} could not be read ({item})"
            else:
                unread.append(item)
        for asked in by_base.values():
            if asked in result.papers or asked in result.errors:
                continue
            if unread:  # an entry we could not tie to a paper may well have been this one
                result.errors[asked] = (
                    f"arXiv's record of {asked} could not be read ({unread[0]})"
                )
            else:
                result.errors[asked] = "no such paper on arXiv"


_ABS = re.compile(r"arxiv\.org/abs/(?P<base>.+?)(?:v\d+)?$")


def _read_entry(entry: _Element) -> tuple[str | None, Paper | str]:
    """The version-less id an entry names (None if it names none), and its paper or why it
    could not be read."""
    from arxiv._feed import _build_result, _parse_datetime

    entry_id = (entry.findtext(f"{_ATOM}id") or "").strip()
    named = _ABS.search(entry_id)
    base = named["base"] if named else None
    if not entry_id:
        return None, "an entry without an <id>"
    for tag in ("published", "updated"):
        text = entry.findtext(f"{_ATOM}{tag}")
        if not text:
            return base, f"it has no <{tag}> date"
        try:
            _parse_datetime(text)
        except ValueError:
            return base, f"its <{tag}> {text.strip()!r} is not a date"
    try:
        built = _build_result(entry)
        if built is None:
            return base, "the arxiv package could not read it"
        return base, to_paper(built)
    except (ValueError, TypeError, AttributeError) as exc:
        return base, str(exc) or type(exc).__name__
