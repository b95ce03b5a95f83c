"""The `entry` command: the entry of each paper given, for stdout."""

from __future__ import annotations

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
    from arxiv2entry.ids import ArxivId
    from arxiv2entry.pipeline import Overrides, Report
    from arxiv2entry.render import Style


def make_entries(
    inputs: list[str],
    say: Reporter,
    *,
    fmt: str,
    look: LookOptions,
    overrides: Overrides,
    how: FetchOptions,
    explain: bool,
) -> Outcome:
    """The `entry` command: the entry of each input, in input order, each paper once."""
    from arxiv2entry.commands.lists import list_config
    from arxiv2entry.pipeline import Overrides
    from arxiv2entry.render import Style, link_target
    from arxiv2entry.render import explain as explain_entry

    for flag, value in (("--code", overrides.code), ("--project", overrides.project)):
        if value is not None and link_target(value) is None:
            raise Stop(
                f"{flag} {value!r} is not a link an entry can hold; give the full http(s) URL, "
                "e.g. https://github.com/NVlabs/eg3d",
                usage=True,
            )
    parsed, bad = parse_ids(inputs, say)
    papers = len({p.id for p in parsed.values()})
    if overrides != Overrides() and papers > 1:
        raise Stop(
            "--venue, --code, --project and --institution apply to one paper; "
            f"got {papers} papers: run once per paper",
            usage=True,
        )
    # A list's folder has its own switches ([services] dblp = false): the warnings say so,
    # so they hold here too.
    config = list_config(Path("README.md"))
    found = fetch(
        list(parsed.values()),
        say,
        how,
        services=config.services,
        overrides=overrides,
        institution=not look.no_institution,
    )
    failed = report(say, found)
    style = Style(
        max_authors=look.max_authors, honors=look.honors, institution=not look.no_institution
    )
    output = format_entries(inputs, parsed, bad, found, fmt, style)
    if explain:
        for outcome in found.outcomes:
            if outcome.entry is not None:
                say.info(explain_entry(outcome.entry))
        for note in found.notes:  # the services not asked this run, and why
            say.info(note)
    return Outcome(bad_input=bool(bad), failed=failed, output=output)


def format_entries(
    inputs: list[str],
    parsed: dict[str, ArxivId],
    bad: dict[str, str],
    report: Report,
    fmt: str,
    style: Style,
) -> str:
    """Entries for stdout, in input order, each paper once; everything else went to stderr,
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

        return json.dumps(objects, indent=2, ensure_ascii=False)
    return "\n\n".join(texts)
