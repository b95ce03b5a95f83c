"""Golden files that nothing reads rot silently: every fixture must be used somewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
# Read by the server in bulk (tests/arxiv_server.py globs *.xml; conftest lists the records).
SERVED_IN_BULK = {"arxiv"}
SOURCES = [*TESTS.glob("*.py"), *(ROOT / "benchmarks").glob("*.py")]


def fixture_files() -> list[Path]:
    return sorted(
        p for p in FIXTURES.rglob("*") if p.is_file() and p.name not in {"SOURCES.md", "README.md"}
    )


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_is_used(path: Path) -> None:
    code = "\n".join(src.read_text(encoding="utf-8") for src in SOURCES)
    if path.suffix == ".xml" and path.parent.name in SERVED_IN_BULK:
        assert 'glob("*.xml")' in (TESTS / "arxiv_server.py").read_text()
        return
    assert path.name in code, f"{path.relative_to(ROOT)} is not used by any test or benchmark"
