"""The house's floors: imports point down only, so that a room can be read, tested and changed
without the ones above it, and `check` never pulls in the network stack.

A floor may import from the floors below it and from its own room; the test reads every
`import` in the package (also those inside functions) and names each one that points up or
sideways, so a move that breaks the layout fails here with the line to look at.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "arxiv2entry"

# Lower numbers are lower floors. Rooms on one floor do not import each other.
FLOORS: dict[str, int] = {
    "cli": 6,
    "__main__": 7,
    "console": 5,
    "commands": 5,
    "pipeline": 4,
    "lists": 3,
    "sources": 3,
    "enrich": 3,
    "venue": 2,
    "render": 1,
    "links": 1,
    "rank": 1,
    "ids": 0,
    "models": 0,
    "limits": 0,
    "config": 0,
    "shape": 0,
    "__init__": 0,
}
# `cli` shows messages through `console`; `commands` is handed a console by `cli`, never
# imports it. The one sideways import allowed: `enrich` reads names with the venue table,
# which is a floor below, so it needs no entry here.
SIDEWAYS: set[tuple[str, str]] = {("cli", "console")}


def _room(module: str) -> str:
    """`arxiv2entry.lists.parse` -> `lists`; the package itself -> `__init__`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _is_module(name: str) -> bool:
    return (PACKAGE / f"{name}.py").exists() or (PACKAGE / name).is_dir()


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "arxiv2entry":  # `from arxiv2entry import commands, __version__`
                found += [
                    (node.lineno, f"arxiv2entry.{a.name}" if _is_module(a.name) else node.module)
                    for a in node.names
                ]
            elif node.module.startswith("arxiv2entry."):
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("arxiv2entry")]
    return found


def test_every_room_has_a_floor() -> None:
    rooms = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()}
    rooms -= {"data", "__pycache__"}
    assert rooms - set(FLOORS) == set(), "give the new room a floor in FLOORS"


def test_imports_point_down() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        here = _room(module)
        for line, target in _imports(path):
            there = _room(target)
            if there == here or there == "__init__" or (here, there) in SIDEWAYS:
                continue
            if FLOORS[there] >= FLOORS[here]:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {here} imports {there}")
    assert wrong == []
