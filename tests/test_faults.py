"""The network as it really is (issue 8): every remote can be unreachable, blocked, stuck,
trickling or asking to wait for a day, and each costs one bounded attempt, one warning, and
(for a service) a memory in the cache that makes the next run skip it without a request.

Real requests against the misbehaving loopback servers of `fault_servers.py`; the time bounds
are generous upper bounds on what used to take 20 s and more.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from arxiv_server import ArxivServer, Canned
from fault_servers import BOT_WALL, UNRESOLVABLE, FaultServer, refused_url, timed
from test_cli import EG3D_ENTRY

from arxiv2entry.sources.cache import FILENAME

WITHOUT_LINKS = EG3D_ENTRY.replace(
    " [[Code](https://github.com/NVlabs/eg3d)] [[Project](https://nvlabs.github.io/eg3d/)]", ""
)


def off(service: str) -> str:
    return (
        f"Turn it off with [services] {service} = false in .arxiv2entry.toml, or all services"
        " with --no-enrich (ARXIV2ENTRY_NO_ENRICH=1)"
    )


def resolver_says() -> str:
    """What this machine's resolver says about a .invalid name ("name or service not known"
    on glibc), which is what the tool reports."""
    try:
        socket.getaddrinfo("arxiv2entry-test.invalid", 80)
    except socket.gaierror as exc:
        return str(exc.strerror).lower()
    raise AssertionError("arxiv2entry-test.invalid resolved")


def db() -> sqlite3.Connection:
    return sqlite3.connect(Path(os.environ["ARXIV2ENTRY_CACHE_DIR"]) / FILENAME)


def health() -> dict[str, tuple[str, str, float]]:
    """service -> (kind, cause, seconds it is left alone)."""
    with db() as con:
        rows = con.execute("SELECT service, kind, cause, until - since FROM health").fetchall()
    return {service: (kind, cause, round(length)) for service, kind, cause, length in rows}


@pytest.fixture
def servers() -> Iterator[list[FaultServer]]:
    made: list[FaultServer] = []
    yield made
    for server in made:
        server.close()


@pytest.fixture(autouse=True)
def _small_timeouts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARXIV2ENTRY_TIMEOUT", "0.5")
    monkeypatch.setenv("ARXIV2ENTRY_ENRICH_TIMEOUT", "2")


def serve(servers: list[FaultServer], mode: str, **options: object) -> FaultServer:
    server = FaultServer(mode, **options)  # type: ignore[arg-type]
    servers.append(server)
    return server


# One service at fault, each way: (service, env var, how to make its URL and request log,
# the warning, what is remembered).
HF_DOWN = "warning: Hugging Face {what}; skipping it {length}. " + off("huggingface") + "\n"


def test_a_refused_service_is_asked_once_and_remembered(
    run, arxiv_server: ArxivServer, monkeypatch
) -> None:
    monkeypatch.setenv("ARXIV2ENTRY_HF_URL", refused_url())
    took, result = timed(run, "2112.07945")
    assert (result.exit_code, result.stdout) == (0, WITHOUT_LINKS + "\n")
    assert result.stderr == HF_DOWN.format(
        what="cannot be reached (connection refused)", length="for an hour"
    )
    assert took < 3  # was 1 + 2 + 4 s of backoff
    assert health() == {"huggingface": ("unreachable", "connection refused", 3600)}
    again = run("2112.07945")
    assert (again.exit_code, again.stdout, again.stderr) == (0, WITHOUT_LINKS + "\n", "")


def test_a_name_that_does_not_resolve(run, arxiv_server: ArxivServer, monkeypatch) -> None:
    monkeypatch.setenv("ARXIV2ENTRY_HF_URL", UNRESOLVABLE)
    took, result = timed(run, "2112.07945")
    assert (result.exit_code, result.stdout) == (0, WITHOUT_LINKS + "\n")
    reason = resolver_says()
    assert result.stderr == HF_DOWN.format(
        what=f"cannot be reached ({reason})", length="for an hour"
    )
    assert took < 5
    assert health() == {"huggingface": ("unreachable", reason, 3600)}


def test_tls_that_fails_is_unreachable(run, arxiv_server: ArxivServer, monkeypatch) -> None:
    """https:// to a server that speaks plain HTTP: the handshake fails, once."""
    monkeypatch.setenv("ARXIV2ENTRY_HF_URL", arxiv_server.root.replace("http:", "https:"))
    result = run("2112.07945")
    assert result.exit_code == 0
    (line,) = result.stderr.splitlines()
    assert line.startswith("warning: Hugging Face cannot be reached (TLS failed (")
    assert line.endswith(f"skipping it for an hour. {off('huggingface')}")
    assert [r for r in arxiv_server.service_requests if r.startswith("GET /api")] == []


