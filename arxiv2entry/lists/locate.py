"""Finding things in a parsed list: an entry by paper id, the bare links, the section a user
named (or what they may have meant), and the section whose words a paper uses.

Lookups only, never edits: `add` and `expand` ask them where to write, and a wrong answer
here is a wrong place, not a changed byte.
"""

from __future__ import annotations

import difflib
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from arxiv2entry.ids import parse_id
from arxiv2entry.lists.model import BareLink, Document, ListEntry, Section, SectionError
from arxiv2entry.lists.text import _plain
from arxiv2entry.rank import Vector, cosine

__all__ = [
    "Choice",
    "bare_links",
    "candidates",
    "choose_section",
    "find_entry",
    "find_section",
    "rank_sections",
]

_NUMBERING = re.compile(r"^\d+(?:\.\d+)*\.?\s+")


def _key(title: str) -> str:
    """Case, punctuation and spacing do not matter: `with 3D shape` == `with-3D-shape`."""
    return re.sub(r"[\W_]+", "", title.casefold())


def _keys(title: str) -> tuple[str, str]:
    """The title's key and its key without a leading section number (`2.1 Encode` -> encode)."""
    return _key(title), _key(_NUMBERING.sub("", title))


# ----------------------------------------------------------------------------------------------
# Lookups


def bare_links(doc: Document) -> list[BareLink]:
    """Every line holding only an arXiv id or URL (optionally bulleted, `arXiv:`-prefixed or
    `<...>`), outside code, HTML blocks, comments and existing entries."""
    return list(doc.bare_links)


def find_entry(doc: Document, paper_id: str) -> ListEntry | None:
    """The first entry for this paper under any URL form or version (abs, pdf, `.pdf`, `vN`,
    http, `arXiv.org`); raises `IdError` for something that is not an arXiv id."""
    return doc._by_id.get(parse_id(paper_id).id)


def _display_paths(matches: Sequence[Section]) -> list[str]:
    """The shortest trailing paths (two components at least) that tell the matches apart."""
    longest = max(len(s.path) for s in matches)
    for k in range(2, longest + 1):
        shown = ["/".join(s.path[-k:]) for s in matches]
        if len(set(shown)) == len(shown):
            return shown
    return ["/".join(s.path) for s in matches]


