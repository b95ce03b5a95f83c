"""Bibliographic services through the CLI: what they add, how little they are asked, and
that their failures cost a warning and nothing else."""

from __future__ import annotations

import json

from arxiv_server import ArxivServer, Canned
from test_cli import EG3D_ARXIV_ONLY, EG3D_ENTRY

EG3D_SERVICES = [
    "POST /graph/v1/paper/batch",
    "GET /works/doi:10.48550/arXiv.2112.07945",
    "GET /api/papers/2112.07945",
]


def test_services_fill_venue_institution_and_links(run, arxiv_server: ArxivServer) -> None:
    result = run("2112.07945", "--format", "json")
    (obj,) = json.loads(result.stdout)
    assert (result.exit_code, result.stderr) == (0, "")
    picked = {
        k: obj[k] for k in obj if k.split("_")[0] in {"venue", "institution", "code", "project"}
    }
    assert picked == {
        "venue": "CVPR 2022",
        "venue_source": "dblp" if obj["venue_source"] == "dblp" else "semanticscholar",
        "institution": "Stanford",
        "institution_source": "openalex",
        "code": "https://github.com/NVlabs/eg3d",
        "code_source": "huggingface",
        "project": "https://nvlabs.github.io/eg3d/",
        "project_source": "huggingface",
    }


def test_one_round_trip_per_service_for_one_paper(run, arxiv_server: ArxivServer) -> None:
    run("2112.07945")
    assert sorted(arxiv_server.service_requests) == sorted(EG3D_SERVICES)
    assert arxiv_server.requests == ["2112.07945"]


def test_dblp_is_asked_only_when_the_others_know_no_venue(run, arxiv_server: ArxivServer) -> None:
    run("2007.02442")  # GRAF: no comment, unknown to the recorded services
    assert sorted(arxiv_server.service_requests) == [
        "GET /api/papers/2007.02442",
        "GET /search/publ/api",
        "GET /works/doi:10.48550/arXiv.2007.02442",
        "POST /graph/v1/paper/batch",
    ]


def test_answers_are_cached_negative_ones_too(run, arxiv_server: ArxivServer) -> None:
    first = run("2112.07945", "2007.02442")
    arxiv_server.reset()
    second = run("2112.07945", "2007.02442")
    assert second.stdout == first.stdout
    assert (arxiv_server.requests, arxiv_server.service_requests) == ([], [])


def test_no_enrich_asks_no_service(run, arxiv_server: ArxivServer) -> None:
    result = run("2112.07945", "--no-enrich")
    assert (result.exit_code, result.stdout, result.stderr) == (0, EG3D_ARXIV_ONLY + "\n", "")
    assert arxiv_server.service_requests == []


def test_no_enrich_from_the_environment(run, arxiv_server: ArxivServer, monkeypatch) -> None:
    monkeypatch.setenv("ARXIV2ENTRY_NO_ENRICH", "1")
    assert run("2112.07945").stdout == EG3D_ARXIV_ONLY + "\n"
    assert arxiv_server.service_requests == []


def off(service: str) -> str:
    """The way out every warning about a service found down ends with."""
    return (
        f"Turn it off with [services] {service} = false in .arxiv2entry.toml, or all services"
        " with --no-enrich (ARXIV2ENTRY_NO_ENRICH=1)"
    )


def test_html_instead_of_json_costs_a_warning_only(run, arxiv_server: ArxivServer) -> None:
    """A page where JSON was asked is a block: one warning that names the service, the cause
    and the way out; the service is left alone for an hour."""
    page = b"<html><body><h1>429 Too Many Requests</h1></body></html>"
    for path in ("/graph", "/works", "/api/papers", "/search"):
        arxiv_server.enqueue(Canned(200, page, "text/html"), path=path)
    result = run("2112.07945")
    assert (result.exit_code, result.stdout) == (0, EG3D_ARXIV_ONLY + "\n")
    assert sorted(result.stderr.splitlines()) == [
        f"warning: {name} is blocked (it answered text/html instead of JSON); skipping it for"
        f" an hour. {off(key)}"
        for name, key in (
            ("DBLP", "dblp"),
            ("Hugging Face", "huggingface"),
            ("OpenAlex", "openalex"),
            ("Semantic Scholar", "semanticscholar"),
        )
    ]


def test_rate_limited_service_is_retried_then_given_up(
    run, arxiv_server: ArxivServer, monkeypatch
) -> None:
    import time

    sleeps: list[float] = []
    monkeypatch.setattr(time, "sleep", sleeps.append)
    arxiv_server.enqueue(*[Canned(429, b"Too Many Requests")] * 3, path="/graph")
    result = run("2112.07945", "--format", "json")
    (obj,) = json.loads(result.stdout)
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: Semantic Scholar gave no answer (HTTP 429); using what arXiv says\n"
    )
    assert arxiv_server.service_requests.count("POST /graph/v1/paper/batch") == 3
    assert sleeps == [1.0, 2.0]
    # DBLP still knows the venue: one service down loses only what it alone knew. (OpenAlex,
    # with no published DOI from S2, is asked by the arXiv DOI: its preprint work names none.)
    assert (obj["venue"], obj["venue_source"]) == ("CVPR 2022", "dblp")


