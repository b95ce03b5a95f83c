"""`check` on the real lists (issue 9): every finding's code and severity, what fails a run and
what does not, `--fix` byte for byte, and silencing a kind per run or per list.

The severities are held to GitHub's rendering, not to our reading of it: markdown-it (the
CommonMark parser the list parse already uses) renders each list before and after each fix;
an error's fix must change the page, a notice's must not."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from arxiv2entry.cli import cli
from arxiv2entry.lists.lint import check
from arxiv2entry.lists.model import Lines
from arxiv2entry.lists.parse import parse
from arxiv2entry.lists.rules import RULES

LISTS = Path(__file__).parent / "fixtures" / "lists"
REAL = sorted(p.name for p in LISTS.glob("*.md"))

LAST_LINE = "AE301 notice: trailing spaces after the entry's last line: remove them"
NO_BREAK = "AE101 error: no line break: end the line with two spaces"
ONE_SPACE = "AE101 error: 1 trailing space is no line break: end the line with two spaces"
THREE = "AE302 notice: 3 trailing spaces: two spaces do"
NO_VENUE = "AE203 warning: no venue line: add **[`VENUE YEAR`]**"
PLAIN_AUTHORS = "AE204 warning: authors not in italics: write *Ann Lee, Bo Chen*"

# Every finding, notices included (`--show-notices`), as `check` prints it after FILE:
EXPECTED: dict[str, list[str]] = {
    "seed-list.md": [
        f"153: {LAST_LINE}",
        "189: AE102 error: institution written as a second venue: use (`SJTU`), not [`SJTU`]",
        *(f"{n}: {LAST_LINE}" for n in (197, 209, 225, 229, 233)),
        f"246: {NO_BREAK}",
        *(f"{n}: {LAST_LINE}" for n in (257, 286)),
        f"292: {NO_BREAK}",
        f"302: {LAST_LINE}",
    ],
    "controllable-gan.md": [
        f"169: {NO_VENUE}",
        f"170: {PLAIN_AUTHORS}",
        "176: AE104 error: empty institution: fill it in or remove the ()",
        f"201: {PLAIN_AUTHORS}",
        "202: AE103 error: venue not in bold code: write **[`CVPR 2018`] (`Korea University`)**",
        f"213: {PLAIN_AUTHORS}",
        "214: AE103 error: venue not in bold code: write **[`CVPR 2020`]**",
        f"217: {THREE}",
        f"221: {ONE_SPACE}",
        f"225: {THREE}",
        f"234: {NO_VENUE}",
        f"285: {LAST_LINE}",
        "351: AE201 warning: also listed at line 283 under '2. Modify GAN Model' (2005.07727)",
        f"352: {THREE}",
        "389: AE201 warning: also listed at line 355 under 'Supervised' (2001.10238)",
        f"412: {NO_BREAK}",
        "425: AE201 warning: also listed at line 385 under 'Self-Supervised Learning'"
        " (1907.07171)",
        f"450: {LAST_LINE}",
        "472: AE109 error: duplicate of line 407 in the same section (2004.02546)",
    ],
    "gan-inversion.md": [
        f"175: {NO_VENUE}",
        "192: AE109 error: duplicate of line 175 in the same section (2101.05278)",
        f"192: {NO_VENUE}",
        "243: AE201 warning: also listed at line 218 under 'Learning-based (Encoder)'"
        " (1609.03552)",
        "263: AE109 error: duplicate of line 247 in the same section (1702.04782)",
        "275: AE201 warning: also listed at line 222 under 'Learning-based (Encoder)'"
        " (1910.11626)",
        f"276: {NO_BREAK}",
        f"280: {ONE_SPACE}",
    ],
    "two-line-vae.md": [f"{n}: {LAST_LINE}" for n in (60, 62, 64, *range(69, 104, 2))],
    "one-line-awesome-nerf.md": [],
    "tables-awesome-llm.md": [],
}


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ARXIV2ENTRY_CACHE_DIR", str(tmp_path / "cache"))

    def invoke(*args: str):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def copy(name: str, tmp_path: Path, as_name: str = "README.md") -> Path:
    target = tmp_path / as_name
    shutil.copyfile(LISTS / name, target)
    return target


def test_every_real_list_has_a_snapshot() -> None:
    assert sorted(EXPECTED) == REAL


@pytest.mark.parametrize("name", REAL)
def test_check_snapshot_of_each_real_list(name: str, run, tmp_path: Path) -> None:
    copy(name, tmp_path, name)
    result = run("check", name, "--show-notices")
    assert result.stdout == "".join(f"{name}:{line}\n" for line in EXPECTED[name])
    errors = any(" error: " in line for line in EXPECTED[name])
    assert result.exit_code == (1 if errors else 0)
    assert result.stderr == STDERR.get(name, "")


# The list whose papers are table rows has no entries of a known shape: check says so (the
# shapes' own test pins the message; here it is the one line besides the findings).
STDERR = {
    "tables-awesome-llm.md": (
        "warning: tables-awesome-llm.md: no entries of a known shape: 0 of 52 lines with arXiv"
        " links are entries arxiv2entry can read (three-line, two-line, one-line); set one with"
        ' [style] shape = "<preset or template>" in .arxiv2entry.toml\n'
    )
}


@pytest.mark.parametrize("name", REAL)
def test_notices_are_hidden_by_default_and_counted(name: str, run, tmp_path: Path) -> None:
    copy(name, tmp_path, name)
    result = run("check", name)
    shown = [line for line in EXPECTED[name] if " notice: " not in line]
    assert result.stdout == "".join(f"{name}:{line}\n" for line in shown)
    hidden = len(EXPECTED[name]) - len(shown)
    assert result.stderr == STDERR.get(name, "") + (
        f"{hidden} notice{'s' if hidden != 1 else ''} not shown (whitespace GitHub does not "
        "show): --show-notices lists them, --fix repairs them\n"
        if hidden
        else ""
    )


def test_json_carries_code_and_severity(run, tmp_path: Path) -> None:
    copy("gan-inversion.md", tmp_path)
    found = json.loads(run("check", "--format", "json").stdout)
    assert [(f["line"], f["code"], f["severity"], f["kind"]) for f in found] == [
        (175, "AE203", "warning", "no-venue"),
        (192, "AE109", "error", "duplicate"),
        (192, "AE203", "warning", "no-venue"),
        (243, "AE201", "warning", "listed-twice"),
        (263, "AE109", "error", "duplicate"),
        (275, "AE201", "warning", "listed-twice"),
        (276, "AE101", "error", "missing-break"),
        (280, "AE101", "error", "missing-break"),
    ]


# ----------------------------------------------------------------------------------------------
# Severities against GitHub's rendering


def rendered(text: str) -> str:
    return MarkdownIt("commonmark").render(text)


@pytest.mark.parametrize("name", REAL)
def test_an_errors_fix_shows_and_a_notices_fix_does_not(name: str) -> None:
    text = (LISTS / name).read_text(encoding="utf-8")
    lines = list(Lines(text))
    before = rendered(text)
    for f in check(parse(text)):
        if f.fix is None:
            continue
        old = lines[f.line - 1]
        fixed = lines.copy()
        fixed[f.line - 1] = f.fix + old[len(old.rstrip("\r\n")) :]
        changes = rendered("".join(fixed)) != before
        assert changes == (f.severity == "error"), (name, f)


def test_the_rules_table_is_consistent() -> None:
    codes = [r.code for r in RULES]
    assert len(set(codes)) == len(codes) == len({r.name for r in RULES})
    first = {"error": "AE1", "warning": "AE2", "notice": "AE3"}
    assert all(r.code.startswith(first[r.severity]) for r in RULES)
    # only whitespace is mended by --fix
    assert {r.name for r in RULES if r.fixable} == {
        "missing-break",
        "trailing-space",
        "extra-spaces",
    }


# ----------------------------------------------------------------------------------------------
# What check misses no more, and what it no longer blames


def entry(url: str, title: str = "A Paper", venue: str = "**[`CVPR 2020`]**") -> str:
    return f"- [{title}]({url})  \n  *Ann Lee, Bo Chen*  \n  {venue}\n"


@pytest.mark.parametrize(
    "venue",
    [
        "**[`ICLR 2020`] ()**",
        "**[`ICLR 2020`] (``)**",
        "**[`ICLR 2020`] (` `)**",
        "**[`ICLR 2020`]** ()",
        "**[`ICLR 2020`]** (``) [[Code](https://github.com/o/r)]",
    ],
)
def test_every_empty_institution(venue: str) -> None:
    text = "## A\n\n" + entry("https://arxiv.org/abs/2101.00001", venue=venue)
    assert [(f.line, f.code) for f in check(parse(text))] == [(5, "AE104")]


@pytest.mark.parametrize(
    ("venue", "want"),
    [
        ("[CVPR 2020]", "**[`CVPR 2020`]**"),
        ("[CVPR 2018] (Korea University)", "**[`CVPR 2018`] (`Korea University`)**"),
        ("**[CVPR 2020]**", "**[`CVPR 2020`]**"),
        ("[`CVPR 2020`] (`MIT`)", "**[`CVPR 2020`] (`MIT`)**"),
    ],
)
def test_a_venue_not_in_bold_code(venue: str, want: str) -> None:
    text = "## A\n\n" + entry("https://arxiv.org/abs/2101.00001", venue=venue)
    assert [(f.line, f.code, f.message) for f in check(parse(text))] == [
        (5, "AE103", f"venue not in bold code: write {want}")
    ]


def test_the_formats_own_venue_lines_are_fine() -> None:
    text = "## A\n\n" + "\n".join(
        entry(f"https://arxiv.org/abs/2101.0000{k}", f"Paper {k}", venue)
        for k, venue in enumerate(
            [
                "**[`CVPR 2020`]**",
                "**[`CVPR 2020 (Oral)`] (`MIT, CMU`)** [[Code](https://github.com/o/r)]",
                "**[`arXiv 2021`]** [[Project](https://o.github.io/r)]",
            ],
            start=1,
        )
    )
    assert check(parse(text)) == []


def test_one_id_under_two_titles_is_a_wrong_link_that_blames_neither() -> None:
    text = (
        "## A\n\n"
        + entry("https://arxiv.org/abs/2101.00001", "Neural Radiance Fields")
        + "\n"
        + entry("https://arxiv.org/pdf/2101.00001v2.pdf", "Instant Neural Graphics Primitives")
    )
    assert [(f.line, f.code, f.severity, f.message) for f in check(parse(text))] == [
        (
            7,
            "AE108",
            "error",
            "2101.00001 is also the link of 'Neural Radiance Fields' at line 3: one of the two"
            " links is wrong",
        )
    ]


def test_a_paper_twice_in_a_section_is_an_error_in_two_sections_a_warning() -> None:
    paper = entry("https://arxiv.org/abs/2101.00001", "Neural Radiance Fields")
    retyped = entry("http://arxiv.org/abs/2101.00001v1", "Neural radiance fields.")
    text = f"## A\n\n{paper}\n{retyped}\n## B\n\n{paper}"
    assert [(f.line, f.code, f.severity, f.message) for f in check(parse(text))] == [
        (7, "AE109", "error", "duplicate of line 3 in the same section (2101.00001)"),
        (13, "AE201", "warning", "also listed at line 3 under 'A' (2101.00001)"),
    ]


def test_spaces_on_a_last_line_with_a_bare_link_under_it_are_a_line_break() -> None:
    """A URL pasted right under an entry is in the entry's paragraph: the venue line's two
    spaces break the line before it, so they are not invisible and not a notice."""
    text = "## A\n\n" + entry("https://arxiv.org/abs/2101.00001").replace("`]**\n", "`]**  \n")
    text += "https://arxiv.org/abs/2101.00002\n"
    assert [(f.line, f.code) for f in check(parse(text))] == [(6, "AE202")]


# ----------------------------------------------------------------------------------------------
# Exit codes


def write(tmp_path: Path, text: str, name: str = "README.md") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode())
    return path


WARNINGS_ONLY = (
    "## A\n\n"
    + entry("https://arxiv.org/abs/2101.00001")
    + "\n## B\n\n"
    + entry("https://arxiv.org/abs/2101.00001")
    + "\nhttps://arxiv.org/abs/2101.00002\n"
)
NOTICES_ONLY = "## A\n\n" + entry("https://arxiv.org/abs/2101.00001").replace("\n", "   \n")


def test_warnings_pass_unless_strict(run, tmp_path: Path) -> None:
    write(tmp_path, WARNINGS_ONLY)
    result = run("check")
    assert (result.exit_code, result.stdout) == (
        0,
        "README.md:9: AE201 warning: also listed at line 3 under 'A' (2101.00001)\n"
        "README.md:13: AE202 warning: bare arXiv link: run `arxiv2entry expand`\n",
    )
    assert run("check", "--strict").exit_code == 1


def test_notices_never_fail(run, tmp_path: Path) -> None:
    write(tmp_path, NOTICES_ONLY)
    for args in ([], ["--strict"], ["--strict", "--show-notices"]):
        result = run("check", *args)
        assert result.exit_code == 0, args
    assert result.stdout == (
        "README.md:3: AE302 notice: 5 trailing spaces: two spaces do\n"
        "README.md:4: AE302 notice: 5 trailing spaces: two spaces do\n"
        "README.md:5: AE301 notice: trailing spaces after the entry's last line: remove them\n"
    )


def test_errors_fail(run, tmp_path: Path) -> None:
    write(tmp_path, "## A\n\n" + entry("https://arxiv.org/abs/2101.00001").replace("  \n", "\n"))
    result = run("check")
    assert (result.exit_code, result.stdout) == (
        1,
        "README.md:3: AE101 error: no line break: end the line with two spaces\n"
        "README.md:4: AE101 error: no line break: end the line with two spaces\n",
    )


# ----------------------------------------------------------------------------------------------
# --fix


def fixed_by_hand(data: bytes, strip: set[int], two: set[int]) -> bytes:
    """The bytes with the end of each line in `strip` (1-based) cut to no spaces and of each
    line in `two` to exactly two, everything else as it was."""
    out = []
    for n, line in enumerate(data.splitlines(keepends=True), start=1):
        body = line.rstrip(b"\r\n")
        end = line[len(body) :]
        if n in strip:
            body = body.rstrip(b" \t")
        elif n in two:
            body = body.rstrip(b" \t") + b"  "
        out.append(body + end)
    return b"".join(out)


def test_fix_seed_list_byte_for_byte_and_idempotent(run, tmp_path: Path) -> None:
    readme = copy("seed-list.md", tmp_path)
    original = readme.read_bytes()
    result = run("check", "--fix")
    assert result.stderr == "fixed 11 findings (AE101 x2, AE301 x9) in README.md\n"
    assert result.stdout == (
        "README.md:189: AE102 error: institution written as a second venue: use (`SJTU`), not"
        " [`SJTU`]\n"
    )
    assert result.exit_code == 1  # the error --fix cannot mend
    assert readme.read_bytes() == fixed_by_hand(
        original, strip={153, 197, 209, 225, 229, 233, 257, 286, 302}, two={246, 292}
    )
    once = readme.read_bytes()
    again = run("check", "--fix")
    assert (again.stderr, readme.read_bytes()) == ("", once)


def test_fix_controllable_gan_crlf(run, tmp_path: Path) -> None:
    """CRLF endings stay CRLF; only the fixed lines' ends change."""
    crlf = (LISTS / "controllable-gan.md").read_bytes().replace(b"\n", b"\r\n")
    readme = tmp_path / "README.md"
    readme.write_bytes(crlf)
    result = run("check", "--fix", "--show-notices")
    assert result.stderr == "fixed 7 findings (AE101 x2, AE301 x2, AE302 x3) in README.md\n"
    assert readme.read_bytes() == fixed_by_hand(
        crlf, strip={285, 450}, two={217, 221, 225, 352, 412}
    )
    assert " notice: " not in result.stdout
    assert [line.split(": ")[1] for line in result.stdout.splitlines()] == [
        "AE203 warning",
        "AE204 warning",
        "AE104 error",
        "AE204 warning",
        "AE103 error",
        "AE204 warning",
        "AE103 error",
        "AE203 warning",
        "AE201 warning",
        "AE201 warning",
        "AE201 warning",
        "AE109 error",
    ]
    assert run("check", "--fix").stderr == ""


