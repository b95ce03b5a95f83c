"""One transport for every remote: arXiv and each bibliographic service.

Every remote is asked the same polite way: one connection, a timeout on each request, a pause
between requests, and a few retries with exponential backoff when it says it is busy, honouring
its Retry-After up to a cap of its own. A `Transport` is that policy for one remote. What
differs between remotes (the pause, the cap, the words a failure is told with) is a parameter;
what a remote's answer means (arXiv's Atom feed, a service's JSON) stays with the remote
(`sources/arxiv.py`, `sources/jsonapi.py`), which raises `RemoteError` for an answer it cannot
use.

This is a room of its own because the retry loop (`Transport.call`) is the one place where a
request's fate is decided: a total deadline per request, giving up at once on a host that cannot
be reached, or remembering that a remote is down belong here, once, for every remote.

`requests` is imported only when a `Transport` is made: cached runs, `check` and `--help` never
load it.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import requests

T = TypeVar("T")


class RemoteError(Exception):
    """A request that did not give a usable answer. `transient`: worth retrying; `retry_after`:
    the seconds the remote asked to wait first; `refused`: a 4xx about one request, not the
    remote."""

    def __init__(
        self,
        message: str,
        transient: bool,
        retry_after: float | None = None,
        refused: bool = False,
    ) -> None:
        super().__init__(message)
        self.transient = transient
        self.retry_after = retry_after
        self.refused = refused


@dataclass(frozen=True)
class Wording:
    """How one remote tells a request that got no answer at all. arXiv's words stand alone as a
    paper's error ("cannot reach arXiv (connection refused)"); a service's go inside a warning
    that names the service ("Hugging Face gave no answer (no answer within 0.5 s)").

    Each is a format string: `{timeout}` is the timeout in seconds, `{reason}` what the failure
    to connect says in short (`connection_reason`), `{kind}` the exception's class name."""

    timed_out: str
    unreachable: str
    # A bad URL or header (ValueError, UnicodeError), which asking again won't help. None: not
    # the transport's to tell; such an error propagates as it is.
    cannot_ask: str | None = None


class Transport:
    """One remote: one connection, a pause of `delay` seconds between the starts of two
    requests, a `timeout` on each, and up to `retries` more tries after a transient failure,
    `max(delay, 1) * 2**n` seconds apart (n = 0, 1, ...), longer when the remote asks for it,
    never longer than `max_backoff`.

    `backoff_is_pause`: after a backoff the next request goes at once (arXiv), rather than when
    the pause since the previous request is also over (the services; the same thing unless the
    backoff was capped below the pause). `stop`, once set, fails the next request with
    "interrupted", so a worker thread ends at its next pause."""

    def __init__(
        self,
        *,
        delay: float,
        timeout: float,
        retries: int,
        max_backoff: float,
        wording: Wording,
        sleep: Callable[[float], None],
        headers: Mapping[str, str] | None = None,
        backoff_is_pause: bool = False,
    ) -> None:
        self.delay = delay
        self.timeout = timeout
        self.retries = retries
        self.max_backoff = max_backoff
        self.wording = wording
        self.backoff_is_pause = backoff_is_pause
        self.requests = 0  # sent, retries included
        self.stop: threading.Event | None = None
        self._sleep = sleep
        self._last: float | None = None
        self.session = session(timeout, headers)

    def call(self, attempt: Callable[[], T]) -> T:
        """What `attempt()` returns. It sends one request on `session` and reads the answer,
        raising `RemoteError` for one it cannot use; it runs after the pause, and again after
        a backoff while the failure is transient and tries are left. The last failure is
        raised, and so is any failure that is not transient."""
        tries = 0
        while True:
            self._pace()
            self.requests += 1
            try:
                return self._once(attempt)
            except RemoteError as exc:
                if not exc.transient or tries >= self.retries:
                    raise
                self._sleep(self.backoff(tries, exc.retry_after))
                if self.backoff_is_pause:
                    self._last = None  # the backoff, never shorter than the pause, was the pause
                tries += 1

    def backoff(self, tries: int, retry_after: float | None) -> float:
        """The wait after `tries` retries. Backoff on top of the pause; even with no pause
        configured, a busy remote gets a second between tries."""
        backoff = max(self.delay, 1.0) * 2**tries
        return min(max(backoff, retry_after or 0.0), self.max_backoff)

    def _pace(self) -> None:
        if self.stop is not None and self.stop.is_set():
            raise RemoteError("interrupted", False)
        if self._last is not None:
            wait = self._last + self.delay - time.monotonic()
            if wait > 0:
                self._sleep(wait)
        self._last = time.monotonic()

    def _once(self, attempt: Callable[[], T]) -> T:
        """`attempt()`, with what `requests` raises told as a `RemoteError`."""
        import requests

        words = self.wording
        try:
            return attempt()
        except requests.exceptions.Timeout:
            raise RemoteError(words.timed_out.format(timeout=self.timeout), True) from None
        except requests.exceptions.RequestException as exc:
            raise RemoteError(_told(words.unreachable, exc), True) from None
        except (ValueError, UnicodeError) as exc:
            if words.cannot_ask is None:
                raise
            raise RemoteError(_told(words.cannot_ask, exc), False) from None


def _told(template: str, exc: BaseException) -> str:
    return template.format(reason=connection_reason(exc), kind=type(exc).__name__)


def connection_reason(exc: BaseException) -> str:
    """What a failed connection says, in short: "connection refused", "name or service not
    known", "timed out", else the exception's class name."""
    text = str(exc)
    for marker in ("Connection refused", "Name or service not known", "timed out"):
        if marker in text:
            return marker.lower()
    return type(exc).__name__


def retry_after(response: requests.Response) -> float | None:
    """The seconds a Retry-After header asks for; None without one, or for an HTTP date."""
    after = response.headers.get("Retry-After", "").strip()
    return float(after) if re.fullmatch(r"\d+(?:\.\d+)?", after) else None


def session(timeout: float, headers: Mapping[str, str] | None = None) -> requests.Session:
    """A `requests` session on one connection, with no retries of its own (`Transport` does
    them) and `timeout` on every request, even one sent by code that passes none."""
    import requests

    new = requests.Session()
    adapter = _timeout_adapter()(timeout)
    new.mount("http://", adapter)
    new.mount("https://", adapter)
    if headers:
        new.headers.update(headers)
    return new


@cache
def _timeout_adapter() -> Any:
    """The adapter class, made on first use: `requests` is imported only when a session is."""
    from requests.adapters import HTTPAdapter

    class TimeoutAdapter(HTTPAdapter):
        """`arxiv.Client` passes no timeout, and a hook run sees no hang: set one per request."""

        def __init__(self, timeout: float) -> None:
            super().__init__(pool_maxsize=1, max_retries=0)
            self._timeout = timeout

        def send(self, request, **kwargs):  # type: ignore[no-untyped-def, override]
            kwargs["timeout"] = self._timeout
            return super().send(request, **kwargs)

    return TimeoutAdapter
