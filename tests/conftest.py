from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

sys.path.insert(0, str(Path(__file__).parent))

from arxiv_server import ArxivServer, build_corpus

from arxiv2entry.cli import cli

RECORD_FILES = (
    "records-dev.jsonl",
    "seed-papers.jsonl",
    "arxiv/records-mixed.jsonl",
    "services-papers.jsonl",
)


@pytest.fixture(scope="session")
def _server() -> Iterator[ArxivServer]:
    server = ArxivServer(build_corpus(RECORD_FILES))
    yield server
    server.close()


@pytest.fixture
def arxiv_server(_server: ArxivServer) -> Iterator[ArxivServer]:
    _server.reset()
    yield _server
    _server.reset()


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, _server: ArxivServer) -> None:
    """No test may touch the user's cache, the real arXiv or a real service, or wait 3 s
    between requests."""
    monkeypatch.setenv("ARXIV2ENTRY_CACHE_DIR", str(tmp_path / "cache"))
    for name, value in _server.env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("ARXIV2ENTRY_TIMEOUT", "2")
    monkeypatch.setenv("ARXIV2ENTRY_RETRIES", "2")
    for name in (
        "ARXIV2ENTRY_OFFLINE",
        "ARXIV2ENTRY_NO_ENRICH",
        "NO_COLOR",
        "SEMANTIC_SCHOLAR_API_KEY",
        "OPENALEX_API_KEY",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def run() -> object:
    """Run the CLI in-process against the local server; stdout and stderr kept apart."""

    def invoke(*args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(
            cli, list(args), input=input, catch_exceptions=False, prog_name="arxiv2entry"
        )

    return invoke
