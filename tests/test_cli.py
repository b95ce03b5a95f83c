"""The main command end to end: the real arxiv/requests stack against the local server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from arxiv_server import ArxivServer, Canned

EG3D_ENTRY = (
    "- [Efficient Geometry-aware 3D Generative Adversarial Networks]"
    "(https://arxiv.org/abs/2112.07945)  \n"
    "  *Eric R. Chan, Connor Z. Lin, Matthew A. Chan, Koki Nagano, Boxiao Pan, Shalini De Mello,"
    " Orazio Gallo, Leonidas Guibas, Jonathan Tremblay, Sameh Khamis, Tero Karras,"
    " Gordon Wetzstein*  \n"
    "  **[`CVPR 2022`] (`Stanford`)** [[Code](https://github.com/NVlabs/eg3d)]"
    " [[Project](https://nvlabs.github.io/eg3d/)]"
)
# What arXiv alone says (its record has no comment): with --no-enrich, or services down.
EG3D_ARXIV_ONLY = EG3D_ENTRY.rsplit("\n", 1)[0] + "\n  **[`arXiv 2021`]**"
GEOD_ENTRY = (
    "- [Improving 3D-aware Image Synthesis with A Geometry-aware Discriminator]"
    "(https://arxiv.org/abs/2209.15637)  \n"
    "  *Zifan Shi, Yinghao Xu, Yujun Shen, Deli Zhao, Qifeng Chen, Dit-Yan Yeung*  \n"
    "  **[`NeurIPS 2022`]** [[Project](https://vivianszf.github.io/geod)]"
)


def test_prints_the_entry(run, arxiv_server: ArxivServer) -> None:
    result = run("2112.07945")
    assert (result.exit_code, result.stdout, result.stderr) == (0, EG3D_ENTRY + "\n", "")


def test_batch_in_input_order_a_blank_line_apart(run, arxiv_server: ArxivServer) -> None:
    result = run("https://arxiv.org/pdf/2209.15637v1.pdf", "arXiv:2112.07945")
    assert result.exit_code == 0
    assert result.stdout == GEOD_ENTRY + "\n\n" + EG3D_ENTRY + "\n"
    # The latest version is what is fetched: venues appear in later versions' comments.
    assert arxiv_server.requests == ["2209.15637,2112.07945"]


def test_same_paper_twice_prints_once(run, arxiv_server: ArxivServer) -> None:
    result = run("2112.07945", "https://arxiv.org/abs/2112.07945v2", "10.48550/arXiv.2112.07945")
    assert result.stdout == EG3D_ENTRY + "\n"
    assert arxiv_server.requests == ["2112.07945"]


def test_ids_from_stdin(run, arxiv_server: ArxivServer) -> None:
    result = run("-", input="2209.15637\n  https://arxiv.org/abs/2112.07945\n\n")
    assert result.stdout == GEOD_ENTRY + "\n\n" + EG3D_ENTRY + "\n"


def test_no_ids_is_a_usage_error(run, arxiv_server: ArxivServer) -> None:
    for args, stdin in [(("entry",), None), (("-",), "")]:
        result = run(*args, input=stdin)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            "error: no arXiv IDs given; pass IDs or URLs as arguments, "
            "or '-' to read them from stdin\n"
        )
    assert arxiv_server.requests == []


def test_malformed_id_is_a_usage_error_but_the_rest_print(run, arxiv_server: ArxivServer) -> None:
    result = run("2112.07945", "2112.0794", "2209.15637")
    assert result.exit_code == 2
    assert result.stdout == EG3D_ENTRY + "\n\n" + GEOD_ENTRY + "\n"
    assert result.stderr == (
        "error: '2112.0794' is not an arXiv ID or URL; "
        "use e.g. 2112.07945, hep-th/9901001 or https://arxiv.org/abs/2112.07945\n"
    )
    assert arxiv_server.requests == ["2112.07945,2209.15637"]


def test_only_malformed_ids_send_nothing(run, arxiv_server: ArxivServer) -> None:
    result = run("abc")
    assert (result.exit_code, result.stdout) == (2, "")
    assert arxiv_server.requests == []


def test_missing_paper_fails_the_run_not_the_batch(run, arxiv_server: ArxivServer) -> None:
    result = run("2112.99999", "2112.07945")
    assert result.exit_code == 1
    assert result.stdout == EG3D_ENTRY + "\n"
    assert result.stderr == "error: 2112.99999: no such paper on arXiv\n"


def test_paper_titled_zero(run, arxiv_server: ArxivServer) -> None:
    result = run("2104.12255v1")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "- [0](https://arxiv.org/abs/2104.12255)  "


def test_old_style_id_with_journal_ref(run, arxiv_server: ArxivServer) -> None:
    result = run("astro-ph/0601001", "--format", "json")
    (obj,) = json.loads(result.stdout)
    assert obj["id"] == "astro-ph/0601001"
    assert obj["abs_url"] == "https://arxiv.org/abs/astro-ph/0601001"


def test_withdrawn_paper_prints_with_a_warning(run, arxiv_server: ArxivServer) -> None:
    result = run("0704.0156")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "- [Nonlinear force-free coronal magnetic field extrapolation scheme based on the direct"
        " boundary integral formulation](https://arxiv.org/abs/0704.0156)  \n"
    )
    assert result.stderr.startswith(
        "warning: 0704.0156: arXiv says this paper was withdrawn "
        "(This paper has been withdrawn by the authors."
    )


def test_json_output(run, arxiv_server: ArxivServer) -> None:
    result = run("2209.15637", "2112.99999", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "id": "2209.15637",
            "version": 1,
            "title": "Improving 3D-aware Image Synthesis with A Geometry-aware Discriminator",
            "authors": [
                "Zifan Shi",
                "Yinghao Xu",
                "Yujun Shen",
                "Deli Zhao",
                "Qifeng Chen",
                "Dit-Yan Yeung",
            ],
            "published": "2022-09-30",
            "venue": "NeurIPS 2022",
            "venue_source": "comment",
            "honors": [],
            "institution": None,
            "institution_source": None,
            "code": None,
            "code_source": None,
            "project": "https://vivianszf.github.io/geod",
            "project_source": "comment",
            "abs_url": "https://arxiv.org/abs/2209.15637",
            "markdown": GEOD_ENTRY,
        },
        {"id": "2112.99999", "error": "no such paper on arXiv"},
    ]


def test_explain_goes_to_stderr(run, arxiv_server: ArxivServer) -> None:
    result = run("--explain", "2209.15637")
    assert result.stdout == GEOD_ENTRY + "\n"
    lines = result.stderr.splitlines()
    assert lines[0] == "2209.15637v1:"
    assert lines[1].startswith("  venue       NeurIPS 2022  [comment] ")
    assert lines[2] == "  institution -  not known from arXiv"
    assert lines[4].startswith("  project     https://vivianszf.github.io/geod  [comment] ")


def test_overrides_win_and_are_marked_user(run, arxiv_server: ArxivServer) -> None:
    result = run(
        "2112.07945",
        "--venue",
        "CVPR 2022",
        "--institution",
        "Stanford",
        "--code",
        "https://github.com/NVlabs/eg3d",
        "--project",
        "https://nvlabs.github.io/eg3d/",
        "--max-authors",
        "2",
    )
    assert result.stdout == (
        "- [Efficient Geometry-aware 3D Generative Adversarial Networks]"
        "(https://arxiv.org/abs/2112.07945)  \n"
        "  *Eric R. Chan, Connor Z. Lin et al.*  \n"
        "  **[`CVPR 2022`] (`Stanford`)** [[Code](https://github.com/NVlabs/eg3d)]"
        " [[Project](https://nvlabs.github.io/eg3d/)]\n"
    )


def test_overrides_need_a_single_paper(run, arxiv_server: ArxivServer) -> None:
    result = run("2112.07945", "2209.15637", "--venue", "CVPR 2022")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: --venue, --code, --project and --institution apply to one paper; "
        "got 2 papers: run once per paper\n"
    )
    assert arxiv_server.requests == []


def test_second_run_is_served_from_the_cache(run, arxiv_server: ArxivServer) -> None:
    first = run("2112.07945", "2209.15637")
    second = run("2112.07945", "2209.15637")
    assert second.stdout == first.stdout
    assert len(arxiv_server.requests) == 1
    run("2112.07945", "--refresh")
    assert len(arxiv_server.requests) == 2


def test_offline_uses_only_the_cache(run, arxiv_server: ArxivServer) -> None:
    run("2112.07945")
    result = run("--offline", "2112.07945", "2209.15637")
    assert result.exit_code == 1
    assert result.stdout == EG3D_ENTRY + "\n"
    assert result.stderr == (
        "error: 2209.15637: not in the cache, and --offline forbids fetching it\n"
    )
    assert len(arxiv_server.requests) == 1


def test_offline_from_the_environment(run, arxiv_server: ArxivServer, monkeypatch) -> None:
    monkeypatch.setenv("ARXIV2ENTRY_OFFLINE", "1")
    assert run("2112.07945").exit_code == 1
    assert arxiv_server.requests == []


def test_rate_limited_is_one_line_and_exit_1(run, arxiv_server: ArxivServer, monkeypatch) -> None:
    import time

    sleeps: list[float] = []
    monkeypatch.setattr(time, "sleep", sleeps.append)  # the backoff, without waiting it out
    arxiv_server.enqueue(*[Canned(429, b"Rate exceeded.")] * 3)
    result = run("2112.07945")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "error: 2112.07945: arXiv is rate-limiting requests (HTTP 429)\n"
    assert arxiv_server.requests == ["2112.07945"] * 3
    assert sleeps == [1.0, 2.0]


def test_unreachable_arxiv(run, monkeypatch) -> None:
    monkeypatch.setenv("ARXIV2ENTRY_ARXIV_URL", "http://127.0.0.1:9/api/query")
    monkeypatch.setenv("ARXIV2ENTRY_RETRIES", "0")
    result = run("2112.07945")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "error: 2112.07945: cannot reach arXiv (connection refused)\n"


def test_corrupt_cache_is_rebuilt(run, arxiv_server: ArxivServer, tmp_path: Path) -> None:
    from arxiv2entry.sources.cache import FILENAME

    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / FILENAME).write_bytes(b"garbage" * 1000)
    result = run("2112.07945")
    assert (result.exit_code, result.stdout, result.stderr) == (0, EG3D_ENTRY + "\n", "")
    assert run("2112.07945").stdout == EG3D_ENTRY + "\n"
    assert len(arxiv_server.requests) == 1  # rebuilt, and used by the second run


def test_unusable_cache_dir_warns_and_still_prints(
    run, arxiv_server: ArxivServer, tmp_path: Path, monkeypatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("ARXIV2ENTRY_CACHE_DIR", str(blocker))
    result = run("2112.07945")
    assert (result.exit_code, result.stdout) == (0, EG3D_ENTRY + "\n")
    assert result.stderr == (
        f"warning: cannot use the cache at {blocker}/cache-v2.sqlite3 (File exists); continuing "
        "without a cache. Set ARXIV2ENTRY_CACHE_DIR to a writable folder\n"
    )


def test_bad_environment_value(run, monkeypatch) -> None:
    monkeypatch.setenv("ARXIV2ENTRY_ARXIV_DELAY", "soon")
    result = run("2112.07945")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: ARXIV2ENTRY_ARXIV_DELAY='soon' is not a number of seconds; unset it or use e.g. 3\n"
    )


def test_bad_option_value_is_a_one_line_usage_error(run) -> None:
    result = run("2112.07945", "--max-authors", "0")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: Invalid value for '--max-authors': 0 is not in the range x>=1. "
        "(see 'arxiv2entry entry --help')\n"
    )
    result = run("check", "--bogus")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: No such option '--bogus'. (see 'arxiv2entry check --help')\n",
    )


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("ARXIV2ENTRY_TIMEOUT", "nan", "is not a number of seconds; unset it or use e.g. 3"),
        ("ARXIV2ENTRY_ARXIV_DELAY", "inf", "is not a number of seconds; unset it or use e.g. 3"),
        ("ARXIV2ENTRY_RETRIES", "2.5", "is not a whole number; unset it or use e.g. 3"),
        (
            "ARXIV2ENTRY_ARXIV_URL",
            "export.arxiv.org/api/query",
            "is not an http(s) URL without query; unset it or use e.g. "
            "https://export.arxiv.org/api/query",
        ),
        (  # a port no request can go to: the setting's typo, not a network failure (exit 1)
            "ARXIV2ENTRY_FEED_URL",
            "http://127.0.0.1:99999",
            "is not an http(s) URL without query; unset it or use e.g. https://rss.arxiv.org/atom",
        ),
    ],
)
def test_bad_environment_values_are_usage_errors(
    run, monkeypatch, arxiv_server: ArxivServer, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    result = run("2112.07945")
    assert (result.exit_code, result.stderr) == (2, f"error: {name}={value!r} {message}\n")
    assert arxiv_server.requests == []


def test_a_url_that_is_not_one_is_a_malformed_id(run, arxiv_server: ArxivServer) -> None:
    result = run("http://[x/abs/1")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("error: 'http://[x/abs/1' is not an arXiv ID or URL;")


def test_a_version_that_does_not_exist_still_prints_the_paper(
    run, arxiv_server: ArxivServer
) -> None:
    result = run("2112.07945v9", "2112.07945")
    assert (result.exit_code, result.stdout) == (0, EG3D_ENTRY + "\n")
    assert arxiv_server.requests == ["2112.07945"]


def test_json_has_an_object_for_every_input_in_order(run, arxiv_server: ArxivServer) -> None:
    result = run("--format", "json", "2112.0794", "2112.99999v2", "2112.07945")
    assert result.exit_code == 2
    objects = json.loads(result.stdout)
    assert [(o["id"], o.get("error", "")[:40]) for o in objects] == [
        ("2112.0794", "'2112.0794' is not an arXiv ID or URL; u"),
        ("2112.99999", "no such paper on arXiv"),
        ("2112.07945", ""),
    ]


def test_offline_uses_a_stale_copy_and_refuses_refresh(
    run, arxiv_server: ArxivServer, monkeypatch
) -> None:
    import sqlite3

    from arxiv2entry.sources.cache import FILENAME

    run("2112.07945")
    cache = Path(os.environ["ARXIV2ENTRY_CACHE_DIR"]) / FILENAME
    with sqlite3.connect(cache) as db:
        db.execute("UPDATE papers SET fetched_at = fetched_at - 30 * 86400")
    assert run("--offline", "2112.07945").stdout == EG3D_ENTRY + "\n"
    result = run("--offline", "--refresh", "2112.07945")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: --refresh needs the network, and --offline (or ARXIV2ENTRY_OFFLINE) forbids it\n",
    )
    assert len(arxiv_server.requests) == 1


def _subprocess_env(arxiv_server: ArxivServer, tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        ARXIV2ENTRY_ARXIV_URL=arxiv_server.url,
        ARXIV2ENTRY_CACHE_DIR=str(tmp_path / "cache"),
        ARXIV2ENTRY_ARXIV_DELAY="0",
    )
    return env


def test_python_dash_m(arxiv_server: ArxivServer, tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "arxiv2entry", "2112.07945"],
        capture_output=True,
        text=True,
        env=_subprocess_env(arxiv_server, tmp_path),
        timeout=60,
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, EG3D_ENTRY + "\n", "")


def test_help_and_cached_runs_do_not_import_the_network_stack(
    arxiv_server: ArxivServer, tmp_path: Path
) -> None:
    """The tool starts on every commit as a hook: --help, check and a warm cache stay light."""
    probe = (
        "import sys\n"
        "from arxiv2entry.cli import cli\n"
        "try:\n"
        "    cli(sys.argv[1:], prog_name='arxiv2entry')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in ('requests', 'arxiv', 'lxml', 'rich') if m in sys.modules)\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    env = _subprocess_env(arxiv_server, tmp_path)

    def heavy_modules(*args: str) -> str:
        proc = subprocess.run(
            [sys.executable, "-c", probe, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        return proc.stderr.splitlines()[-1]

    assert heavy_modules("--help") == "HEAVY []"
    assert heavy_modules("entry", "--help") == "HEAVY []"
    seed_list = str(Path(__file__).parent / "fixtures" / "lists" / "seed-list.md")
    assert heavy_modules("check", seed_list) == "HEAVY []"
    assert heavy_modules("2112.07945") == "HEAVY ['arxiv', 'lxml', 'requests']"
    assert heavy_modules("2112.07945") == "HEAVY []"  # now cached


def test_a_code_link_that_is_not_a_url_is_a_usage_error(run) -> None:
    """Review finding: `--code github.com/o/r` was dropped from the entry without a word
    while --explain and JSON still showed it."""
    result = run("2209.15637", "--code", "github.com/vivianszf/geod")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: --code 'github.com/vivianszf/geod' is not a link an entry can hold; give the"
        " full http(s) URL, e.g. https://github.com/NVlabs/eg3d\n"
    )


def test_the_folders_services_switches_hold_for_the_entry_command(
    run, arxiv_server, tmp_path, monkeypatch
) -> None:
    """Review finding: the warning says `[services] dblp = false in .arxiv2entry.toml`, so a
    list folder's switches must hold for `arxiv2entry ID` run there too."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".arxiv2entry.toml").write_text(
        "[services]\nsemanticscholar = false\ndblp = false\nopenalex = false\nhuggingface = false\n"
    )
    result = run("2209.15637")
    assert result.exit_code == 0
    assert arxiv_server.service_requests == []
