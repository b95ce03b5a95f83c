"""What each command does, as plain functions: paths and options in, what happened out.

`cli.py` declares the options, calls one of these and picks the exit code from the result; a
test can call them without click. They speak to the person through a `Reporter` (errors,
warnings and notes as they happen, a progress bar, a diff), and stop with `Stop` when the
command cannot go on. They ask `lists/` what to change, `pipeline` for the entries, and
`lists/` again to make the change: nothing below this package both edits files and fetches.

Imports of anything heavier than the standard library happen inside the functions, so that
`check` and `--help` start as fast as a pre-commit hook needs.
"""

from arxiv2entry.commands.common import (
    FetchOptions,
    LookOptions,
    Outcome,
    Reporter,
    Stop,
    read_ids,
)
from arxiv2entry.commands.entries import make_entries
from arxiv2entry.commands.lists import add, check, expand, refresh

__all__ = [
    "FetchOptions",
    "LookOptions",
    "Outcome",
    "Reporter",
    "Stop",
    "add",
    "check",
    "expand",
    "make_entries",
    "read_ids",
    "refresh",
]
