"""Settings from the environment: every remote endpoint is configurable so that tests (and
mirrors) can point the tool at another server, and the cache can live wherever the user wants."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

# The project's home, in the User-Agent every remote sees (sources/http.py) and in
# pyproject.toml's [project.urls]: one place to change it.
PROJECT_URL = "https://github.com/arxiv2entry/arxiv2entry"
DEFAULT_ARXIV_URL = "https://export.arxiv.org/api/query"
DEFAULT_S2_URL = "https://api.semanticscholar.org"
DEFAULT_DBLP_URL = "https://dblp.org"
DEFAULT_OPENALEX_URL = "https://api.openalex.org"
DEFAULT_HF_URL = "https://huggingface.co"
DEFAULT_FEED_URL = "https://rss.arxiv.org/atom"  # + "/cs.CV+cs.LG": one Atom feed per request
SERVICES = ("semanticscholar", "dblp", "openalex", "huggingface")


class ConfigError(ValueError):
    """An environment variable with a value the tool cannot use."""


@dataclass(frozen=True)
class Settings:
    arxiv_url: str = DEFAULT_ARXIV_URL
    arxiv_delay: float = 3.0  # arXiv's terms: at most one request every three seconds
    timeout: float = 30.0
    retries: int = 3
    cache_dir: Path | None = None
    offline: bool = False
    cache_days: float = 14.0  # a version-less id may gain a new version (and a venue)
    enrich: bool = True
    services: frozenset[str] = frozenset(SERVICES)
    s2_url: str = DEFAULT_S2_URL
    dblp_url: str = DEFAULT_DBLP_URL
    openalex_url: str = DEFAULT_OPENALEX_URL
    hf_url: str = DEFAULT_HF_URL
    # Seconds between requests to one service, within its published limits: Semantic Scholar
    # shares one anonymous pool (and is asked in batches), OpenAlex allows 100/s, Hugging Face
    # 500 per 5 minutes. ARXIV2ENTRY_SERVICE_DELAY sets all three.
    service_delay: float | None = None
    s2_delay: float = 1.0
    openalex_delay: float = 0.1
    hf_delay: float = 0.6
    dblp_delay: float = 3.0  # DBLP answers bursts with an HTML 429 page
    # Seconds the whole enrichment may take (every service, every request); what is not asked
    # by then stays as arXiv says. ARXIV2ENTRY_ENRICH_TIMEOUT.
    enrich_timeout: float = 10.0
    feed_url: str = DEFAULT_FEED_URL


_A_DAY = 86400.0  # no wait, delay or timeout of this tool is meant to be longer


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise ConfigError(f"{name}={raw!r} is not a number of seconds; unset it or use e.g. 3")
    if value > _A_DAY:  # 1e308 overflowed a socket timeout or a sleep (issue 10)
        raise ConfigError(f"{name}={raw!r} is more than a day; unset it or use e.g. 3")
    return value


def _count(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()):
        raise ConfigError(f"{name}={raw!r} is not a whole number; unset it or use e.g. 3")
    if int(raw) > 100:  # 2**tries backoff overflows a float past 1023
        raise ConfigError(f"{name}={raw!r} is more than 100; unset it or use e.g. 3")
    return int(raw)


def _flag(env: Mapping[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("arxiv2entry", appauthor=False))


def cache_folder(env: Mapping[str, str] | None = None) -> Path:
    """ARXIV2ENTRY_CACHE_DIR, else the user's cache folder (`check` needs only this)."""
    env = os.environ if env is None else env
    cache = env.get("ARXIV2ENTRY_CACHE_DIR", "").strip()
    return Path(cache).expanduser() if cache else default_cache_dir()


LOCK_TIMEOUT = 20.0  # seconds a list's writer waits for another one to finish


def lock_timeout(env: Mapping[str, str] | None = None) -> float:
    """ARXIV2ENTRY_LOCK_TIMEOUT: how long `add`, `expand` and `refresh` wait for another run
    writing the same list before giving up (0: do not wait)."""
    env = os.environ if env is None else env
    return _number(env, "ARXIV2ENTRY_LOCK_TIMEOUT", LOCK_TIMEOUT)


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    return Settings(
        arxiv_url=_url(env, "ARXIV2ENTRY_ARXIV_URL", DEFAULT_ARXIV_URL),
        arxiv_delay=_number(env, "ARXIV2ENTRY_ARXIV_DELAY", 3.0),
        timeout=_number(env, "ARXIV2ENTRY_TIMEOUT", 30.0) or 30.0,
        retries=_count(env, "ARXIV2ENTRY_RETRIES", 3),
        cache_dir=cache_folder(env),
        offline=_flag(env, "ARXIV2ENTRY_OFFLINE"),
        enrich=not _flag(env, "ARXIV2ENTRY_NO_ENRICH"),
        s2_url=_url(env, "ARXIV2ENTRY_S2_URL", DEFAULT_S2_URL),
        dblp_url=_url(env, "ARXIV2ENTRY_DBLP_URL", DEFAULT_DBLP_URL),
        openalex_url=_url(env, "ARXIV2ENTRY_OPENALEX_URL", DEFAULT_OPENALEX_URL),
        hf_url=_url(env, "ARXIV2ENTRY_HF_URL", DEFAULT_HF_URL),
        service_delay=_number(env, "ARXIV2ENTRY_SERVICE_DELAY", -1.0)
        if env.get("ARXIV2ENTRY_SERVICE_DELAY", "").strip()
        else None,
        dblp_delay=_number(env, "ARXIV2ENTRY_DBLP_DELAY", 3.0),
        enrich_timeout=_number(env, "ARXIV2ENTRY_ENRICH_TIMEOUT", 10.0) or 10.0,
        feed_url=_url(env, "ARXIV2ENTRY_FEED_URL", DEFAULT_FEED_URL),
    )