@pytest.mark.parametrize("status", [500, 200])
def test_the_dblp_bot_wall_is_a_block_for_a_day(
    run, arxiv_server: ArxivServer, servers, monkeypatch, status: int
) -> None:
    """DBLP's real Anubis page, with the 500 of dblp.org and the 200 of its mirror."""
    wall = serve(servers, "canned", status=status, body=BOT_WALL, content_type="text/html")
    monkeypatch.setenv("ARXIV2ENTRY_DBLP_URL", wall.root)
    took, result = timed(run, "2007.02442")  # GRAF: only DBLP is left to ask for its venue
    assert result.exit_code == 0
    assert "**[`arXiv 2020`]**" in result.stdout
    assert result.stderr == (
        "warning: DBLP is blocked (it answered a bot-check page instead of JSON); skipping it"
        f" for a day. {off('dblp')}\n"
    )
    assert (len(wall.requests), took < 3) == (1, True)  # was 3 + 6 + 12 s of backoff
    assert health() == {"dblp": ("blocked", "a bot-check page", 86400)}

    arxiv_server.reset()
    again = run("2007.02442", "--explain")
    assert (again.exit_code, again.stdout) == (0, result.stdout)
    assert len(wall.requests) == 1  # not asked again
    (since,) = db().execute("SELECT since FROM health").fetchone()
    hhmm = time.strftime("%H:%M", time.localtime(since))
    assert again.stderr.splitlines()[-1] == (
        f"dblp: not asked: down since {hhmm} (a bot-check page); --refresh asks again"
    )
    assert "warning" not in again.stderr

    refreshed = run("2007.02442", "--refresh")
    assert len(wall.requests) == 2  # --refresh asks again
    assert refreshed.stderr.startswith("warning: DBLP is blocked")


def test_refresh_clears_the_memory_when_the_service_is_back(
    run, arxiv_server: ArxivServer
) -> None:
    # one bot-check page from the endpoint, then its real answers: remembered as blocked,
    # left alone on the next run, asked and cleared with --refresh
    arxiv_server.enqueue(Canned(500, BOT_WALL, "text/html"), path="/search/publ/api")
    run("2007.02442")
    assert list(health()) == ["dblp"]
    run("2007.02442")
    asked = [r for r in arxiv_server.service_requests if r.startswith("GET /search/publ/api")]
    assert len(asked) == 1
    result = run("2007.02442", "--refresh")
    assert (result.exit_code, result.stderr) == (0, "")
    asked = [r for r in arxiv_server.service_requests if r.startswith("GET /search/publ/api")]
    assert len(asked) == 2
    assert health() == {}


def test_a_service_pointed_at_a_mirror_is_asked_at_once(
    run, arxiv_server: ArxivServer, servers, monkeypatch
) -> None:
    # DBLP blocked at one endpoint is remembered for that endpoint: the user who switches to
    # a mirror (ARXIV2ENTRY_DBLP_URL) gets it asked, without --refresh
    wall = serve(servers, "canned", status=500, body=BOT_WALL, content_type="text/html")
    monkeypatch.setenv("ARXIV2ENTRY_DBLP_URL", wall.root)
    run("2007.02442")
    assert list(health()) == ["dblp"]
    monkeypatch.setenv("ARXIV2ENTRY_DBLP_URL", arxiv_server.root)
    result = run("2007.02442")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "GET /search/publ/api" in arxiv_server.service_requests
    assert health() == {}
    assert len(wall.requests) == 1


def test_a_health_row_from_before_endpoints_were_kept_still_holds(
    run, arxiv_server: ArxivServer, monkeypatch
) -> None:
    # a cache file written before the url column: it gains the column, and its row holds
    from arxiv2entry.sources.cache import SCHEMA_VERSION

    path = Path(os.environ["ARXIV2ENTRY_CACHE_DIR"]) / FILENAME
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as con:
        con.execute(
            "CREATE TABLE health (service TEXT PRIMARY KEY, since REAL NOT NULL,"
            " until REAL NOT NULL, kind TEXT NOT NULL, cause TEXT NOT NULL)"
        )
        now = time.time()
        con.execute(
            "INSERT INTO health VALUES ('dblp', ?, ?, 'blocked', 'a bot-check page')",
            (now, now + 86400),
        )
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    result = run("2007.02442", "--explain")
    assert result.exit_code == 0
    assert not any(r.startswith("GET /search/publ/api") for r in arxiv_server.service_requests)
    assert "dblp: not asked: down since" in result.stderr


