"""The arXiv client against the local server: batching, keying, and every failure arXiv has."""

from __future__ import annotations

from pathlib import Path

from arxiv_server import ArxivServer, Canned

from arxiv2entry.config import Settings
from arxiv2entry.ids import parse_id
from arxiv2entry.sources.arxiv import ArxivSource

FIXTURES = Path(__file__).parent / "fixtures" / "arxiv"


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def source(server: ArxivServer, **changes: object) -> tuple[ArxivSource, Sleeps]:
    settings = Settings(arxiv_url=server.url, arxiv_delay=0, timeout=1, retries=2)
    for name, value in changes.items():
        object.__setattr__(settings, name, value)
    sleeps = Sleeps()
    return ArxivSource(settings, sleep=sleeps), sleeps


def ids(*texts: str) -> list:
    return [parse_id(t) for t in texts]


def test_one_request_for_many_ids_keyed_by_what_was_asked(arxiv_server: ArxivServer) -> None:
    src, _ = source(arxiv_server)
    result = src.fetch(ids("2112.07945", "2104.12255v1", "astro-ph/0601001", "1111.2011v2"))
    assert arxiv_server.requests == ["2112.07945,2104.12255v1,astro-ph/0601001,1111.2011v2"]
    assert result.requests == 1
    assert result.errors == {}
    assert {k: (p.id, p.version) for k, p in result.papers.items()} == {
        "2112.07945": ("2112.07945", 2),
        "2104.12255v1": ("2104.12255", 1),
        "astro-ph/0601001": ("astro-ph/0601001", 1),
        "1111.2011v2": ("1111.2011", 2),
    }


def test_paper_titled_zero_and_affiliations_and_journal_ref(arxiv_server: ArxivServer) -> None:
    src, _ = source(arxiv_server)
    papers = src.fetch(ids("2104.12255v1", "astro-ph/0601001")).papers
    assert papers["2104.12255v1"].title == "0"
    gould = papers["astro-ph/0601001"]
    assert gould.authors[0].name == "Andrew Gould"
    assert gould.authors[0].affiliations == ("Ohio State",)
    assert gould.journal_ref == "ActaAstron.56:1-50,2006"


def test_legacy_format_is_read_the_same(arxiv_server: ArxivServer) -> None:
    src, _ = source(arxiv_server)
    paper = src.fetch(ids("1111.2011v2")).papers["1111.2011v2"]
    assert paper.title == (
        "Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit"
    )
    assert (paper.published.isoformat(), paper.updated.isoformat()) == ("2011-11-08", "2012-04-02")


def test_missing_paper_is_reported_by_name(arxiv_server: ArxivServer) -> None:
    src, _ = source(arxiv_server)
    result = src.fetch(ids("2112.99999", "1707.08567"))
    assert list(result.papers) == ["1707.08567"]
    assert result.errors == {"2112.99999": "no such paper on arXiv"}


def test_batches_of_at_most_100_ids(arxiv_server: ArxivServer) -> None:
    src, _ = source(arxiv_server)
    many = [parse_id(f"2101.{n:05d}") for n in range(1, 151)]
    result = src.fetch(many)
    assert [len(r.split(",")) for r in arxiv_server.requests] == [100, 50]
    assert len(result.errors) == 150


def test_429_is_retried_with_backoff_then_succeeds(arxiv_server: ArxivServer) -> None:
    src, sleeps = source(arxiv_server)
    arxiv_server.enqueue(Canned(429, b"Rate exceeded."), Canned(503, b"Service Unavailable"))
    result = src.fetch(ids("1605.08386"))
    assert list(result.papers) == ["1605.08386"]
    assert result.requests == 3
    # Even with no pause configured, a busy arXiv gets 1 s, then 2 s.
    assert sleeps == [1.0, 2.0]


def test_backoff_doubles_the_configured_pause(arxiv_server: ArxivServer) -> None:
    src, sleeps = source(arxiv_server, arxiv_delay=3.0)
    arxiv_server.enqueue(Canned(429, b"Rate exceeded."), Canned(429, b"Rate exceeded."))
    assert list(src.fetch(ids("1605.08386")).papers) == ["1605.08386"]
    assert sleeps == [3.0, 6.0]


def test_retry_after_is_honoured(arxiv_server: ArxivServer) -> None:
    src, sleeps = source(arxiv_server)
    arxiv_server.enqueue(Canned(429, b"Rate exceeded.", headers=(("Retry-After", "7"),)))
    assert list(src.fetch(ids("1605.08386")).papers) == ["1605.08386"]
    assert sleeps == [7.0]


def test_a_retry_after_beyond_the_cap_is_given_up_at_once(arxiv_server: ArxivServer) -> None:
    """A Retry-After longer than arXiv's 120 s cap is not waited for: the request fails at once
    and says how long arXiv asked for (a 6-minute stall otherwise)."""
    src, sleeps = source(arxiv_server)
    arxiv_server.enqueue(Canned(429, b"Rate exceeded.", headers=(("Retry-After", "99999"),)))
    result = src.fetch(ids("1605.08386"))
    assert result.errors == {
        "1605.08386": "arXiv asks to wait 99999 s (HTTP 429); try again later"
    }
    assert (result.requests, sleeps) == (1, [])


