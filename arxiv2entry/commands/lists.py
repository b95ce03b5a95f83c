"""The commands that keep a list: `add`, `expand`, `check` and `refresh`, and what they share
(opening a list with its config and style, fetching for several lists at once, saving or
showing the change).

A command that writes plans its change on the list as read, fetches without holding anything
(a slow network blocks no one), then takes the list's lock, reads it again and, when another
run wrote it meanwhile, plans again on what that run wrote: two runs on one list both get their
change in (issue 10). What a plan has to say is said once, for the plan that is written."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from arxiv2entry.commands.common import (
    FetchOptions,
    LookOptions,
    Outcome,
    Reporter,
    Stop,
    fetch,
    parse_ids,
    report,
)

if TYPE_CHECKING:
    from arxiv2entry.config import ListConfig
    from arxiv2entry.ids import ArxivId
    from arxiv2entry.lists.files import ListFile
    from arxiv2entry.lists.model import Document, Edit, Finding, Lines, Section
    from arxiv2entry.lists.refresh import Stale
    from arxiv2entry.lists.shapes import Choice
    from arxiv2entry.models import Entry, Paper
    from arxiv2entry.render import Style


def open_list(path: Path) -> tuple[ListFile, Document]:
    """The list file and its parse (sections the parse cache knows are not parsed again)."""
    from arxiv2entry.lists.files import FileError, read_list

    try:
        listfile = read_list(path)
    except FileError as exc:
        raise Stop(str(exc), usage=exc.usage) from None
    return listfile, _parse(listfile)


def _parse(listfile: ListFile) -> Document:
    from arxiv2entry.config import cache_folder
    from arxiv2entry.lists.parse import parse
    from arxiv2entry.lists.parse_cache import ParseCache

    with ParseCache(cache_folder()) as memo:
        return parse(listfile.text, memo)


def lock_wait(dry_run: bool) -> float:
    """How long to wait for another run writing the same list (ARXIV2ENTRY_LOCK_TIMEOUT); read
    before anything is fetched, so that a bad value costs no request."""
    from arxiv2entry.config import ConfigError, lock_timeout

    if dry_run:
        return 0.0
    try:
        return lock_timeout()
    except ConfigError as exc:
        raise Stop(str(exc), usage=True) from None


def list_config(path: Path) -> ListConfig:
    """The `.arxiv2entry.toml` beside the list, or the defaults."""
    from arxiv2entry.config import ConfigError, load_list_config

    try:
        config = load_list_config(path.parent)
    except ConfigError as exc:
        raise Stop(str(exc), usage=True) from None
    configured_shape(config)  # a bad template is found before any fetch
    return config


def configured_shape(config: ListConfig) -> str | None:
    """The `[style] shape` of the list's config (a preset's name or a template), or None."""
    from arxiv2entry.shape import ShapeError, shape

    value = config.style.get("shape")
    if value is None:
        return None
    try:
        shape(str(value))
    except ShapeError as exc:
        raise Stop(f"{config.path}: [style] {exc}", usage=True) from None
    return str(value)


def _shape_or_stop(path: Path, choice: Choice) -> str:
    """The shape chosen for a place in a list; a place whose list or section is in no known
    shape stops the command: nothing is written into a list the tool cannot read."""
    from arxiv2entry.lists.shapes import refusal

    if choice.shape is None:
        raise Stop(refusal(path, choice), usage=True)
    return choice.shape


def distinct(files: Sequence[Path]) -> list[Path]:
    """FILE arguments, README.md by default, each file once however it is named."""
    seen: set[Path] = set()
    out = []
    for path in files or (Path("README.md"),):
        real = path.resolve()
        if real not in seen:
            seen.add(real)
            out.append(path)
    return out


Opened = tuple["ListFile", "Document", "ListConfig"]


def _open_lists(files: Sequence[Path]) -> list[Opened]:
    return [(*open_list(path), list_config(path)) for path in distinct(files)]


def _switches(configs: Iterable[ListConfig]) -> dict[str, bool]:
    """One run serves all the lists given: a service any of them switches off stays off."""
    off: dict[str, bool] = {}
    for config in configs:
        off.update({name: False for name, on in config.services.items() if not on})
    return off


def _entries_for_lists(
    ids: list[ArxivId],
    opened: list[Opened],
    say: Reporter,
    suffix: str,
    how: FetchOptions,
    **kwargs: Any,
) -> tuple[dict[str, Entry], bool]:
    """Entries for papers named in lists, with every list's service switches; and whether
    any paper failed (reported, with `suffix` saying what happens to its line)."""
    if not ids:
        return {}, False
    found = fetch(ids, say, how, services=_switches(c for _, _, c in opened), **kwargs)
    failed = report(say, found, suffix=suffix)
    return {o.key: o.entry for o in found.outcomes if o.entry is not None}, failed


def list_style(doc: Document, config: ListConfig, look: LookOptions) -> Style:
    """The list's own conventions, then its config, then the command line."""
    from dataclasses import replace

    from arxiv2entry.lists.style import detect_style

    style = replace(detect_style(doc), **config.style)  # type: ignore[arg-type]
    if look.max_authors is not None:
        style = replace(style, max_authors=look.max_authors)
    if look.no_institution:
        style = replace(style, institution=False)
    return replace(style, honors=True) if look.honors else style


