"""The unified diff of planned edits, for `--dry-run`: built from the edits themselves, so its
cost follows the size of the change, not of the file (difflib over a 200,000-entry README took
12.7 s and 500 MiB to show a three-line insertion).

The output has `difflib.unified_diff`'s format (`---`/`+++` headers, `@@ -a,b +c,d @@` hunks
with three lines of context, hunks closer than twice that merged) and, for the edits the
commands make, its lines: lines an edit gives back unchanged are context, and an insertion
among equal lines (blank lines, mostly) is shown as low as they allow: a new entry, then its
blank line. difflib chose that place by which unchanged run around the change was longer, so
near the top of a file it showed the same insertion a line higher.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from arxiv2entry.lists.model import Edit, Lines, _dominant_newline, _ending

__all__ = ["unified_diff"]

_Change = tuple[int, int, list[str]]  # old lines [start, end) become these lines


def _changes(lines: Lines, edits: Iterable[Edit]) -> list[_Change]:
    """The edits as changes of old lines, each reduced to the lines it really changes."""
    n = len(lines)
    open_end = bool(n) and not _ending(lines[n - 1])
    out: list[_Change] = []
    last: Edit | None = None
    for last in sorted(edits, key=lambda e: e.start):
        start, new = last.start, list(last.new)
        if open_end and start == n and new and not (out and out[-1][1] == n):
            # what `apply` does: the old last line, without an ending, gains one when lines go
            # after it...
            start, new = n - 1, [lines[n - 1] + _dominant_newline(lines.text), *new]
        _add(out, start, last.end, new)
    if open_end and last is not None and last.end == n and last.new:
        out[-1][2][-1] = out[-1][2][-1].rstrip("\r\n")  # ...and a new last line loses its own
    trimmed: list[_Change] = []
    for i, (start, end, new) in enumerate(out):
        lo = 0
        while start < end and lo < len(new) and lines[start] == new[lo]:
            start, lo = start + 1, lo + 1
        hi = len(new)
        while end > start and hi > lo and lines[end - 1] == new[hi - 1]:
            end, hi = end - 1, hi - 1
        new = new[lo:hi]
        if start == end and new:  # an insertion: shown as low as it goes
            limit = out[i + 1][0] if i + 1 < len(out) else n
            while start < limit and lines[start] == new[0]:
                new = [*new[1:], new[0]]
                start = end = start + 1
        if start < end or new:
            trimmed.append((start, end, new))
    return trimmed


def _add(out: list[_Change], start: int, end: int, new: list[str]) -> None:
    """Append a change; one that starts where the last ends (insertions at one place, an edit
    right after another) joins it."""
    if out and out[-1][1] == start:
        prev = out.pop()
        start, new = prev[0], prev[2] + new
    out.append((start, end, new))


def _range(start: int, length: int) -> str:
    """difflib's `_format_range_unified`."""
    if length == 1:
        return str(start + 1)
    return f"{start if not length else start + 1},{length}"


def unified_diff(lines: Lines, edits: Sequence[Edit], name: str, context: int = 3) -> Iterator[str]:
    """The lines of the unified diff between `lines` and `lines` with `edits` made."""
    changes = _changes(lines, edits)
    if not changes:
        return
    n = len(lines)
    yield f"--- a/{name}\n"
    yield f"+++ b/{name}\n"
    shift = 0  # new line number minus old, before the current change
    i = 0
    while i < len(changes):
        j = i  # changes i..j go in one hunk
        while j + 1 < len(changes) and changes[j + 1][0] - changes[j][1] <= 2 * context:
            j += 1
        a0 = max(0, changes[i][0] - context)
        a1 = min(n, changes[j][1] + context)
        grown = sum(len(new) - (end - start) for start, end, new in changes[i : j + 1])
        yield f"@@ -{_range(a0, a1 - a0)} +{_range(a0 + shift, a1 - a0 + grown)} @@\n"
        pos = a0
        for start, end, new in changes[i : j + 1]:
            yield from (" " + lines[k] for k in range(pos, start))
            yield from ("-" + lines[k] for k in range(start, end))
            yield from ("+" + line for line in new)
            pos = end
        yield from (" " + lines[k] for k in range(pos, a1))
        shift += grown
        i = j + 1