def test_a_service_retry_after_beyond_the_cap_is_not_waited_for(
    run, arxiv_server: ArxivServer, monkeypatch
) -> None:
    """Longer than the services' 60 s cap: given up at once, and the service left alone for
    as long as it asked; a date (not read) leaves the plain backoff."""
    import time

    sleeps: list[float] = []
    monkeypatch.setattr(time, "sleep", sleeps.append)
    arxiv_server.enqueue(
        Canned(503, b"Service Unavailable", headers=(("Retry-After", "600"),)), path="/graph"
    )
    arxiv_server.enqueue(
        Canned(
            429, b"Too Many Requests", headers=(("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"),)
        ),
        path="/works",
    )
    result = run("2112.07945")
    assert (result.exit_code, result.stderr) == (
        0,
        "warning: Semantic Scholar asks to wait 600 s (HTTP 503); skipping it for 10 min. "
        f"{off('semanticscholar')}\n",
    )
    assert arxiv_server.service_requests.count("POST /graph/v1/paper/batch") == 1
    assert arxiv_server.service_requests.count("GET /works/doi:10.48550/arXiv.2112.07945") == 2
    assert sleeps == [1.0]


def test_offline_uses_cached_answers_only(run, arxiv_server: ArxivServer) -> None:
    run("2112.07945")
    arxiv_server.reset()
    result = run("--offline", "2112.07945")
    assert (result.exit_code, result.stdout, result.stderr) == (0, EG3D_ENTRY + "\n", "")
    assert arxiv_server.service_requests == []


def test_explain_names_the_service(run, arxiv_server: ArxivServer) -> None:
    result = run("--explain", "2112.07945")
    lines = result.stderr.splitlines()
    assert lines[0] == "2112.07945v2:"
    assert lines[1].startswith("  venue       CVPR 2022  [")
    assert lines[2].startswith("  institution Stanford  [openalex] ")
    assert lines[3].startswith("  code        https://github.com/NVlabs/eg3d  [huggingface] ")


def test_api_keys_are_sent_when_set(run, arxiv_server: ArxivServer, monkeypatch) -> None:
    monkeypatch.setenv("SEMANTIC_SCHOLAR_API_KEY", "s2-key")
    monkeypatch.setenv("OPENALEX_API_KEY", "oa-key")
    run("2112.07945")
    assert sorted(arxiv_server.service_auth) == ["oa-key", "s2-key"]


def test_services_switched_off_per_list(
    run, arxiv_server: ArxivServer, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text("# Papers\n\n## GANs\n\nhttps://arxiv.org/abs/2112.07945\n")
    (tmp_path / ".arxiv2entry.toml").write_text(
        "[services]\nsemanticscholar = false\nopenalex = false\ndblp = false\n"
    )
    assert run("expand").exit_code == 1
    assert arxiv_server.service_requests == ["GET /api/papers/2112.07945"]
    assert (
        (tmp_path / "README.md")
        .read_text()
        .endswith(
            "  **[`arXiv 2021`]** [[Code](https://github.com/NVlabs/eg3d)]"
            " [[Project](https://nvlabs.github.io/eg3d/)]\n"
        )
    )


def test_a_paper_no_service_knows_keeps_arxiv_yyyy(run, arxiv_server: ArxivServer) -> None:
    """(The refusal of a same-title hit by other authors is pinned in test_enrich.py.)"""
    result = run("2007.02442", "--format", "json")
    (obj,) = json.loads(result.stdout)
    assert (obj["venue"], obj["venue_source"]) == ("arXiv 2020", "fallback")
    assert result.stderr == ""


def test_no_institution_leaves_it_out(run, arxiv_server: ArxivServer) -> None:
    result = run("2112.07945", "--no-institution")
    assert result.stdout.splitlines()[2] == (
        "  **[`CVPR 2022`]** [[Code](https://github.com/NVlabs/eg3d)]"
        " [[Project](https://nvlabs.github.io/eg3d/)]"
    )


def test_a_service_that_times_out_costs_a_warning(
    run, arxiv_server: ArxivServer, monkeypatch
) -> None:
    monkeypatch.setenv("ARXIV2ENTRY_TIMEOUT", "0.5")
    monkeypatch.setenv("ARXIV2ENTRY_RETRIES", "0")
    arxiv_server.enqueue(Canned(200, b"[]", "application/json", delay=1.5), path="/api/papers")
    result = run("2112.07945")
    assert (result.exit_code, result.stdout) == (
        0,
        EG3D_ENTRY.replace(
            " [[Code](https://github.com/NVlabs/eg3d)] [[Project](https://nvlabs.github.io/eg3d/)]",
            "",
        )
        + "\n",
    )
    assert result.stderr == (
        "warning: Hugging Face timed out (no answer within 0.5 s); skipping it for an hour. "
        f"{off('huggingface')}\n"
    )


def test_an_unreachable_service_costs_a_warning(run, monkeypatch) -> None:
    monkeypatch.setenv("ARXIV2ENTRY_HF_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("ARXIV2ENTRY_RETRIES", "0")
    result = run("2112.07945")
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: Hugging Face cannot be reached (connection refused); skipping it for an hour. "
        f"{off('huggingface')}\n"
    )


def test_a_key_that_cannot_be_sent_is_not_retried(
    run, arxiv_server: ArxivServer, monkeypatch
) -> None:
    """A header `requests` cannot encode is the user's to fix: no retry, no request sent."""
    monkeypatch.setenv("SEMANTIC_SCHOLAR_API_KEY", "\u043a\u043b\u044e\u0447")
    result = run("2112.07945")
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: Semantic Scholar gave no answer (cannot ask it (UnicodeEncodeError)); "
        "using what arXiv says\n"
    )
    assert "POST /graph/v1/paper/batch" not in arxiv_server.service_requests


