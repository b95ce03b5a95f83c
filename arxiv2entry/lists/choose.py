"""Which section of a list a new paper belongs in, judged by what the list already holds.

A section is what its papers are about. Three readings of a paper's title and abstract: the
first decides alone, the other two must agree; otherwise `add` asks for `--section` and names
the best candidates.

1. **The title names a heading.** A title that uses all of one section's own heading words
   ("... with Sparse *Voxels*", "Textured 3D *Mesh* Generation") goes there: a maintainer names
   sections by what their papers are, and authors put what their paper is in its title. Heading
   words are the section's own only when no other heading uses them and the section's papers
   use them more than the others' do ("model" in "Modify GAN Model" is everybody's word).
2. **The words of each section** (multinomial naive Bayes): how likely the paper's words are
   in each section's titles (and abstracts, when the cache has them), times how large the
   section is. A list that puts 25 of 39 papers under one heading puts most new ones there too;
   a small section wins only with its own words. This ranks the sections; a heading the title
   names, or the sections a question is about, go first. `watch` proposes the first, `add`
   names the first three when it asks.
3. **The nearest papers** (TF-IDF cosine, the mean of the three best in each section, over
   titles only, so that this test reads a list the same with a warm cache or a cold one): the
   section the paper is closest to must be the one the words chose, and clearly closer than
   the runner-up.

Before any of them, a paper that is like nothing in the list (no title close to it, or few of
its words among the list's) is asked about: the list's largest section would otherwise take
every stray paper. A list with one section of papers has nothing to tell apart.

Measured by `benchmarks/sections.py` (leave-one-out on the seed list and four other real
lists, and 3,000 unrelated arXiv papers offered to two lists) and `benchmarks/watch.py`.
Pure: a parsed list and text in, a choice out.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from arxiv2entry.lists.locate import _own_entries, find_section
from arxiv2entry.lists.model import Document, ListEntry, Section
from arxiv2entry.rank import Vector, cosine, terms, tokens

__all__ = ["Choice", "candidates", "choose_section", "rank_sections", "section_chooser"]

# When to choose rather than ask: chosen on the seed list, measured on it and on four other real
# lists by `benchmarks/sections.py`.
_NEAREST = 3  # a section's closeness: the mean cosine of the paper's nearest papers there
_MIN_SCORE = 0.15  # closer than this to no paper: the paper is like nothing in the list
_MIN_COVERAGE = 0.25  # ... or fewer of its words than this share are the list's words
_MAX_RATIO = 0.7  # the runner-up may be at most this close, relative to the best
_NAMED_RATIO = 0.9  # ... or this close when the text names the best one's heading 3+ times
_NAMED = 3
_HEADING = 4.0  # how much a heading's words in the text raise the section's closeness
_SIZE = 0.1  # how much a section's size counts in closeness: (its share / an even share) ** this
_OWN_HEADING = 0.5  # a heading word is the section's own above this share of the top weight
# The words of each section (naive Bayes):
_SMOOTHING = 0.1  # added to every word's count in every section
_MIN_SHARE = 0.6  # the words must give the best section at least this share of the chance
_HEADING_COUNT = 3  # a heading word counts as if this many of the section's papers used it


def _papers(doc: Document, section: Section) -> list[ListEntry]:
    """A section's own entries that are papers: an arXiv link, or a title with lines below it
    (a bare `[FLAME](https://flame.is.tue.mpg.de/)` is a link to a resource, not a paper)."""
    return [e for e in _own_entries(doc, section) if e.paper_id or e.text_end - e.link_index > 1]


def _weigh(counts: Mapping[str, float], weight: Mapping[str, float], unknown: float) -> Vector:
    """Sublinear term frequency times the word's weight, normalised to length 1."""
    vec = {w: (1.0 + math.log(n)) * weight.get(w, unknown) for w, n in counts.items() if n > 0}
    norm = math.sqrt(sum(x * x for x in vec.values()))
    return {w: x / norm for w, x in vec.items() if x} if norm else {}


