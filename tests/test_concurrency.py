"""Issue 10, the "nothing lost" half: runs that write one list at once take turns, and each gets
its change in; a killed writer loses nothing and leaves nothing behind. Real processes against
the local arXiv server (its settings are in os.environ while a test runs)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from arxiv_server import ArxivServer
from test_cli_lists import PLANARGS, SEED, splice

# Holds the README's lock (as arxiv2entry takes it) until a line comes on stdin.
HOLDER = (
    "import fcntl, os, sys\n"
    "fd = os.open(sys.argv[1], os.O_RDWR)\n"
    "fcntl.flock(fd, fcntl.LOCK_EX)\n"
    "print('locked', flush=True)\n"
    "sys.stdin.readline()\n"
)
ADDED_A = "added 2510.23930 under 'Literature/with-3D-shape/Hybrid'\n"
ADDED_B = "added 2604.21915 under 'Literature/with-3D-shape/Hybrid'\n"


def start(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "arxiv2entry", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out, err


def hold_lock(path: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    return holder


def release(holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None
    holder.stdin.write("go\n")
    holder.stdin.close()
    holder.wait(timeout=10)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A list's folder (the cache is in tmp_path/cache)."""
    (tmp_path / "list").mkdir()
    (tmp_path / "list" / "README.md").write_bytes(SEED)
    return tmp_path / "list"


def sequential(run, folder: Path, first: str, second: str) -> bytes:
    """The list after adding `first`, then `second`, one run after the other."""
    (folder / "README.md").write_bytes(SEED)
    for paper in (first, second):
        result = run("add", paper, "--section", "Hybrid", "--readme", str(folder / "README.md"))
        assert result.exit_code == 0
    return (folder / "README.md").read_bytes()


def test_two_adds_at_once_both_land_regression_lost_entry(
    run, arxiv_server: ArxivServer, folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Issue 10: two `add` runs on one README at once; one entry was lost and both exited 0.
    Several rounds of two real processes: every round both exit 0 and the list is what one run
    after the other makes (in either order)."""
    other = tmp_path_factory.mktemp("sequential")
    either = {
        sequential(run, other, "2510.23930", "2604.21915"),
        sequential(run, other, "2604.21915", "2510.23930"),
    }
    readme = folder / "README.md"
    rounds = 8
    for _ in range(rounds):
        readme.write_bytes(SEED)
        a = start("add", "2510.23930", "--section", "Hybrid", cwd=folder)
        b = start("add", "2604.21915", "--section", "Hybrid", cwd=folder)
        assert (finish(a), finish(b)) == ((0, "", ADDED_A), (0, "", ADDED_B))
        assert readme.read_bytes() in either
    assert sorted(p.name for p in folder.iterdir()) == ["README.md"]


def test_a_writer_waits_for_the_lock_then_adds_to_what_the_holder_wrote(
    arxiv_server: ArxivServer, folder: Path
) -> None:
    """The second writer plans on the list as it read it, waits, reads again, plans again."""
    readme = folder / "README.md"
    holder = hold_lock(readme)
    try:
        writer = start("add", "2510.23930", "--section", "Hybrid", cwd=folder)
        time.sleep(1.5)  # it has fetched and is waiting for the lock
        assert writer.poll() is None
        assert arxiv_server.requests == ["2510.23930"]
        # What the holder writes meanwhile, as a writer does: a new file renamed over the list.
        edited = SEED.replace(b"# ", b"# Edited: ", 1)
        (folder / "new").write_bytes(edited)
        os.replace(folder / "new", readme)
    finally:
        release(holder)
    assert finish(writer) == (0, "", ADDED_A)
    assert readme.read_bytes() == splice(edited, 323, [*PLANARGS, b"\n"])


def test_a_writer_that_cannot_get_the_lock_in_time_writes_nothing(
    arxiv_server: ArxivServer, folder: Path
) -> None:
    readme = folder / "README.md"
    holder = hold_lock(readme)
    try:
        env = {**os.environ, "ARXIV2ENTRY_LOCK_TIMEOUT": "0.5"}
        proc = subprocess.run(
            [sys.executable, "-m", "arxiv2entry", "add", "2510.23930", "--section", "Hybrid"],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        release(holder)
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        1,
        "",
        "error: README.md: another arxiv2entry run is still writing it (waited 0.5 s); nothing "
        "written: run again when it is done, or set ARXIV2ENTRY_LOCK_TIMEOUT to wait longer\n",
    )
    assert readme.read_bytes() == SEED
    assert sorted(p.name for p in folder.iterdir()) == ["README.md"]


def test_a_dry_run_takes_no_lock(
    run, arxiv_server: ArxivServer, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = folder / "README.md"
    holder = hold_lock(readme)
    try:
        monkeypatch.chdir(folder)
        result = run("add", "2510.23930", "--section", "Hybrid", "--dry-run")
    finally:
        release(holder)
    assert result.exit_code == 0
    assert result.stdout.startswith("--- a/README.md\n")
    assert readme.read_bytes() == SEED


def test_temporary_of_a_killed_writer_is_removed_by_the_next_write_regression_leftover(
    run, arxiv_server: ArxivServer, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10: SIGKILL mid-write left `.README.md.*.tmp` (up to the list's size) for good."""
    readme = folder / "README.md"
    big = SEED + b"\n" + b"x" * 40_000_000 + b"\n"
    readme.write_bytes(big)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from arxiv2entry.lists.files import read_list, write_list\n"
        "f = read_list(Path(sys.argv[1]))\n"
        "while True:\n"
        "    write_list(f, iter([f.text]))\n"
        "    f = read_list(f.path)\n"
    )
    left: list[Path] = []
    for _ in range(20):  # until the kill lands while a temporary file exists
        writer = subprocess.Popen([sys.executable, "-c", script, str(readme)])
        deadline = time.monotonic() + 20
        while not (left := list(folder.glob(".README.md.*.tmp"))):
            assert time.monotonic() < deadline
            time.sleep(0.005)
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        left = list(folder.glob(".README.md.*.tmp"))
        if left:
            break
    assert len(left) == 1
    assert readme.read_bytes() == big  # the write was atomic: old text, or the same new one
    readme.write_bytes(SEED)  # what the next run adds to
    # Not ours: kept.
    (folder / ".README.md.swp").write_bytes(b"an editor's")
    (folder / ".README.md.notours.tmp").write_bytes(b"someone's")
    monkeypatch.chdir(folder)
    result = run("add", "2510.23930", "--section", "Hybrid")
    assert (result.exit_code, result.stderr) == (
        0,
        f"removed {left[0].name}, left beside README.md by an interrupted run\n" + ADDED_A,
    )
    assert readme.read_bytes() == splice(SEED, 323, [*PLANARGS, b"\n"])
    assert sorted(p.name for p in folder.iterdir()) == [
        ".README.md.notours.tmp",
        ".README.md.swp",
        "README.md",
    ]


def test_the_lock_keeps_the_mode_and_a_symlink(
    run, arxiv_server: ArxivServer, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = folder / "README.md"
    real = folder / "real.md"
    readme.rename(real)
    readme.symlink_to(real.name)
    real.chmod(0o640)
    monkeypatch.chdir(folder)
    assert run("add", "2510.23930", "--section", "Hybrid").exit_code == 0
    assert readme.is_symlink()
    assert real.read_bytes() == splice(SEED, 323, [*PLANARGS, b"\n"])
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
