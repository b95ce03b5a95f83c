"""The command line: parse options, call the layers below, print, choose the exit code.

Imports of anything heavier than click happen inside the commands, so `--help` starts as fast
as a pre-commit hook needs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click
from click_default_group import DefaultGroup

from arxiv2entry import __version__

if TYPE_CHECKING:
    from arxiv2entry.pipeline import Report
    from arxiv2entry.render import Style

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class Messages:
    """Errors and warnings on stderr: styled with rich on a terminal, plain text when piped or
    when NO_COLOR is set, one line each."""

    def __init__(self) -> None:
        self.console: Any = None
        if sys.stderr.isatty() and not os.environ.get("NO_COLOR"):
            from rich.console import Console

            self.console = Console(stderr=True, highlight=False)

    def _say(self, label: str, style: str, text: str) -> None:
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
        if self.console is not None:
            from rich.markup import escape

            self.console.print(escape(text), soft_wrap=True, style="dim")
        else:
            click.echo(text, err=True)

    def progress(self, total: int) -> Callable[[int], None] | None:
        """A progress bar while arXiv is asked, on a terminal only."""
        if self.console is None:
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        bar = Progress(
            TextColumn("fetching from arXiv"),
            BarColumn(),
            MofNCompleteColumn(),
            console=self.console,
            transient=True,
        )
        task = bar.add_task("fetch", total=total)
        bar.start()

        def advance(n: int) -> None:
            bar.advance(task, n)
            if bar.finished:
                bar.stop()

        return advance


def fetch_options(f: F) -> F:
    """Options shared by every command that may ask arXiv."""
    f = click.option(
        "--refresh",
        is_flag=True,
        help="Fetch again even when the cache has the paper.",
    )(f)
    f = click.option(
        "--offline",
        is_flag=True,
        envvar="ARXIV2ENTRY_OFFLINE",
        help="Use the cache only; never touch the network (also ARXIV2ENTRY_OFFLINE=1).",
    )(f)
    return f


def style_options(f: F) -> F:
    """Options that change how an entry looks."""
    f = click.option(
        "--honors",
        is_flag=True,
        help="Show honours after the venue: [`CVPR 2022 (Oral)`].",
    )(f)
    f = click.option(
        "--max-authors",
        type=click.IntRange(min=1),
        metavar="N",
        help="Keep the first N authors and add 'et al.'.",
    )(f)
    return f


def override_options(f: F) -> F:
    """Values the user knows better than any guess; for a single paper."""
    for name, example in [
        ("institution", "Stanford"),
        ("project", "https://nvlabs.github.io/eg3d/"),
        ("code", "https://github.com/NVlabs/eg3d"),
        ("venue", "CVPR 2022"),
    ]:
        f = click.option(
            f"--{name}",
            metavar="TEXT",
            help=f"Use this {name} instead of the guess (one paper only), e.g. '{example}'.",
        )(f)
    return f


@click.group(
    cls=DefaultGroup,
    default="entry",
    default_if_no_args=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "--version", prog_name="arxiv2entry")
def cli() -> None:
    """Turn arXiv IDs and URLs into entries for awesome paper lists.

    \b
    Examples:
      arxiv2entry 2112.07945
      arxiv2entry https://arxiv.org/abs/2112.07945v2 hep-th/9901001
      cat ids.txt | arxiv2entry -
      arxiv2entry 2112.07945 --format json

    With no command, the arguments are IDs for the `entry` command:
    `arxiv2entry entry --help` shows its options.
    """


@cli.command()
@click.argument("ids", nargs=-1, metavar="ID_OR_URL...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="markdown: the entries, a blank line apart; json: a list of objects, one a paper.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Say on stderr where each field came from (stdout stays pasteable).",
)
@style_options
@override_options
@fetch_options
def entry(
    ids: tuple[str, ...],
    fmt: str,
    explain: bool,
    max_authors: int | None,
    honors: bool,
    venue: str | None,
    code: str | None,
    project: str | None,
    institution: str | None,
    offline: bool,
    refresh: bool,
) -> None:
    """Print the list entry for each paper (the default command).

    ID_OR_URL is any mix of arXiv IDs (2112.07945, 2112.07945v2, arXiv:2112.07945,
    hep-th/9901001, math.GT/0309136), arXiv abs/pdf/html URLs, ar5iv, alphaxiv and
    Hugging Face paper URLs, or the arXiv DOI 10.48550/arXiv.2112.07945. `-` reads IDs
    from stdin, whitespace separated. Each paper is printed once, in input order.

    \b
    Examples:
      arxiv2entry 2112.07945
      arxiv2entry 2112.07945 --venue "CVPR 2022" --code https://github.com/NVlabs/eg3d
      arxiv2entry 2112.07945 2007.02442 --max-authors 3 --honors
      arxiv2entry --explain 2112.07945
      cat ids.txt | arxiv2entry - --format json | jq -r '.[].venue'

    \b
    Exit codes: 0 all printed; 1 a paper could not be fetched; 2 bad usage or a
    malformed ID (the other papers are still printed).
    """
    from arxiv2entry.config import ConfigError, load_settings
    from arxiv2entry.ids import IdError, parse_id
    from arxiv2entry.pipeline import Overrides, build_entries
    from arxiv2entry.render import Style
    from arxiv2entry.render import explain as explain_entry

    say = Messages()
    raw = _read_ids(ids)
    if not raw:
        say.error(
            "no arXiv IDs given; pass IDs or URLs as arguments, or '-' to read them from stdin"
        )
        sys.exit(EXIT_USAGE)
    parsed, usage_failed = [], False
    for text in raw:
        try:
            parsed.append(parse_id(text))
        except IdError as exc:
            say.error(str(exc))
            usage_failed = True
    overrides = Overrides(venue=venue, code=code, project=project, institution=institution)
    if overrides != Overrides() and len({p.id for p in parsed}) > 1:
        say.error(
            "--venue, --code, --project and --institution apply to one paper; "
            f"got {len({p.id for p in parsed})} papers: run once per paper"
        )
        sys.exit(EXIT_USAGE)
    try:
        settings = load_settings()
    except ConfigError as exc:
        say.error(str(exc))
        sys.exit(EXIT_USAGE)
    if offline:
        settings = _replace(settings, offline=True)
    report = build_entries(
        parsed, settings, refresh=refresh, overrides=overrides, on_fetch_start=say.progress
    )
    style = Style(max_authors=max_authors, honors=honors)
    _print_report(report, fmt, style, say)
    if explain:
        for outcome in report.outcomes:
            if outcome.entry is not None:
                say.info(explain_entry(outcome.entry))
    failed = any(o.error for o in report.outcomes)
    sys.exit(EXIT_USAGE if usage_failed else EXIT_FAILED if failed else EXIT_OK)


def _replace(settings: Any, **changes: Any) -> Any:
    from dataclasses import replace

    return replace(settings, **changes)


def _read_ids(args: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for arg in args:
        if arg == "-":
            out.extend(sys.stdin.read().split())
        else:
            out.append(arg)
    return out


def _print_report(report: Report, fmt: str, style: Style, say: Messages) -> None:
    """Entries on stdout, everything else on stderr, so the output pipes."""
    from arxiv2entry.render import entry_json, render_entry

    for warning in report.warnings:
        say.warning(warning)
    objects: list[dict[str, Any]] = []
    texts: list[str] = []
    for outcome in report.outcomes:
        for warning in outcome.warnings:
            say.warning(warning)
        if outcome.entry is None:
            say.error(f"{outcome.key}: {outcome.error}")
            objects.append({"id": outcome.key, "error": outcome.error})
            continue
        objects.append(entry_json(outcome.entry, style))
        texts.append(render_entry(outcome.entry, style))
    if fmt == "json":
        import json

        click.echo(json.dumps(objects, indent=2, ensure_ascii=False))
    elif texts:
        click.echo("\n\n".join(texts))
