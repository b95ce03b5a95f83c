"""A module of the package as it was at an earlier commit, loaded beside today's modules, so
that a benchmark measures the old behaviour and the new one in the same run."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def module_at(commit: str, path: str) -> types.ModuleType | None:
    """`path` (e.g. `arxiv2entry/lists/locate.py`) as it was at `commit`, or None where git or
    the commit is not there (a shallow clone, an unpacked archive). Its own imports resolve to
    today's modules."""
    try:
        source = subprocess.run(
            ["git", "show", f"{commit}:{path}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    name = f"{Path(path).stem}_at_{commit}"
    module = types.ModuleType(name)
    sys.modules[name] = module  # dataclasses look their module up
    exec(compile(source, f"{name}.py", "exec"), module.__dict__)
    return module
