"""A bibliographic service's JSON API, on the shared transport: what its answers mean.

Semantic Scholar, DBLP, OpenAlex and Hugging Face answer alike: JSON for a paper they know, 404
for one they do not, 429 or 503 when busy, another 4xx when a request is refused, and now and
then an HTML page instead of JSON: a service that answers a page where JSON was asked is
blocked (DBLP serves scripts a bot-check page, with HTTP 500 or, from its mirror, 200), and is
asked once and left alone for a while. `Client` reads that, the same for every service, on top
of `sources/http.py` (one connection, the pause, the deadline, retries); `each` asks one
request per paper and keeps a refusal about one paper from costing the others. The requests
themselves are each service's own module (`semanticscholar.py`, `dblp.py`, `openalex.py`,
`huggingface.py`).
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from arxiv2entry.config import Settings
from arxiv2entry.models import Paper
from arxiv2entry.sources.http import (
    COOL_OFF,
    Budget,
    RemoteError,
    Transport,
    Wording,
    retry_after,
)

if TYPE_CHECKING:
    import requests

MAX_BACKOFF = 60.0
NOT_FOUND: Any = None  # a cached negative answer
WORDING = Wording(
    timed_out="no answer within {timeout:g} s",
    unreachable="cannot reach it ({reason})",
    cannot_ask="cannot ask it ({kind})",
)
# The titles of the pages bot walls answer scripts with, lower-cased: Anubis (DBLP since
# 2026-09; tests/fixtures/services/real/dblp/), Cloudflare's challenge.
BOT_WALL_TITLES = ("making sure you're not a bot!", "just a moment...", "attention required!")
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)


def bot_wall(resp: requests.Response) -> bool:
    """Whether the answer is a bot-check page, whatever its status."""
    found = _TITLE.search(resp.content[:8192])
    if found is None:
        return False
    title = " ".join(html.unescape(found[1].decode("utf-8", "replace")).split()).lower()
    return title.replace("\u2019", "'").startswith(BOT_WALL_TITLES)


class Client:
    """One service: one connection, a pause between requests, retries on 429 and 5xx."""

    def __init__(
        self,
        name: str,
        base: str,
        delay: float,
        settings: Settings,
        headers: Mapping[str, str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        budget: Budget | None = None,
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
            headers=headers,
            name=name,
            budget=budget,
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
        status = resp.status_code
        if bot_wall(resp):
            raise RemoteError(
                f"answered a bot-check page (HTTP {status}) where JSON was expected",
                False,
                kind="blocked",
                cause="a bot-check page",
                cool_off=COOL_OFF["bot-check"],
                status=status,
            )
        if status == 404 and not_found_ok:
            return NOT_FOUND
        if status in (429, 503):  # busy: worth another try, after what it asks
            raise RemoteError(f"HTTP {status}", True, retry_after(resp), status=status)
        if status != 200:
            raise RemoteError(f"HTTP {status}", False, refused=status < 500, status=status)
        try:
            return resp.json()
        except ValueError:
            kind = resp.headers.get("Content-Type", "").split(";")[0] or "not JSON"
            raise RemoteError(
                f"answered {kind} where JSON was expected",
                False,
                kind="blocked",
                cause=kind,
                cool_off=COOL_OFF["blocked"],
                status=status,
            ) from None


def each(
    client: Client, papers: Sequence[Paper], out: dict[str, Any], ask: Callable[[Paper], Any]
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
