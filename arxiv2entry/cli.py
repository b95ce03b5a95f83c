"""The command line: parse options, call the layers below, print, choose the exit code.

Imports of anything heavier than click happen inside the commands, so `--help` starts as fast
as a pre-commit hook needs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from click_default_group import DefaultGroup

from arxiv2entry import __version__

if TYPE_CHECKING:
    from arxiv2entry.config import ListConfig
    from arxiv2entry.ids import ArxivId
    from arxiv2entry.lists.files import ListFile
    from arxiv2entry.lists.model import Document, Edit, Lines, Section
    from arxiv2entry.models import Entry
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
        self._bar: Any = None

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
        self._bar = bar

        def advance(n: int) -> None:
            bar.advance(task, n)

        return advance

    def stop_progress(self) -> None:
        """Always called, also on Ctrl-C: a bar left running hides the terminal's cursor."""
        bar, self._bar = self._bar, None
        if bar is not None:
            bar.stop()

    def report(self, report: Report, suffix: str = "") -> bool:
        """Say the run's warnings and each paper's warnings and error; True if any failed."""
        for warning in report.warnings:
            self.warning(warning)
        for outcome in report.outcomes:
            for warning in outcome.warnings:
                self.warning(warning)
            if outcome.error:
                self.error(f"{outcome.key}: {outcome.error}{suffix}")
        return any(o.error for o in report.outcomes)


def fetch_options(f: F) -> F:
    """Options shared by every command that may ask arXiv and the services."""
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
    """Options that change how an entry looks."""
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

    With no command, the arguments are IDs for the `entry` command:
    `arxiv2entry entry --help` shows its options. Each command's --help has examples
    and its exit codes.
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
    no_institution: bool,
    venue: str | None,
    code: str | None,
    project: str | None,
    institution: str | None,
    offline: bool,
    refresh: bool,
    no_enrich: bool,
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
    from arxiv2entry.render import Style
    from arxiv2entry.render import explain as explain_entry

    say = Messages()
    inputs = _read_ids(ids)
    parsed, bad = _parse_ids(inputs, say)
    overrides = Overrides(venue=venue, code=code, project=project, institution=institution)
    if overrides != Overrides() and len({p.id for p in parsed.values()}) > 1:
        say.error(
            "--venue, --code, --project and --institution apply to one paper; "
            f"got {len({p.id for p in parsed.values()})} papers: run once per paper"
        )
        sys.exit(EXIT_USAGE)
    report = _fetch(
        list(parsed.values()),
        say,
        offline=offline,
        refresh=refresh,
        no_enrich=no_enrich,
        overrides=overrides,
        institution=not no_institution,
    )
    failed = say.report(report)
    style = Style(max_authors=max_authors, honors=honors, institution=not no_institution)
    _print_entries(inputs, parsed, bad, report, fmt, style)
    if explain:
        for outcome in report.outcomes:
            if outcome.entry is not None:
                say.info(explain_entry(outcome.entry))
    sys.exit(EXIT_USAGE if bad else EXIT_FAILED if failed else EXIT_OK)


def _parse_ids(raw: list[str], say: Messages) -> tuple[dict[str, ArxivId], dict[str, str]]:
    """Each valid input with its id, and each malformed input with its message (reported
    here, never fetched)."""
    from arxiv2entry.ids import IdError, parse_id

    if not raw:
        say.error(
            "no arXiv IDs given; pass IDs or URLs as arguments, or '-' to read them from stdin"
        )
        sys.exit(EXIT_USAGE)
    parsed: dict[str, ArxivId] = {}
    bad: dict[str, str] = {}
    for text in raw:
        try:
            parsed[text] = parse_id(text)
        except IdError as exc:
            say.error(str(exc))
            bad[text] = str(exc)
    return parsed, bad


