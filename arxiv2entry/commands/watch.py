"""The `watch` command: what arXiv announced today that belongs in a list, in the list's shape.

The list's own papers say what it is about: their titles and abstracts (arXiv's records, from
the cache, fetched once in batches when missing) and the section each sits in. Today's
announcement feed for the list's categories gives the candidates; new and cross-listed papers
the list does not have are ranked by how close each is to the list's papers (`rank.py`), and
each is proposed for the section of its nearest paper. `--add` puts the best ones in through
the same path as `add`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from arxiv2entry.commands.common import FetchOptions, LookOptions, Outcome, Reporter, Stop

if TYPE_CHECKING:
    from arxiv2entry.lists.choose import Choice
    from arxiv2entry.lists.model import Document
    from arxiv2entry.rank import Proposal
    from arxiv2entry.sources.feeds import Announcement

MAX_CATEGORIES = 3  # one feed request covers them all; more would be most of arXiv


@dataclass
class Digest:
    """What `watch` found: the proposals in rank order, with what each would look like."""

    categories: list[str]
    proposals: list[Proposal] = field(default_factory=list)
    announced: dict[str, Announcement] = field(default_factory=dict)
    entries: dict[str, str] = field(default_factory=dict)  # id -> the entry in the list's shape
    total: int = 0  # papers in the feed
    new: int = 0  # of those, new or cross-listed and not in the list


def watch(
    readme: Path,
    say: Reporter,
    *,
    categories: Sequence[str],
    top: int,
    threshold: float,
    look: LookOptions,
    how: FetchOptions,
) -> tuple[Digest, Outcome]:
    """Today's proposals for the list at `readme`; `top` and `threshold` bound them."""
    from arxiv2entry.commands.common import settings_for
    from arxiv2entry.commands.lists import (
        _shape_or_stop,
        about,
        configured_shape,
        list_config,
        list_style,
        open_list,
    )
    from arxiv2entry.ids import ArxivId
    from arxiv2entry.lists.shapes import Choice, Shapes
    from arxiv2entry.pipeline import fetch_papers
    from arxiv2entry.rank import Known, propose
    from arxiv2entry.sources.feeds import KEEP, FeedError, read_feed

    _, doc = open_list(readme)
    config = list_config(readme)
    shapes = Shapes(doc, configured_shape(config))
    if shapes.configured is None and shapes.whole().unknown:  # proposals it could not write
        _shape_or_stop(readme, Choice(None, "in the list", shapes.whole()))
    settings = settings_for(how)
    sections = {"/".join(s.path): s for s in doc.sections}
    listed = _listed(doc)
    if not listed:
        raise Stop(f"{readme}: no arXiv entries to compare new papers with", usage=True)
    papers = fetch_papers(
        [ArxivId(i) for i in listed], settings, refresh=False, on_fetch_start=say.progress
    )
    say.stop_progress()
    for warning in papers.warnings:
        say.warning(warning)
    if papers.errors:
        say.warning(
            f"{len(papers.errors)} of the list's papers could not be read from arXiv "
            f"(e.g. {next(iter(papers.errors))}); ranking without them"
        )
    cats = list(categories) or _categories([p.primary_category for p in papers.found.values()])
    if not cats:
        raise Stop("cannot tell the list's arXiv categories; pass --category, e.g. cs.CV", True)
    try:
        feed = read_feed(cats, settings, settings.cache_dir or Path("."), how.refresh)
    except FeedError as exc:
        raise Stop(str(exc), usage=False) from None
    for skipped in feed.skipped:
        say.warning(skipped)
    digest = Digest(cats, total=len(feed.announcements))
    if feed.unchanged_since:
        say.info(f"the feed is the same as on {feed.unchanged_since}: nothing new announced")
    candidates = [
        a for a in feed.announcements if a.announce_type in KEEP and a.id not in listed
    ]
    digest.new = len(candidates)
    digest.announced = {a.id: a for a in candidates}
    texts = {pid: about(p) for pid, p in papers.found.items() if pid in listed}
    known = [Known(pid, papers.found[pid].title, text, listed[pid]) for pid, text in texts.items()]
    ranked = propose(known, [(a.id, f"{a.title}\n{a.abstract}") for a in candidates])
    chosen = [p for p in ranked if p.score >= threshold][:top]
    from arxiv2entry.lists.choose import section_chooser

    choose = section_chooser(doc, config.sections, texts)  # the list read once for them all
    digest.proposals = [_placed(p, digest.announced[p.id], choose) for p in chosen]
    style = list_style(doc, config, look)
    for p in digest.proposals:
        shaped = shapes.at(sections.get(p.section)).shape or style.shape
        digest.entries[p.id] = _entry(digest.announced[p.id], replace(style, shape=shaped))
    return digest, Outcome()



def _placed(p: Proposal, a: Announcement, choose: Callable[[str], Choice]) -> Proposal:
    """The proposal in the section `add` ranks first for it (the list's own `[sections]`
    words, then a heading its title names, then the words of each section's papers and the
    section's size: `lists.choose`), with the next one as the runner-up; `add` may still ask
    for `--section` where watch proposes. On the seed list this is right more often than the
    nearest papers' section alone (`benchmarks/watch.py`). `choose` is
    `lists.choose.section_chooser` for the list."""
    ranked = choose(f"{a.title}\n{a.abstract}").ranked
    if not ranked:
        return p
    section = "/".join(ranked[0][0].path)
    nearest = dict(p.nearest_in)
    runner = "/".join(ranked[1][0].path) if len(ranked) > 1 else None
    return replace(
        p,
        section=section,
        nearest=nearest.get(section, p.nearest),
        runner_up=runner,
    )


