"""The real pre-commit framework runs the hooks from this checkout (`pre-commit try-repo`) on a
temporary git repository where a contributor pasted a bare arXiv link."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from arxiv_server import ArxivServer

ROOT = Path(__file__).parent.parent
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"

pytestmark = pytest.mark.skipif(
    not PRE_COMMIT.exists() or shutil.which("git") is None,
    reason="needs pre-commit (a test dependency) and git",
)

LIST = b"# Papers\n\n## NeRF\n\nhttps://arxiv.org/abs/2510.23930\n"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_hooks_expand_then_check_a_pasted_link(arxiv_server: ArxivServer, tmp_path: Path) -> None:
    repo = tmp_path / "list"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "README.md").write_bytes(LIST)
    git(repo, "add", "README.md")
    env = dict(os.environ)
    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        ARXIV2ENTRY_ARXIV_URL=arxiv_server.url,
        ARXIV2ENTRY_CACHE_DIR=str(tmp_path / "cache"),
        ARXIV2ENTRY_ARXIV_DELAY="0",
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
    )

    def hook(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(PRE_COMMIT), "try-repo", str(ROOT), name, "--files", "README.md"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    expanded = hook("arxiv2entry-expand")
    assert expanded.returncode == 1, expanded.stdout + expanded.stderr  # fixed a file
    assert "expanded 1 link(s) in README.md" in expanded.stdout
    assert (repo / "README.md").read_bytes() == (
        b"# Papers\n\n## NeRF\n\n"
        b"- [PlanarGS: High-Fidelity Indoor 3D Gaussian Splatting Guided by Vision-Language"
        b" Planar Priors](https://arxiv.org/abs/2510.23930)  \n"
        b"  *Xirui Jin, Renbiao Jin, Boying Li, Danping Zou, Wenxian Yu*  \n"
        b"  **[`NeurIPS 2025`]** [[Project](https://planargs.github.io)]\n"
    )
    git(repo, "add", "README.md")
    assert hook("arxiv2entry-expand").returncode == 0
    checked = hook("arxiv2entry-check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert len(arxiv_server.requests) == 1

    # A contributor's commit is not blocked by what only a maintainer would tidy: the same
    # paper under a second heading (a warning), spaces nobody sees (notices).
    readme = repo / "README.md"
    entry = readme.read_bytes().split(b"\n\n")[-1]
    tidy = readme.read_bytes() + b"\n## Indoor\n\n" + entry
    readme.write_bytes(tidy.replace(b")]\n", b")]  \n"))
    git(repo, "add", "README.md")
    checked = hook("arxiv2entry-check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # a line break missing is an error: the authors run into the title on GitHub
    readme.write_bytes(tidy.replace(b"23930)  \n", b"23930)\n", 1))
    git(repo, "add", "README.md")
    checked = hook("arxiv2entry-check")
    assert checked.returncode == 1
    assert "README.md:5: AE101 error: no line break: end the line with two spaces" in checked.stdout