@dataclass
class Plan:
    """One list's change, planned on one reading of it (`listfile`, whose `lines` the edits
    are to): the edits, the notes to say once this is the plan written ((is it an error, text)),
    what is done, for after the write, and whether the user has something to fix."""

    listfile: ListFile
    lines: Lines
    edits: list[Edit] = field(default_factory=list)
    notes: list[tuple[bool, str]] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    bad_input: bool = False
    changed: bool = False


Planner = Callable[["ListFile", "Document"], Plan]


def _say_notes(say: Reporter, plan: Plan) -> None:
    for is_error, text in plan.notes:
        (say.error if is_error else say.info)(text)


def save(
    plan: Plan,
    replan: Planner,
    dry_run: bool,
    wait: float,
    say: Reporter,
    instead: str = "use --dry-run",
) -> Plan:
    """Make the plan's edits (or show them with --dry-run), under the list's lock; when another
    run wrote the list since it was read, `replan` on what it wrote. The plan written (or
    shown) comes back; `changed` says whether it changed the file. `instead` is the other way
    a read-only list can be met, for the message."""
    from arxiv2entry.lists.diff import unified_diff
    from arxiv2entry.lists.edit import edited, unchanged
    from arxiv2entry.lists.files import FileError, lock_list, read_locked, write_list

    if dry_run:
        _say_notes(say, plan)
        shown = list(unified_diff(plan.lines, plan.edits, str(plan.listfile.path)))
        if shown:
            say.diff(shown)
            plan.changed = True
        return plan
    if unchanged(plan.lines.text, edited(plan.lines, plan.edits)):
        _say_notes(say, plan)
        return plan
    path = plan.listfile.path
    try:
        with lock_list(path, wait) as held:
            if held.warning:
                say.warning(held.warning)
            for name in held.removed:
                say.info(f"removed {name}, left beside {path} by an interrupted run")
            now = read_locked(path)
            if now.digest != plan.listfile.digest:  # another run wrote it: plan on its text
                del plan  # the old text and its plan go before the new are made (peak memory)
                plan = replan(now, _parse(now))
            _say_notes(say, plan)
            if not unchanged(plan.lines.text, edited(plan.lines, plan.edits)):
                write_list(plan.listfile, edited(plan.lines, plan.edits), wait)
                plan.changed = True
    except FileError as exc:
        raise Stop(f"{exc} or {instead}" if exc.read_only else str(exc), usage=exc.usage) from None
    return plan


# ---------------------------------------------------------------------------------------------
# The list commands


