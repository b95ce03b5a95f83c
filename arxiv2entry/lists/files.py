"""Reading and writing a list's README without ever losing it.

A README is read as bytes and decoded strictly (a file that is not UTF-8 is refused, not
mangled), a UTF-8 byte-order mark is kept aside and put back, and a write goes to a temporary
file in the same folder that is flushed to disk and then renamed over the original: a reader,
or a process killed mid-write, sees the old file or the new one, never half of each.

Only regular files are read (a FIFO would hang the read, /dev/zero never end it), up to
`MAX_BYTES`.

Writers take turns: `lock_list` holds an advisory `flock` on the README itself around
re-read, check and rename, so two runs editing one list never both write what they planned on
the same old text (issue 10). The lock is on the file, not on a lock file beside it, so a list's
folder gains no stray file for git to see; since every write replaces the file (a new inode), a
writer that got the lock checks that it holds the file the path still names, and else locks
the new one. The OS drops the lock of a process that dies. Temporary files a killed writer left
(`.README.md.<8 characters>.tmp`) are removed by the next writer, under the lock, when no live
writer can own one. Where the filesystem cannot lock (some network or FUSE mounts), the write
goes ahead unlocked with a warning: the changed-meanwhile check is then the only guard.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; writes go unlocked, with the warning
    fcntl = None  # type: ignore[assignment]

BOM = "\ufeff"


MAX_BYTES = 256 * 1024 * 1024  # far past the largest list known (~20 MB); memory is ~10x this
WAIT = 20.0  # seconds a writer waits for another by default (ARXIV2ENTRY_LOCK_TIMEOUT)
_POLL = 0.05


class FileError(Exception):
    """A README that cannot be read or written; the message names the file and the fix.
    `usage` marks a wrong path (exit 2) as opposed to a file that fails us (exit 1);
    `read_only` a file the command may leave as it is another way (the command says which)."""

    def __init__(self, message: str, usage: bool = False, read_only: bool = False) -> None:
        super().__init__(message)
        self.usage = usage
        self.read_only = read_only


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
    try:
        # O_NONBLOCK: a FIFO opens at once (and is refused below) rather than hang for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise FileError(f"{path}: no such file; give the path of the list's README", True) from None
    except OSError as exc:
        raise FileError(f"{path}: cannot read it ({exc.strerror})") from None
    try:
        return _read_fd(fd, path)
    finally:
        os.close(fd)


def _not_regular(path: Path) -> FileError:
    return FileError(
        f"{path}: not a regular file (a device, FIFO or socket); give the list's markdown file",
        True,
    )


def _read_fd(fd: int, path: Path) -> ListFile:
    """The list in the open file `fd` (from its start), refused unless a regular file."""
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileError(f"{path}: is a folder; give the list's markdown file inside it", True)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path)
        if info.st_size > MAX_BYTES:
            raise FileError(
                f"{path}: too large ({info.st_size // 2**20} MB); "
                f"arxiv2entry reads lists up to {MAX_BYTES // 2**20} MB"
            )
        chunks = []
        size = 0
        while chunk := os.pread(fd, 1 << 20, size):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BYTES:  # grew while being read
                raise FileError(
                    f"{path}: too large; arxiv2entry reads lists up to {MAX_BYTES // 2**20} MB"
                )
        data = b"".join(chunks)
        del chunks
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


@dataclass
class Held:
    """What taking a list's lock found: a warning when the filesystem cannot lock, and the
    temporary files of killed writers it removed."""

    warning: str | None = None
    removed: list[str] = field(default_factory=list)
    fd: int = -1  # the README, open; reads under the lock go through it


_held: dict[Path, Held] = {}  # the lists this process holds, by real path


def _timeout(name: Path, wait: float) -> FileError:
    return FileError(
        f"{name}: another arxiv2entry run is still writing it (waited {wait:g} s); nothing "
        "written: run again when it is done, or set ARXIV2ENTRY_LOCK_TIMEOUT to wait longer"
    )


def _open_to_write(name: Path, real: Path) -> int:
    try:
        fd = os.open(real, os.O_RDWR | os.O_NONBLOCK | os.O_CLOEXEC)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise _not_regular(name)
        return fd
    except FileNotFoundError:
        raise FileError(f"{name}: no such file; give the path of the list's README", True) from None
    except PermissionError:
        message = f"{name}: read-only; make it writable (chmod u+w)"
        raise FileError(message, read_only=True) from None
    except OSError as exc:
        raise FileError(f"{name}: cannot open it to write ({exc.strerror})") from None


def _lock(fd: int, name: Path, wait: float) -> str | None:
    """Wait up to `wait` seconds for the lock on `fd`; a warning if it cannot be had at all."""
    if fcntl is None:
        return f"{name}: cannot lock files here; writing without the lock"
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return None
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise _timeout(name, wait) from None
            time.sleep(_POLL)
        except OSError as exc:
            if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL):
                return (
                    f"{name}: cannot lock it ({exc.strerror}); writing without the lock, so "
                    "run one arxiv2entry at a time on this list"
                )
            raise FileError(f"{name}: cannot lock it ({exc.strerror})") from None


def _same_file(fd: int, real: Path) -> bool:
    try:
        now, held = os.stat(real), os.fstat(fd)
    except OSError:
        return False
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


def _temporaries(real: Path) -> Iterator[Path]:
    """The temporary files `write_list` makes for `real` (mkstemp's 8 random characters)."""
    pattern = re.compile(rf"\.{re.escape(real.name)}\.[a-z0-9_]{{8}}\.tmp")
    with contextlib.suppress(OSError), os.scandir(real.parent) as entries:
        for entry in entries:
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                yield Path(entry.path)


@contextlib.contextmanager
def lock_list(path: Path, wait: float = WAIT) -> Iterator[Held]:
    """Hold the writers' lock on the list at `path` (re-entrant within a process), waiting up
    to `wait` seconds for another writer; `FileError` when it does not finish in time. Removes
    the temporary files of writers that were killed."""
    real = path.resolve()  # a symlinked README: the lock is on the file it names
    if real in _held:
        yield _held[real]
        return
    while True:
        fd = _open_to_write(path, real)
        try:
            warning = _lock(fd, path, wait)
            if warning is not None or _same_file(fd, real):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # replaced by the writer we waited for: lock the file it wrote
    held = Held(warning, fd=fd)
    _held[real] = held
    try:
        if warning is None:  # held: any temporary of ours here is a dead writer's
            for tmp in _temporaries(real):
                with contextlib.suppress(OSError):
                    tmp.unlink()
                    held.removed.append(tmp.name)
        yield held
    finally:
        del _held[real]
        os.close(fd)  # releases the lock


def read_locked(path: Path) -> ListFile:
    """The list as it is now, read through the lock `lock_list` holds on it."""
    held = _held[path.resolve()]
    return _read_fd(held.fd, path)


def write_list(original: ListFile, pieces: Iterator[str], wait: float = WAIT) -> None:
    """Replace the file's content with `pieces` put together, atomically, keeping its
    permissions, under the list's lock (taken here unless the caller holds it). Pieces, not one
    string: a large list need not be in memory twice."""
    with lock_list(original.path, wait) as held:
        _write(original, pieces, held)


def _write(original: ListFile, pieces: Iterator[str], held: Held) -> None:
    name = original.path  # as the user wrote it, for messages
    path = name.resolve()  # a symlinked README stays a link to the new text
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o644
    # The mode bit, not os.access: a file marked read-only stays so even for root.
    if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise FileError(f"{name}: read-only; make it writable (chmod u+w)", read_only=True)
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
        # Writers of this tool wait for the lock; an editor does not: it may have saved the
        # file in place (the digest, read through the locked file) or replaced it (the inode).
        hasher, at = _hasher(), 0
        while chunk := os.pread(held.fd, 1 << 20, at):
            hasher.update(chunk)
            at += len(chunk)
        if hasher.digest() != original.digest or not _same_file(held.fd, path):
            raise FileError(f"{name}: changed while arxiv2entry was working; run it again")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
