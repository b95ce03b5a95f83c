from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from test_render import EG3D

from arxiv2entry.sources.cache import FILENAME, SCHEMA_VERSION, Cache


def test_round_trip(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put({"2112.07945": EG3D})
    cache.close()
    assert Cache(tmp_path).get(["2112.07945", "2007.02442"]) == {"2112.07945": EG3D}


def test_corrupt_file_is_rebuilt_silently(tmp_path: Path) -> None:
    (tmp_path / FILENAME).write_bytes(b"this is not a database" * 100)
    cache = Cache(tmp_path)
    assert cache.warning is None
    assert cache.get(["2112.07945"]) == {}
    cache.put({"2112.07945": EG3D})
    assert cache.get(["2112.07945"]) == {"2112.07945": EG3D}


def test_file_from_an_older_version_is_rebuilt(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / FILENAME)
    db.execute("CREATE TABLE papers (key TEXT PRIMARY KEY, blob BLOB)")
    db.execute("INSERT INTO papers VALUES ('2112.07945', x'00')")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    db.commit()
    db.close()
    cache = Cache(tmp_path)
    assert cache.get(["2112.07945"]) == {}
    cache.put({"2112.07945": EG3D})
    assert cache.get(["2112.07945"]) == {"2112.07945": EG3D}


def test_unreadable_row_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put({"2112.07945": EG3D})
    cache._db.execute("UPDATE papers SET data = '{\"id\": 1}'")
    assert cache.get(["2112.07945"]) == {}


def test_records_go_stale_unless_staleness_is_allowed(tmp_path: Path) -> None:
    cache = Cache(tmp_path, max_age_days=0)
    cache.put({"2112.07945": EG3D, "hep-th/9901001": EG3D})
    assert cache.get(["2112.07945", "hep-th/9901001"]) == {}
    assert list(cache.get(["2112.07945"], allow_stale=True)) == ["2112.07945"]


def test_service_answers_and_negative_answers(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put_answers("dblp", {"2112.07945": '{"a": 1}', "2112.99999": "null"})
    assert cache.get_answers("dblp", ["2112.07945", "2112.99999", "1111.11111"]) == [
        ("2112.07945", '{"a": 1}'),
        ("2112.99999", "null"),
    ]
    assert cache.get_answers("openalex", ["2112.07945"]) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_warns_and_works_in_memory(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        cache = Cache(tmp_path / "sub")
    finally:
        tmp_path.chmod(0o700)
    assert cache.warning is not None


def test_folder_that_is_a_file_warns_and_works_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    cache = Cache(blocker)
    assert cache.warning == (
        f"cannot use the cache at {blocker / FILENAME} (File exists); continuing without a "
        "cache. Set ARXIV2ENTRY_CACHE_DIR to a writable folder"
    )
    cache.put({"2112.07945": EG3D})
    assert cache.get(["2112.07945"]) == {"2112.07945": EG3D}
