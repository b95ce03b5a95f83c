"""Reading and writing a list's README without ever losing it.

A README is read as bytes and decoded strictly (a file that is not UTF-8 is refused, not
mangled), a UTF-8 byte-order mark is kept aside and put back, and a write goes to a temporary
file in the same folder that is flushed to disk and then renamed over the original: a reader,
or a process killed mid-write, sees the old file or the new one, never half of each.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BOM = "\ufeff"


class FileError(Exception):
    """A README that cannot be read or written; the message names the file and the fix.
    `usage` marks a wrong path (exit 2) as opposed to a file that fails us (exit 1)."""

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


@dataclass(frozen=True)
class ListFile:
    path: Path
    text: str  # without the BOM
    bom: bool
    digest: bytes  # of the bytes read: a write first checks nobody changed the file meanwhile


def _hasher() -> hashlib.blake2b:
    # a digest, not the bytes: a large list is not kept in memory twice for this one check
    return hashlib.blake2b(digest_size=32)


def read_list(path: Path) -> ListFile:
    if not path.exists():
        raise FileError(f"{path}: no such file; give the path of the list's README", True)
    if path.is_dir():
        raise FileError(f"{path}: is a folder; give the list's markdown file inside it", True)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileError(f"{path}: cannot read it ({exc.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileError(
            f"{path}: not UTF-8 (byte {exc.start}); convert it with e.g. `iconv -t utf-8` first"
        ) from None
    bom = text.startswith(BOM)
    hasher = _hasher()
    hasher.update(data)
    return ListFile(path, text[1:] if bom else text, bom, hasher.digest())


def write_list(original: ListFile, pieces: Iterator[str]) -> None:
    """Replace the file's content with `pieces` put together, atomically, keeping its
    permissions. Pieces, not one string: a large list need not be in memory twice."""
    name = original.path  # as the user wrote it, for messages
    path = name.resolve()  # a symlinked README stays a link to the new text
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o644
    # The mode bit, not os.access: a file marked read-only stays so even for root.
    if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise FileError(f"{name}: read-only; make it writable (chmod u+w) or use --dry-run")
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileError(f"{name}: cannot write in {folder} ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if original.bom:
                handle.write(BOM.encode("utf-8"))
            for piece in pieces:
                handle.write(piece.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        # A fetch can take minutes: an editor may have saved the file meanwhile.
        with path.open("rb") as current:
            changed = hashlib.file_digest(current, _hasher).digest() != original.digest
        if changed:
            raise FileError(f"{name}: changed while arxiv2entry was working; run it again")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