def _fetch(
    ids: list[ArxivId],
    say: Messages,
    *,
    offline: bool,
    refresh: bool,
    no_enrich: bool,
    services: Mapping[str, bool] | None = None,
    **kwargs: Any,
) -> Report:
    from dataclasses import replace

    from arxiv2entry.config import ConfigError, load_settings
    from arxiv2entry.pipeline import build_entries

    try:
        settings = load_settings()
    except ConfigError as exc:
        say.error(str(exc))
        sys.exit(EXIT_USAGE)
    if offline:
        settings = replace(settings, offline=True)
    if no_enrich:
        settings = replace(settings, enrich=False)
    if services:  # a list's [services] switches
        on = {name for name in settings.services if services.get(name, True)}
        settings = replace(settings, services=frozenset(on))
    if settings.offline and refresh:
        say.error("--refresh needs the network, and --offline (or ARXIV2ENTRY_OFFLINE) forbids it")
        sys.exit(EXIT_USAGE)
    try:
        return build_entries(ids, settings, refresh=refresh, on_fetch_start=say.progress, **kwargs)
    finally:
        say.stop_progress()


def _read_ids(args: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for arg in args:
        if arg == "-":
            out.extend(sys.stdin.read().split())
        else:
            out.append(arg)
    return out


def _print_entries(
    inputs: list[str],
    parsed: dict[str, ArxivId],
    bad: dict[str, str],
    report: Report,
    fmt: str,
    style: Style,
) -> None:
    """Entries on stdout, in input order, each paper once; everything else went to stderr,
    so the output pipes. JSON has an object for every input, the malformed ones included."""
    from arxiv2entry.render import entry_json, render_entry

    by_key = {o.key: o for o in report.outcomes}
    shown: set[str] = set()
    objects: list[dict[str, Any]] = []
    texts: list[str] = []
    for text in inputs:
        if text in bad:
            objects.append({"id": text, "error": bad[text]})
            continue
        key = parsed[text].id
        if key in shown:
            continue
        shown.add(key)
        outcome = by_key[key]
        if outcome.entry is None:
            objects.append({"id": key, "error": outcome.error})
        elif fmt == "json":
            objects.append(entry_json(outcome.entry, style))
        else:
            texts.append(render_entry(outcome.entry, style))
    if fmt == "json":
        import json

        click.echo(json.dumps(objects, indent=2, ensure_ascii=False))
    elif texts:
        click.echo("\n\n".join(texts))


# ---------------------------------------------------------------------------------------------
# Commands that edit or check a list's README


def _open_list(path: Path, say: Messages) -> tuple[ListFile, Document]:
    from arxiv2entry.config import cache_folder
    from arxiv2entry.lists.files import FileError, read_list
    from arxiv2entry.lists.parse import parse
    from arxiv2entry.lists.parse_cache import ParseCache

    try:
        listfile = read_list(path)
    except FileError as exc:
        say.error(str(exc))
        sys.exit(EXIT_USAGE if exc.usage else EXIT_FAILED)
    with ParseCache(cache_folder()) as memo:
        return listfile, parse(listfile.text, memo)


def _open_lists(
    files: tuple[Path, ...], say: Messages
) -> list[tuple[ListFile, Document, ListConfig]]:
    return [(*_open_list(path, say), _list_config(path, say)) for path in _distinct(files)]


def _entries_for_lists(
    ids: list[ArxivId],
    opened: list[tuple[ListFile, Document, ListConfig]],
    say: Messages,
    suffix: str,
    **fetch: Any,
) -> tuple[dict[str, Entry], bool]:
    """Entries for papers named in lists, with every list's service switches; and whether
    any paper failed (reported, with `suffix` saying what happens to its line)."""
    if not ids:
        return {}, False
    report = _fetch(ids, say, services=_switches(c for _, _, c in opened), **fetch)
    failed = say.report(report, suffix=suffix)
    return {o.key: o.entry for o in report.outcomes if o.entry is not None}, failed


def _switches(configs: Iterable[ListConfig]) -> dict[str, bool]:
    """One run serves all the lists given: a service any of them switches off stays off."""
    off: dict[str, bool] = {}
    for config in configs:
        off.update({name: False for name, on in config.services.items() if not on})
    return off


def _distinct(files: tuple[Path, ...]) -> list[Path]:
    """FILE arguments, README.md by default, each file once however it is named."""
    seen: set[Path] = set()
    out = []
    for path in files or (Path("README.md"),):
        real = path.resolve()
        if real not in seen:
            seen.add(real)
            out.append(path)
    return out


def _list_config(path: Path, say: Messages) -> ListConfig:
    from arxiv2entry.config import ConfigError, load_list_config

    try:
        return load_list_config(path.parent)
    except ConfigError as exc:
        say.error(str(exc))
        sys.exit(EXIT_USAGE)


def _list_style(
    doc: Document,
    config: ListConfig,
    max_authors: int | None,
    honors: bool,
    no_institution: bool,
) -> Style:
    """The list's own conventions, then its config, then the command line."""
    from dataclasses import replace

    from arxiv2entry.lists.style import detect_style

    style = replace(detect_style(doc), **config.style)  # type: ignore[arg-type]
    if max_authors is not None:
        style = replace(style, max_authors=max_authors)
    if no_institution:
        style = replace(style, institution=False)
    return replace(style, honors=True) if honors else style


def _save(
    listfile: ListFile, lines: Lines, edits: Sequence[Edit], dry_run: bool, say: Messages
) -> bool:
    """Make the edits to the list's `lines` (or show them with --dry-run); True when they
    change the file."""
    from arxiv2entry.lists.edit import apply, edited, unchanged
    from arxiv2entry.lists.files import FileError, write_list

    if unchanged(lines.text, edited(lines, edits)):
        return False
    if dry_run:
        _print_diff(listfile, apply(lines.text, edits))
        return True
    try:
        write_list(listfile, edited(lines, edits))
    except FileError as exc:
        say.error(str(exc))
        sys.exit(EXIT_FAILED)
    return True


def _print_diff(listfile: ListFile, new_text: str) -> None:
    import difflib

    from arxiv2entry.lists.model import split_lines

    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    name = str(listfile.path)
    for line in difflib.unified_diff(
        split_lines(listfile.text), split_lines(new_text), f"a/{name}", f"b/{name}"
    ):
        text = line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        if color and line.startswith(("+", "-", "@@")):
            fg = "cyan" if line.startswith("@@") else "green" if line[0] == "+" else "red"
            text = click.style(text.rstrip("\r\n"), fg=fg) + "\n"
        click.echo(text, nl=False)


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
    "backticks and emoji ignored). Without it, the best section by the list's own words.",
)
@click.option("--dry-run", is_flag=True, help="Print the change as a diff; write nothing.")
@style_options
@fetch_options
def add(
    ids: tuple[str, ...],
    readme: Path,
    section: str | None,
    dry_run: bool,
    max_authors: int | None,
    honors: bool,
    no_institution: bool,
    offline: bool,
    refresh: bool,
    no_enrich: bool,
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
    from arxiv2entry.lists.edit import add_entries
    from arxiv2entry.lists.locate import choose_section, find_entry, find_section
    from arxiv2entry.lists.model import SectionError
    from arxiv2entry.render import render_entry

    say = Messages()
    listfile, doc = _open_list(readme, say)
    parsed, bad = _parse_ids(_read_ids(ids), say)
    usage_failed = bool(bad)
    config = _list_config(readme, say)
    try:
        target = find_section(doc, section) if section else None
    except SectionError as exc:
        say.error(str(exc))
        sys.exit(EXIT_USAGE)
    try:
        for name in config.sections:  # a typo in the config is found before any fetch
            find_section(doc, name)
    except SectionError as exc:
        say.error(f"{config.path}: [sections] {exc}")
        sys.exit(EXIT_USAGE)
    wanted = []
    for arxiv_id in parsed.values():
        present = find_entry(doc, arxiv_id.id)
        if present is not None:
            say.info(f"{arxiv_id.id} is already in {readme} at line {present.line}; not added")
        else:
            wanted.append(arxiv_id)
    failed = False
    chosen: dict[int, tuple[Section, list[tuple[str, str]]]] = {}
    if wanted:
        style = _list_style(doc, config, max_authors, honors, no_institution)
        report = _fetch(
            wanted,
            say,
            offline=offline,
            refresh=refresh,
            no_enrich=no_enrich,
            services=config.services,
            institution=style.institution,
        )
        failed = say.report(report)
        for outcome in report.outcomes:
            if outcome.entry is None:
                continue
            paper = outcome.entry.paper
            where = target or choose_section(doc, f"{paper.title} {paper.summary}", config.sections)
            if where is None:
                say.error(
                    f"{paper.id}: cannot tell which section it belongs in; pass --section NAME"
                )
                usage_failed = True
                continue
            chosen.setdefault(where.start, (where, []))[1].append(
                (paper.id, render_entry(outcome.entry, style))
            )
    edits: list[Edit] = []
    done: list[str] = []
    for where, items in chosen.values():
        plan = add_entries(doc, where, items)
        edits.extend(plan.edits)
        for skipped in plan.skipped:
            say.info(f"{skipped.paper_id} is already in {readme} at line {skipped.line}")
        done += [f"{paper_id} under '{'/'.join(where.path)}'" for paper_id in plan.added]
    lines = doc.lines
    del doc  # twice the file's size: let it go before the new text is built (peak memory)
    _save(listfile, lines, edits, dry_run, say)
    for what in done:
        say.info(f"{'would add' if dry_run else 'added'} {what}")
    sys.exit(EXIT_USAGE if usage_failed else EXIT_FAILED if failed else EXIT_OK)


@cli.command(short_help="Replace bare arXiv links in lists with full entries.")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print the changes as a diff; write nothing.")
@style_options
@fetch_options
def expand(
    files: tuple[Path, ...],
    dry_run: bool,
    max_authors: int | None,
    honors: bool,
    no_institution: bool,
    offline: bool,
    refresh: bool,
    no_enrich: bool,
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
    from arxiv2entry.ids import ArxivId
    from arxiv2entry.lists.edit import expand_edits
    from arxiv2entry.lists.locate import find_entry
    from arxiv2entry.render import render_entry

    say = Messages()
    opened = _open_lists(files, say)
    # A paper already listed keeps its bare line (check points at it): nothing to fetch.
    wanted = []
    for listfile, doc, _ in opened:
        for bare in doc.bare_links:
            present = find_entry(doc, bare.paper_id)
            if present is None:
                wanted.append(ArxivId(bare.paper_id))
            else:
                say.info(
                    f"{listfile.path}:{bare.line}: {bare.paper_id} is already at line "
                    f"{present.line}; left as it is"
                )
    changed = False
    entries, failed = _entries_for_lists(
        wanted,
        opened,
        say,
        "; its line is left as it is",
        offline=offline,
        refresh=refresh,
        no_enrich=no_enrich,
    )
    while opened:  # each parsed list is let go before its new text is built (peak memory)
        listfile, doc, config = opened.pop(0)
        style = _list_style(doc, config, max_authors, honors, no_institution)
        replacements = {
            b.line: render_entry(entries[b.paper_id], style)
            for b in doc.bare_links
            if b.paper_id in entries
        }
        plan = expand_edits(doc, replacements)
        for skipped in plan.skipped:
            if find_entry(doc, skipped.paper_id) is None:  # pasted twice; the first expands
                say.info(
                    f"{listfile.path}:{skipped.at}: {skipped.paper_id} is also at line "
                    f"{skipped.line}; left as it is"
                )
        lines = doc.lines
        del doc
        if _save(listfile, lines, plan.edits, dry_run, say):
            changed = True
            verb = "would expand" if dry_run else "expanded"
            say.info(f"{verb} {len(plan.added)} link(s) in {listfile.path}")
    sys.exit(EXIT_FAILED if changed or failed else EXIT_OK)


@cli.command(short_help="Report problems in lists; needs no network.")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: FILE:LINE: message, a line each; json: a list of objects.",
)
def check(files: tuple[Path, ...], fmt: str) -> None:
    """Report problems in lists (FILE defaults to README.md). Needs no network.

    Finds malformed entries (e.g. an institution written as a second venue), entries whose
    link and ID disagree, duplicates (the same paper twice, in any URL form), bare links
    waiting for `expand`, and a missing or extra trailing double space. This is the
    pre-commit hook `arxiv2entry-check`.

    \b
    Examples:
      arxiv2entry check
      arxiv2entry check README.md docs/*.md --format json

    \b
    Exit codes: 0 no findings; 1 findings (or a file that cannot be read); 2 bad usage.
    """
    from arxiv2entry.config import cache_folder
    from arxiv2entry.lists.files import FileError, read_list
    from arxiv2entry.lists.lint import check as check_list
    from arxiv2entry.lists.parse import parse
    from arxiv2entry.lists.parse_cache import ParseCache

    say = Messages()
    found: list[dict[str, object]] = []
    code = EXIT_OK
    with ParseCache(cache_folder()) as memo:
        for path in _distinct(files):
            try:  # one unreadable file must not hide the findings in the others
                doc = parse(read_list(path).text, memo)
            except FileError as exc:
                say.error(str(exc))
                code = max(code, EXIT_USAGE if exc.usage else EXIT_FAILED)
                continue
            for finding in check_list(doc):
                found.append(
                    {
                        "file": str(path),
                        "line": finding.line,
                        "kind": finding.kind,
                        "message": finding.message,
                    }
                )
    if fmt == "json":
        import json

        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
    else:
        for item in found:
            click.echo(f"{item['file']}:{item['line']}: {item['message']}")
    sys.exit(max(code, EXIT_FAILED if found else EXIT_OK))


@cli.command("refresh", short_help="Upgrade arXiv YYYY entries and add missing links.")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print the changes as a diff; write nothing.")
@fetch_options
def refresh_command(
    files: tuple[Path, ...], dry_run: bool, offline: bool, refresh: bool, no_enrich: bool
) -> None:
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
    from arxiv2entry.ids import ArxivId
    from arxiv2entry.lists.refresh import stale_entries, upgrade_edit

    say = Messages()
    opened = _open_lists(files, say)
    stale = {id(doc): stale_entries(doc) for _, doc, _ in opened}
    everything = [s for found in stale.values() for s in found]
    entries, failed = _entries_for_lists(
        [ArxivId(s.paper_id) for s in everything],
        opened,
        say,
        "; its entry is left as it is",
        offline=offline,
        refresh=refresh,
        no_enrich=no_enrich,
        # Only what refresh can write: the venue of an arXiv YYYY entry, missing links.
        wants={
            s.paper_id: frozenset({"venue"} if s.preprint else set())
            | frozenset({"links"} if not (s.code and s.project) else set())
            for s in everything
        },
    )
    while opened:  # each parsed list is let go before its new text is built (peak memory)
        listfile, doc, _ = opened.pop(0)
        edits: list[Edit] = []
        done: list[str] = []
        for s in stale.pop(id(doc)):
            entry = entries.get(s.paper_id)
            if entry is None:
                continue
            known = entry.venue.source not in (None, "fallback")
            edit = upgrade_edit(
                doc,
                s,
                entry.venue.value if known else None,
                entry.code.value,
                entry.project.value,
            )
            if edit is not None:
                edits.append(edit)
                done.append(f"{listfile.path}:{s.index + 1}: {s.paper_id}")
        lines = doc.lines
        del doc
        if _save(listfile, lines, edits, dry_run, say):
            for what in done:
                say.info(f"{'would upgrade' if dry_run else 'upgraded'} {what}")
    sys.exit(EXIT_FAILED if failed else EXIT_OK)
