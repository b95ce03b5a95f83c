"""The command line: declare the options, call a function of `commands`, print what it made,
choose the exit code. Nothing here knows how a list is edited or a paper fetched.

Imports of anything heavier than click happen inside the commands, so `--help` starts as fast
as a pre-commit hook needs.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from click_default_group import DefaultGroup

from arxiv2entry import __version__, commands
from arxiv2entry.commands import FetchOptions, LookOptions, Stop
from arxiv2entry.console import Messages, proposals_table, stdout_is_terminal
from arxiv2entry.lists import rules

F = TypeVar("F", bound=Callable[..., Any])
R = TypeVar("R")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _bundled(f: F, into: str, make: Callable[..., Any], names: tuple[str, ...]) -> F:
    """`f`, called with the options `names` gathered into one keyword `into=make(...)`: the
    command takes one bundle, click still declares (and documents) each option."""

    @functools.wraps(f)
    def bundled(*args: Any, **kwargs: Any) -> Any:
        values = [kwargs.pop(name) for name in names]
        return f(*args, **{into: make(*values)}, **kwargs)

    return bundled  # type: ignore[return-value]


def fetch_options(f: F) -> F:
    """Options shared by every command that may ask arXiv and the services; the command gets
    them as one `how: FetchOptions`."""

    f = _bundled(f, "how", FetchOptions, ("offline", "refresh", "no_enrich"))
    f = click.option(
        "--no-enrich",
        is_flag=True,
        help="Use arXiv only: ask no bibliographic service (also ARXIV2ENTRY_NO_ENRICH=1).",
    )(f)
    f = click.option(
        "--refresh",
        is_flag=True,
        help="Fetch again even when the cache has the paper.",
    )(f)
    f = click.option(
        "--offline",
        is_flag=True,
        help="Use the cache only; never touch the network (also ARXIV2ENTRY_OFFLINE=1).",
    )(f)
    return f


def style_options(f: F) -> F:
    """Options that change how an entry looks; the command gets them as `look: LookOptions`."""

    f = _bundled(f, "look", LookOptions, ("max_authors", "honors", "no_institution"))
    f = click.option(
        "--no-institution",
        is_flag=True,
        help="Leave the institution out of the entry.",
    )(f)
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


class _Group(DefaultGroup):
    """The default command, and click's usage errors on one line like every other error."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            result = self._main(*args, **kwargs)
        except SystemExit:
            _flush_stdout()
            raise
        except OSError as exc:
            if not _from_stdout(exc):
                raise  # not stdout: a real bug, shown with its traceback
            _stdout_failed(exc)
        _flush_stdout()
        return result

    def _main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(EXIT_USAGE)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "arxiv2entry"
            click.echo(f"error: {exc.format_message()} (see '{where} --help')", err=True)
            sys.exit(EXIT_USAGE)
        except click.ClickException as exc:
            click.echo(f"error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except (click.Abort, KeyboardInterrupt):
            click.echo("interrupted", err=True)
            sys.exit(130)


def _from_stdout(exc: OSError) -> bool:
    """Whether `exc` was raised writing to stdout: the innermost frame (click.echo's, say)
    holds stdout."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None or sys.stdout is None:
        return False
    streams = (sys.stdout, getattr(sys.stdout, "buffer", None))
    return any(value is stream for value in tb.tb_frame.f_locals.values() for stream in streams)


def _flush_stdout() -> None:
    """Write what is waiting for stdout now, while an error can still be said (at exit, Python
    would print 'Exception ignored ...' and a traceback instead)."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as exc:
        _stdout_failed(exc)


def _stdout_failed(exc: OSError) -> None:
    """stdout cannot be written (`>/dev/full`, a closed pipe): one line, exit 1."""
    with contextlib.suppress(OSError, ValueError):  # what is still buffered goes nowhere
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    with contextlib.suppress(OSError):
        click.echo(f"error: cannot write to stdout ({exc.strerror or exc})", err=True)
    sys.exit(EXIT_FAILED)


@click.group(
    cls=_Group,
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
      arxiv2entry add 2112.07945 --section Hybrid     # into README.md
      arxiv2entry expand && arxiv2entry check         # what the pre-commit hooks run
      arxiv2entry refresh --dry-run                   # arXiv YYYY entries now published
      arxiv2entry watch                               # today's new papers for this list

    With no command, the arguments are IDs for the `entry` command:
    `arxiv2entry entry --help` shows its options. Each command's --help has examples
    and its exit codes.
    """


def _run(work: Callable[[], R], say: Messages) -> R:
    """Run a command's work; a `Stop` is its one-line error and exit code."""
    try:
        return work()
    except Stop as exc:
        say.error(str(exc))
        sys.exit(EXIT_USAGE if exc.usage else EXIT_FAILED)


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
    look: LookOptions,
    venue: str | None,
    code: str | None,
    project: str | None,
    institution: str | None,
    how: FetchOptions,
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
    from arxiv2entry.pipeline import Overrides

    say = Messages()
    overrides = Overrides(venue=venue, code=code, project=project, institution=institution)
    done = _run(
        lambda: commands.make_entries(
            commands.read_ids(ids),
            say,
            fmt=fmt,
            look=look,
            overrides=overrides,
            how=how,
            explain=explain,
        ),
        say,
    )
    if done.output:
        click.echo(done.output)
    sys.exit(EXIT_USAGE if done.bad_input else EXIT_FAILED if done.failed else EXIT_OK)


@cli.command()
@click.argument("ids", nargs=-1, metavar="ID_OR_URL...")
@click.option(
    "--readme",
    type=click.Path(path_type=Path),
    default="README.md",
    show_default=True,
    help="The list to add to.",
)
@click.option(
    "--section",
    metavar="NAME",
    help="Heading to add under, e.g. Voxel or 'with 3D shape/Mesh' (case, punctuation, "
    "backticks and emoji ignored). Without it, a heading the title names, or the section whose "
    "papers it is most like; when that is not clear, the error names the candidates.",
)
@click.option("--dry-run", is_flag=True, help="Print the change as a diff; write nothing.")
@style_options
@fetch_options
def add(
    ids: tuple[str, ...],
    readme: Path,
    section: str | None,
    dry_run: bool,
    look: LookOptions,
    how: FetchOptions,
) -> None:
    """Add papers to a section of a list's README.

    The entries go after the last entry of the section (or in date order when the section is
    ordered by date), in the style most of the list's entries use. A paper already in the list,
    under any URL form or version, is not added again. Nothing else in the file changes, and
    the file is replaced atomically.

    \b
    Examples:
      arxiv2entry add 2112.07945 --section Hybrid
      arxiv2entry add 2112.07945 2007.02442 --readme docs/README.md --section 'with 3D shape/Mesh'
      arxiv2entry add https://arxiv.org/abs/2112.07945 --dry-run

    \b
    Exit codes: 0 done (or nothing to add); 1 a paper could not be fetched or the file
    could not be written; 2 bad usage (malformed ID, unknown section, no section fits).
    """
    say = Messages()
    done = _run(
        lambda: commands.add(
            commands.read_ids(ids), readme, section, say, dry_run=dry_run, look=look, how=how
        ),
        say,
    )
    sys.exit(EXIT_USAGE if done.bad_input else EXIT_FAILED if done.failed else EXIT_OK)


@cli.command(short_help="Replace bare arXiv links in lists with full entries.")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print the changes as a diff; write nothing.")
@style_options
@fetch_options
def expand(
    files: tuple[Path, ...],
    dry_run: bool,
    look: LookOptions,
    how: FetchOptions,
) -> None:
    """Replace bare arXiv links in lists with full entries (FILE defaults to README.md).

    A bare link is a line that holds only an arXiv ID or URL, optionally bulleted or
    `arXiv:`-prefixed, outside code blocks, HTML comments and existing entries. It becomes the
    entry in the list's style. A paper that cannot be fetched, or is already in the list,
    keeps its line and is reported. This is the pre-commit hook `arxiv2entry-expand`.

    \b
    Examples:
      arxiv2entry expand
      arxiv2entry expand README.md docs/papers.md --dry-run
      arxiv2entry expand --offline        # where the network is closed (pre-commit.ci)

    \b
    Exit codes (the pre-commit convention for fixers): 0 nothing to do; 1 a file was
    changed (or would be, with --dry-run) or a paper could not be fetched; 2 bad usage.
    """
    say = Messages()
    done = _run(lambda: commands.expand(files, say, dry_run=dry_run, look=look, how=how), say)
    sys.exit(EXIT_FAILED if done.changed or done.failed else EXIT_OK)


@cli.command(
    short_help="Report problems in lists; needs no network.",
    epilog="\b\nFindings (* --fix repairs it):\n" + rules.table(),
)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: FILE:LINE: CODE severity: message, a line each; json: a list of objects.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, not only on errors.")
@click.option("--show-notices", is_flag=True, help="List notices too: whitespace nobody sees.")
@click.option(
    "--fix",
    is_flag=True,
    help="Repair the whitespace findings in place (only the ends of those lines change).",
)
@click.option(
    "--ignore",
    metavar="CODE",
    multiple=True,
    help="Do not report this kind: a code (AE201), a prefix (AE3) or a name (listed-twice). "
    "Repeatable; a list's own: [check] ignore in .arxiv2entry.toml.",
)
def check(
    files: tuple[Path, ...],
    fmt: str,
    strict: bool,
    show_notices: bool,
    fix: bool,
    ignore: tuple[str, ...],
) -> None:
    """Report problems in lists (FILE defaults to README.md). Needs no network.

    Each finding has a code and a severity. Errors are what a reader sees broken or what is
    wrong: a missing line break, a venue line or an institution that is not the list's format,
    a link whose text names another paper or that is not the entry's own, one arXiv id under
    two titles, a paper twice in one section. Warnings are worth a look: a paper in two
    sections, a bare link waiting for `expand`, no venue line, authors not in italics. Notices
    are whitespace GitHub does not show; they are listed with --show-notices and never fail.
    This is the pre-commit hook `arxiv2entry-check`: it fails on errors only.

    \b
    Examples:
      arxiv2entry check
      arxiv2entry check --fix --show-notices
      arxiv2entry check README.md docs/*.md --strict --ignore AE201 --format json

    \b
    Exit codes: 0 no errors (and, with --strict, no warnings); 1 errors (or a file that
    cannot be read or written); 2 bad usage (an unknown code, a FILE that does not exist or
    is not a regular file).
    """
    say = Messages()
    done = _run(lambda: commands.check(files, say, ignore=ignore, fix=fix), say)
    shown = [f for f in done.findings if show_notices or f["severity"] != "notice"]
    if fmt == "json":
        import json

        click.echo(json.dumps(shown, indent=2, ensure_ascii=False))
    else:
        for item in shown:
            where = f"{item['file']}:{item['line']}:"
            click.echo(f"{where} {item['code']} {item['severity']}: {item['message']}")
    if hidden := len(done.findings) - len(shown):
        notices = "notice" if hidden == 1 else "notices"
        say.info(
            f"{hidden} {notices} not shown (whitespace GitHub does not show): "
            "--show-notices lists them, --fix repairs them"
        )
    if done.bad_input:
        sys.exit(EXIT_USAGE)
    failing = {"error", "warning"} if strict else {"error"}
    failed = done.failed or any(f["severity"] in failing for f in done.findings)
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


@cli.command("refresh", short_help="Upgrade arXiv YYYY entries and add missing links.")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print the changes as a diff; write nothing.")
@fetch_options
def refresh_command(files: tuple[Path, ...], dry_run: bool, how: FetchOptions) -> None:
    """Upgrade entries still marked `arXiv YYYY`, or lacking a code link (FILE defaults to
    README.md).

    Each such entry's paper is looked up again (arXiv, then the bibliographic services), and
    when a venue or a link is now known, only that entry's venue line changes: the `arXiv YYYY`
    badge becomes the venue, missing [[Code]] and [[Project]] links are appended. Everything
    else in the file stays byte for byte.

    \b
    Examples:
      arxiv2entry refresh --dry-run
      arxiv2entry refresh README.md --refresh     # ask again even what was cached

    \b
    Exit codes: 0 done (changed or not); 1 a paper could not be fetched or the file could
    not be written; 2 bad usage.
    """
    say = Messages()
    done = _run(lambda: commands.refresh(files, say, dry_run=dry_run, how=how), say)
    sys.exit(EXIT_FAILED if done.failed else EXIT_OK)


@cli.command(short_help="Propose today's new arXiv papers for a list's sections.")
@click.option(
    "--readme",
    type=click.Path(path_type=Path),
    default="README.md",
    show_default=True,
    help="The list the papers are for.",
)
@click.option(
    "--category",
    "categories",
    multiple=True,
    metavar="CAT",
    help="arXiv category to read, e.g. cs.CV (repeatable; default: the list's own).",
)
@click.option(
    "--top", type=click.IntRange(min=1), default=20, show_default=True, metavar="N",
    help="Propose at most N papers.",
)  # fmt: skip
@click.option(
    "--threshold", type=click.FloatRange(0, 1), default=0.15, show_default=True,
    metavar="SCORE", help="Leave out papers less similar than this to any paper of the list.",
)  # fmt: skip
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text: by section with scores; markdown: an issue or PR body; json: one object a "
    "proposal.",
)
@click.option("--add", "add_them", is_flag=True, help="Add the proposals to their sections.")
@click.option("--dry-run", is_flag=True, help="With --add: print the change as a diff.")
@style_options
@fetch_options
def watch(
    readme: Path,
    categories: tuple[str, ...],
    top: int,
    threshold: float,
    fmt: str,
    add_them: bool,
    dry_run: bool,
    look: LookOptions,
    how: FetchOptions,
) -> None:
    """Propose the papers arXiv announced today that belong in a list's sections.

    Reads today's announcement feed for the list's arXiv categories (the primary
    categories of its papers, or --category), keeps the new and cross-listed papers the
    list does not have, ranks them by how close each is to the list's own papers (TF-IDF
    over titles and abstracts), and proposes for each the section `add` would rank first
    for it, with a runner-up. One feed request per run, kept for the day.

    \b
    Examples:
      arxiv2entry watch
      arxiv2entry watch --category cs.CV --category cs.GR --top 10
      arxiv2entry watch --format markdown > digest.md     # an issue body
      arxiv2entry watch --format json | jq -r '.[].id'
      arxiv2entry watch --add --dry-run

    \b
    Exit codes: 0 done (also when nothing is new); 1 the feed could not be had or read,
    or a paper could not be added; 2 bad usage.
    """
    import json
    import math
    import re

    from arxiv2entry.commands import watch as watching

    say = Messages()
    for cat in categories:  # it goes into the feed's URL: an arXiv category and nothing else
        if not re.fullmatch(r"[a-z][a-z-]*(?:\.[A-Za-z][A-Za-z-]*)?", cat):
            say.error(f"--category {cat!r} is not an arXiv category; use e.g. cs.CV or hep-th")
            sys.exit(EXIT_USAGE)
    if math.isnan(threshold):
        say.error("--threshold takes a number from 0 to 1, e.g. 0.15")
        sys.exit(EXIT_USAGE)
    if dry_run and not add_them:
        say.error("--dry-run goes with --add (watch itself never writes)")
        sys.exit(EXIT_USAGE)
    digest, _ = _run(
        lambda: watching.watch(
            readme, say, categories=categories, top=top, threshold=threshold, look=look,
            how=how,
        ),
        say,
    )  # fmt: skip
    if fmt == "json":
        click.echo(json.dumps(watching.digest_json(digest), indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        click.echo(watching.digest_markdown(digest))
    elif digest.proposals and stdout_is_terminal():
        proposals_table(watching.digest_rows(digest))
    else:
        click.echo(watching.digest_text(digest))
    if not add_them:
        sys.exit(EXIT_OK)
    done = _run(
        lambda: watching.add_proposals(
            digest, readme, say, dry_run=dry_run, look=look, how=how
        ),
        say,
    )
    sys.exit(EXIT_USAGE if done.bad_input else EXIT_FAILED if done.failed else EXIT_OK)