def add(
    inputs: list[str],
    readme: Path,
    section: str | None,
    say: Reporter,
    *,
    dry_run: bool,
    look: LookOptions,
    how: FetchOptions,
) -> Outcome:
    """Add papers under `section` of the list (or the section its words fit best)."""
    from dataclasses import replace

    from arxiv2entry.lists.choose import candidates, section_chooser
    from arxiv2entry.lists.edit import add_entries
    from arxiv2entry.lists.locate import find_entry, find_section
    from arxiv2entry.lists.model import SectionError
    from arxiv2entry.lists.shapes import Shapes
    from arxiv2entry.render import render_entry

    listfile, doc = open_list(readme)
    parsed, bad = parse_ids(inputs, say)
    done = Outcome(bad_input=bool(bad))
    config = list_config(readme)
    wait = lock_wait(dry_run)
    shaped = configured_shape(config)
    try:
        if section:  # a typo, or a section in no known shape, is found before any fetch
            _shape_or_stop(readme, Shapes(doc, shaped).at(find_section(doc, section)))
    except SectionError as exc:
        raise Stop(str(exc), usage=True) from None
    if shaped is None and Shapes(doc).whole().unknown:
        from arxiv2entry.lists.shapes import Choice

        _shape_or_stop(readme, Choice(None, "in the list", Shapes(doc).whole()))
    try:
        for name in config.sections:  # a typo in the config is found before any fetch
            find_section(doc, name)
    except SectionError as exc:
        raise Stop(f"{config.path}: [sections] {exc}", usage=True) from None
    wanted = []
    for arxiv_id in parsed.values():
        present = find_entry(doc, arxiv_id.id)
        if present is not None:
            say.info(f"{arxiv_id.id} is already in {readme} at line {present.line}; not added")
        else:
            wanted.append(arxiv_id)
    fetched: list[Entry] = []
    if wanted:
        style = list_style(doc, config, look)
        found = fetch(wanted, say, how, services=config.services, institution=style.institution)
        done.failed = report(say, found)
        fetched = [o.entry for o in found.outcomes if o.entry is not None]
    known = _known_abstracts(doc) if fetched and not section else {}

    def plan(listfile: ListFile, doc: Document) -> Plan:
        """Where each fetched paper goes in the list as `doc` has it."""
        planned = Plan(listfile, doc.lines)
        if not fetched:
            return planned
        try:
            target = find_section(doc, section) if section else None
        except SectionError as exc:  # the heading was changed meanwhile
            raise Stop(str(exc), usage=True) from None
        style = list_style(doc, config, look)
        shapes = Shapes(doc, shaped)
        choose = None if target else section_chooser(doc, config.sections, known)
        chosen: dict[int, tuple[Section, list[tuple[str, str]]]] = {}
        for entry in fetched:
            paper = entry.paper
            choice = choose(about(paper)) if choose else None
            where = target or (choice.section if choice else None)
            if where is None:
                best = candidates(doc, choice) if choice else ""
                planned.notes.append(
                    (
                        True,
                        f"{paper.id}: cannot tell which section it belongs in; "
                        f"{f'best: {best}; ' if best else ''}pass --section NAME",
                    )
                )
                planned.bad_input = True
                continue
            here = replace(style, shape=_shape_or_stop(readme, shapes.at(where)))
            chosen.setdefault(where.start, (where, []))[1].append(
                (paper.id, render_entry(entry, here))
            )
        for where, items in chosen.values():
            added = add_entries(doc, where, items)
            planned.edits.extend(added.edits)
            for skipped in added.skipped:
                planned.notes.append(
                    (False, f"{skipped.paper_id} is already in {readme} at line {skipped.line}")
                )
            planned.done += [f"{pid} under '{'/'.join(where.path)}'" for pid in added.added]
        return planned

    first = plan(listfile, doc)
    del doc  # twice the file's size: let it go before the new text is built (peak memory)
    written = save(first, plan, dry_run, wait, say)
    done.changed = written.changed
    done.bad_input |= written.bad_input
    for what in written.done:
        say.info(f"{'would add' if dry_run else 'added'} {what}")
    return done


def about(paper: Paper) -> str:
    """What a paper is about, as the section chooser reads it."""
    return f"{paper.title}\n{paper.summary}"


def _known_abstracts(doc: Document) -> dict[str, str]:
    """What the papers already in the list are about, where the cache has their records
    (stale ones too: an abstract does not go out of date); nothing is fetched for this."""
    from arxiv2entry.config import cache_folder
    from arxiv2entry.sources.cache import Cache

    ids = [e.paper_id for e in doc.entries if e.paper_id]
    if not ids:
        return {}
    cache = Cache(cache_folder())
    try:
        return {key: about(p) for key, p in cache.get(ids, allow_stale=True).items()}
    finally:
        cache.close()