def test_fix_leaves_ignored_kinds_alone(run, tmp_path: Path) -> None:
    readme = copy("two-line-vae.md", tmp_path)
    original = readme.read_bytes()
    result = run("check", "--fix", "--ignore", "AE301")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert readme.read_bytes() == original


# ----------------------------------------------------------------------------------------------
# Silencing a kind


def test_ignore_by_code_prefix_and_name(run, tmp_path: Path) -> None:
    copy("seed-list.md", tmp_path)
    result = run("check", "--ignore", "AE102", "--ignore", "missing-break")
    assert (result.exit_code, result.stdout) == (0, "")
    result = run("check", "--ignore", "AE1", "--show-notices")
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 9
    assert all(" AE301 notice: " in line for line in result.stdout.splitlines())


def test_ignore_in_the_lists_config(run, tmp_path: Path) -> None:
    copy("gan-inversion.md", tmp_path)
    (tmp_path / ".arxiv2entry.toml").write_text('[check]\nignore = ["AE109", "AE101"]\n')
    result = run("check")
    assert result.exit_code == 0
    assert [line.split(": ")[1] for line in result.stdout.splitlines()] == [
        "AE203 warning",
        "AE203 warning",
        "AE201 warning",
        "AE201 warning",
    ]
    result = run("check", "--ignore", "AE2")  # the two add up
    assert (result.exit_code, result.stdout) == (0, "")


@pytest.mark.parametrize(
    ("config", "args", "message"),
    [
        (
            None,
            ["--ignore", "AE999"],
            "error: --ignore: no finding code or name 'AE999'; see `arxiv2entry check --help`"
            " for the codes\n",
        ),
        (
            '[check]\nignore = ["duplicates"]\n',
            [],
            "error: .arxiv2entry.toml: [check] ignore: no finding code or name 'duplicates'; see"
            " `arxiv2entry check --help` for the codes\n",
        ),
        (
            '[check]\nignore = "AE201"\n',
            [],
            'error: .arxiv2entry.toml: [check] takes ignore = ["CODE", ...], e.g. ["AE201"]\n',
        ),
        (
            "[check]\nselect = []\n",
            [],
            'error: .arxiv2entry.toml: [check] takes ignore = ["CODE", ...], e.g. ["AE201"]\n',
        ),
    ],
)
def test_an_unknown_code_is_a_usage_error(
    run, tmp_path: Path, config: str | None, args: list[str], message: str
) -> None:
    readme = copy("seed-list.md", tmp_path)
    original = readme.read_bytes()
    if config is not None:
        (tmp_path / ".arxiv2entry.toml").write_text(config)
    result = run("check", "--fix", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert readme.read_bytes() == original
