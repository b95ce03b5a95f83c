"""One transport for every remote: arXiv and each bibliographic service.

Every remote is asked the same polite way: one connection, a pause between requests, a total
deadline on each request, and a few retries with exponential backoff when it says it is busy,
honouring its Retry-After up to a cap of its own. A `Transport` is that policy for one remote.
What differs between remotes (the pause, the cap, the words a failure is told with) is a
parameter; what a remote's answer means (arXiv's Atom feed, a service's JSON) stays with the
remote (`sources/arxiv.py`, `sources/jsonapi.py`), which raises `RemoteError` for an answer it
cannot use.

This is a room of its own because the retry loop (`Transport.call`) is the one place where a
request's fate is decided, the same for every remote (DESIGN.md, "The network as it really
is"):

- a remote that cannot be reached (refused, a name that does not resolve, TLS, no connection
  in time) is asked once; so is one that keeps timing out, or that answers a page where data
  was asked (a bot wall);
- only 429, 503 and a connection dropped mid-answer are tried again, and a Retry-After longer
  than the cap (or than what is left of the enrichment `Budget`) is given up at once;
- a request has a total deadline, connect and every read of the body included, so a server
  trickling a byte at a time cannot hold it;
- a failure worth remembering carries `cool_off`, the seconds the remote should be left alone
  (the services remember it in the cache: `sources/services.py`).

`requests` is imported only when a `Transport` is made: cached runs, `check` and `--help` never
load it.
"""

from __future__ import annotations

import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from arxiv2entry import __version__
from arxiv2entry.config import PROJECT_URL

if TYPE_CHECKING:
    import requests

T = TypeVar("T")

USER_AGENT = f"arxiv2entry/{__version__} (+{PROJECT_URL})"
HOUR = 3600.0
DAY = 86400.0
# What a failure costs, kept in one place: how long a remote is left alone afterwards.
COOL_OFF = {"unreachable": HOUR, "timeout": HOUR, "blocked": HOUR, "bot-check": DAY}


