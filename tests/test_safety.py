"""Issue 10, the "no traceback" half: bad input of every kind ends in one line on stderr and the
documented exit code, never a traceback, a hang or a fetch. Each test is named after the bug it
pins."""

from __future__ import annotations

import marshal
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from arxiv_server import ArxivServer

from arxiv2entry.lists.parse import parse
from arxiv2entry.lists.parse_cache import FILENAME, ParseCache

FIXTURES = Path(__file__).parent / "fixtures"
SEED = (FIXTURES / "lists" / "seed-list.md").read_bytes()
HINT = "use e.g. 2112.07945, hep-th/9901001 or https://arxiv.org/abs/2112.07945"


FULL_WIDTH, ARABIC_INDIC = "\uff10", "\u0660"  # the digit zero of each


def digits(text: str, zero: str) -> str:
    """`text` with its ASCII digits written in another script's digits."""
    return "".join(chr(ord(zero) + int(c)) if "0" <= c <= "9" else c for c in text)


@pytest.mark.parametrize(
    "text",
    [
        digits("2112.07945", FULL_WIDTH),
        digits("2112.07945", ARABIC_INDIC),
        "2112." + digits("07945", FULL_WIDTH),
        digits("hep-th/9901001", FULL_WIDTH),
        "https://arxiv.org/abs/" + digits("2112.07945", FULL_WIDTH),
    ],
)
def test_unicode_digits_are_a_malformed_id_not_a_fetch(
    run, arxiv_server: ArxivServer, text: str
) -> None:
    result = run(text)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: '{text}' is not an arXiv ID or URL; {HINT}\n"
    assert arxiv_server.requests == []


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("ARXIV2ENTRY_ARXIV_DELAY", "1e308", "is more than a day; unset it or use e.g. 3"),
        ("ARXIV2ENTRY_TIMEOUT", "1e308", "is more than a day; unset it or use e.g. 3"),
        ("ARXIV2ENTRY_TIMEOUT", "86401", "is more than a day; unset it or use e.g. 3"),
        ("ARXIV2ENTRY_SERVICE_DELAY", "1e308", "is more than a day; unset it or use e.g. 3"),
        (
            "ARXIV2ENTRY_RETRIES",
            digits("1", FULL_WIDTH),
            "is not a whole number; unset it or use e.g. 3",
        ),
        ("ARXIV2ENTRY_RETRIES", "99999999999999", "is more than 100; unset it or use e.g. 3"),
    ],
)
def test_absurd_environment_values_are_one_line_not_a_traceback(
    run,
    monkeypatch: pytest.MonkeyPatch,
    arxiv_server: ArxivServer,
    name: str,
    value: str,
    message: str,
) -> None:
    monkeypatch.setenv(name, value)
    result = run("2112.07945")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {name}={value!r} {message}\n"
    assert arxiv_server.requests == []


def test_a_day_is_still_accepted(
    run, monkeypatch: pytest.MonkeyPatch, arxiv_server: ArxivServer
) -> None:
    monkeypatch.setenv("ARXIV2ENTRY_TIMEOUT", "86400")
    result = run("2112.07945")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    ("toml", "line"),
    [
        (
            "[service]\ndblp = false\n",
            "unknown table [service]; did you mean [services]? "
            "known: style, sections, services, check",
        ),
        (
            '[Style]\nbullet = "* "\n',
            "unknown table [Style]; did you mean [style]? known: style, sections, services, check",
        ),
        ("[venues]\nx = 1\n", "unknown table [venues]; known: style, sections, services, check"),
    ],
)
def test_unknown_table_in_list_config_is_a_usage_error(
    run,
    arxiv_server: ArxivServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    toml: str,
    line: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_bytes(SEED)
    (tmp_path / ".arxiv2entry.toml").write_text(toml)
    result = run("add", "2510.23930", "--section", "Hybrid")
    assert (result.exit_code, result.stderr) == (2, f"error: .arxiv2entry.toml: {line}\n")
    assert arxiv_server.requests == []
    assert (tmp_path / "README.md").read_bytes() == SEED


@pytest.mark.parametrize(
    "value",
    [
        ((1, 2, 3), None, False),
        (([1], [2], [3]), None, False),
        (([], [], []), "x", False),
        (([], [], []), 10**9, False),
        (([(1, 2)], [], []), None, False),
        "not even a tuple",
    ],
)
def test_wrong_shape_rows_in_the_parse_cache_are_misses(tmp_path: Path, value: object) -> None:
    """Found in issue 10: a row that unmarshals to the wrong shape made `parse` raise."""
    text = SEED.decode()
    memo: dict[bytes, bytes] = {}
    fresh = parse(text, memo)
    with sqlite3.connect(tmp_path / FILENAME) as db:
        db.execute(
            "CREATE TABLE sections (key BLOB PRIMARY KEY, used REAL NOT NULL, found BLOB NOT NULL)"
        )
        db.executemany(
            "INSERT INTO sections VALUES (?, ?, ?)",
            [(key, 9e9, marshal.dumps(value)) for key in memo],
        )
    with ParseCache(tmp_path) as cache:
        doc = parse(text, cache)
    assert (doc.sections, doc.entries, doc.bare_links) == (
        fresh.sections,
        fresh.entries,
        fresh.bare_links,
    )
    with ParseCache(tmp_path) as cache:  # what the miss parsed was written back, and is read
        assert all(cache.get(key) == memo[key] for key in memo)


def test_a_flipped_bit_in_a_parse_cache_row_is_a_miss(tmp_path: Path) -> None:
    text = SEED.decode()
    with ParseCache(tmp_path) as cache:
        parse(text, cache)
    with sqlite3.connect(tmp_path / FILENAME) as db:
        rows = db.execute("SELECT key, found FROM sections").fetchall()
        db.executemany(
            "UPDATE sections SET found = ? WHERE key = ?",
            [(found[:-1] + bytes([found[-1] ^ 1]), key) for key, found in rows],
        )
    with ParseCache(tmp_path) as cache:
        assert all(cache.get(key) is None for key, _ in rows)


def test_check_dev_zero_is_refused_not_read_forever(run) -> None:
    """Issue 10: `check /dev/zero` read until memory ran out."""
    result = run("check", "/dev/zero")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: /dev/zero: not a regular file (a device, FIFO or socket); "
        "give the list's markdown file\n"
    )


