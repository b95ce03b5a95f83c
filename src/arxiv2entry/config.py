"""Settings from the environment: every remote endpoint is configurable so that tests (and
mirrors) can point the tool at another server, and the cache can live wherever the user wants."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_ARXIV_URL = "https://export.arxiv.org/api/query"


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


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(
            f"{name}={raw!r} is not a number of seconds; unset it or use e.g. 3"
        ) from None
    if value < 0:
        raise ConfigError(f"{name}={raw!r} is negative; use 0 or more")
    return value


def _flag(env: Mapping[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("arxiv2entry", appauthor=False))


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    cache = env.get("ARXIV2ENTRY_CACHE_DIR", "").strip()
    return Settings(
        arxiv_url=env.get("ARXIV2ENTRY_ARXIV_URL", "").strip() or DEFAULT_ARXIV_URL,
        arxiv_delay=_number(env, "ARXIV2ENTRY_ARXIV_DELAY", 3.0),
        timeout=_number(env, "ARXIV2ENTRY_TIMEOUT", 30.0) or 30.0,
        retries=int(_number(env, "ARXIV2ENTRY_RETRIES", 3)),
        cache_dir=Path(cache).expanduser() if cache else default_cache_dir(),
        offline=_flag(env, "ARXIV2ENTRY_OFFLINE"),
    )
