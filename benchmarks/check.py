"""Issue 9's two figures: how much of what `check` fails on is noise, and what `--dry-run`'s diff
costs.

Run on demand (not in CI): `.venv/bin/python benchmarks/check.py [--sizes 20000,200000]`.

1. Noise on the real lists in tests/fixtures/lists/ (copied from ../shared/fixtures/lists/ and
   the seed list). A finding is *noise* when it fails the run (the pre-commit hook) but its
   repair changes nothing a reader sees: the list is rendered with markdown-it (CommonMark, as
   GitHub renders it) before and after making that one line's end what the format wants (two
   spaces on a line that goes on, none on an entry's last line). `before` is `check` as it was
   (issue 9's starting point, commit 23a0100: every finding failed the run); `after` is the
   error-level findings now (target: no noise). Findings that are no whitespace (duplicates,
   venue lines) are data a reader sees, counted apart.
2. `add --dry-run`'s diff on the generated lists of benchmarks/lists.py: difflib over the whole
   file (the old way) against hunks built from the edits, in the same run.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from history import module_at  # noqa: E402
from markdown_it import MarkdownIt  # noqa: E402

from arxiv2entry.lists.diff import unified_diff  # noqa: E402
from arxiv2entry.lists.edit import add_entries, apply  # noqa: E402
from arxiv2entry.lists.lint import check  # noqa: E402
from arxiv2entry.lists.model import Lines, split_lines  # noqa: E402
from arxiv2entry.lists.parse import parse  # noqa: E402

LISTS = ROOT / "tests" / "fixtures" / "lists"
BEFORE = "23a0100"  # check before issue 9
SPACING = {"spacing", "missing-break", "trailing-space", "extra-spaces"}


def old_check():
    """`lists/lint.py` as it was at BEFORE, loaded beside today's modules."""
    module = module_at(BEFORE, "arxiv2entry/lists/lint.py")
    assert module is not None, f"git show {BEFORE} failed: run from a full clone"
    return module.check


def invisible(text: str, line: int, last: bool) -> bool:
    """Whether making line `line`'s end what the format wants leaves the page as it was."""
    lines = list(Lines(text))
    old = lines[line - 1]
    body = old.rstrip("\r\n").rstrip(" \t")
    lines[line - 1] = body + ("" if last else "  ") + old[len(old.rstrip("\r\n")) :]
    md = MarkdownIt("commonmark")
    return md.render(text) == md.render("".join(lines))


def is_last_line(doc, line: int) -> bool:
    return any(e.text_end == line for e in doc.entries)


def noise() -> None:
    before_check = old_check()
    print("## check on the real lists: what fails the run, and how much of it nobody sees\n")
    print("| list | before: fail | before: invisible | after: errors | after: invisible "
          "| warnings | notices |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|")
    totals: Counter[str] = Counter()
    for path in sorted(LISTS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        doc = parse(text)
        old = before_check(doc)
        old_noise = sum(
            f.kind == "spacing" and invisible(text, f.line, is_last_line(doc, f.line)) for f in old
        )
        new = check(doc)
        errors = [f for f in new if f.severity == "error"]
        new_noise = sum(
            f.kind in SPACING and invisible(text, f.line, f.kind == "trailing-space")
            for f in errors
        )
        notices = [f for f in new if f.severity == "notice"]
        assert all(invisible(text, f.line, f.kind == "trailing-space") for f in notices)
        row = Counter(
            before=len(old),
            before_noise=old_noise,
            errors=len(errors),
            noise=new_noise,
            warnings=sum(f.severity == "warning" for f in new),
            notices=len(notices),
        )
        totals += row
        print(f"| {path.name} | {row['before']} | {row['before_noise']} | {row['errors']} | "
              f"{row['noise']} | {row['warnings']} | {row['notices']} |")  # fmt: skip
    t = totals
    print(f"| **all** | {t['before']} | {t['before_noise']} | {t['errors']} | {t['noise']} | "
          f"{t['warnings']} | {t['notices']} |\n")  # fmt: skip
    share = t["before_noise"] / t["before"] if t["before"] else 0.0
    print(f"before: {t['before_noise']} of {t['before']} failing findings invisible ({share:.0%});"
          f" after: {t['noise']} of {t['errors']} errors invisible (target 0)\n")  # fmt: skip


def dry_run(sizes: list[int]) -> None:
    from lists import readme

    print("## add --dry-run's diff: difflib over the file vs hunks from the edits\n")
    print("| entries | MB | apply | difflib diff (old) | diff from edits (new) | same |")
    print("|---:|---:|---:|---:|---:|---|")
    entry = (
        "- [A Paper](https://arxiv.org/abs/2510.23930)  \n"
        "  *Ann Lee, Bo Chen*  \n"
        "  **[`NeurIPS 2025`]**"
    )
    for n in sizes:
        text = readme(n)
        doc = parse(text)
        section = next(s for s in doc.sections if s.title.startswith("Voxel"))
        edits = list(add_entries(doc, section, [("2510.23930", entry)]).edits)
        start = time.perf_counter()
        new_text = apply(text, edits)
        t_apply = time.perf_counter() - start
        old = list(difflib.unified_diff(split_lines(text), split_lines(new_text), "a/f", "b/f"))
        t_old = time.perf_counter() - start - t_apply  # the old way needed the new text too
        start = time.perf_counter()
        new = list(unified_diff(doc.lines, edits, "f"))
        t_new = time.perf_counter() - start
        print(f"| {n:,} | {len(text.encode()) / 1e6:.1f} | {t_apply:.2f} s | {t_old:.2f} s | "
              f"{t_new * 1000:.2f} ms | {old == new} |")  # fmt: skip
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000,200000")
    args = parser.parse_args()
    noise()
    dry_run([int(s) for s in args.sizes.split(",") if s])


if __name__ == "__main__":
    main()