@dataclass(frozen=True, slots=True)
class Choice:
    """Where a paper goes: `section`, or None when that is not clear; `ranked` has the
    sections that could take it, best first, each with the share of the chance its words give
    it (the shares sum to 1). The first is the chosen section, or the first of those a
    question is about (a heading the title names, the nearest papers' section), which may
    have less of a share than one after them."""

    section: Section | None
    ranked: tuple[tuple[Section, float], ...]


def _steered(doc: Document, text: str, keywords: Mapping[str, Sequence[str]]) -> Choice | None:
    """The choice the list's `[sections]` phrases make, if the text uses any: the section
    whose phrases it uses most (scores are shares of the mentions), none on a tie."""
    phrases: dict[int, list[str]] = {}
    by_start = {s.start: s for s in doc.sections}
    for name, said in keywords.items():
        s = find_section(doc, name)
        phrases.setdefault(s.start, []).extend(" ".join(tokens(p)) for p in said if tokens(p))
    joined = f" {' '.join(tokens(text))} "
    hits = {start: sum(joined.count(f" {p} ") for p in ps) for start, ps in phrases.items()}
    ranked = sorted(((n, start) for start, n in hits.items() if n), key=lambda x: -x[0])
    if not ranked:
        return None
    total = sum(n for n, _ in ranked)
    shown = tuple((by_start[start], n / total) for n, start in ranked)
    if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
        return Choice(None, shown)
    return Choice(shown[0][0], shown)