def test_a_retry_after_date_is_not_a_number(arxiv_server: ArxivServer) -> None:
    """An HTTP date (which this client does not read) leaves the plain backoff."""
    src, sleeps = source(arxiv_server)
    arxiv_server.enqueue(
        Canned(
            503, b"Service Unavailable", headers=(("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"),)
        ),
    )
    assert list(src.fetch(ids("1605.08386")).papers) == ["1605.08386"]
    assert sleeps == [1.0]


def test_pause_between_batches(arxiv_server: ArxivServer) -> None:
    """One client for the run: the second batch waits out arXiv's 3 s after the first."""
    src, sleeps = source(arxiv_server, arxiv_delay=3.0)
    src.fetch([parse_id(f"2101.{n:05d}") for n in range(1, 151)])
    assert len(arxiv_server.requests) == 2
    assert len(sleeps) == 1 and 2.5 < sleeps[0] <= 3.0


def test_one_request_even_when_arxiv_miscounts(arxiv_server: ArxivServer) -> None:
    """arXiv's totalResults sometimes exceeds the entries sent; the `arxiv` package's pager
    would then ask for a second page by itself. The feed is the recorded one with only that
    count changed."""
    feed = (
        (FIXTURES / "arxiv_single_1605.08386.xml")
        .read_bytes()
        .replace(b"<opensearch:totalResults>1<", b"<opensearch:totalResults>2<")
    )
    arxiv_server.enqueue(Canned(200, feed, "application/atom+xml"))
    src, _ = source(arxiv_server)
    assert list(src.fetch(ids("1605.08386")).papers) == ["1605.08386"]
    assert len(arxiv_server.requests) == 1


def test_a_page_that_is_not_a_feed_is_not_no_such_paper(arxiv_server: ArxivServer) -> None:
    src, _ = source(arxiv_server, retries=0)
    arxiv_server.enqueue(
        Canned(200, b"<html><body>Sign in to the Wi-Fi</body></html>", "text/html")
    )
    assert src.fetch(ids("1605.08386")).errors == {
        "1605.08386": "arXiv sent a page that is not an Atom feed"
    }


def test_429_until_retries_run_out(arxiv_server: ArxivServer) -> None:
    src, _ = source(arxiv_server)
    arxiv_server.enqueue(*[Canned(429, b"Rate exceeded.")] * 3)
    result = src.fetch(ids("1605.08386", "2104.12255v1"))
    assert result.requests == 3
    assert result.errors == {
        "1605.08386": "arXiv is rate-limiting requests (HTTP 429)",
        "2104.12255v1": "arXiv is rate-limiting requests (HTTP 429)",
    }


def test_503_until_retries_run_out(arxiv_server: ArxivServer) -> None:
    src, _ = source(arxiv_server, retries=0)
    arxiv_server.enqueue(Canned(503, b"Service Unavailable"))
    assert src.fetch(ids("1605.08386")).errors == {"1605.08386": "arXiv is unavailable (HTTP 503)"}


def test_400_is_not_retried_and_says_why(arxiv_server: ArxivServer) -> None:
    src, _ = source(arxiv_server)
    error_feed = (FIXTURES / "arxiv_error_malformed_id_abc_http400.xml").read_bytes()
    arxiv_server.enqueue(Canned(400, error_feed, "application/atom+xml"))
    result = src.fetch(ids("1605.08386"))
    assert result.requests == 1
    assert result.errors == {
        "1605.08386": "arXiv rejected the request (HTTP 400): incorrect id format for abc"
    }


def test_invalid_xml_is_retried_then_reported(arxiv_server: ArxivServer) -> None:
    src, _ = source(arxiv_server, retries=1)
    arxiv_server.enqueue(*[Canned(200, b"<feed><entry>", "application/atom+xml")] * 2)
    assert src.fetch(ids("1605.08386")).errors == {
        "1605.08386": "arXiv sent a response that is not valid XML"
    }


def test_timeout(arxiv_server: ArxivServer) -> None:
    src, _ = source(arxiv_server, timeout=0.2, retries=0)
    arxiv_server.enqueue(Canned(200, b"", delay=1.0))
    assert src.fetch(ids("1605.08386")).errors == {
        "1605.08386": "arXiv did not answer within 0.2 s"
    }


def test_connection_refused_is_asked_once() -> None:
    settings = Settings(arxiv_url="http://127.0.0.1:9/api/query", arxiv_delay=0, retries=1)
    result = ArxivSource(settings, sleep=lambda s: None).fetch(ids("1605.08386"))
    assert result.requests == 1
    assert result.errors == {"1605.08386": "cannot reach arXiv (connection refused)"}