def find_section(doc: Document, name: str) -> Section:
    """The section a user named: case, punctuation, backticks, emoji and a leading section
    number do not matter; `parent/child` (trailing components of the heading path, ancestors
    may be skipped) resolves a name used twice. Raises `SectionError` with what to type."""
    exact = [s for s in doc.sections if "/".join(s.path) == name]
    if len(exact) == 1:  # a heading path as `add` shows it, even when a title holds "/"
        return exact[0]
    wanted = _key(_plain(name))
    matches = [s for s in doc.sections if wanted and wanted in _keys(s.title)]
    if not matches and "/" in name:
        parts = [_key(_plain(p)) for p in name.split("/") if _key(_plain(p))]
        matches = [s for s in doc.sections if parts and _path_matches(s.path, parts)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        shown = _display_paths(matches)
        listed = ", ".join(f"'{p}'" for p in shown)
        raise SectionError(
            f"'{name}' matches {len(matches)} sections: {listed}; give a path such as '{shown[0]}'"
        )
    if not doc.sections:
        raise SectionError(f"no section '{name}'; the file has no headings")
    titles = list(dict.fromkeys(s.title for s in doc.sections if s.title))
    loose: dict[str, str] = {}
    for t in titles:
        loose.setdefault(_loose(t), t)
    for s in doc.sections:
        loose.setdefault(_loose("/".join(s.path)), "/".join(s.path))
    wanted_loose = _loose(_plain(name))
    close = difflib.get_close_matches(wanted_loose, list(loose), n=1, cutoff=0.6)
    if not close and wanted_loose:  # a word of a longer title: `Implicit`
        close = [k for k in loose if f" {wanted_loose} " in f" {k} "][:1]
    if close:
        raise SectionError(f"no section '{name}'; did you mean '{loose[close[0]]}'?")
    shown_titles = titles[:12]
    more = f", and {len(titles) - 12} more" if len(titles) > 12 else ""
    raise SectionError(f"no section '{name}'; sections are: {', '.join(shown_titles)}{more}")


def _loose(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def _path_matches(path: tuple[str, ...], parts: list[str]) -> bool:
    if parts[-1] not in _keys(path[-1]):
        return False
    k = len(parts) - 2
    for title in reversed(path[:-1]):
        if k < 0:
            break
        if parts[k] in _keys(title):
            k -= 1
    return k < 0


def _own_entries(doc: Document, section: Section) -> list[ListEntry]:
    lo = bisect_left(doc._starts, section.body)
    hi = bisect_left(doc._starts, section.own_end)
    return list(doc.entries[lo:hi])


# ----------------------------------------------------------------------------------------------
# Choosing a section
#
# A section is what its papers are about. Each paper of the list (its title, twice, and its
# abstract when the caller has one) is a vector of its words, each word weighted by how much
# it belongs to one section: a word all sections' papers use ("generative", "3d", "image")
# weighs nothing, a word only one section's papers use weighs most. A new paper is scored
# against each section by its nearest papers there (cosine, the mean of the best three) and by
# the section's heading words. Only a clear winner is chosen: a low score, a close second, or
# a paper that names another section's heading and not this one's is a question for the user.

_STOP = frozenset(
    """a an and or nor the of for in on at to by via with without from into onto over under
    than then as is are was were be been being it its this that these those there their they
    we our us you your he she his her which who whom whose what when where while how why not no
    can could may might must shall should will would do does did done has have had having also
    such both each either neither all any some many much more most less least few other others
    very so too just only even still yet however thus hence therefore moreover furthermore
    i e g eg ie et al etc vs per upon within across between among through throughout
    about above below after before during against toward towards up down out off again once
    here same own one two three first second new novel propose proposed present presented
    paper papers work works approach approaches method methods show shows shown demonstrate
    result results use used using based existing recent recently well able allow allows
    make makes made achieve achieves achieved state art significantly extensive experiment
    experiments outperform outperforms further introduce introduced include including
    misc miscellaneous general introduction contributing contribute contents content table
    toc literature reference references resource resources list awesome see""".split()
)
_WORD = re.compile(r"[^\W_]+")

# When to choose rather than ask (measured by `benchmarks/sections.py`: leave-one-out on the
# seed list, and 3,000 unrelated arXiv papers offered to two lists).
_NEAREST = 3  # a section's score: the mean cosine of the paper's nearest papers there
_MIN_SCORE = 0.15  # below this the paper is like nothing in the list
_MAX_RATIO = 0.7  # the second best may score at most this much of the best
_NAMED_RATIO = 0.9  # ... or this much when the text names the best one's heading 3+ times
_NAMED = 3
_HEADING = 4.0  # how much a heading's words in the text raise the section's score


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("es") and word[:-2].endswith(("sh", "ch", "x", "ss")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.casefold())]


def _terms(text: str) -> list[str]:
    """The words that can say what a paper is about: no stop words, numbers or single
    letters."""
    return [w for w in _words(text) if len(w) > 1 and not w.isdigit() and w not in _STOP]


def _papers(doc: Document, section: Section) -> list[ListEntry]:
    """A section's own entries that are papers: an arXiv link, or a title with lines below it
    (a bare `[FLAME](https://flame.is.tue.mpg.de/)` is a link to a resource, not a paper)."""
    return [e for e in _own_entries(doc, section) if e.paper_id or e.text_end - e.link_index > 1]



def _weigh(counts: Mapping[str, int], weight: Mapping[str, float], unknown: float) -> Vector:
    """Sublinear term frequency times the word's weight, normalised to length 1."""
    vec = {w: (1.0 + math.log(n)) * weight.get(w, unknown) for w, n in counts.items()}
    norm = math.sqrt(sum(x * x for x in vec.values()))
    return {w: x / norm for w, x in vec.items() if x} if norm else {}


@dataclass(frozen=True, slots=True)
class Choice:
    """Where a paper goes: `section`, or None when that is not clear; `ranked` has the
    sections that could take it, best first, with their scores."""

    section: Section | None
    ranked: tuple[tuple[Section, float], ...]


def _steered(doc: Document, text: str, keywords: Mapping[str, Sequence[str]]) -> Choice | None:
    """The choice the list's `[sections]` phrases make, if the text uses any: the section
    whose phrases it uses most (scores are shares of the mentions), none on a tie."""
    phrases: dict[int, list[str]] = {}
    by_start = {s.start: s for s in doc.sections}
    for name, said in keywords.items():
        s = find_section(doc, name)
        phrases.setdefault(s.start, []).extend(" ".join(_words(p)) for p in said if _words(p))
    joined = f" {' '.join(_words(text))} "
    hits = {start: sum(joined.count(f" {p} ") for p in ps) for start, ps in phrases.items()}
    ranked = sorted(((n, start) for start, n in hits.items() if n), key=lambda x: -x[0])
    if not ranked:
        return None
    total = sum(n for n, _ in ranked)
    shown = tuple((by_start[start], n / total) for n, start in ranked)
    if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
        return Choice(None, shown)
    return Choice(shown[0][0], shown)


def rank_sections(
    doc: Document,
    text: str,
    keywords: Mapping[str, Sequence[str]] | None = None,
    texts: Mapping[str, str] | None = None,
) -> Choice:
    """The section of `doc` that a paper's `text` (title and abstract) belongs in, judged by
    what the papers already in each section are about: their titles, and their `texts` (title
    and abstract, by version-less arXiv id) where the caller has them, and each heading's own
    words.

    `keywords` (the list's `[sections]`: a section, named as for `find_section`, to phrases)
    is the maintainer's own rule and comes first: when the text uses a phrase, the section
    whose phrases it uses most is chosen (two equal choose nothing), even one with no entries
    yet. Otherwise only a section with papers of its own can be chosen, and only when it
    clearly wins; else `section` is None and `ranked` says what came closest."""
    if keywords and (steered := _steered(doc, text, keywords)) is not None:
        return steered
    texts = texts or {}
    members: list[tuple[Section, list[str]]] = []  # a section and its papers' keys
    seen: dict[str, Counter[str]] = {}  # a paper's words, once however often it is listed
    for s in doc.sections:
        keys = []
        for e in _papers(doc, s):
            key = e.paper_id or f"\0{e.start}"
            if key not in seen:
                about = texts.get(e.paper_id or "", "")
                seen[key] = Counter(_terms(e.title) * 2 + _terms(about))
            keys.append(key)
        if keys:
            members.append((s, keys))
    if not members:
        return Choice(None, ())

    # A heading word in two headings ("3D" in "with 3D shape", "without 3D shape") tells
    # nothing apart; the others are the section's own.
    heading_df: Counter[str] = Counter()
    for s in doc.sections:
        heading_df.update(set(_terms(s.title)))
    headings = {s.start: {w for w in _terms(s.title) if heading_df[w] < 2} for s, _ in members}

    # How much a word belongs to one section: the share of each section's papers using it
    # (a heading word: all of them), the largest share over the sum of the shares, squared.
    shares: dict[str, list[float]] = {}
    for s, keys in members:
        used: Counter[str] = Counter()
        for key in keys:
            used.update(seen[key].keys())
        for w in headings[s.start]:
            used[w] = len(keys)
        for w, k in used.items():
            shares.setdefault(w, []).append(k / len(keys))
    top = math.log(1.0 + len(members))
    weight = {w: (max(sh) / sum(sh)) ** 2 * top for w, sh in shares.items()}
    vectors = {key: _weigh(counts, weight, top) for key, counts in seen.items()}

    words = Counter(_terms(text))
    query = _weigh(words, weight, top)
    scored: list[tuple[Section, float]] = []
    for s, keys in members:
        near = sorted((cosine(query, vectors[key]) for key in keys), reverse=True)[:_NEAREST]
        heading = _weigh(Counter(headings[s.start]), weight, top)
        scored.append((s, sum(near) / len(near) * (1.0 + _HEADING * cosine(query, heading))))
    scored.sort(key=lambda x: -x[1])
    ranked = tuple(scored)

    best, score = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0

    def named(s: Section) -> int:  # how often the text uses all of the heading's own words
        own = headings[s.start]
        return min((words[w] for w in own), default=0)

    ratio = _NAMED_RATIO if named(best) >= _NAMED else _MAX_RATIO
    if score < _MIN_SCORE or second > ratio * score:
        return Choice(None, ranked)
    if not named(best) and any(named(s) for s, _ in ranked[1:]):
        return Choice(None, ranked)  # it names another section's heading, not this one's
    return Choice(best, ranked)


def candidates(doc: Document, choice: Choice, most: int = 3) -> str:
    """The best sections of a choice as a question names them: `'Hybrid' (0.41), 'Voxel'
    (0.38)`, a heading path where a title is used twice; empty when none scored."""
    titles = Counter(s.title for s in doc.sections)
    shown = [
        f"'{s.title if titles[s.title] == 1 else '/'.join(s.path)}' ({score:.2f})"
        for s, score in choice.ranked[:most]
        if score > 0
    ]
    return ", ".join(shown)


def choose_section(
    doc: Document,
    text: str,
    keywords: Mapping[str, Sequence[str]] | None = None,
    texts: Mapping[str, str] | None = None,
) -> Section | None:
    """The section `rank_sections` chooses, or None when it would ask."""
    return rank_sections(doc, text, keywords, texts).section