@pytest.mark.parametrize(
    ("mode", "timeout", "said"),
    [
        ("silent", "0.5", "no answer within 0.5 s"),  # accepts, never answers
        ("trickle", "0.5", "no answer within 0.5 s"),  # a byte every 0.2 s: per-read never fires
        # The service's own timeout is 30 s: half the budget (2 s) is its deadline, so that
        # the next round of services still has time.
        ("silent", "30", "no answer within 1 s"),
    ],
)
def test_a_stuck_service_costs_its_deadline_once(
    run, arxiv_server: ArxivServer, servers, monkeypatch, mode: str, timeout: str, said: str
) -> None:
    stuck = serve(servers, mode)
    monkeypatch.setenv("ARXIV2ENTRY_HF_URL", stuck.root)
    monkeypatch.setenv("ARXIV2ENTRY_TIMEOUT", timeout)
    took, result = timed(run, "2112.07945")
    assert (result.exit_code, result.stdout) == (0, WITHOUT_LINKS + "\n")
    assert result.stderr == HF_DOWN.format(what=f"timed out ({said})", length="for an hour")
    assert took < 4  # was 268 s for a silent one
    assert len(stuck.requests) == 1
    assert health() == {"huggingface": ("timeout", said, 3600)}

    took, again = timed(run, "2112.07945")
    assert (again.stdout, again.stderr, len(stuck.requests)) == (result.stdout, "", 1)
    assert took < 2

    run("2112.07945", "--refresh")
    assert len(stuck.requests) == 2


def test_a_retry_after_of_a_day_is_not_waited_for(
    run, arxiv_server: ArxivServer, servers, monkeypatch
) -> None:
    day = (("Retry-After", "99999"),)
    busy = serve(servers, "canned", status=429, body=b"Too Many Requests", headers=day)
    monkeypatch.setenv("ARXIV2ENTRY_HF_URL", busy.root)
    took, result = timed(run, "2112.07945")
    assert (result.exit_code, result.stdout) == (0, WITHOUT_LINKS + "\n")
    assert result.stderr == HF_DOWN.format(
        what="asks to wait 99999 s (HTTP 429)", length="for a day"
    )
    assert (len(busy.requests), took < 3) == (1, True)
    assert health() == {"huggingface": ("busy", "asked to wait 99999 s (HTTP 429)", 86400)}
    again = run("2112.07945")
    assert (again.stderr, len(busy.requests)) == ("", 1)


def test_503_then_200_is_retried_and_nothing_is_remembered(
    run, arxiv_server: ArxivServer
) -> None:
    arxiv_server.enqueue(Canned(503, b"Service Unavailable"), path="/api/papers")
    result = run("2112.07945")
    assert (result.exit_code, result.stdout, result.stderr) == (0, EG3D_ENTRY + "\n", "")
    assert arxiv_server.service_requests.count("GET /api/papers/2112.07945") == 2
    assert health() == {}


def test_a_500_is_not_retried_nor_remembered(run, arxiv_server: ArxivServer) -> None:
    arxiv_server.enqueue(Canned(500, b"Internal Server Error"), path="/api/papers")
    result = run("2112.07945")
    assert result.stderr == (
        "warning: Hugging Face gave no answer (HTTP 500); using what arXiv says\n"
    )
    assert arxiv_server.service_requests.count("GET /api/papers/2112.07945") == 1
    assert health() == {}


