"""Golden files that nothing reads rot silently: every fixture must be used somewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
# arXiv recordings are read by the server in bulk (tests/arxiv_server.py globs *.xml); service
# answers are served by the arXiv id they are about, and these are used only that way, by
# the CLI tests that ask for those papers.
SERVED_BY_ID = {
    "built_huggingface_paper_2206.07695_voxgraf.json": "test_cli_lists.py refresh tests",
    "built_semanticscholar_batch_2206.07695_voxgraf.json": "test_cli_lists.py refresh tests",
}
SOURCES = [*TESTS.glob("*.py"), *(ROOT / "benchmarks").glob("*.py")]


def fixture_files() -> list[Path]:
    return sorted(
        p for p in FIXTURES.rglob("*") if p.is_file() and p.name not in {"SOURCES.md", "README.md"}
    )


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_is_used(path: Path) -> None:
    code = "\n".join(src.read_text(encoding="utf-8") for src in SOURCES)
    server = (TESTS / "arxiv_server.py").read_text()
    if path.suffix == ".xml" and path.parent.name == "arxiv":
        assert 'glob("*.xml")' in server
        return
    if path.parent.name == "services" and path.name in SERVED_BY_ID:
        return
    if "real" in path.relative_to(FIXTURES).parts:
        # Real service answers are read in bulk by the server, and the S2 ones each by the
        # venue score (test_service_score.py), by their arXiv id.
        assert 'real.rglob("*")' in server
        if path.name.startswith("s2_paper_ARXIV_"):
            assert "s2_paper_ARXIV_" in code
        return
    assert path.name in code, f"{path.relative_to(ROOT)} is not used by any test or benchmark"
