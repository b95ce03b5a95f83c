"""arXiv's daily announcement feeds: what was announced today in some categories.

`https://rss.arxiv.org/atom/cs.CV+cs.LG` answers one Atom document for several categories: an
entry per paper with its id (`oai:arXiv.org:IDvN`), title, authors as one comma-separated
string, the abstract after `Announce Type: T \\nAbstract: `, its categories, and an announce
type (`new`, `cross`, `replace`, `replace-cross`). Weekends and holidays give a feed with no
entries. A category arXiv does not know gives HTTP 400 with a plain "Feed error for query".

`feedparser` reads the document; this module asks for it (one request per run), keeps it for
the day in the cache folder, and turns its entries into `Announcement`s. A document that does
not parse to its end (a download cut short) is an error, never half a digest: every later
step would silently miss papers. The Atom feed is asked for, not RSS: RSS descriptions are
HTML-sanitised, which eats TeX such as `&lt;k$`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from arxiv2entry.config import Settings
from arxiv2entry.ids import IdError, parse_id

KEEP = ("new", "cross")  # announce types that are papers new to the category today
_ABSTRACT = re.compile(r"^arXiv:\S+\s+Announce Type:\s*\S+\s*Abstract:\s*", re.S)


class FeedError(Exception):
    """The feed could not be had or read: one line that says what to do."""


@dataclass(frozen=True)
class Announcement:
    """One paper of a day's feed."""

    id: str  # version-less
    version: int
    title: str
    authors: tuple[str, ...]
    abstract: str
    categories: tuple[str, ...]
    announce_type: str


@dataclass
class Feed:
    """What a feed said: its announcements, the ones that could not be read, and whether it is
    the same document as the last run's."""

    url: str
    announcements: list[Announcement] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line each: which entry, why
    unchanged_since: str | None = None  # the day the same feed was last read
    requests: int = 0


def feed_url(settings: Settings, categories: list[str]) -> str:
    return f"{settings.feed_url.rstrip('/')}/{'+'.join(categories)}"


def split_authors(text: str) -> tuple[str, ...]:
    """`A, B (Univ. X, Dept. Y), C`: commas inside parentheses belong to an affiliation."""
    names, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif ch == "," and depth == 0:
            names.append(text[start:i])
            start = i + 1
    names.append(text[start:])
    return tuple(n for n in (" ".join(re.sub(r"\([^()]*\)", "", n).split()) for n in names) if n)


def parse_feed(data: bytes, url: str) -> Feed:
    """The announcements of one feed document; raises `FeedError` for one that is cut short or
    is not a feed at all."""
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False)
    if parsed.bozo and not isinstance(parsed.bozo_exception, feedparser.CharacterEncodingOverride):
        raise FeedError(
            f"arXiv's feed {url} arrived incomplete ({parsed.bozo_exception}); "
            "nothing proposed: run again later"
        )
    if not parsed.get("version"):
        raise FeedError(f"{url} did not answer with a feed; check ARXIV2ENTRY_FEED_URL")
    feed = Feed(url)
    for entry in parsed.entries:
        raw_id = str(entry.get("id", ""))
        try:
            arxiv_id = parse_id(raw_id.removeprefix("oai:arXiv.org:"))
            announce = str(entry.get("arxiv_announce_type") or "").strip()
            title = " ".join(str(entry.get("title") or "").split())
            if not announce or not title:
                raise ValueError("no announce type or no title")
        except (IdError, ValueError) as exc:
            feed.skipped.append(f"feed entry {raw_id or '(no id)'}: {exc}; left out")
            continue
        feed.announcements.append(
            Announcement(
                id=arxiv_id.id,
                version=arxiv_id.version or 1,
                title=title,
                authors=split_authors(str(entry.get("author") or "")),
                abstract=_ABSTRACT.sub("", str(entry.get("summary") or "")).strip(),
                categories=tuple(str(t.get("term")) for t in entry.get("tags") or ()),
                announce_type=announce,
            )
        )
    return feed


def read_feed(categories: list[str], settings: Settings, folder: Path, refresh: bool) -> Feed:
    """Today's feed for `categories`: from the cache folder when it was fetched this
    announcement day, else one request. Raises `FeedError`."""
    url = feed_url(settings, categories)
    key = hashlib.blake2b(url.encode(), digest_size=8).hexdigest()
    # arXiv rebuilds its feeds around midnight US Eastern (04:00-05:00 UTC): a feed read before
    # that belongs to the announcement day before, and must not stand in for the next one.
    today = (datetime.now(UTC) - timedelta(hours=5)).date().isoformat()
    folder = folder / "feeds"
    kept = folder / f"{key}-{today}.xml"
    requests = 0
    if kept.exists() and not refresh:
        data = kept.read_bytes()
    elif settings.offline:
        raise FeedError(f"today's feed {url} is not in the cache, and --offline forbids asking")
    else:
        data = _download(url, settings)
        requests = 1
    feed = parse_feed(data, url)
    feed.requests = requests
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    last = folder / f"{key}.last"
    try:
        said = last.read_text(encoding="utf-8").split()
        if requests and len(said) == 2 and said[0] == digest and said[1] != today:
            feed.unchanged_since = said[1]
    except OSError:
        pass
    if requests:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob(f"{key}-*.xml"):
                old.unlink(missing_ok=True)  # one day kept per feed
            kept.write_bytes(data)
            if feed.unchanged_since is None:
                last.write_text(f"{digest} {today}\n", encoding="utf-8")
        except OSError:
            pass  # no cache: the next run asks again
    return feed


def _download(url: str, settings: Settings) -> bytes:
    """One request on the shared transport's session: our User-Agent, and a total deadline
    (a feed that trickles in cannot hold the run)."""
    import requests

    from arxiv2entry.sources.http import connection_reason, session

    try:
        resp = session(settings.timeout).get(url)
    except requests.exceptions.Timeout:
        wait = f"{settings.timeout:g} s"
        raise FeedError(f"arXiv's feed {url} gave no answer within {wait}") from None
    except requests.exceptions.RequestException as exc:
        reason = connection_reason(exc)
        raise FeedError(f"cannot reach arXiv's feed {url} ({reason}); check the network") from None
    if resp.status_code == 400 and b"Feed error" in resp.content[:200]:
        raise FeedError(f"arXiv knows no feed {url}: check the categories (e.g. cs.CV)")
    if resp.status_code != 200:
        raise FeedError(f"arXiv's feed {url} answered HTTP {resp.status_code}; run again later")
    return resp.content