@dataclass(frozen=True)
class _Profile:
    """What the list says about its sections: each section with papers and its papers' keys,
    each paper's words (title twice; and, in `about`, its abstract where known), each
    section's own heading words, and how much each title word belongs to one section."""

    members: tuple[tuple[Section, tuple[str, ...]], ...]
    titles: Mapping[str, Counter[str]]
    about: Mapping[str, Counter[str]]
    headings: Mapping[int, frozenset[str]]
    weight: Mapping[str, float]
    top: float

    @classmethod
    def of(cls, doc: Document, texts: Mapping[str, str]) -> _Profile:
        members: list[tuple[Section, tuple[str, ...]]] = []
        titles: dict[str, Counter[str]] = {}  # a paper's words, once however often listed
        about: dict[str, Counter[str]] = {}
        for s in doc.sections:
            keys: list[str] = []
            for e in _papers(doc, s):
                key = e.paper_id or f"\0{e.start}"
                if key not in titles:
                    titles[key] = Counter(terms(e.title) * 2)
                    about[key] = titles[key] + Counter(terms(texts.get(e.paper_id or "", "")))
                keys.append(key)
            if keys:
                members.append((s, tuple(keys)))

        # A heading word in two headings ("3D" in "with 3D shape", "without 3D shape") tells
        # nothing apart; the others are the section's own.
        heading_df: Counter[str] = Counter()
        for s in doc.sections:
            heading_df.update(set(terms(s.title)))
        headings = {
            s.start: frozenset(w for w in terms(s.title) if heading_df[w] < 2) for s, _ in members
        }

        # How much a word belongs to one section: the share of each section's papers using it
        # in their titles (a heading word: all of them), the largest share over the sum of the
        # shares, squared.
        shares: dict[str, list[float]] = {}
        for s, papers in members:
            used: Counter[str] = Counter()
            for key in papers:
                used.update(titles[key].keys())
            for w in headings[s.start]:
                used[w] = len(papers)
            for w, k in used.items():
                shares.setdefault(w, []).append(k / len(papers))
        top = math.log(1.0 + len(members))
        weight = {w: (max(sh) / sum(sh)) ** 2 * top for w, sh in shares.items()}
        return cls(tuple(members), titles, about, headings, weight, top)

    def coverage(self, words: Counter[str]) -> float:
        """The share of the paper's words (`terms`, counted) that the list's titles and
        headings use. Left out in turn, each of the seed list's 39 papers shares 0.29 or more;
        of 3,000 real arXiv papers of 2025-2026 offered to it, 73 share a quarter or more."""
        total = sum(words.values())
        return sum(n for w, n in words.items() if w in self.weight) / total if total else 0.0

    def named_in_title(self, title: str) -> list[Section]:
        """The sections whose own heading words the title uses, every one of them, where
        those words mostly belong to that section's papers."""
        used = set(terms(title))
        return [
            s
            for s, _ in self.members
            if (own := self.headings[s.start])
            and own <= used
            and all(self.weight.get(w, 0.0) >= _OWN_HEADING * self.top for w in own)
        ]

    @functools.cached_property
    def _total(self) -> int:
        return sum(len(keys) for _, keys in self.members)

    @functools.cached_property
    def _likely(self) -> tuple[frozenset[str], list[tuple[Section, float, Counter[str], float]]]:
        """The words' reading, counted once a list: the vocabulary, and for each section its
        prior (log of its share of the papers), its word counts and the log of their total."""
        vocabulary: set[str] = set(self.weight)
        for paper in self.about.values():
            vocabulary.update(paper)
        out = []
        for s, keys in self.members:
            counts: Counter[str] = Counter()
            for key in keys:
                counts.update(self.about[key])
            for w in self.headings[s.start]:
                counts[w] += _HEADING_COUNT
            size = sum(counts.values()) + _SMOOTHING * len(vocabulary)
            out.append((s, math.log(len(keys) / self._total), counts, math.log(size)))
        return frozenset(vocabulary), out

    def by_words(self, text_words: Counter[str]) -> list[tuple[Section, float]]:
        """Each section's share of the chance that a paper with these words is one of its
        papers (naive Bayes, the section's size as the prior), best first. The likelihood is
        taken to the power 1/sqrt(words), so that a long abstract is not certain of anything."""
        vocabulary, sections = self._likely
        words = {w: n for w, n in text_words.items() if w in vocabulary}
        scale = math.sqrt(sum(words.values()) or 1)
        logs = []
        for s, prior, counts, log_size in sections:
            likely = sum(
                n * (math.log(counts[w] + _SMOOTHING) - log_size) for w, n in words.items()
            )
            logs.append((s, prior + likely / scale))
        most = max(x for _, x in logs)
        odds = [(s, math.exp(x - most)) for s, x in logs]
        whole = sum(x for _, x in odds)
        return sorted(((s, x / whole) for s, x in odds), key=lambda r: -r[1])

    @functools.cached_property
    def _vectors(self) -> tuple[dict[str, Vector], dict[int, Vector]]:
        """Each paper's title and each section's own heading words as vectors, once a list."""
        papers = {key: _weigh(c, self.weight, self.top) for key, c in self.titles.items()}
        headings = {
            s.start: _weigh(Counter(self.headings[s.start]), self.weight, self.top)
            for s, _ in self.members
        }
        return papers, headings

    def by_nearest(self, words: Counter[str]) -> tuple[list[tuple[Section, float]], float]:
        """Each section's closeness, best first: the mean cosine of the paper's nearest titles
        there, raised by the heading's words in the text and a little by the section's size;
        and the cosine of the nearest title of all."""
        query = _weigh(words, self.weight, self.top)
        papers, headings = self._vectors
        even = 1.0 / len(self.members)
        scored = []
        nearest = 0.0
        for s, keys in self.members:
            near = sorted((cosine(query, papers[k]) for k in keys), reverse=True)[:_NEAREST]
            nearest = max(nearest, near[0])
            size = (len(keys) / self._total / even) ** _SIZE
            closeness = sum(near) / len(near) * (1.0 + _HEADING * cosine(query, headings[s.start]))
            scored.append((s, closeness * size))
        return sorted(scored, key=lambda r: -r[1]), nearest


