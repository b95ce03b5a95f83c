"""What parses of README sections found, kept between runs in SQLite beside the paper cache.

Parsing is most of what `check`, `add` and `expand` cost on a large list, and between two
commits nearly every section of a list is unchanged. `parse.parse` asks this cache by a hash
of a section's exact text (and of the versions of arxiv2entry, markdown-it-py and Python that
parsed it), so a section is parsed again only when its text changed.

A cache only holds copies: a folder that cannot be written, a damaged or locked file, all make
it an empty cache, never an error or a warning; the parse then costs its full time. Each row
carries a checksum of its value bound to its key, so a row damaged or written by anything else
(the wrong shape for `parse`) is a miss, never a traceback. Sections
not asked for in 30 days are dropped, so the file stays the size of the lists in use.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import sqlite3
import time
from pathlib import Path

FILENAME = "sections-v1.sqlite3"
KEEP_DAYS = 30.0
_TOUCH_AFTER = 86400.0  # a hit refreshes its row's date at most once a day: reads stay reads
_SUM = 16  # bytes of checksum before each value


def _checksum(key: bytes, value: bytes) -> bytes:
    return hashlib.blake2b(value, digest_size=_SUM, key=key[:64]).digest()


class ParseCache:
    """A `parse.Memo` in SQLite. Use as a context manager: new sections are committed, in one
    transaction, when it closes."""

    def __init__(self, folder: Path | None) -> None:
        self._path = folder / FILENAME if folder is not None else None
        self._db = self._open(self._path) if self._path is not None else None
        self._written = False
        self._stale_hits: list[bytes] = []

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection | None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        for attempt in range(2):
            try:
                db = sqlite3.connect(path, timeout=2.0)
            except sqlite3.Error:
                return None
            try:
                db.execute(
                    "CREATE TABLE IF NOT EXISTS sections "
                    "(key BLOB PRIMARY KEY, used REAL NOT NULL, found BLOB NOT NULL)"
                )
                return db
            except sqlite3.Error as exc:
                db.close()
                # Locked or unwritable (OperationalError) is not ours to fix; a file that is not
                # a database, or a damaged one, only held copies: start it again, once.
                if attempt or isinstance(exc, sqlite3.OperationalError):
                    return None
                with contextlib.suppress(OSError):
                    path.unlink()
        return None

    def get(self, key: bytes, /) -> bytes | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT used, found FROM sections WHERE key = ?", (key,))
            found = row.fetchone()
        except sqlite3.Error as exc:
            self._give_up(exc)
            return None
        if found is None:
            return None
        used, value = found
        if not isinstance(value, bytes) or not isinstance(used, (int, float)):
            return None  # not a row this module wrote
        value, stored = value[_SUM:], value[:_SUM]
        if not hmac.compare_digest(stored, _checksum(key, value)):
            return None  # damaged, or not written by this module: parse again (issue 10)
        if time.time() - used > _TOUCH_AFTER:
            self._stale_hits.append(key)
        return value

    def __setitem__(self, key: bytes, value: bytes, /) -> None:
        # Written at once, committed on close: SQLite holds the pending rows, not this process.
        if self._db is None:
            return
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO sections (key, used, found) VALUES (?, ?, ?)",
                (key, time.time(), _checksum(key, value) + value),
            )
            self._written = True
        except sqlite3.Error as exc:
            self._give_up(exc)

    def _give_up(self, exc: sqlite3.Error) -> None:
        """No more caching in this run; a damaged file (as opposed to a locked or unwritable
        one) is deleted, so that the next run starts a new one."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.rollback()
            self._db.close()
            self._db = None
        if not isinstance(exc, sqlite3.OperationalError) and self._path is not None:
            with contextlib.suppress(OSError):
                self._path.unlink()

    def close(self) -> None:
        if self._db is None:
            return
        now = time.time()
        try:
            if self._written or self._stale_hits:
                self._db.executemany(
                    "UPDATE sections SET used = ? WHERE key = ?",
                    [(now, key) for key in self._stale_hits],
                )
                self._db.execute("DELETE FROM sections WHERE used < ?", (now - KEEP_DAYS * 86400,))
                self._db.commit()
        except sqlite3.Error as exc:
            self._give_up(exc)  # a copy we could not keep: the next run parses again
        else:
            self._db.close()
            self._db = None

    def __enter__(self) -> ParseCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