def expand(
    files: Sequence[Path], say: Reporter, *, dry_run: bool, look: LookOptions, how: FetchOptions
) -> Outcome:
    """Replace each bare arXiv link in the lists with the paper's entry."""
    from dataclasses import replace

    from arxiv2entry.ids import ArxivId
    from arxiv2entry.lists.edit import expand_edits
    from arxiv2entry.lists.locate import find_entry
    from arxiv2entry.lists.shapes import Shapes
    from arxiv2entry.render import render_entry

    opened = _open_lists(files)
    # A paper already listed keeps its bare line (check points at it): nothing to fetch.
    wanted = []
    for listfile, doc, config in opened:
        for table in doc.table_links:
            say.warning(
                f"{listfile.path}:{table.line}: {table.paper_id} is on a line between the rows "
                "of a table (a row of it on GitHub); left as it is: write it as a row of the table"
            )
        shapes = Shapes(doc, configured_shape(config))
        for bare in doc.bare_links:
            present = find_entry(doc, bare.paper_id)
            if present is None:
                _shape_or_stop(listfile.path, shapes.at_line(bare.index))
                wanted.append(ArxivId(bare.paper_id))
            else:
                say.info(
                    f"{listfile.path}:{bare.line}: {bare.paper_id} is already at line "
                    f"{present.line}; left as it is"
                )
    done = Outcome()
    wait = lock_wait(dry_run)
    entries, done.failed = _entries_for_lists(
        wanted, opened, say, "; its line is left as it is", how
    )

    def planner(config: ListConfig) -> Planner:
        def plan(listfile: ListFile, doc: Document) -> Plan:
            """Each bare link of `doc` whose paper was fetched, replaced with its entry."""
            style = list_style(doc, config, look)
            shapes = Shapes(doc, configured_shape(config))
            replacements = {
                b.line: render_entry(
                    entries[b.paper_id],
                    replace(style, shape=_shape_or_stop(listfile.path, shapes.at_line(b.index))),
                )
                for b in doc.bare_links
                if b.paper_id in entries
            }
            expanded = expand_edits(doc, replacements)
            planned = Plan(listfile, doc.lines, list(expanded.edits))
            for skipped in expanded.skipped:
                if find_entry(doc, skipped.paper_id) is None:  # pasted twice; the first expands
                    planned.notes.append(
                        (
                            False,
                            f"{listfile.path}:{skipped.at}: {skipped.paper_id} is also at line "
                            f"{skipped.line}; left as it is",
                        )
                    )
            planned.done.append(f"{len(expanded.added)} link(s) in {listfile.path}")
            return planned

        return plan

    while opened:  # each parsed list is let go before its new text is built (peak memory)
        listfile, doc, config = opened.pop(0)
        plan = planner(config)
        first = plan(listfile, doc)
        del doc
        written = save(first, plan, dry_run, wait, say)
        if written.changed:
            done.changed = True
            verb = "would expand" if dry_run else "expanded"
            for what in written.done:
                say.info(f"{verb} {what}")
    return done


def check(
    files: Sequence[Path],
    say: Reporter,
    *,
    ignore: Sequence[str] = (),
    fix: bool = False,
) -> Outcome:
    """The findings in each list, each with its rule's code and severity, less the kinds the
    list's `[check] ignore` or `ignore` silence; with `fix`, the mechanical ones are repaired
    first (under the list's lock, like any write) and what remains is reported. A file that
    cannot be read is reported and skipped, so it does not hide the findings in the others."""
    from arxiv2entry.config import cache_folder
    from arxiv2entry.lists.files import FileError, read_list
    from arxiv2entry.lists.parse import parse
    from arxiv2entry.lists.parse_cache import ParseCache
    from arxiv2entry.lists.shapes import unknown_shape

    silenced = _ignored(ignore, "--ignore")
    wait = lock_wait(dry_run=not fix)
    done = Outcome()
    with ParseCache(cache_folder()) as memo:
        for path in distinct(files):
            config = list_config(path)
            off = silenced | _ignored(config.check_ignore, f"{config.path}: [check] ignore")
            try:
                listfile = read_list(path)
                doc = parse(listfile.text, memo)
                if fix:
                    written = save(
                        _fix_plan(listfile, doc, off),
                        _fixer(off),
                        False,
                        wait,
                        say,
                        instead="run check without --fix",
                    )
                    if written.changed:
                        say.info(f"fixed {written.done[0]} in {path}")
                        listfile = read_list(path)  # what is left, as the file now is
                        doc = parse(listfile.text, memo)
            except FileError as exc:
                say.error(str(exc))
                if exc.usage:
                    done.bad_input = True
                else:
                    done.failed = True
                continue
            note = unknown_shape(doc, configured_shape(config))
            if note is not None:
                say.warning(f"{path}: {note}")
            for finding in _findings(doc, off):
                done.findings.append(
                    {
                        "file": str(path),
                        "line": finding.line,
                        "code": finding.code,
                        "severity": finding.severity,
                        "kind": finding.kind,
                        "message": finding.message,
                    }
                )
    return done


