"""The parse cache: a second run over an unchanged list parses nothing, and the cache can
never make a run fail or find something a fresh parse would not."""

from __future__ import annotations

import ast
import importlib
import sqlite3
import time
from pathlib import Path
from types import ModuleType
from unittest.mock import patch

import pytest

from arxiv2entry.lists import parse as parse_module
from arxiv2entry.lists.model import Document
from arxiv2entry.lists.parse import parse
from arxiv2entry.lists.parse_cache import FILENAME, KEEP_DAYS, ParseCache

FIXTURES = Path(__file__).parent / "fixtures"
SEED = (FIXTURES / "lists" / "seed-list.md").read_bytes().decode("utf-8")


def structure(doc: Document) -> tuple[object, ...]:
    return doc.sections, doc.entries, doc.bare_links


def parse_counting(text: str, folder: Path) -> tuple[Document, int]:
    with (
        patch.object(parse_module, "_parser", wraps=parse_module._parser) as parser,
        ParseCache(folder) as memo,
    ):
        doc = parse(text, memo)
    return doc, parser.call_count


def test_a_second_run_reads_every_section_back(tmp_path: Path) -> None:
    first, parsed = parse_counting(SEED, tmp_path)
    again, parsed_again = parse_counting(SEED, tmp_path)
    assert parsed > 10  # the seed list has a few dozen sections
    assert parsed_again == 0
    assert structure(again) == structure(first) == structure(parse(SEED))


def test_an_edit_costs_the_parse_of_its_section_only(tmp_path: Path) -> None:
    parse_counting(SEED, tmp_path)
    edited = SEED.replace("*Eric R. Chan,", "*Eric Chan,", 1)
    assert edited != SEED
    doc, parsed = parse_counting(edited, tmp_path)
    assert parsed == 1
    assert structure(doc) == structure(parse(edited))


def test_another_version_does_not_read_what_this_one_wrote(tmp_path: Path) -> None:
    parse_counting(SEED, tmp_path)
    with patch.object(parse_module, "_source_digest", return_value=b"code edited since"):
        _, parsed = parse_counting(SEED, tmp_path)
    assert parsed > 10


def code_modules_of_the_parse() -> set[Path]:
    """The files of the arxiv2entry modules `lists/parse.py` imports code from (the package
    itself only gives it `__version__`, which the memo key holds as such)."""
    tree = ast.parse(Path(parse_module.__file__).read_text(encoding="utf-8"))
    files = {Path(parse_module.__file__)}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("arxiv2entry"):
            source = importlib.import_module(node.module or "")
            for alias in node.names:
                found = getattr(source, alias.name)
                module = found if isinstance(found, ModuleType) else source
                if module.__name__ not in ("arxiv2entry", "arxiv2entry.lists"):
                    files.add(Path(str(module.__file__)))
    return files


def test_an_edit_to_any_module_the_parse_takes_code_from_changes_the_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What a parse finds is decided in several files (the parse, the values it builds, the
    line patterns, arXiv ids); an edited checkout of any of them must not read what the old
    code found, and a module the parse starts importing code from must join the digest."""
    files = code_modules_of_the_parse()
    assert {f.name for f in files} == {"parse.py", "model.py", "text.py", "ids.py"}
    unedited = parse_module._source_digest.__wrapped__()
    read_bytes = Path.read_bytes
    for edited in files:

        def read(path: Path, edited: Path = edited) -> bytes:
            data = read_bytes(path)
            return data + b"# edited\n" if path.resolve() == edited.resolve() else data

        monkeypatch.setattr(Path, "read_bytes", read)
        assert parse_module._source_digest.__wrapped__() != unedited, edited
        monkeypatch.undo()


def test_a_damaged_file_is_started_again(tmp_path: Path) -> None:
    (tmp_path / FILENAME).write_bytes(b"not a database at all" * 100)
    doc, _ = parse_counting(SEED, tmp_path)
    assert structure(doc) == structure(parse(SEED))
    _, parsed = parse_counting(SEED, tmp_path)
    assert parsed == 0


def test_a_file_damaged_past_its_first_page_is_started_again(tmp_path: Path) -> None:
    """Found in review: the table opened, every lookup failed, and every run parsed all."""
    parse_counting(SEED, tmp_path)
    path = tmp_path / FILENAME
    data = bytearray(path.read_bytes())
    assert len(data) > 8192
    data[4096:] = bytes((i * 7) & 0xFF for i in range(4096, len(data)))
    path.write_bytes(bytes(data))
    doc, _ = parse_counting(SEED, tmp_path)  # finds the damage: parses, drops the file
    assert structure(doc) == structure(parse(SEED))
    parse_counting(SEED, tmp_path)  # a new file
    _, parsed = parse_counting(SEED, tmp_path)
    assert parsed == 0


def test_rows_this_module_did_not_write_are_misses(tmp_path: Path) -> None:
    memo: dict[bytes, bytes] = {}
    parse(SEED, memo)
    with sqlite3.connect(tmp_path / FILENAME) as db:
        db.execute("CREATE TABLE sections (key BLOB PRIMARY KEY, used REAL, found BLOB)")
        db.executemany(
            "INSERT INTO sections VALUES (?, ?, ?)",
            [(key, "yesterday", "text, not bytes") for key in memo],
        )
    doc, parsed = parse_counting(SEED, tmp_path)
    assert parsed > 10
    assert structure(doc) == structure(parse(SEED))


def test_a_folder_that_cannot_be_made_means_no_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    for _ in range(2):
        doc, parsed = parse_counting(SEED, blocker / "cache")
        assert parsed > 10
    assert structure(doc) == structure(parse(SEED))


def test_sections_unused_for_a_month_are_dropped(tmp_path: Path) -> None:
    parse_counting("# A\n\ntext\n", tmp_path)
    old = time.time() - (KEEP_DAYS + 1) * 86400
    with sqlite3.connect(tmp_path / FILENAME) as db:
        db.execute("UPDATE sections SET used = ?", (old,))
    parse_counting("# B\n\nother text\n", tmp_path)  # a write prunes
    with sqlite3.connect(tmp_path / FILENAME) as db:
        rows = db.execute("SELECT used FROM sections").fetchall()
    assert len(rows) == 1
    assert rows[0][0] > old


def test_check_twice_parses_once(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    readme_file = tmp_path / "README.md"
    readme_file.write_text(SEED, encoding="utf-8")
    first = run("check", str(readme_file))
    with patch.object(parse_module, "_parser", wraps=parse_module._parser) as parser:
        second = run("check", str(readme_file))
    assert parser.call_count == 0
    assert (second.exit_code, second.stdout) == (first.exit_code, first.stdout)
    assert first.exit_code == 1  # the seed list's known findings
    assert (tmp_path / "cache" / FILENAME).exists()