def _listed(doc: Document) -> dict[str, str]:
    """Each arXiv id the list has, with the heading path of the section it sits in."""
    from arxiv2entry.lists.shapes import section_at

    out: dict[str, str] = {}
    for e in doc.entries:
        if e.paper_id is None or e.paper_id in out:
            continue
        # an entry above every heading says what the list is about, but is no place
        if (section := section_at(doc, e.start)) is not None:
            out[e.paper_id] = "/".join(section.path)
    return out


def _categories(primaries: list[str]) -> list[str]:
    """The list's own categories: the primary categories of a tenth or more of its papers,
    most common first, at most three."""
    counts = Counter(c for c in primaries if c)
    if not counts:
        return []
    total = sum(counts.values())
    common = [c for c, n in counts.most_common(MAX_CATEGORIES) if n * 10 >= total]
    return common or [counts.most_common(1)[0][0]]


def _entry(a: Announcement, style: Any) -> str:
    """The entry as `add` would write it, from what the feed says (no services asked: the
    proposal is for reading; `--add` fetches and guesses as `add` does)."""
    import re
    from datetime import date

    from arxiv2entry.models import Author, Paper
    from arxiv2entry.pipeline import guess_entry
    from arxiv2entry.render import render_entry

    today = date.today()
    if m := re.match(r"(\d\d)(\d\d)\.", a.id):  # new-style ids carry their first month
        today = date(2000 + int(m.group(1)), int(m.group(2)), 1)
    paper = Paper(
        id=a.id,
        version=a.version,
        title=a.title,
        authors=tuple(Author(n) for n in a.authors),
        summary=a.abstract,
        comment=None,
        journal_ref=None,
        doi=None,
        published=today,
        updated=today,
    )
    return render_entry(guess_entry(paper), style)


def digest_json(digest: Digest) -> list[dict[str, object]]:
    """One object per proposal, in rank order."""
    return [
        {
            "id": p.id,
            "title": digest.announced[p.id].title,
            "score": round(p.score, 4),
            "section": p.section,
            "runner_up": p.runner_up,
            "why": p.why,
            "announce_type": digest.announced[p.id].announce_type,
            "markdown": digest.entries[p.id],
        }
        for p in digest.proposals
    ]


def digest_markdown(digest: Digest) -> str:
    """A body for a GitHub issue or pull request: the proposals grouped by section."""
    cats = ", ".join(digest.categories)
    if not digest.proposals:
        return f"No new papers for this list in today's {cats} announcements."
    lines = [
        f"{len(digest.proposals)} new papers from today's {cats} announcements "
        f"({digest.new} new of {digest.total} announced), closest to this list first.",
        "",
    ]
    by_section: dict[str, list[Proposal]] = {}
    for p in digest.proposals:
        by_section.setdefault(p.section, []).append(p)
    for section, items in by_section.items():
        lines += [f"### {section}", ""]
        for p in items:
            why = p.why.replace("--", "- -")  # "--" would end the comment early
            lines += [digest.entries[p.id], f"  <!-- score {p.score:.2f}; {why} -->", ""]
    return "\n".join(lines).rstrip("\n")


def digest_rows(digest: Digest) -> list[tuple[str, list[tuple[str, str, str, str]]]]:
    """The digest grouped by section, best first: (score, id, title, why) a proposal."""
    by_section: dict[str, list[tuple[str, str, str, str]]] = {}
    for p in digest.proposals:
        other = f"; else {p.runner_up}" if p.runner_up else ""
        row = (f"{p.score:.2f}", p.id, digest.announced[p.id].title, p.why + other)
        by_section.setdefault(p.section, []).append(row)
    return list(by_section.items())


def digest_text(digest: Digest) -> str:
    """Plain text for a terminal or a log: one line a proposal, grouped by section."""
    cats = ", ".join(digest.categories)
    if not digest.proposals:
        return f"nothing new for this list in today's {cats} announcements"
    lines = []
    for section, rows in digest_rows(digest):
        lines.append(section)
        for score, paper_id, title, why in rows:
            lines.append(f"  {score}  {paper_id}  {title}")
            lines.append(f"        {why}")
    return "\n".join(lines)


def add_proposals(
    digest: Digest, readme: Path, say: Reporter, *, dry_run: bool, look: LookOptions,
    how: FetchOptions,
) -> Outcome:  # fmt: skip
    """Put the proposals into their sections through `add`, one section at a time."""
    from arxiv2entry.commands.lists import add

    done = Outcome()
    by_section: dict[str, list[str]] = {}
    for p in digest.proposals:
        by_section.setdefault(p.section, []).append(p.id)
    for section, ids in by_section.items():
        step = add(ids, readme, section, say, dry_run=dry_run, look=look, how=how)
        done.failed |= step.failed
        done.bad_input |= step.bad_input
        done.changed |= step.changed
    return done
