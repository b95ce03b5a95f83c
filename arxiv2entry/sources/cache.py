"""Parsed arXiv records in SQLite, so that a second run of the same ids sends no request.

arXiv asks clients to cache (its data changes once a day) and rate-limits hard, and a
pre-commit hook runs on every commit: the cache is what makes both bearable. A cache is only
ever a copy, so a corrupt file or one written by an older version is rebuilt, never an error;
a folder we cannot write to costs a warning and the run goes on without caching. A row that
cannot be read (bad JSON, another shape) is a miss, fetched again and so rewritten.

It also remembers which services are down (`health`): a service that could not be reached,
was blocked or timed out is left alone until its cool-off is over, so that a machine without
the network pays for the failure once, not on every run. The endpoint found down is kept with
it, so that a service pointed at a mirror since is asked at once.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from arxiv2entry.models import Paper

SCHEMA_VERSION = 2
ANSWER_DAYS = 30.0  # a service's answer about a paper
NEGATIVE_DAYS = 3.0  # "not known": services catch up with new papers within days
# The schema version is in the name so that two installed versions (a pinned pre-commit hook
# and a newer install) keep their own files instead of wiping each other's.
FILENAME = f"cache-v{SCHEMA_VERSION}.sqlite3"


@dataclass(frozen=True)
class Down:
    """A service left alone since `since` until `until` (epoch seconds), and why."""

    service: str
    since: float
    until: float
    kind: str  # "unreachable", "blocked", "timeout", "busy"
    cause: str  # "connection refused", "a bot-check page", ...


def usable_answer(value: object) -> bool:
    """A service's answer about one paper worth keeping: an object or a list, or None for "not
    known". Anything else is a shape no reader expects."""
    return value is None or isinstance(value, dict | list)


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
            db.executescript("DROP TABLE IF EXISTS papers; DROP TABLE IF EXISTS answers;")
        db.executescript(
            """
            CREATE TABLE IF NOT EXISTS papers (
                key TEXT PRIMARY KEY,   -- the version-less id: '2112.07945', 'math/0309136'
                fetched_at REAL NOT NULL,
                data TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS answers (
                service TEXT NOT NULL,  -- 'semanticscholar', 'dblp', 'openalex', 'huggingface'
                key TEXT NOT NULL,      -- version-less arXiv id
                fetched_at REAL NOT NULL,
                data TEXT NOT NULL,     -- the JSON answer; 'null' when the service did not know
                PRIMARY KEY (service, key)
            );
            -- Added within schema 2: a file without it gains it, and older versions ignore it.
            CREATE TABLE IF NOT EXISTS health (
                service TEXT PRIMARY KEY,
                since REAL NOT NULL,    -- when it was found down
                until REAL NOT NULL,    -- when to ask it again
                kind TEXT NOT NULL,
                cause TEXT NOT NULL,
                url TEXT NOT NULL DEFAULT ''  -- the endpoint found down ('' in older files)
            );
            """
        )
        columns = {row[1] for row in db.execute("PRAGMA table_info(health)")}
        if "url" not in columns:  # a file from before the endpoint was kept
            db.execute("ALTER TABLE health ADD COLUMN url TEXT NOT NULL DEFAULT ''")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.commit()
        return db

    def _rows(self, sql: str, params: Iterable[tuple[object, ...]]) -> list[tuple]:
        """(params, row) pairs for each lookup that found a row; a damaged file answers
        nothing rather than failing the run."""
        found = []
        for args in params:
            try:
                row = self._db.execute(sql, args).fetchone()
            except sqlite3.Error:
                break
            if row is not None:
                found.append((args, row))
        return found

    def _write(self, sql: str, rows: list[tuple[object, ...]]) -> None:
        try:
            with self._db:
                self._db.executemany(sql, rows)
        except sqlite3.Error as exc:
            self.warning = f"could not write to the cache ({exc}); results were not cached"

    def get(self, keys: Iterable[str], allow_stale: bool = False) -> dict[str, Paper]:
        """Records for the keys that have one, if fresh: after `max_age_days` arXiv may have a
        newer version (`allow_stale` for when there is no way to ask)."""
        found: dict[str, Paper] = {}
        now = time.time()
        sql = "SELECT fetched_at, data FROM papers WHERE key = ?"
        for (key,), (fetched_at, data) in self._rows(sql, ((k,) for k in keys)):
            if not allow_stale and now - fetched_at > self.max_age:
                continue
            try:
                found[key] = Paper.from_json(json.loads(data))
            except (ValueError, KeyError, TypeError, AttributeError):
                continue  # damaged, or written in another shape: fetch again
        return found

    def put(self, papers: dict[str, Paper]) -> None:
        now = time.time()
        self._write(
            "INSERT OR REPLACE INTO papers (key, fetched_at, data) VALUES (?, ?, ?)",
            [(key, now, json.dumps(p.to_json())) for key, p in papers.items()],
        )

    def get_answers(
        self, service: str, keys: Iterable[str], allow_stale: bool = False
    ) -> list[tuple[str, str]]:
        """Fresh cached answers of `service` as (key, JSON text); a negative answer goes stale
        sooner than a positive one, since services index new papers within days."""
        now = time.time()
        sql = "SELECT fetched_at, data FROM answers WHERE service = ? AND key = ?"
        found = []
        for (_, key), (fetched_at, data) in self._rows(sql, ((service, k) for k in keys)):
            try:
                if not usable_answer(json.loads(data)):
                    continue
            except (ValueError, TypeError):
                continue  # damaged: a miss, asked again and rewritten
            days = NEGATIVE_DAYS if data == "null" else ANSWER_DAYS
            if allow_stale or now - float(fetched_at) <= days * 86400:
                found.append((key, data))
        return found

    def put_answers(self, service: str, answers: dict[str, str]) -> None:
        now = time.time()
        self._write(
            "INSERT OR REPLACE INTO answers (service, key, fetched_at, data) VALUES (?, ?, ?, ?)",
            [(service, key, now, data) for key, data in answers.items()],
        )

    def down(self, service: str, url: str = "") -> Down | None:
        """Whether `service` at `url` is to be left alone now, and since when and why. A
        service found down at another endpoint (the user has since pointed it at a mirror) is
        asked; a row from before endpoints were kept holds for any."""
        sql = "SELECT since, until, kind, cause, url FROM health WHERE service = ?"
        for _, (since, until, kind, cause, where) in self._rows(sql, [(service,)]):
            if where and url and where != url:
                return None
            try:
                if float(until) > time.time():
                    return Down(service, float(since), float(until), str(kind), str(cause))
            except (TypeError, ValueError):
                pass  # a damaged row: the service is asked, and the row replaced or cleared
        return None

    def mark_down(
        self, service: str, kind: str, cause: str, seconds: float, url: str = ""
    ) -> None:
        now = time.time()
        self._write(
            "INSERT OR REPLACE INTO health (service, since, until, kind, cause, url)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(service, now, now + seconds, kind, cause, url)],
        )

    def mark_up(self, service: str) -> None:
        self._write("DELETE FROM health WHERE service = ?", [(service,)])

    def close(self) -> None:
        self._db.close()
