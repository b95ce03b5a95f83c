"""Regressions from the fault sweep of this session: each test is named after what broke."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from arxiv_server import ArxivServer
from test_shapes import LLM, readme

from arxiv2entry.lists.lint import check
from arxiv2entry.lists.parse import parse


def test_add_without_section_on_a_list_in_an_unknown_shape_is_refused_not_a_traceback(
    run, arxiv_server: ArxivServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It was `NameError: name 'Choice' is not defined` (imported for type checking only)."""
    path = readme(tmp_path, monkeypatch, LLM)
    result = run("add", "2510.23930")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: README.md: most arXiv links in the list (52 of 52) are not entries of a shape"
        " arxiv2entry knows (three-line, two-line, one-line); nothing written; set one with"
        ' [style] shape = "<preset or template>" in .arxiv2entry.toml\n'
    )
    assert path.read_bytes() == LLM
    assert arxiv_server.requests == []


def test_check_of_one_id_linked_two_thousand_times_compares_few_titles() -> None:
    """600 entries of one id with different titles took 25 s and more (every title compared
    with every earlier one); now each is compared with the first few titles only."""
    entries = "".join(
        f"- [Paper number {i} about topic {i * 7919 % 1000}](https://arxiv.org/abs/2112.07945)\n"
        for i in range(2000)
    )
    findings = check(parse("# L\n\n" + entries))
    # every later entry is reported once: as a duplicate of a like title, or as a wrong link
    assert {f.kind for f in findings} <= {"wrong-link", "duplicate"}
    assert sorted(f.line for f in findings) == list(range(4, 2003))  # lines 3..2002


def test_stdin_is_read_up_to_ten_megabytes(tmp_path: Path) -> None:
    """`arxiv2entry - < /dev/zero` grew to 24 GB before the kernel killed it."""
    result = subprocess.run(
        [sys.executable, "-m", "arxiv2entry", "-"],
        input=b"\0" * 10_000_001,
        capture_output=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "ARXIV2ENTRY_CACHE_DIR": str(tmp_path)},
    )
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr == b"error: stdin holds more than 10 MB; give the IDs in smaller pieces\n"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--category", "../../etc/passwd"], "error: --category '../../etc/passwd' is not an "
         "arXiv category; use e.g. cs.CV or hep-th\n"),
        (["--category", "cs.CV?x=1"], "error: --category 'cs.CV?x=1' is not an arXiv category;"
         " use e.g. cs.CV or hep-th\n"),
        (["--threshold", "nan"], "error: --threshold takes a number from 0 to 1, e.g. 0.15\n"),
        (["--dry-run"], "error: --dry-run goes with --add (watch itself never writes)\n"),
    ],
)  # fmt: skip
def test_watch_options_that_cannot_be_meant_are_usage_errors(
    run, args: list[str], said: str
) -> None:
    result = run("watch", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", said)


def test_watch_entries_carry_the_year_of_their_id(
    run, arxiv_server: ArxivServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIRAFFE (2011.12100) announced today was written `arXiv 2026`: the feed gives no date,
    but a new-style id carries its first month."""
    from feed_server import FeedServer, atom_day
    from test_watch import HELD_OUT, SEED, _announced, _without

    (tmp_path / "README.md").write_text(_without(SEED, HELD_OUT), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    feeds = FeedServer()
    try:
        monkeypatch.setenv("ARXIV2ENTRY_FEED_URL", feeds.url)
        feeds.serve("cs.CV", atom_day(_announced(["2011.12100"])))
        got = json.loads(run("watch", "--format", "json").stdout)
    finally:
        feeds.close()
    assert got[0]["markdown"].endswith("**[`arXiv 2020`]**")


def test_a_template_with_a_control_character_is_refused() -> None:
    """`shape = "... \\u0000{title} ..."` wrote a NUL byte into the README."""
    from arxiv2entry.shape import ShapeError, shape

    with pytest.raises(ShapeError) as refused:
        shape("{bullet}[{title}]({abs_url}) \x00{authors}")
    assert str(refused.value) == "shape: the template holds a control character ('\\x00')"


def test_a_template_whose_text_fields_touch_is_refused() -> None:
    """`{authors} {venue}` cannot be read back, and reading a 700-word line against it took
    17 s (every split of the words tried); the template must separate them."""
    from arxiv2entry.shape import ShapeError, shape

    with pytest.raises(ShapeError) as refused:
        shape("{bullet}[{title}]({abs_url}) {authors} {venue}{? {institution}}")
    assert str(refused.value) == (
        "shape: {authors} and {venue} have only spaces between them; put punctuation there,"
        " e.g. {authors}, {venue}"
    )
