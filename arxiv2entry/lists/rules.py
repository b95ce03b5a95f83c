"""The kinds of finding `check` reports: one table, read by the linter, by `check --help` (and so
the README's command reference) and by `--ignore` / `[check] ignore`.

A code never changes meaning once released; a retired kind keeps its number unused. The
hundreds say the severity, so `--ignore AE3` silences every notice:

- **error** (AE1xx): a reader sees the entry broken, or its data is wrong. `check` exits 1.
- **warning** (AE2xx): worth a look, often on purpose. Fails only with `--strict`.
- **notice** (AE3xx): invisible on GitHub (CommonMark: a line ending after two or more spaces is a
  line break, after fewer it joins the next line, and at the end of a paragraph it is nothing).
  Listed with `--show-notices`; never fails a run; `--fix` repairs them.

No imports: `cli` reads this for `--help`, which must start fast.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["RULES", "SEVERITIES", "Rule", "by_name", "select"]


class Rule(NamedTuple):
    code: str
    name: str
    severity: str  # error, warning, notice
    fixable: bool
    summary: str


RULES: tuple[Rule, ...] = (
    Rule(
        "AE101",
        "missing-break",
        "error",
        True,
        "a line of an entry does not end in a line break: lines join",
    ),
    Rule(
        "AE102",
        "second-venue",
        "error",
        False,
        "an institution written as a second venue: [`SJTU`]",
    ),
    Rule(
        "AE103",
        "plain-venue",
        "error",
        False,
        "a venue not in bold code: [CVPR 2020] for **[`CVPR 2020`]**",
    ),
    Rule("AE104", "empty-institution", "error", False, "an empty institution: (), (``), (` `)"),
    Rule(
        "AE105",
        "link-mismatch",
        "error",
        False,
        "the link text names one arXiv id, the link another",
    ),
    Rule("AE106", "bad-arxiv-link", "error", False, "an arXiv link without a valid id"),
    Rule(
        "AE107",
        "foreign-link",
        "error",
        False,
        "a link or HTML in a title or authors line: not the entry's own",
    ),
    Rule(
        "AE108",
        "wrong-link",
        "error",
        False,
        "one arXiv id under two titles: one of the links is wrong",
    ),
    Rule("AE109", "duplicate", "error", False, "the same paper twice in one section"),
    Rule("AE201", "listed-twice", "warning", False, "the same paper in two sections"),
    Rule(
        "AE202", "bare-link", "warning", False, "a bare arXiv link waiting for `arxiv2entry expand`"
    ),
    Rule("AE203", "no-venue", "warning", False, "an entry without a venue line"),
    Rule("AE204", "plain-authors", "warning", False, "an authors line not in italics"),
    Rule("AE301", "trailing-space", "notice", True, "spaces after an entry's last line: invisible"),
    Rule(
        "AE302",
        "extra-spaces",
        "notice",
        True,
        "3+ spaces, or a tab, before a line break: invisible",
    ),
)

SEVERITIES = ("error", "warning", "notice")
_BY_NAME = {r.name: r for r in RULES}


def by_name(name: str) -> Rule:
    return _BY_NAME[name]


def select(patterns: list[str] | tuple[str, ...]) -> tuple[frozenset[str], list[str]]:
    """The rule names `patterns` name (a code, a code prefix such as `AE3`, or a name), and the
    patterns that name none (for the caller's error message)."""
    chosen: set[str] = set()
    unknown = []
    for raw in patterns:
        p = raw.strip()
        code = p.upper() if p[:2].upper() == "AE" else None
        hit = {r.name for r in RULES if r.name == p.lower() or (code and r.code.startswith(code))}
        if hit:
            chosen |= hit
        else:
            unknown.append(raw)
    return frozenset(chosen), unknown


def table() -> str:
    """The rules as `--help` lists them, a line each."""
    return "\n".join(
        f"{r.code} {r.name:<17} {r.severity:<7} {'*' if r.fixable else ' '} {r.summary}"
        for r in RULES
    )