def test_partial_answers_survive_a_refusal_about_one_paper(run, arxiv_server: ArxivServer) -> None:
    arxiv_server.enqueue(Canned(400, b'{"error": "bad id"}', "application/json"), path="/api")
    result = run("2007.02442", "2112.07945")
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: Hugging Face gave no answer (HTTP 400 for 2007.02442); using what arXiv says\n"
    )
    assert result.stdout.endswith(EG3D_ENTRY + "\n")  # EG3D's links, asked after the refusal


def test_an_answer_of_an_unexpected_shape_is_not_a_crash(run, arxiv_server: ArxivServer) -> None:
    odd = b'[{"externalIds": {"ArXiv": "2112.07945"}, "publicationVenue": "CVPR"}]'
    arxiv_server.enqueue(Canned(200, odd, "application/json"), path="/graph")
    result = run("2112.07945", "--format", "json")
    (obj,) = json.loads(result.stdout)
    assert result.exit_code == 0
    assert obj["venue"] == "CVPR 2022"  # from DBLP or OpenAlex, not the odd S2 answer


def test_refresh_keeps_cached_answers_when_services_fail(
    run, arxiv_server: ArxivServer, monkeypatch
) -> None:
    run("2112.07945")
    monkeypatch.setenv("ARXIV2ENTRY_RETRIES", "0")
    for path in ("/graph", "/works", "/api/papers", "/search"):
        arxiv_server.enqueue(Canned(503, b"Service Unavailable"), path=path)
    result = run("2112.07945", "--refresh")
    assert (result.exit_code, result.stdout) == (0, EG3D_ENTRY + "\n")
    assert len(result.stderr.splitlines()) == 3  # S2, OpenAlex, HF: DBLP was not needed


def test_dblp_without_a_proceedings_record_is_a_short_lived_negative(
    run, arxiv_server: ArxivServer
) -> None:
    import os
    import sqlite3
    from pathlib import Path

    from arxiv2entry.sources.cache import FILENAME

    run("2007.02442")
    db = sqlite3.connect(Path(os.environ["ARXIV2ENTRY_CACHE_DIR"]) / FILENAME)
    assert db.execute("SELECT data FROM answers WHERE service = 'dblp'").fetchall() == [("null",)]


def test_offline_uses_old_service_answers(run, arxiv_server: ArxivServer) -> None:
    import os
    import sqlite3
    from pathlib import Path

    from arxiv2entry.sources.cache import FILENAME

    run("2112.07945")
    with sqlite3.connect(Path(os.environ["ARXIV2ENTRY_CACHE_DIR"]) / FILENAME) as db:
        db.execute("UPDATE answers SET fetched_at = fetched_at - 90 * 86400")
        db.execute("UPDATE papers SET fetched_at = fetched_at - 90 * 86400")
    result = run("--offline", "2112.07945")
    assert (result.exit_code, result.stdout, result.stderr) == (0, EG3D_ENTRY + "\n", "")


def test_no_institution_does_not_ask_openalex_for_it(run, arxiv_server: ArxivServer) -> None:
    run("2112.07945", "--venue", "CVPR 2022", "--no-institution")
    assert sorted(arxiv_server.service_requests) == ["GET /api/papers/2112.07945"]