def test_add_to_a_fifo_is_refused_not_a_hang(tmp_path: Path) -> None:
    """Issue 10: `add --readme FIFO` waited for a writer forever."""
    fifo = tmp_path / "README.md"
    os.mkfifo(fifo)
    for args in (["add", "2510.23930", "--readme", str(fifo)], ["expand", str(fifo)]):
        proc = subprocess.run(
            [sys.executable, "-m", "arxiv2entry", *args],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert (proc.returncode, proc.stdout, proc.stderr) == (
            2,
            "",
            f"error: {fifo}: not a regular file (a device, FIFO or socket); "
            "give the list's markdown file\n",
        )
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_list_too_large_to_read_is_one_line(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from arxiv2entry.lists import files

    monkeypatch.setattr(files, "MAX_BYTES", 2**20)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_bytes(b"# Papers\n" + b"x" * 2 * 2**20)
    result = run("check")
    assert (result.exit_code, result.stdout) == (1, "")
    assert (
        result.stderr == "error: README.md: too large (2 MB); arxiv2entry reads lists up to 1 MB\n"
    )


def test_a_filesystem_without_locks_writes_with_a_warning(
    run, arxiv_server: ArxivServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from arxiv2entry.lists import files

    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    assert files.fcntl is not None
    monkeypatch.setattr(files.fcntl, "flock", no_locks)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_bytes(SEED)
    result = run("add", "2510.23930", "--section", "Hybrid")
    assert (result.exit_code, result.stderr) == (
        0,
        "warning: README.md: cannot lock it (No locks available); writing without the lock, "
        "so run one arxiv2entry at a time on this list\n"
        "added 2510.23930 under 'Literature/with-3D-shape/Hybrid'\n",
    )


def python_m(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "arxiv2entry", *args],
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        **kwargs,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["2112.07945"],
        ["2112.07945", "--format", "json"],
        ["check", str(FIXTURES / "lists" / "seed-list.md")],
        ["--help"],
    ],
)
def test_stdout_to_dev_full_is_one_line_not_a_traceback(
    arxiv_server: ArxivServer, args: list[str]
) -> None:
    """Issue 10: `arxiv2entry 2112.07945 >/dev/full` ended in a traceback."""
    with open("/dev/full", "w") as full:
        proc = python_m(*args, stdout=full)
    assert (proc.returncode, proc.stderr) == (
        1,
        "error: cannot write to stdout (No space left on device)\n",
    )


def test_closed_stdin_is_a_usage_error_not_a_traceback(arxiv_server: ArxivServer) -> None:
    """Issue 10: `arxiv2entry - <&-` ended in AttributeError on None."""
    proc = python_m("-", stdout=subprocess.PIPE, preexec_fn=lambda: os.close(0))
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        2,
        "",
        "error: '-' reads IDs from stdin, but stdin is closed; pipe the IDs in or pass them as "
        "arguments\n",
    )
    assert arxiv_server.requests == []


def test_stdin_that_is_not_utf8_is_a_usage_error(run, arxiv_server: ArxivServer) -> None:
    result = run("-", input=b"2112.07945 caf\xe9\n")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "error: stdin is not UTF-8 (byte 14); give the IDs as UTF-8 text\n"
    assert arxiv_server.requests == []


def test_an_oserror_not_from_stdout_still_shows_its_traceback(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stdout handler must not hide real bugs."""
    from arxiv2entry import commands

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(commands, "check", broken)
    with pytest.raises(OSError, match="Input/output error"):
        run("check")
