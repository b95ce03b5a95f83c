"""The shared transport on its own, for what arXiv's and the services' tests do not reach: the
stop of a worker, the pause after a capped backoff, and the reading of Retry-After."""

from __future__ import annotations

import threading

import pytest
import requests
from arxiv_server import ArxivServer, Canned

from arxiv2entry.sources.http import RemoteError, Transport, Wording, retry_after

WORDING = Wording(timed_out="no answer within {timeout:g} s", unreachable="cannot reach it")


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def transport(**changes: object) -> tuple[Transport, Sleeps]:
    sleeps = Sleeps()
    options: dict = dict(delay=0.0, timeout=1.0, retries=2, max_backoff=60.0, wording=WORDING)
    options.update(changes)
    return Transport(sleep=sleeps, **options), sleeps


def status(t: Transport, url: str) -> int:
    """One request, a 5xx told as a transient failure the way the remotes tell it."""

    def attempt() -> int:
        resp = t.session.get(url)
        if resp.status_code >= 500:
            raise RemoteError(f"HTTP {resp.status_code}", True, retry_after(resp))
        return resp.status_code

    return t.call(attempt)


def test_a_stopped_transport_sends_nothing(arxiv_server: ArxivServer) -> None:
    t, _ = transport()
    t.stop = threading.Event()
    t.stop.set()
    with pytest.raises(RemoteError) as failure:
        status(t, arxiv_server.root + "/api/papers/2112.07945")
    assert (str(failure.value), failure.value.transient) == ("interrupted", False)
    assert (t.requests, arxiv_server.service_requests) == (0, [])


@pytest.mark.parametrize(("backoff_is_pause", "pauses"), [(True, 0), (False, 1)])
def test_the_pause_after_a_backoff_capped_below_it(
    arxiv_server: ArxivServer, backoff_is_pause: bool, pauses: int
) -> None:
    """arXiv goes again right after the backoff; a service also waits out the rest of its pause
    (the sleeps are recorded, not slept, so the whole pause is still to wait)."""
    t, sleeps = transport(delay=5.0, max_backoff=2.0, backoff_is_pause=backoff_is_pause)
    arxiv_server.enqueue(Canned(503, b"Service Unavailable"), path="/api/papers")
    assert status(t, arxiv_server.root + "/api/papers/2112.07945") == 200
    assert t.requests == 2
    assert sleeps[0] == 2.0
    assert len(sleeps) == 1 + pauses and all(4.5 < s <= 5.0 for s in sleeps[1:])


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("7", 7.0),
        (" 7.5 ", 7.5),
        ("600", 600.0),  # the transport caps it, per remote
        ("", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", None),
        ("-5", None),
        ("1e3", None),
    ],
)
def test_retry_after_is_a_number_of_seconds(header: str, seconds: float | None) -> None:
    response = requests.Response()
    if header:
        response.headers["Retry-After"] = header
    assert retry_after(response) == seconds