def _ignored(patterns: Sequence[str], where: str) -> frozenset[str]:
    """The rule names `patterns` silence; one that names no rule is a usage error."""
    from arxiv2entry.lists.rules import select

    chosen, unknown = select(list(patterns))
    if unknown:
        raise Stop(
            f"{where}: no finding code or name {unknown[0]!r}; "
            "see `arxiv2entry check --help` for the codes",
            usage=True,
        )
    return chosen


def _findings(doc: Document, off: frozenset[str]) -> list[Finding]:
    from arxiv2entry.lists.lint import check as check_list

    return [f for f in check_list(doc) if f.kind not in off]


def _fix_plan(listfile: ListFile, doc: Document, off: frozenset[str]) -> Plan:
    """Each fixable finding's line, its end rewritten; `done` says how many of which code."""
    from collections import Counter

    from arxiv2entry.lists.model import Edit, _ending

    plan = Plan(listfile, doc.lines)
    fixed: Counter[str] = Counter()
    lines: set[int] = set()
    for f in _findings(doc, off):
        if f.fix is None or f.line in lines:
            continue
        lines.add(f.line)
        ending = _ending(doc.lines[f.line - 1])
        plan.edits.append(Edit(f.line - 1, f.line, (f.fix + ending,)))
        fixed[f.code] += 1
    count = sum(fixed.values())
    kinds = ", ".join(f"{code} x{n}" for code, n in sorted(fixed.items()))
    plan.done.append(f"{count} finding{'s' if count != 1 else ''} ({kinds})")
    return plan


def _fixer(off: frozenset[str]) -> Planner:
    return lambda listfile, doc: _fix_plan(listfile, doc, off)


def refresh(files: Sequence[Path], say: Reporter, *, dry_run: bool, how: FetchOptions) -> Outcome:
    """Upgrade the `arXiv YYYY` entries whose venue is now known, and add missing links."""
    from arxiv2entry.ids import ArxivId
    from arxiv2entry.lists.refresh import stale_entries, upgrade_edit
    from arxiv2entry.lists.shapes import known_shapes

    opened = _open_lists(files)
    stale = {
        id(doc): stale_entries(doc, known_shapes(configured_shape(config)))
        for _, doc, config in opened
    }
    everything = [s for found in stale.values() for s in found]
    done = Outcome()
    wait = lock_wait(dry_run)
    entries, done.failed = _entries_for_lists(
        [ArxivId(s.paper_id) for s in everything],
        opened,
        say,
        "; its entry is left as it is",
        how,
        # Only what refresh can write: the venue of an arXiv YYYY entry, missing links.
        wants={
            s.paper_id: frozenset({"venue"} if s.preprint else set())
            | frozenset({"links"} if not (s.code and s.project) else set())
            for s in everything
        },
    )

    def plan(listfile: ListFile, doc: Document, found: list[Stale] | None = None) -> Plan:
        """The upgrade of each stale entry of `doc` whose paper now has a venue or a link."""
        planned = Plan(listfile, doc.lines)
        if found is None:  # the list changed while the papers were fetched: read it again
            found = stale_entries(doc, known_shapes(configured_shape(list_config(listfile.path))))
        for s in found:
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
                planned.edits.append(edit)
                planned.done.append(f"{listfile.path}:{edit.start + 1}: {s.paper_id}")
        return planned

    while opened:  # each parsed list is let go before its new text is built (peak memory)
        listfile, doc, _ = opened.pop(0)
        first = plan(listfile, doc, stale.pop(id(doc)))
        del doc
        written = save(first, plan, dry_run, wait, say)
        if written.changed:
            done.changed = True
            for what in written.done:
                say.info(f"{'would upgrade' if dry_run else 'upgraded'} {what}")
    return done
