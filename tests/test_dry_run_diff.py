"""`--dry-run`'s diff is built from the planned edits (issue 9): it must say exactly what the
write would do, and read as difflib's did on the edits the commands make."""

from __future__ import annotations

import difflib
import random
from pathlib import Path

import pytest

from arxiv2entry.lists.diff import unified_diff
from arxiv2entry.lists.edit import add_entries, apply, expand_edits
from arxiv2entry.lists.model import Edit, Lines, split_lines
from arxiv2entry.lists.parse import parse

LISTS = Path(__file__).parent / "fixtures" / "lists"
ENTRY = (
    "- [A Paper](https://arxiv.org/abs/2510.23930)  \n"
    "  *Ann Lee, Bo Chen*  \n"
    "  **[`NeurIPS 2025`]**"
)


def old_way(text: str, edits: list[Edit]) -> list[str]:
    return list(
        difflib.unified_diff(split_lines(text), split_lines(apply(text, edits)), "a/f", "b/f")
    )


def changed(diff: list[str]) -> list[str]:
    return sorted(line for line in diff[2:] if line[0] in "+-")


def patched(old: list[str], diff: list[str]) -> str:
    """`old` with the unified diff made, each context and removed line checked against it."""
    if not diff:
        return "".join(old)
    assert diff[:2] == ["--- a/f\n", "+++ b/f\n"]
    out: list[str] = []
    pos = 0
    for line in diff[2:]:
        if line.startswith("@@"):
            old_range = line.split()[1][1:]
            start, _, length = old_range.partition(",")
            to = int(start) - 1 if length != "0" else int(start)
            assert to >= pos
            out += old[pos:to]
            pos = to
        elif line[0] == "+":
            out.append(line[1:])
        else:
            assert old[pos] == line[1:], (pos, line)
            if line[0] == " ":
                out.append(line[1:])
            pos += 1
    return "".join(out + old[pos:])


# Sections where difflib showed the insertion otherwise: the new entry's blank line above it,
# not below (it placed an insertion among equal lines by which unchanged run it matched first,
# and its "popular line" heuristic makes that hard to foresee), or, at the end of the seed
# list, eight blank lines removed and added again. The diff from the edits shows the edit.
BLANK_ABOVE = {
    "seed-list.md": ["Contributing", "Introduction", "Related"],
    "controllable-gan.md": ["Controllable Generation"],
    "gan-inversion.md": ["GAN Inversion", "Contents"],
}


@pytest.mark.parametrize("name", sorted(BLANK_ABOVE))
def test_adding_to_each_section_reads_as_difflib_did(name: str) -> None:
    text = (LISTS / name).read_text(encoding="utf-8")
    doc = parse(text)
    differ = []
    for section in doc.sections:
        edits = list(add_entries(doc, section, [("2510.23930", ENTRY)]).edits)
        diff = list(unified_diff(doc.lines, edits, "f"))
        old = old_way(text, edits)
        assert patched(list(doc.lines), diff) == apply(text, edits)
        assert changed(diff) == sorted("+" + line for line in edits[0].new)
        if diff != old:
            differ.append(section.title)
    assert differ == BLANK_ABOVE[name]


@pytest.mark.parametrize("ending", ["\n", "\r\n", ""])
def test_expanding_bare_links_reads_as_difflib_did(ending: str) -> None:
    text = (
        "# A\n\nhttps://arxiv.org/abs/2101.00001\n\n- [B](https://arxiv.org/abs/2101.00002)  \n"
        "  *B*  \n  **[`CVPR 2021`]**\n\n- 2101.00003\n\ntext\n\n2101.00004"
    ).replace("\n", ending or "\n") + ending
    doc = parse(text)
    edits = list(expand_edits(doc, {b.line: ENTRY for b in doc.bare_links}).edits)
    assert len(edits) == 3
    assert list(unified_diff(doc.lines, edits, "f")) == old_way(text, edits)


def test_the_diff_of_any_edits_makes_what_apply_makes() -> None:
    """Random edits on texts of repeated lines (where alignment is ambiguous), with and without
    a final line ending: the diff, applied, gives `apply`'s text, and has difflib's shape."""
    rng = random.Random(9)
    vocab = ["\n", "- [A](u)  \n", "  *B*  \n", "  **[`C`]**\n", "## H\n", "x\n", "y\r\n"]
    same = 0
    for _ in range(2000):
        text = "".join(rng.choice(vocab) for _ in range(rng.randint(0, 30)))
        if text and rng.random() < 0.2:
            text = text.rstrip("\r\n")
        lines = Lines(text)
        edits: list[Edit] = []
        low = 0
        for _ in range(rng.randint(1, 3)):
            if low > len(lines):
                break
            start = rng.randint(low, len(lines))
            end = rng.randint(start, min(len(lines), start + 2))
            new = tuple(rng.choice(vocab) for _ in range(rng.randint(0, 3)))
            if start < end or new:
                edits.append(Edit(start, end, new))
            low = end + rng.randint(0, 1)
        diff = list(unified_diff(lines, edits, "f"))
        want = apply(text, edits)
        assert patched(list(lines), diff) == want, (text, edits)
        assert (diff == []) == (want == text)
        same += diff == old_way(text, edits)
    assert same == 1571  # of 2000; in the rest difflib shows the same change otherwise