def rank_sections(
    doc: Document,
    text: str,
    keywords: Mapping[str, Sequence[str]] | None = None,
    texts: Mapping[str, str] | None = None,
) -> Choice:
    """The section of `doc` that a paper's `text` (its title, a newline, its abstract) belongs
    in, judged by what the papers already in each section are about: their titles, their
    `texts` (title and abstract, by version-less arXiv id) where the caller has them, and each
    heading's own words (see the module's docstring).

    `keywords` (the list's `[sections]`: a section, named as for `find_section`, to phrases)
    is the maintainer's own rule and comes first: when the text uses a phrase, the section
    whose phrases it uses most is chosen (two equal choose nothing), even one with no entries
    yet. Otherwise only a section with papers of its own can be chosen: the only one, or one
    that clearly wins; else `section` is None and `ranked` says what came closest."""
    return section_chooser(doc, keywords, texts)(text)


def section_chooser(
    doc: Document,
    keywords: Mapping[str, Sequence[str]] | None = None,
    texts: Mapping[str, str] | None = None,
) -> Callable[[str], Choice]:
    """`rank_sections` for many papers on one list: the list is read once (its words,
    vectors and counts), each paper then costs a pass over the list's titles. `add` with ten
    papers and `watch` with twenty proposals on a 3,000-paper list would otherwise read the
    list, abstracts and all, for each."""
    profile = _Profile.of(doc, texts or {})
    return functools.partial(_choose, doc, profile, keywords)


def _choose(
    doc: Document, profile: _Profile, keywords: Mapping[str, Sequence[str]] | None, text: str
) -> Choice:
    if keywords and (steered := _steered(doc, text, keywords)) is not None:
        return steered
    if not profile.members:
        return Choice(None, ())
    if len(profile.members) == 1:  # one section has papers: nothing to tell apart
        return Choice(profile.members[0][0], ((profile.members[0][0], 1.0),))
    title = text.partition("\n")[0]
    words = Counter(terms(text))
    ranked = profile.by_words(words)
    nearest, closest = profile.by_nearest(words)
    if closest < _MIN_SCORE or profile.coverage(words) < _MIN_COVERAGE:
        return Choice(None, tuple(ranked))  # like nothing in the list

    def first(*sections: Section) -> tuple[tuple[Section, float], ...]:
        """`ranked` with these sections first (in the words' order), then the rest."""
        wanted = {s.start for s in sections}
        return tuple(
            [r for r in ranked if r[0].start in wanted]
            + [r for r in ranked if r[0].start not in wanted]
        )

    def ask(*contenders: Section) -> Choice:
        """A question that names what made it one: the sections the readings point to."""
        return Choice(None, first(*contenders))

    named_in_title = profile.named_in_title(title)
    if len(named_in_title) == 1:
        return Choice(named_in_title[0], first(named_in_title[0]))
    if named_in_title:
        return ask(*named_in_title)  # "Hybrid mesh generation": two headings, two answers

    best = ranked[0][0]
    if ranked[0][1] < _MIN_SHARE:
        return ask(best, ranked[1][0], nearest[0][0])  # the words do not settle it

    def named(s: Section) -> int:  # how often the text uses all of the heading's own words
        return min((words[w] for w in profile.headings[s.start]), default=0)

    ratio = _NAMED_RATIO if named(best) >= _NAMED else _MAX_RATIO
    if nearest[0][0] is not best or nearest[0][1] < _MIN_SCORE:
        return ask(best, nearest[0][0])  # the words and the nearest papers disagree
    if nearest[1][1] > ratio * nearest[0][1]:
        return ask(best, nearest[1][0])  # another section is nearly as close
    if not named(best) and (others := [s for s, _ in ranked[1:] if named(s)]):
        return ask(best, *others)  # it names another section's heading, not this one's
    return Choice(best, tuple(ranked))


def candidates(doc: Document, choice: Choice, most: int = 3) -> str:
    """The best sections of a choice as a question names them: `'Hybrid', 'Voxel'`, a heading
    path where a title is used twice; empty when nothing was ranked. No scores: when the
    readings disagree, a share the words give says little about why the tool asks."""
    titles = Counter(s.title for s in doc.sections)
    shown = [
        f"'{s.title if titles[s.title] == 1 else '/'.join(s.path)}'"
        for s, _ in choice.ranked[:most]
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