def test_the_budget_bounds_the_whole_enrichment(
    run, arxiv_server: ArxivServer, monkeypatch
) -> None:
    """Hugging Face takes 0.7 s a paper against a 2 s budget (a request may take half of it,
    and no more than is left): two papers are answered, the third's request is cut short by
    the budget (no fault of the service's), and then no service is asked; the entries print
    with what is known, and one warning says what was skipped. Nothing is remembered. (At
    0.7 s the outcome holds even when the steps before took half a second: the second request
    still has 0.7 s, the third never has it.)"""
    monkeypatch.setenv("ARXIV2ENTRY_TIMEOUT", "30")
    slow = Canned(404, b'{"error":"Not Found"}', "application/json", delay=0.7)
    arxiv_server.enqueue(slow, slow, slow, path="/api/papers")
    took, result = timed(run, "2112.07945", "2007.02442", "2209.15637")
    assert result.exit_code == 0
    assert len(result.stdout.split("\n\n")) == 3
    assert result.stderr == (
        "warning: the services ran out of time (2 s, ARXIV2ENTRY_ENRICH_TIMEOUT): Hugging Face"
        " was not asked about 1 paper, DBLP 1 paper; those fields stay as arXiv says\n"
    )
    assert took < 4
    assert health() == {}


def test_the_enrich_timeout_is_checked(run, monkeypatch) -> None:
    monkeypatch.setenv("ARXIV2ENTRY_ENRICH_TIMEOUT", "soon")
    result = run("2112.07945")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: ARXIV2ENTRY_ENRICH_TIMEOUT='soon' is not a number of seconds; unset it or use"
        " e.g. 3\n",
    )


# arXiv itself: one line per paper, exit 1, quickly.


@pytest.mark.parametrize(
    ("url", "said"),
    [
        (lambda: refused_url() + "/api/query", lambda: "connection refused"),
        (lambda: UNRESOLVABLE + "/api/query", resolver_says),
    ],
    ids=["refused", "dns"],
)
def test_arxiv_unreachable_is_one_line_quickly(run, monkeypatch, url, said) -> None:
    monkeypatch.setenv("ARXIV2ENTRY_ARXIV_URL", url())
    took, result = timed(run, "2112.07945")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: 2112.07945: cannot reach arXiv ({said()})\n"
    assert took < 3  # was 21 s of retries


def test_arxiv_trickling_is_cut_at_the_deadline(run, servers, monkeypatch) -> None:
    trickle = serve(servers, "trickle")
    monkeypatch.setenv("ARXIV2ENTRY_ARXIV_URL", trickle.root + "/api/query")
    took, result = timed(run, "2112.07945")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "error: 2112.07945: arXiv did not answer within 0.5 s\n"
    assert (len(trickle.requests), took < 3) == (1, True)


def test_arxiv_asking_to_wait_a_day_is_not_waited_for(run, servers, monkeypatch) -> None:
    busy = serve(
        servers, "canned", status=429, body=b"Rate exceeded.", headers=(("Retry-After", "99999"),)
    )
    monkeypatch.setenv("ARXIV2ENTRY_ARXIV_URL", busy.root + "/api/query")
    took, result = timed(run, "2112.07945")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: 2112.07945: arXiv asks to wait 99999 s (HTTP 429); try again later\n"
    )
    assert (len(busy.requests), took < 3) == (1, True)


# What every remote is told, and what a damaged answer costs.


def test_every_remote_gets_a_descriptive_user_agent(run, arxiv_server: ArxivServer) -> None:
    import tomllib

    from arxiv2entry import __version__
    from arxiv2entry.config import PROJECT_URL

    run("2007.02442")  # arXiv and all four services
    assert arxiv_server.user_agents == {f"arxiv2entry/{__version__} (+{PROJECT_URL})"}
    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert pyproject["project"]["urls"]["Homepage"] == PROJECT_URL


def _feed_with(arxiv_server: ArxivServer, ids: list[str], change: tuple[str, str]) -> bytes:
    """The local server's feed for `ids`, with one text of the last entry changed."""
    from arxiv_server import FEED_HEAD

    entries = [arxiv_server.corpus.lookup(i) or "" for i in ids]
    entries[-1] = entries[-1].replace(*change)
    assert change[1] in entries[-1]
    head = FEED_HEAD.format(ids=",".join(ids), m=len(ids), n=len(ids))
    return (head + "".join(entries) + "</feed>\n").encode()


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (
            ("<published>2020-07-05T00:00:00Z</published>", "<published>yesterday</published>"),
            "its <published> 'yesterday' is not a date",
        ),
        (
            ("<updated>2020-07-05T00:00:00Z</updated>", "<updated/>"),
            "it has no <updated> date",
        ),
        (
            (
                "<id>http://arxiv.org/abs/2007.02442v4</id>",
                "<id>http://arxiv.org/abs/2007.02442</id>",
            ),
            "its id 'http://arxiv.org/abs/2007.02442' has no version",
        ),
    ],
    ids=["published", "updated", "id"],
)
def test_a_malformed_arxiv_entry_costs_that_paper_only(
    run, arxiv_server: ArxivServer, change: tuple[str, str], why: str
) -> None:
    feed = _feed_with(arxiv_server, ["2112.07945", "2007.02442"], change)
    arxiv_server.enqueue(Canned(200, feed, "application/atom+xml"))
    result = run("2112.07945", "2007.02442")
    assert (result.exit_code, result.stdout) == (1, EG3D_ENTRY + "\n")
    assert result.stderr == (
        f"error: 2007.02442: arXiv's record of 2007.02442 could not be read ({why})\n"
    )


