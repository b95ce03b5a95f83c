"""What every command shares: the `Reporter` it talks to, the `Stop` it raises, the option
bundles it takes, the `Outcome` it returns, and turning inputs into fetched papers."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from arxiv2entry.config import Settings
    from arxiv2entry.ids import ArxivId
    from arxiv2entry.pipeline import Report


STDIN_LIMIT = 10_000_000  # bytes of IDs read from stdin: 500,000 IDs and more


class Reporter(Protocol):
    """Where a command's messages go while it works (the command line: `console.Messages`)."""

    def error(self, text: str) -> None: ...

    def warning(self, text: str) -> None: ...

    def info(self, text: str) -> None: ...

    def progress(self, total: int, source: str = "arXiv") -> Callable[[int], None] | None: ...

    def stop_progress(self) -> None: ...

    def diff(self, lines: Iterable[str]) -> None: ...


class Stop(Exception):
    """The command cannot go on. `usage`: the user asked for something wrong (exit 2), else
    the work failed (exit 1). The message is one line that names the input and the fix."""

    def __init__(self, message: str, usage: bool) -> None:
        super().__init__(message)
        self.usage = usage


@dataclass(frozen=True)
class FetchOptions:
    """How papers are fetched: the `--offline`, `--refresh` and `--no-enrich` switches."""

    offline: bool = False
    refresh: bool = False
    no_enrich: bool = False


@dataclass(frozen=True)
class LookOptions:
    """How an entry looks: `--max-authors`, `--honors`, `--no-institution`."""

    max_authors: int | None = None
    honors: bool = False
    no_institution: bool = False


@dataclass
class Outcome:
    """What a command did, for the command line to pick the exit code from."""

    bad_input: bool = False  # a malformed ID, a paper no section fits: the user's to fix
    failed: bool = False  # a paper could not be fetched, a file could not be read or written
    changed: bool = False  # a list was changed (or would be, with --dry-run)
    output: str = ""  # what goes to stdout
    findings: list[dict[str, object]] = field(default_factory=list)


def read_ids(args: Iterable[str]) -> list[str]:
    """The inputs as typed; `-` stands for whitespace-separated inputs on stdin."""
    out: list[str] = []
    for arg in args:
        if arg == "-":
            out.extend(_stdin().split())
        else:
            out.append(arg)
    return out


def _stdin() -> str:
    """All of stdin, or a `Stop` that says why not (closed, unreadable, not UTF-8)."""
    if sys.stdin is None:  # `arxiv2entry - <&-`
        raise Stop(
            "'-' reads IDs from stdin, but stdin is closed; pipe the IDs in or pass them as "
            "arguments",
            usage=True,
        )
    binary = getattr(sys.stdin, "buffer", None)  # bytes: a stray byte is a message, not a crash
    try:
        if binary is None:
            return sys.stdin.read(STDIN_LIMIT)
        data: bytes = binary.read(STDIN_LIMIT + 1)
    except OSError as exc:  # e.g. `arxiv2entry - < /` (a folder)
        raise Stop(f"cannot read IDs from stdin ({exc.strerror})", usage=False) from None
    if len(data) > STDIN_LIMIT:  # `arxiv2entry - < /dev/zero` must not eat the machine
        raise Stop(
            f"stdin holds more than {STDIN_LIMIT // 1_000_000} MB; give the IDs in smaller "
            "pieces",
            usage=True,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Stop(
            f"stdin is not UTF-8 (byte {exc.start}); give the IDs as UTF-8 text", usage=True
        ) from None


def parse_ids(raw: list[str], say: Reporter) -> tuple[dict[str, ArxivId], dict[str, str]]:
    """Each valid input with its id, and each malformed input with its message (reported
    here, never fetched)."""
    from arxiv2entry.ids import IdError, parse_id

    if not raw:
        raise Stop(
            "no arXiv IDs given; pass IDs or URLs as arguments, or '-' to read them from stdin",
            usage=True,
        )
    parsed: dict[str, ArxivId] = {}
    bad: dict[str, str] = {}
    for text in raw:
        try:
            parsed[text] = parse_id(text)
        except IdError as exc:
            say.error(str(exc))
            bad[text] = str(exc)
    return parsed, bad


def settings_for(how: FetchOptions, services: Mapping[str, bool] | None = None) -> Settings:
    """The environment's settings with the command line's switches and a list's [services]."""
    from dataclasses import replace

    from arxiv2entry.config import ConfigError, load_settings

    try:
        settings = load_settings()
    except ConfigError as exc:
        raise Stop(str(exc), usage=True) from None
    if how.offline:
        settings = replace(settings, offline=True)
    if how.no_enrich:
        settings = replace(settings, enrich=False)
    if services:  # a list's [services] switches
        on = {name for name in settings.services if services.get(name, True)}
        settings = replace(settings, services=frozenset(on))
    if settings.offline and how.refresh:
        raise Stop(
            "--refresh needs the network, and --offline (or ARXIV2ENTRY_OFFLINE) forbids it",
            usage=True,
        )
    return settings


def fetch(
    ids: list[ArxivId],
    say: Reporter,
    how: FetchOptions,
    *,
    services: Mapping[str, bool] | None = None,
    **kwargs: Any,
) -> Report:
    """Entries for `ids` from the cache, arXiv and the services, as the switches allow."""
    from arxiv2entry.pipeline import build_entries

    settings = settings_for(how, services)
    try:
        return build_entries(
            ids,
            settings,
            refresh=how.refresh,
            on_fetch_start=say.progress,
            on_ask=lambda source, total: say.progress(total, source),
            **kwargs,
        )
    finally:
        say.stop_progress()


def report(say: Reporter, report: Report, suffix: str = "") -> bool:
    """Say the run's warnings and each paper's warnings and error; True if any failed."""
    for warning in report.warnings:
        say.warning(warning)
    for outcome in report.outcomes:
        for warning in outcome.warnings:
            say.warning(warning)
        if outcome.error:
            say.error(f"{outcome.key}: {outcome.error}{suffix}")
    return any(o.error for o in report.outcomes)