def _url(env: Mapping[str, str], name: str, default: str) -> str:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not re.fullmatch(r"https?://[^\s/?#]+(?:/[^\s?#]*)?", raw) or not _port_ok(raw):
        raise ConfigError(
            f"{name}={raw!r} is not an http(s) URL without query; unset it or use e.g. {default}"
        )
    return raw.rstrip("/")


def _port_ok(url: str) -> bool:
    """`http://host:99999` looks like a URL but no request can be sent to it: a typo in the
    setting, told as one (exit 2), not a network failure later (exit 1)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    try:
        return bool(parts.hostname) and (parts.port is None or parts.port > 0)
    except ValueError:  # a port out of range, or not a number
        return False


LIST_CONFIG = ".arxiv2entry.toml"
_STYLE_KEYS = {
    "bullet": str,
    "indent": str,
    "and_before_last": bool,
    "scheme": str,
    "max_authors": int,
    "honors": bool,
    "institution": bool,
    "shape": str,  # a preset of data/shapes.toml or a template; read by the list commands
}


@dataclass(frozen=True)
class ListConfig:
    """A list's own settings, from `.arxiv2entry.toml` beside its README: they make the tool
    follow that list's conventions without options on every call."""

    path: Path | None = None
    style: Mapping[str, object] = field(default_factory=dict)  # render.Style fields
    sections: Mapping[str, list[str]] = field(default_factory=dict)  # heading -> keywords
    services: Mapping[str, bool] = field(default_factory=dict)  # service -> on/off
    check_ignore: tuple[str, ...] = ()  # finding codes or names `check` does not report


_TABLES = ("style", "sections", "services", "check")


def load_list_config(folder: Path) -> ListConfig:
    import tomllib

    path = folder / LIST_CONFIG
    if not path.is_file():
        return ListConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read it ({exc}); fix or remove the file") from None
    for name in data:
        if name not in _TABLES:  # a typo must not be ignored silently (issue 10)
            import difflib

            near = difflib.get_close_matches(name, _TABLES, n=1)
            hint = f"did you mean [{near[0]}]? " if near else ""
            raise ConfigError(f"{path}: unknown table [{name}]; {hint}known: {', '.join(_TABLES)}")
    style = data.get("style", {})
    if not isinstance(style, dict):
        raise ConfigError(f"{path}: [style] must be a table")
    for key, value in style.items():
        kind = _STYLE_KEYS.get(key)
        if kind is None:
            raise ConfigError(
                f"{path}: unknown [style] key {key!r}; known: {', '.join(_STYLE_KEYS)}"
            )
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ConfigError(f"{path}: [style] {key} must be a {kind.__name__}")
    if style.get("scheme", "https") not in {"http", "https"}:
        raise ConfigError(f"{path}: [style] scheme must be 'http' or 'https'")
    if style.get("bullet", "- ") not in {"- ", "* ", "+ ", ""}:
        raise ConfigError(f"{path}: [style] bullet must be '- ', '* ', '+ ' or ''")
    if str(style.get("indent", "")).strip(" \t"):
        raise ConfigError(f"{path}: [style] indent must be spaces or tabs")
    if int(style.get("max_authors", 1)) < 1:
        raise ConfigError(f"{path}: [style] max_authors must be 1 or more")
    sections = data.get("sections", {})
    if not isinstance(sections, dict) or not all(
        isinstance(v, list) and all(isinstance(w, str) for w in v) for v in sections.values()
    ):
        raise ConfigError(
            f'{path}: [sections] maps a heading to a list of keywords, e.g. Voxel = ["voxel"]'
        )
    services = data.get("services", {})
    if not isinstance(services, dict) or not all(
        key in SERVICES and isinstance(value, bool) for key, value in services.items()
    ):
        raise ConfigError(
            f"{path}: [services] switches services on or off, e.g. dblp = false; "
            f"known: {', '.join(SERVICES)}"
        )
    check = data.get("check", {})
    ignore = check.get("ignore", []) if isinstance(check, dict) else None
    if (
        not isinstance(check, dict)
        or set(check) - {"ignore"}
        or not isinstance(ignore, list)
        or not all(isinstance(code, str) for code in ignore)
    ):
        raise ConfigError(f'{path}: [check] takes ignore = ["CODE", ...], e.g. ["AE201"]')
    return ListConfig(path, style, sections, services, tuple(ignore))