def test_damaged_cache_rows_are_misses_and_rewritten(run, arxiv_server: ArxivServer) -> None:
    first = run("2112.07945")
    with db() as con:
        con.execute("UPDATE papers SET data = '[1]'")
        con.execute("UPDATE answers SET data = '{not json' WHERE service = 'huggingface'")
        con.execute("UPDATE answers SET data = '\"a string\"' WHERE service = 'openalex'")
    arxiv_server.reset()
    second = run("2112.07945")
    assert (second.exit_code, second.stdout, second.stderr) == (0, first.stdout, "")
    assert arxiv_server.requests == ["2112.07945"]
    assert sorted(arxiv_server.service_requests) == [
        "GET /api/papers/2112.07945",
        "GET /works/doi:10.48550/arXiv.2112.07945",
    ]
    with db() as con:
        rows = con.execute("SELECT data FROM answers").fetchall()
        assert all(isinstance(json.loads(data), dict | None) for (data,) in rows)


def test_an_answer_of_the_wrong_shape_is_not_cached(run, arxiv_server: ArxivServer) -> None:
    arxiv_server.enqueue(Canned(200, b'"just a string"', "application/json"), path="/api/papers")
    result = run("2112.07945")
    assert (result.exit_code, result.stdout) == (0, WITHOUT_LINKS + "\n")
    with db() as con:
        assert con.execute("SELECT * FROM answers WHERE service = 'huggingface'").fetchall() == []


def test_a_cache_file_from_before_the_health_table_keeps_working(tmp_path: Path) -> None:
    """The health table was added within schema 2: a file written before it keeps its
    records and answers and gains the table."""
    from arxiv2entry.sources.cache import SCHEMA_VERSION, Cache

    old = sqlite3.connect(tmp_path / FILENAME)
    old.executescript(
        """
        CREATE TABLE papers (key TEXT PRIMARY KEY, fetched_at REAL NOT NULL, data TEXT NOT NULL);
        CREATE TABLE answers (service TEXT NOT NULL, key TEXT NOT NULL, fetched_at REAL NOT NULL,
                              data TEXT NOT NULL, PRIMARY KEY (service, key));
        """
    )
    now = time.time()
    old.execute("INSERT INTO answers VALUES ('dblp', '2112.07945', ?, '{\"a\": 1}')", (now,))
    old.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    old.commit()
    old.close()
    cache = Cache(tmp_path)
    assert cache.warning is None
    assert cache.get_answers("dblp", ["2112.07945"]) == [("2112.07945", '{"a": 1}')]
    assert cache.down("dblp") is None
    cache.mark_down("dblp", "blocked", "a bot-check page", 86400)
    down = cache.down("dblp")
    assert down is not None and (down.kind, down.cause) == ("blocked", "a bot-check page")
    cache.mark_up("dblp")
    assert cache.down("dblp") is None


def test_down_since_yesterday_says_the_day() -> None:
    # a bot wall is left alone for a day: "since 14:03" alone could be yesterday's 14:03
    from arxiv2entry.sources.cache import Down
    from arxiv2entry.sources.services import _not_asked

    now = time.mktime((2026, 12, 5, 9, 30, 0, 0, 0, -1))
    yesterday = time.mktime((2026, 12, 4, 14, 3, 0, 0, 0, -1))
    today = time.mktime((2026, 12, 5, 8, 15, 0, 0, 0, -1))
    down = Down("dblp", yesterday, yesterday + 86400, "blocked", "a bot-check page")
    assert _not_asked(down, now) == (
        "dblp: not asked: down since 2026-12-04 14:03 (a bot-check page); --refresh asks again"
    )
    down = Down("dblp", today, today + 86400, "blocked", "a bot-check page")
    assert _not_asked(down, now) == (
        "dblp: not asked: down since 08:15 (a bot-check page); --refresh asks again"
    )
