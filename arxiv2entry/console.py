"""What a person sees on stderr: errors, warnings and notes one line each, progress while the
network is asked ("asking arXiv 1/1", "asking Hugging Face 3/12"), and coloured diffs on
stdout.

Styled with rich on a terminal, plain text when piped or when NO_COLOR is set, so that stdout
holds only what the command produced and stderr reads well in a CI log. The commands below
`cli.py` talk to a `Reporter` (see `commands.py`); this is the one the command line hands them.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any

import click

# What a terminal would obey rather than show: escape sequences, carriage returns that
# overwrite the line, bidi overrides. A message quotes outside text (a comment, a service's
# answer), so these are taken out before it reaches stderr; newlines stay (--explain).
_TERMINAL_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> str:
    """`text` as it may be printed on a terminal."""
    return _TERMINAL_CONTROL.sub(lambda m: " " if m.group() == "\t" else "", text)


class Messages:
    """The command line's `Reporter`."""

    def __init__(self) -> None:
        self.console: Any = None
        if sys.stderr.isatty() and not os.environ.get("NO_COLOR"):
            from rich.console import Console

            self.console = Console(stderr=True, highlight=False)
        self._bar: Any = None

    def _say(self, label: str, style: str, text: str) -> None:
        text = shown(text)
        if self.console is not None:
            from rich.markup import escape

            self.console.print(f"[{style}]{label}:[/{style}] {escape(text)}", soft_wrap=True)
        else:
            click.echo(f"{label}: {text}", err=True)

    def error(self, text: str) -> None:
        self._say("error", "bold red", text)

    def warning(self, text: str) -> None:
        self._say("warning", "yellow", text)

    def info(self, text: str) -> None:
        text = shown(text)
        if self.console is not None:
            from rich.markup import escape

            self.console.print(escape(text), soft_wrap=True, style="dim")
        else:
            click.echo(text, err=True)

    def progress(self, total: int, source: str = "arXiv") -> Callable[[int], None] | None:
        """A line "asking <source> n/total" while a source is asked, on a terminal only; one
        line per source, several at once while the services are asked together. The returned
        callback (safe from any thread) is told how many more were answered."""
        if self.console is None:
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        if self._bar is None:
            self._bar = Progress(
                TextColumn("asking {task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=self.console,
                transient=True,
            )
            self._bar.start()
        bar = self._bar
        task = bar.add_task(source, total=total)

        def advance(n: int) -> None:
            bar.advance(task, n)

        return advance

    def stop_progress(self) -> None:
        """Always called, also on Ctrl-C: a bar left running hides the terminal's cursor."""
        bar, self._bar = self._bar, None
        if bar is not None:
            bar.stop()

    def diff(self, lines: Iterable[str]) -> None:
        """A unified diff on stdout, coloured on a terminal (`--dry-run`)."""
        color = stdout_is_terminal()
        for line in lines:
            text = line
            if not line.endswith(("\n", "\r")):
                text += "\n\\ No newline at end of file\n"
            if color and line.startswith(("+", "-", "@@")):
                fg = "cyan" if line.startswith("@@") else "green" if line[0] == "+" else "red"
                text = click.style(text.rstrip("\r\n"), fg=fg) + "\n"
            click.echo(text, nl=False)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def proposals_table(rows: list[tuple[str, list[tuple[str, str, str, str]]]]) -> None:
    """`watch`'s digest on a terminal: a table per section, best first, with scores.
    `rows`: (section, [(score, id, title, why), ...])."""
    from rich.console import Console
    from rich.table import Table

    out = Console(highlight=False)
    for section, items in rows:
        table = Table(title=shown(section), title_justify="left", show_lines=False)
        table.add_column("score", justify="right", style="bold")
        table.add_column("arXiv")
        table.add_column("title")
        table.add_column("why", style="dim")
        for score, paper_id, title, why in items:
            table.add_row(score, paper_id, shown(title), shown(why))
        out.print(table)
