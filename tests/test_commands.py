"""The commands as plain functions, without click: what they report, what they return, and
that they stop with a `Stop` (never `sys.exit`) when they cannot go on."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from arxiv_server import ArxivServer
from test_cli_lists import PLANARGS, SEED, splice
from test_lists import SEED_FINDINGS

from arxiv2entry import commands
from arxiv2entry.commands import FetchOptions, LookOptions, Stop
from arxiv2entry.pipeline import Overrides


class Recorder:
    """A `Reporter` that keeps what it was told, in order."""

    def __init__(self) -> None:
        self.said: list[tuple[str, str]] = []
        self.diffs: list[str] = []

    def error(self, text: str) -> None:
        self.said.append(("error", text))

    def warning(self, text: str) -> None:
        self.said.append(("warning", text))

    def info(self, text: str) -> None:
        self.said.append(("info", text))

    def progress(self, total: int, source: str = "arXiv") -> Callable[[int], None] | None:
        if source == "arXiv":  # the services asked are pinned in test_enrich_cli.py
            self.said.append(("progress", str(total)))
        return None

    def stop_progress(self) -> None:
        pass

    def diff(self, lines: Iterable[str]) -> None:
        self.diffs.extend(lines)


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    path = tmp_path / "README.md"
    path.write_bytes(SEED)
    return path


def test_add_returns_what_it_did_and_writes_the_entry(
    arxiv_server: ArxivServer, seed: Path
) -> None:
    say = Recorder()
    done = commands.add(
        ["2510.23930"], seed, "hybrid", say, dry_run=False, look=LookOptions(), how=FetchOptions()
    )
    assert (done.bad_input, done.failed, done.changed) == (False, False, True)
    assert say.said == [
        ("progress", "1"),
        ("info", "added 2510.23930 under 'Literature/with-3D-shape/Hybrid'"),
    ]
    assert seed.read_bytes() == splice(SEED, 323, [*PLANARGS, b"\n"])


def test_add_dry_run_hands_the_diff_to_the_reporter(arxiv_server: ArxivServer, seed: Path) -> None:
    say = Recorder()
    done = commands.add(
        ["2510.23930"], seed, "Hybrid", say, dry_run=True, look=LookOptions(), how=FetchOptions()
    )
    assert done.changed
    assert say.diffs[:2] == [f"--- a/{seed}\n", f"+++ b/{seed}\n"]
    assert [line for line in say.diffs if line.startswith("+") and line != f"+++ b/{seed}\n"] == [
        "+" + line.decode() for line in [*PLANARGS, b"\n"]
    ]
    assert seed.read_bytes() == SEED


def test_add_to_an_unknown_section_stops_as_a_usage_error(
    arxiv_server: ArxivServer, seed: Path
) -> None:
    with pytest.raises(Stop) as stopped:
        commands.add(
            ["2510.23930"], seed, "Voxle", Recorder(), dry_run=False, look=LookOptions(),
            how=FetchOptions(),
        )  # fmt: skip
    assert (str(stopped.value), stopped.value.usage) == (
        "no section 'Voxle'; did you mean 'Voxel'?",
        True,
    )
    assert arxiv_server.requests == []


def test_check_returns_findings_and_reports_an_unreadable_file(seed: Path, tmp_path: Path) -> None:
    say = Recorder()
    missing = tmp_path / "nope.md"
    done = commands.check([seed, missing], say)
    assert [(f["file"], f["line"], f["code"], f["message"]) for f in done.findings] == [
        (str(seed), line, code, message) for line, code, message in SEED_FINDINGS
    ]
    assert (done.bad_input, done.failed) == (True, False)  # a wrong path is the user's to fix
    assert say.said == [("error", f"{missing}: no such file; give the path of the list's README")]


def test_make_entries_keeps_the_good_ids_when_one_is_malformed(arxiv_server: ArxivServer) -> None:
    say = Recorder()
    done = commands.make_entries(
        ["2510.23930", "not-an-id"],
        say,
        fmt="json",
        look=LookOptions(),
        overrides=Overrides(),
        how=FetchOptions(no_enrich=True),
        explain=False,
    )
    assert (done.bad_input, done.failed) == (True, False)
    objects = json.loads(done.output)
    assert [(o["id"], o.get("venue"), o.get("error")) for o in objects] == [
        ("2510.23930", "NeurIPS 2025", None),
        ("not-an-id", None, objects[1]["error"]),
    ]
    assert say.said[0] == ("error", objects[1]["error"])
    assert "not-an-id" in objects[1]["error"]


def test_no_ids_is_a_stop_not_an_exit() -> None:
    with pytest.raises(Stop) as stopped:
        commands.make_entries(
            [], Recorder(), fmt="markdown", look=LookOptions(), overrides=Overrides(),
            how=FetchOptions(), explain=False,
        )  # fmt: skip
    assert stopped.value.usage
    assert str(stopped.value) == (
        "no arXiv IDs given; pass IDs or URLs as arguments, or '-' to read them from stdin"
    )