class RemoteError(Exception):
    """A request that did not give a usable answer. `transient`: worth retrying; `retry_after`:
    the seconds the remote asked to wait first; `refused`: a 4xx about one request, not the
    remote.

    `kind` says what went wrong, for the caller to word it: "unreachable", "blocked",
    "timeout", "busy" (asks to wait longer than we will), "budget" (the enrichment ran out of
    time), "interrupted", or "failed" (anything else). `cause` is the short reason
    ("connection refused", "a bot-check page"); `cool_off`, when set, the seconds to leave the
    remote alone."""

    def __init__(
        self,
        message: str,
        transient: bool,
        retry_after: float | None = None,
        refused: bool = False,
        *,
        kind: str = "failed",
        cause: str | None = None,
        cool_off: float | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.transient = transient
        self.retry_after = retry_after
        self.refused = refused
        self.kind = kind
        self.cause = cause or message
        self.cool_off = cool_off
        self.status = status


class Budget:
    """The seconds the whole enrichment may take (ARXIV2ENTRY_ENRICH_TIMEOUT). Every request
    of every service gets at most what is left; once nothing is, no request is sent. Which
    papers each service was not asked about is kept for one warning at the end."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._end = clock() + seconds
        self._lock = threading.Lock()
        self.skipped: dict[str, int] = {}  # service name -> papers not asked

    def left(self) -> float:
        return self._end - self._clock()

    def skip(self, name: str, papers: int) -> None:
        if papers:
            with self._lock:
                self.skipped[name] = self.skipped.get(name, 0) + papers

    def warning(self) -> str | None:
        """One line for all that was skipped, or None."""
        if not self.skipped:
            return None
        parts = []
        for n, (name, count) in enumerate(self.skipped.items()):
            papers = f"{count} paper{'s' if count != 1 else ''}"
            parts.append(f"{name} was not asked about {papers}" if n == 0 else f"{name} {papers}")
        return (
            f"the services ran out of time ({self.seconds:g} s, ARXIV2ENTRY_ENRICH_TIMEOUT): "
            f"{', '.join(parts)}; those fields stay as arXiv says"
        )


@dataclass(frozen=True)
class Wording:
    """How one remote tells a request that got no answer at all. arXiv's words stand alone as a
    paper's error ("cannot reach arXiv (connection refused)"); a service's go inside a warning
    that names the service ("Hugging Face gave no answer (no answer within 0.5 s)").

    Each is a format string: `{timeout}` is the deadline in seconds, `{reason}` what the failure
    to connect says in short (`connection_reason`), `{kind}` the exception's class name."""

    timed_out: str
    unreachable: str
    # A bad URL or header (ValueError, UnicodeError), which asking again won't help. None: not
    # the transport's to tell; such an error propagates as it is.
    cannot_ask: str | None = None


class Transport:
    """One remote: one connection, a pause of `delay` seconds between the starts of two
    requests, a total deadline of `timeout` seconds on each (less when the `budget` has less
    left), and up to `retries` more tries after a transient failure, `max(delay, 1) * 2**n`
    seconds apart (n = 0, 1, ...), longer when the remote asks for it. A remote that asks for
    more than `max_backoff` is not waited for: the request fails at once, saying how long
    `name` asked to wait.

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
        name: str = "the remote",
        budget: Budget | None = None,
    ) -> None:
        self.delay = delay
        self.timeout = timeout
        self.retries = retries
        self.max_backoff = max_backoff
        self.wording = wording
        self.backoff_is_pause = backoff_is_pause
        self.name = name
        self.budget = budget
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
            seconds, fair = self._deadline()
            self.requests += 1
            try:
                return self._once(attempt, seconds, fair)
            except RemoteError as exc:
                after = exc.retry_after
                left = self.budget.left() if self.budget is not None else None
                if exc.transient and after is not None:
                    if after > self.max_backoff or (left is not None and after >= left):
                        raise self._asks_to_wait(exc, after) from None
                if not exc.transient or tries >= self.retries:
                    raise
                wait = self.backoff(tries, after)
                if left is not None and wait >= left:
                    raise  # waiting would outlast the budget: what was said is the answer
                self._sleep(wait)
                if self.backoff_is_pause:
                    self._last = None  # the backoff, never shorter than the pause, was the pause
                tries += 1

    def _asks_to_wait(self, exc: RemoteError, seconds: float) -> RemoteError:
        status = f" (HTTP {exc.status})" if exc.status else ""
        return RemoteError(
            f"{self.name} asks to wait {seconds:g} s{status}; try again later",
            False,
            seconds,
            kind="busy",
            cause=f"asked to wait {seconds:g} s{status}",
            cool_off=min(seconds, DAY),
            status=exc.status,
        )

    def backoff(self, tries: int, retry_after: float | None) -> float:
        """The wait after `tries` retries. Backoff on top of the pause; even with no pause
        configured, a busy remote gets a second between tries."""
        backoff = max(self.delay, 1.0) * 2**tries
        return min(max(backoff, retry_after or 0.0), self.max_backoff)

    def _pace(self) -> None:
        if self.stop is not None and self.stop.is_set():
            raise RemoteError("interrupted", False, kind="interrupted")
        if self._last is not None:
            wait = self._last + self.delay - time.monotonic()
            if wait > 0:
                if self.budget is not None and wait >= self.budget.left():
                    raise _out_of_time()
                self._sleep(wait)
        self._last = time.monotonic()

    def _deadline(self) -> tuple[float, bool]:
        """This request's deadline in seconds, and whether it is a fair one: the remote's own
        timeout, or at least half the whole budget. A remote that misses only a deadline the
        budget cut short is not to blame for it."""
        if self.budget is None:
            return self.timeout, True
        left = self.budget.left()
        if left <= 0:
            raise _out_of_time()
        # At most half the budget: the services are asked in rounds, and one that hangs must
        # leave the next round time to ask the others (and so learn whether they are down).
        half = self.budget.seconds / 2
        seconds = min(self.timeout, left, half)
        # Fair: all but a sliver of that (the round before may have used a few milliseconds of
        # the second half).
        return seconds, seconds >= 0.9 * min(self.timeout, half)

    def _once(self, attempt: Callable[[], T], seconds: float, fair: bool) -> T:
        """`attempt()` within `seconds`, with what `requests` raises told as a
        `RemoteError`."""
        import requests

        words = self.wording
        dropped = (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError)
        self.session.deadline = seconds  # type: ignore[attr-defined]
        shown = round(seconds, 1)  # "2 s", not the 1.9883 s left of the budget
        try:
            return attempt()
        except requests.exceptions.ConnectTimeout:
            reason = f"no connection within {shown:g} s"
            told = words.unreachable.format(reason=reason, kind="ConnectTimeout")
            raise self._unreachable(told, reason) from None
        except requests.exceptions.Timeout:
            if not fair:
                raise _out_of_time() from None
            raise RemoteError(
                words.timed_out.format(timeout=shown),
                False,
                kind="timeout",
                cause=f"no answer within {shown:g} s",
                cool_off=COOL_OFF["timeout"],
            ) from None
        except dropped as exc:
            # SSLError is a ConnectionError too: TLS that fails is a remote out of reach.
            if _never_connected(exc):
                told = _told(words.unreachable, exc)
                raise self._unreachable(told, connection_reason(exc)) from None
            # Connected, then dropped mid-answer: the one network failure worth another try.
            raise RemoteError(_told(words.unreachable, exc), True, kind="dropped") from None
        except requests.exceptions.RequestException as exc:
            raise RemoteError(_told(words.unreachable, exc), False) from None
        except (ValueError, UnicodeError) as exc:
            if words.cannot_ask is None:
                raise
            raise RemoteError(_told(words.cannot_ask, exc), False) from None

    @staticmethod
    def _unreachable(message: str, reason: str) -> RemoteError:
        return RemoteError(
            message, False, kind="unreachable", cause=reason, cool_off=COOL_OFF["unreachable"]
        )


def _out_of_time() -> RemoteError:
    return RemoteError("the enrichment ran out of time", False, kind="budget")


def _told(template: str, exc: BaseException) -> str:
    return template.format(reason=connection_reason(exc), kind=type(exc).__name__)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and every one it wraps: `requests` keeps urllib3's in `args`, urllib3
    its cause in `reason`, Python the rest in `__cause__` and `__context__`."""
    todo: list[object] = [exc]
    seen: set[int] = set()
    while todo:
        item = todo.pop(0)
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        todo += [*item.args, getattr(item, "reason", None), item.__cause__, item.__context__]


def _never_connected(exc: BaseException) -> bool:
    """A failure to connect (refused, no such name, TLS), not one after connecting."""
    from urllib3.exceptions import NewConnectionError, ProtocolError

    found = list(_chain(exc))
    if any(isinstance(e, ProtocolError) for e in found):
        return False
    return any(isinstance(e, NewConnectionError | socket.gaierror | ssl.SSLError) for e in found)


def connection_reason(exc: BaseException) -> str:
    """What a failed connection says, in short: "connection refused", "name or service not
    known" (or whatever the resolver says), "TLS failed (...)", "timed out", else the
    exception's class name."""
    for e in _chain(exc):
        if isinstance(e, socket.gaierror):
            return (e.strerror or str(e)).lower()
        if isinstance(e, ConnectionRefusedError):
            return "connection refused"
        if isinstance(e, ssl.SSLError):
            what = str(e.reason or type(e).__name__).replace("_", " ").lower()
            return f"TLS failed ({what})"
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
    them), our User-Agent, and a total deadline on every request, even one sent by code that
    passes none: `timeout` seconds, or the session's `deadline` when the transport sets one."""
    import requests

    new = requests.Session()
    adapter = _deadline_adapter()(new, timeout)
    new.mount("http://", adapter)
    new.mount("https://", adapter)
    new.headers["User-Agent"] = USER_AGENT
    if headers:
        new.headers.update(headers)
    new.deadline = timeout  # type: ignore[attr-defined]
    return new


