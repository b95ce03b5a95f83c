"""`add`, `expand` and `check` on copies of the real seed list, byte for byte, through the CLI
and the local arXiv server."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from arxiv_server import ArxivServer
from test_lists import SEED_SHOWN

FIXTURES = Path(__file__).parent / "fixtures"
SEED = (FIXTURES / "lists" / "seed-list.md").read_bytes()

PLANARGS = [
    b"- [PlanarGS: High-Fidelity Indoor 3D Gaussian Splatting Guided by Vision-Language Planar"
    b" Priors](https://arxiv.org/abs/2510.23930)  \n",
    b"  *Xirui Jin, Renbiao Jin, Boying Li, Danping Zou, Wenxian Yu*  \n",
    b"  **[`NeurIPS 2025`]** [[Project](https://planargs.github.io)]\n",
]
VISTA4D_TITLE = (
    b"- [Vista4D: Video Reshooting with 4D Point Clouds](https://arxiv.org/abs/2604.21915)  \n"
)


def splice(data: bytes, after: int, new: list[bytes]) -> bytes:
    """`new` lines inserted after 1-based line `after`."""
    lines = data.splitlines(keepends=True)
    return b"".join(lines[:after] + new + lines[after:])


@pytest.fixture
def seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "README.md"
    path.write_bytes(SEED)
    monkeypatch.chdir(tmp_path)
    return path


def test_add_to_a_named_section_exact_bytes(run, arxiv_server: ArxivServer, seed: Path) -> None:
    result = run("add", "2510.23930", "--section", "hybrid")
    assert result.exit_code == 0
    assert result.stderr == "added 2510.23930 under 'Literature/with-3D-shape/Hybrid'\n"
    # After GIF, the section's last entry (line 322), then the blank line entries keep.
    assert seed.read_bytes() == splice(SEED, 323, [*PLANARGS, b"\n"])


def test_add_twice_changes_nothing_the_second_time(
    run, arxiv_server: ArxivServer, seed: Path
) -> None:
    run("add", "2510.23930", "--section", "Hybrid")
    once = seed.read_bytes()
    result = run("add", "https://arxiv.org/pdf/2510.23930v1", "--section", "Hybrid")
    assert result.exit_code == 0
    assert result.stderr == "2510.23930 is already in README.md at line 324; not added\n"
    assert seed.read_bytes() == once


def test_add_several_in_input_order(run, arxiv_server: ArxivServer, seed: Path) -> None:
    assert run("add", "2510.23930", "2604.21915", "--section", "Hybrid").exit_code == 0
    lines = seed.read_bytes().splitlines(keepends=True)
    assert lines[323:327] == [*PLANARGS, b"\n"]
    assert lines[327] == VISTA4D_TITLE


def test_add_keeps_crlf_and_mode(run, arxiv_server: ArxivServer, seed: Path) -> None:
    crlf = SEED.replace(b"\n", b"\r\n")
    seed.write_bytes(crlf)
    seed.chmod(0o640)
    assert run("add", "2510.23930", "--section", "Voxel").exit_code == 0
    new = [line.replace(b"\n", b"\r\n") for line in PLANARGS]
    # After VoxGRAF (ends at line 273); a blank line first, as the list separates entries.
    assert seed.read_bytes() == splice(crlf, 273, [b"\r\n", *new])
    assert stat.S_IMODE(seed.stat().st_mode) == 0o640


def test_add_keeps_a_byte_order_mark(run, arxiv_server: ArxivServer, seed: Path) -> None:
    seed.write_bytes(b"\xef\xbb\xbf" + SEED)
    assert run("add", "2510.23930", "--section", "Voxel").exit_code == 0
    assert seed.read_bytes() == b"\xef\xbb\xbf" + splice(SEED, 273, [b"\n", *PLANARGS])


def test_add_dry_run_prints_a_diff_and_writes_nothing(
    run, arxiv_server: ArxivServer, seed: Path
) -> None:
    result = run("add", "2510.23930", "--section", "Hybrid", "--dry-run")
    assert result.exit_code == 0
    assert seed.read_bytes() == SEED
    assert result.stdout == (
        "--- a/README.md\n"
        "+++ b/README.md\n"
        "@@ -321,6 +321,10 @@\n"
        "   *Partha Ghosh, Pravir Singh Gupta, Roy Uziel, Anurag Ranjan, Michael Black,"
        " Timo Bolkart*  \n"
        "   **[`3DV 2020`] (`MPI`)** [[Code](https://github.com/ParthaEth/GIF)]\n"
        " \n" + "".join("+" + line.decode() for line in PLANARGS) + "+\n"
        " \n"
        " \n"
        " ### without 3D shape\n"
    )
    assert result.stderr == "would add 2510.23930 under 'Literature/with-3D-shape/Hybrid'\n"


def test_add_unknown_section_suggests_and_fetches_nothing(
    run, arxiv_server: ArxivServer, seed: Path
) -> None:
    result = run("add", "2510.23930", "--section", "Voxle")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: no section 'Voxle'; did you mean 'Voxel'?\n",
    )
    assert arxiv_server.requests == []
    assert seed.read_bytes() == SEED


def test_add_without_section_asks_when_unsure(run, arxiv_server: ArxivServer, seed: Path) -> None:
    # an indoor-scene editing paper: its words say Depth, its nearest papers are implicit ones
    result = run("add", "2504.16086")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: 2504.16086: cannot tell which section it belongs in; best: 'Depth', 'Implicit "
        "Representation', 'Voxel'; pass --section NAME\n"
    )
    assert seed.read_bytes() == SEED


def test_add_without_section_uses_config_keywords(
    run, arxiv_server: ArxivServer, seed: Path
) -> None:
    (seed.parent / ".arxiv2entry.toml").write_text('[sections]\nHybrid = ["gaussian splatting"]\n')
    result = run("add", "2510.23930")
    assert result.exit_code == 0, result.stderr
    assert seed.read_bytes() == splice(SEED, 323, [*PLANARGS, b"\n"])


def test_add_with_style_from_config(run, arxiv_server: ArxivServer, seed: Path) -> None:
    (seed.parent / ".arxiv2entry.toml").write_text(
        '[style]\nand_before_last = true\nscheme = "http"\n'
    )
    assert run("add", "2510.23930", "--section", "Hybrid").exit_code == 0
    lines = seed.read_bytes().splitlines(keepends=True)
    assert lines[323].endswith(b"(http://arxiv.org/abs/2510.23930)  \n")
    assert lines[324] == b"  *Xirui Jin, Renbiao Jin, Boying Li, Danping Zou, and Wenxian Yu*  \n"


def test_bad_config_is_a_usage_error(run, arxiv_server: ArxivServer, seed: Path) -> None:
    (seed.parent / ".arxiv2entry.toml").write_text('[style]\ncolour = "red"\n')
    result = run("add", "2510.23930", "--section", "Hybrid")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: .arxiv2entry.toml: unknown [style] key 'colour'; known: "
        "bullet, indent, and_before_last, scheme, max_authors, honors, institution, shape\n"
    )


def test_add_with_a_paper_that_cannot_be_fetched(
    run, arxiv_server: ArxivServer, seed: Path
) -> None:
    result = run("add", "2510.23930", "2112.99999", "--section", "Hybrid")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: 2112.99999: no such paper on arXiv\n"
        "added 2510.23930 under 'Literature/with-3D-shape/Hybrid'\n"
    )
    assert seed.read_bytes() == splice(SEED, 323, [*PLANARGS, b"\n"])


@pytest.mark.parametrize(
    ("setup", "code", "message"),
    [
        ("missing", 2, "README.md: no such file; give the path of the list's README"),
        ("folder", 2, "README.md: is a folder; give the list's markdown file inside it"),
        ("latin1", 1, "README.md: not UTF-8 (byte 5); convert it with e.g. `iconv -t utf-8` first"),
    ],
)
def test_unusable_readme(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setup: str, code: int, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    if setup == "folder":
        (tmp_path / "README.md").mkdir()
    elif setup == "latin1":
        (tmp_path / "README.md").write_bytes(b"# Caf\xe9 papers\n")
    for args in (["add", "2510.23930", "--section", "x"], ["expand"], ["check"]):
        result = run(*args)
        assert (result.exit_code, result.stderr) == (code, f"error: {message}\n")


def test_read_only_readme_is_refused_and_untouched(
    run, arxiv_server: ArxivServer, seed: Path
) -> None:
    seed.chmod(0o444)
    result = run("add", "2510.23930", "--section", "Hybrid")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: README.md: read-only; make it writable (chmod u+w) or use --dry-run\n"
    )
    assert seed.read_bytes() == SEED


def test_check_fix_on_a_read_only_readme_names_check_s_own_way_out(
    run, arxiv_server: ArxivServer, seed: Path
) -> None:
    # check has no --dry-run: its way to leave the file as it is, is to run without --fix
    seed.chmod(0o444)
    result = run("check", "--fix")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: README.md: read-only; make it writable (chmod u+w) or run check without --fix\n"
    )
    assert seed.read_bytes() == SEED


BARE = (
    b"\n### Pasted\n\nhttps://arxiv.org/abs/2510.23930v1\n- arXiv:2209.15637\n"
    b"\n```\n2604.21915\n```\n"
)


def test_expand_replaces_bare_links_only(run, arxiv_server: ArxivServer, seed: Path) -> None:
    seed.write_bytes(SEED + BARE)
    result = run("expand")
    assert result.exit_code == 1  # the pre-commit convention: a fixer that changed a file
    expanded = SEED + (
        b"\n### Pasted\n\n" + b"".join(PLANARGS) + b"\n- arXiv:2209.15637\n\n```\n2604.21915\n```\n"
    )
    assert seed.read_bytes() == expanded
    assert result.stderr == (
        "README.md:351: 2209.15637 is already at line 235; left as it is\n"
        "expanded 1 link(s) in README.md\n"
    )
    again = run("expand")
    assert again.exit_code == 0
    assert seed.read_bytes() == expanded


def test_expand_offline_leaves_uncached_links(run, arxiv_server: ArxivServer, seed: Path) -> None:
    seed.write_bytes(SEED + BARE)
    result = run("expand", "--offline")
    assert result.exit_code == 1
    assert result.stderr == (
        "README.md:351: 2209.15637 is already at line 235; left as it is\n"
        "error: 2510.23930: not in the cache, and --offline forbids fetching it; "
        "its line is left as it is\n"
    )
    assert seed.read_bytes() == SEED + BARE


def test_expand_nothing_to_do(run, arxiv_server: ArxivServer, seed: Path) -> None:
    result = run("expand", "README.md")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert arxiv_server.requests == []


def test_check_seed_list(run, seed: Path) -> None:
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout == "".join(f"README.md:{n}: {c} error: {m}\n" for n, c, m in SEED_SHOWN)
    assert result.stderr == (
        "9 notices not shown (whitespace GitHub does not show): --show-notices lists them,"
        " --fix repairs them\n"
    )
    assert seed.read_bytes() == SEED


def test_check_json(run, seed: Path) -> None:
    result = run("check", "README.md", "--format", "json")
    found = json.loads(result.stdout)
    assert [(f["file"], f["line"], f["code"], f["message"]) for f in found] == [
        ("README.md", n, c, m) for n, c, m in SEED_SHOWN
    ]
    assert (found[0]["kind"], found[0]["severity"]) == ("second-venue", "error")


def test_check_clean_file(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list.md").write_bytes(b"# Papers\n\n" + b"".join(PLANARGS))
    result = run("check", "list.md")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_write_is_atomic_when_killed_mid_write(tmp_path: Path) -> None:
    """SIGKILL while rewriting a large list: the file is always the old or the new text."""
    path = tmp_path / "README.md"
    old, new = "a" * 40_000_000 + "\n", "b" * 40_000_000 + "\n"
    path.write_text(old)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from arxiv2entry.lists.files import read_list, write_list\n"
        "f = read_list(Path(sys.argv[1]))\n"
        "print('ready', flush=True)\n"
        "while True:\n"
        "    write_list(f, iter([sys.argv[2] * 40_000_000 + '\\n']))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(path), "b"], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert path.read_text() in (old, new)


def test_failed_write_leaves_the_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from arxiv2entry.lists import files

    path = tmp_path / "README.md"
    path.write_bytes(SEED)
    listfile = files.read_list(path)

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_list(listfile, iter(["new text\n"]))
    assert path.read_bytes() == SEED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


def test_expand_fetches_only_papers_not_yet_listed(
    run, arxiv_server: ArxivServer, seed: Path
) -> None:
    seed.write_bytes(SEED + BARE)
    run("expand")
    assert arxiv_server.requests == ["2510.23930"]


def test_check_reports_every_file_despite_a_missing_one(run, seed: Path) -> None:
    result = run("check", "README.md", "nope.md", "./README.md")
    assert result.exit_code == 2
    assert result.stdout == "".join(f"README.md:{n}: {c} error: {m}\n" for n, c, m in SEED_SHOWN)
    assert result.stderr.startswith(
        "error: nope.md: no such file; give the path of the list's README\n"
    )


def test_a_line_that_looks_like_a_broken_url_does_not_crash_check(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_bytes(b"# Papers\n\nhttp://[oops\n\n" + b"".join(PLANARGS))
    result = run("check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_a_symlinked_readme_stays_a_link(run, arxiv_server: ArxivServer, seed: Path) -> None:
    real = seed.parent / "real.md"
    seed.rename(real)
    seed.symlink_to(real.name)
    assert run("add", "2510.23930", "--section", "Hybrid").exit_code == 0
    assert seed.is_symlink()
    assert real.read_bytes() == splice(SEED, 323, [*PLANARGS, b"\n"])


def test_a_file_changed_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    from arxiv2entry.lists.files import FileError, read_list, write_list

    path = tmp_path / "README.md"
    path.write_bytes(SEED)
    listfile = read_list(path)
    path.write_bytes(SEED + b"saved by an editor\n")
    with pytest.raises(FileError, match="changed while arxiv2entry was working; run it again"):
        write_list(listfile, iter(["new text\n"]))
    assert path.read_bytes() == SEED + b"saved by an editor\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


def test_bad_section_name_in_config_is_found_before_fetching(
    run, arxiv_server: ArxivServer, seed: Path
) -> None:
    (seed.parent / ".arxiv2entry.toml").write_text('[sections]\nHybird = ["splatting"]\n')
    result = run("add", "2510.23930")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: .arxiv2entry.toml: [sections] no section 'Hybird'; did you mean 'Hybrid'?\n"
    )
    assert arxiv_server.requests == []


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("max_authors = -2", "[style] max_authors must be 1 or more"),
        ('bullet = "x"', "[style] bullet must be '- ', '* ', '+ ' or ''"),
    ],
)
def test_style_values_that_would_break_entries(
    run, arxiv_server: ArxivServer, seed: Path, toml: str, message: str
) -> None:
    (seed.parent / ".arxiv2entry.toml").write_text(f"[style]\n{toml}\n")
    result = run("add", "2510.23930", "--section", "Hybrid")
    assert (result.exit_code, result.stderr) == (2, f"error: .arxiv2entry.toml: {message}\n")


def replace_lines(data: bytes, changes: dict[int, bytes]) -> bytes:
    lines = data.splitlines(keepends=True)
    for number, new in changes.items():
        lines[number - 1] = new
    return b"".join(lines)


REFRESHED = {
    197: b"  **[`ICLR 2021`] (`CUHK, NTU`)** [[Code](https://github.com/XingangPan/GAN2Shape)]  \n",
    237: b"  **[`NeurIPS 2022`]** [[Project](https://vivianszf.github.io/geod)]\n",
    241: b"  **[`NeurIPS 2022`]** [[Project](https://universome.github.io/epigraf)]\n",
    # a two-line entry: its links go after the authors, where the two-line shape puts them
    247: b"  **[`ICLR 2023`]** *Ivan Skorokhodov, Aliaksandr Siarohin, Yinghao Xu, Jian Ren, "
    b"Hsin-Ying Lee, Peter Wonka, Sergey Tulyakov* [[Project](https://snap-research.github.io/3dgp)]\n",
    273: b"  **[`NeurIPS 2022`]** [[Code](https://github.com/autonomousvision/voxgraf)]\n",
}


def test_refresh_upgrades_only_what_is_now_known(
    run, arxiv_server: ArxivServer, seed: Path
) -> None:
    result = run("refresh")
    assert result.exit_code == 0
    assert seed.read_bytes() == replace_lines(SEED, REFRESHED)
    assert result.stderr == "".join(
        f"upgraded README.md:{n}: {pid}\n"
        for n, pid in [
            (197, "2011.00844"),
            (237, "2209.15637"),
            (241, "2206.10535"),
            (247, "2303.01416"),
            (273, "2206.07695"),
        ]
    )
    again = run("refresh")
    assert (again.exit_code, again.stderr) == (0, "")
    assert seed.read_bytes() == replace_lines(SEED, REFRESHED)


def test_refresh_dry_run_and_crlf(run, arxiv_server: ArxivServer, seed: Path) -> None:
    crlf = SEED.replace(b"\n", b"\r\n")
    seed.write_bytes(crlf)
    assert run("refresh", "--dry-run").exit_code == 0
    assert seed.read_bytes() == crlf
    assert run("refresh").exit_code == 0
    expected = {n: line.replace(b"\n", b"\r\n") for n, line in REFRESHED.items()}
    assert seed.read_bytes() == replace_lines(crlf, expected)


def test_refresh_without_services_changes_only_what_arxiv_knows(
    run, arxiv_server: ArxivServer, seed: Path
) -> None:
    assert run("refresh", "--no-enrich").exit_code == 0
    assert seed.read_bytes() == replace_lines(SEED, {n: REFRESHED[n] for n in (197, 237, 241, 247)})
    assert not any(p.startswith("GET /api/papers") for p in arxiv_server.service_requests)


def test_refresh_asks_services_only_what_it_can_write(
    run, arxiv_server: ArxivServer, seed: Path
) -> None:
    run("refresh", "--dry-run")
    asked = [r.split(" ", 1)[1].split("/")[1] for r in arxiv_server.service_requests]
    # S2 once (a batch) for the 8 arXiv YYYY entries, DBLP for the 7 of those still without
    # a venue, Hugging Face for the 29 entries missing a code or project link. OpenAlex not at
    # all: refresh writes no institution, and S2 gives none of these papers a published DOI
    # (the arXiv DOI's preprint work names no venue).
    assert {name: asked.count(name) for name in set(asked)} == {
        "graph": 1,
        "search": 7,
        "api": 29,
    }


def test_refresh_never_adds_a_link_the_entry_has(tmp_path: Path) -> None:
    from arxiv2entry.lists.edit import apply
    from arxiv2entry.lists.parse import parse
    from arxiv2entry.lists.refresh import stale_entries, upgrade_edit

    text = (
        "# Papers\n\n"
        "- [EG3D](https://arxiv.org/abs/2112.07945)  \n"
        "  *Eric R. Chan*  \n"
        "  **[`arXiv 2021`]** [[GitHub](https://github.com/NVlabs/eg3d/)]\n"
    )
    doc = parse(text)
    (stale,) = stale_entries(doc)
    edit = upgrade_edit(doc, stale, "CVPR 2022", "https://github.com/NVlabs/eg3d", None)
    assert edit is not None
    assert apply(text, [edit]).splitlines()[-1] == (
        "  **[`CVPR 2022`]** [[GitHub](https://github.com/NVlabs/eg3d/)]"
    )
