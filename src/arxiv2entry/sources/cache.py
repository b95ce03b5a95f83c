"""Parsed arXiv records in SQLite, so that a second run of the same ids sends no request.

arXiv asks clients to cache (its data changes once a day) and rate-limits hard, and a
pre-commit hook runs on every commit: the cache is what makes both bearable. A cache is only
ever a copy, so a corrupt file or one written by an older version is rebuilt, never an error;
a folder we cannot write to costs a warning and the run goes on without caching.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from arxiv2entry.models import Paper

SCHEMA_VERSION = 1
FILENAME = "cache.sqlite3"


class Cache:
    def __init__(self, folder: Path | None, max_age_days: float = 14.0) -> None:
        self.warning: str | None = None
        self.max_age = max_age_days * 86400
        self._db = self._open(folder)

    def _open(self, folder: Path | None) -> sqlite3.Connection:
        if folder is None:
            return self._init(sqlite3.connect(":memory:"))
        path = folder / FILENAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
            return self._init(sqlite3.connect(path))
        except sqlite3.OperationalError as exc:  # cannot open or write: not ours to fix
            self.warning = self._unusable(path, exc)
        except sqlite3.DatabaseError:
            # Not a database, or a damaged one: it only held copies, so start again.
            try:
                path.unlink()
                return self._init(sqlite3.connect(path))
            except (OSError, sqlite3.Error) as exc:
                self.warning = self._unusable(path, exc)
        except OSError as exc:
            self.warning = self._unusable(path, exc)
        return self._init(sqlite3.connect(":memory:"))

    @staticmethod
    def _unusable(path: Path, exc: BaseException) -> str:
        reason = getattr(exc, "strerror", None) or str(exc)
        return (
            f"cannot use the cache at {path} ({reason}); continuing without a cache. "
            "Set ARXIV2ENTRY_CACHE_DIR to a writable folder"
        )

    @staticmethod
    def _init(db: sqlite3.Connection) -> sqlite3.Connection:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            db.executescript("DROP TABLE IF EXISTS papers;")
        db.executescript(
            """
            CREATE TABLE IF NOT EXISTS papers (
                key TEXT PRIMARY KEY,   -- the id as requested: '2112.07945' or '2112.07945v2'
                fetched_at REAL NOT NULL,
                data TEXT NOT NULL
            );
            """
        )
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.commit()
        return db

    def get(self, keys: Iterable[str]) -> dict[str, Paper]:
        """Fresh records for the keys that have one. A versioned key never goes stale; a
        version-less one does after `max_age_days`, since arXiv may have a newer version."""
        found: dict[str, Paper] = {}
        now = time.time()
        for key in keys:
            try:
                row = self._db.execute(
                    "SELECT fetched_at, data FROM papers WHERE key = ?", (key,)
                ).fetchone()
            except sqlite3.Error:
                return found
            if row is None:
                continue
            fetched_at, data = row
            if "v" not in key.rsplit("/", 1)[-1] and now - fetched_at > self.max_age:
                continue
            try:
                found[key] = Paper.from_json(json.loads(data))
            except (ValueError, KeyError, TypeError):
                continue  # written by a version that stored another shape: fetch again
        return found

    def put(self, papers: dict[str, Paper]) -> None:
        now = time.time()
        rows = [(key, now, json.dumps(p.to_json())) for key, p in papers.items()]
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO papers (key, fetched_at, data) VALUES (?, ?, ?)",
                    rows,
                )
        except sqlite3.Error as exc:
            self.warning = f"could not write to the cache ({exc}); results were not cached"

    def close(self) -> None:
        self._db.close()