@cache
def _deadline_adapter() -> Any:
    """The adapter class, made on first use: `requests` is imported only when a session is."""
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.exceptions import DecodeError, ProtocolError, ReadTimeoutError

    class DeadlineAdapter(HTTPAdapter):
        """One total deadline per request: connecting and waiting for the headers each get
        what is left of it, and the body is read a piece at a time with the socket's timeout
        set to what is left, so a server trickling a byte at a time is cut off on time."""

        def __init__(self, owner: requests.Session, timeout: float) -> None:
            super().__init__(pool_maxsize=1, max_retries=0)
            self._owner = owner
            self._timeout = timeout

        def send(self, request, stream=False, timeout=None, **kwargs):  # type: ignore[no-untyped-def, override]
            seconds = getattr(self._owner, "deadline", None) or self._timeout
            end = time.monotonic() + seconds
            request.headers["User-Agent"] = USER_AGENT  # also over what a library sets
            resp = super().send(request, stream=True, timeout=(seconds, seconds), **kwargs)
            try:
                resp._content = self._read(resp, end, seconds)
            except ReadTimeoutError:
                resp.close()
                raise requests.exceptions.ReadTimeout(
                    f"no complete answer within {seconds:g} s", request=request
                ) from None
            except ProtocolError as exc:
                resp.close()
                raise requests.exceptions.ChunkedEncodingError(exc, request=request) from exc
            except DecodeError as exc:
                resp.close()
                raise requests.exceptions.ContentDecodingError(exc, request=request) from exc
            except BaseException:
                resp.close()
                raise
            resp._content_consumed = True
            resp.raw.release_conn()
            return resp

        @staticmethod
        def _read(resp: requests.Response, end: float, seconds: float) -> bytes:
            raw = resp.raw
            read1 = getattr(raw, "read1", None)  # urllib3 >= 2.3; else whole chunks
            chunks: list[bytes] = []
            while True:
                left = end - time.monotonic()
                if left <= 0:
                    late = f"read past {seconds:g} s"
                    raise ReadTimeoutError(None, resp.url, late)  # type: ignore[arg-type]
                sock = getattr(getattr(raw, "connection", None), "sock", None)
                if sock is not None:
                    sock.settimeout(left)
                chunk = read1(65536, decode_content=True) if read1 else raw.read(65536)
                if not chunk:
                    return b"".join(chunks)
                chunks.append(chunk)

    return DeadlineAdapter
