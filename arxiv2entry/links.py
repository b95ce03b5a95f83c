"""Find a paper's own code repository and project page in its arXiv comment and abstract.

Authors announce their code and project page in free text ("Code is available at …",
"Project page: …"), and arXiv hands that text back with LaTeX (`\\href{X}{Y}`, `\\url{X}`),
Markdown links, hard line wraps that can cut a URL in two, and sentence punctuation glued to
the URL. This module turns that text into two clean links, or None.

Precision comes first: a wrong `[[Code](…)]` in a curated list is worse than none. So:

* a code link must be a repository (owner *and* name) on a code host; an organisation page,
  a dataset host or a DOI is never code;
* a repository introduced as "based on", "built upon", "adapted from"… is somebody else's;
* a project page is a `*.github.io` page, or another web page the text introduces as a project
  page / website / homepage (or as the place where the code is), never a video, a paper
  archive or a dataset host; a GitHub repository called "project page" is code, not a page;
* the comment is trusted before the abstract: authors write it for exactly this purpose.

URLs keep the form the authors wrote (trailing slash, `.git`, deep `/tree/…` paths, case),
minus glued punctuation, except that hosts that only serve HTTPS get `https://`, and
`www.github.com` becomes `github.com`, so the link is one a reader can click and compare.

Pure: no I/O, only `re` (and the data classes of `models`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from arxiv2entry import limits
from arxiv2entry.limits import bounded
from arxiv2entry.models import Guess, Links, Source

__all__ = ["find_links"]

# --- Text clean-up -------------------------------------------------------------------------

# Characters a URL may contain here: printable ASCII minus quotes, angle brackets, braces,
# backslash, pipe, caret and backtick, which in arXiv text only ever delimit a URL.
_URL_CHAR = r"[!#$%&()*+,\-./0-9:;=?@A-Z\[\]_a-z~]"

# `\href{X}{Y}` where Y may hold one level of braces (`\textcolor{blue}{GitHub}`).
_HREF = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
# `\url{X}`, and the target of an `\href` whose label nests too deep for `_HREF`.
_URL_CMD = re.compile(r"\\(?:url|nolinkurl|path|href)\s*\{([^{}]*)\}")
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\((https?://[^()\s]*)\)")
_LATEX_ESCAPE = re.compile(r"\\([_%#&])")

# Line wraps inside a URL. arXiv's legacy API hard-wraps abstracts and comments at spaces and
# after hyphens (Python's textwrap), so a URL is cut only (a) after a hyphen, (b) where the
# author typed a space (`https: //github.com/…`), or (c) inside the host (`www.idiap.\nch/…`).
# A URL that simply ends at a line end is *not* joined with the next word (`…/scivid\nto`).
_WRAP_SCHEME = re.compile(r"(https?:)\s+//", re.IGNORECASE)
_WRAP_AFTER_SCHEME = re.compile(r"(https?://)\s+(?=\w)", re.IGNORECASE)
_WRAP_HYPHEN = re.compile(
    r"((?:https?://|(?<![\w.@/-])www\.|(?<![\w.@/-])github\.com/)" + _URL_CHAR + r"*-)"
    r"[ \t]*\n[ \t]*(?=\w)",
    re.IGNORECASE,
)
_WRAP_HOST_DOT = re.compile(r"(https?://[\w-]+(?:\.[\w-]+)*\.)[ \t]*\n[ \t]*(?=[a-z]{2,6}[/:])")

_CODE_HOSTS = (
    r"github\.com|gitlab\.com|huggingface\.co|hf\.co|bitbucket\.org|codeberg\.org|gitee\.com"
)
_URL = re.compile(
    r"https?://" + _URL_CHAR + r"+"
    # Scheme-less forms seen in abstracts: `github.com/hf618/COSMIC`, `www.github.com/…`,
    # `weedsense.github.io`, `www.example.org/page`.
    r"|(?<![\w.@/-])(?:www\.)?(?:" + _CODE_HOSTS + r")/" + _URL_CHAR + r"+"
    r"|(?<![\w.@/-])[\w-]+(?:\.[\w-]+)*\.github\.io\b" + _URL_CHAR + r"*"
    r"|(?<![\w.@/-])www\.[\w-]+(?:\.[\w-]+)+" + _URL_CHAR + r"*",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?*"
_CLOSERS = {")": "(", "]": "["}


def _prepare(text: str) -> str:
    """Undo what LaTeX, Markdown and line wrapping did to URLs, so one regex can find them."""
    text = _LATEX_ESCAPE.sub(r"\1", text)
    text = _WRAP_SCHEME.sub(r"\1//", text)
    text = _WRAP_AFTER_SCHEME.sub(r"\1", text)
    text = _WRAP_HYPHEN.sub(r"\1", text)
    text = _WRAP_HOST_DOT.sub(r"\1", text)
    text = _HREF.sub(_unwrap_href, text)
    text = _URL_CMD.sub(r" \1 ", text)
    return _MD_LINK.sub(_unwrap_markdown, text)


def _unwrap_href(match: re.Match[str]) -> str:
    # The target is the link; the label is kept only when it is words ("Project Page"),
    # because those words say what the link is.
    target, label = match.group(1).strip(), match.group(2)
    if _URL.search(label):
        return f" {target} "
    return f" {label} {target} "


def _unwrap_markdown(match: re.Match[str]) -> str:
    label, target = match.group(1), match.group(2)
    if _URL.search(label):
        return f" {target} "
    return f" {label} {target} "


def _trim(url: str) -> str:
    """Strip sentence punctuation and unbalanced closing brackets glued to the end of a URL."""
    while url:
        last = url[-1]
        unbalanced = last in _CLOSERS and url.count(last) > url.count(_CLOSERS[last])
        if last in _TRAILING or unbalanced:
            url = url[:-1]
        else:
            break
    return url


# --- Classifying a URL ---------------------------------------------------------------------

# First path segments of github.com that are site pages, not owners.
_GITHUB_RESERVED = {
    "about",
    "apps",
    "collections",
    "customer-stories",
    "enterprise",
    "explore",
    "features",
    "login",
    "marketplace",
    "notifications",
    "orgs",
    "pricing",
    "search",
    "security",
    "settings",
    "site",
    "sponsors",
    "topics",
    "trending",
}
# Hugging Face paths that are not a model or Space repository.
_HF_NOT_REPO = {
    "api",
    "blog",
    "chat",
    "collections",
    "datasets",
    "docs",
    "join",
    "learn",
    "models",
    "organizations",
    "papers",
    "posts",
    "settings",
    "tasks",
}
_GIT_HOSTS = {
    "github.com",
    "gitlab.com",
    "bitbucket.org",
    "codeberg.org",
    "gitee.com",
    "gist.github.com",
}
# Hosts that serve only HTTPS: `http://` is rewritten, scheme-less links get `https://`.
_HTTPS_HOSTS = {
    "github.com",
    "gist.github.com",
    "gitlab.com",
    "huggingface.co",
    "hf.co",
    "bitbucket.org",
    "codeberg.org",
    "gitee.com",
    "anonymous.4open.science",
}
# Never a project page (papers, DOIs, data and video hosts, venues, social media, notebooks).
_NOT_A_PAGE = (
    "doi.org",
    "zenodo.org",
    "figshare.com",
    "osf.io",
    "kaggle.com",
    "dataverse.harvard.edu",
    "youtube.com",
    "youtu.be",
    "vimeo.com",
    "bilibili.com",
    "pypi.org",
    "arxiv.org",
    "aclanthology.org",
    "thecvf.com",
    "ieeexplore.ieee.org",
    "dl.acm.org",
    "springer.com",
    "sciencedirect.com",
    "elsevier.com",
    "openreview.net",
    "icml.cc",
    "neurips.cc",
    "iclr.cc",
    "twitter.com",
    "x.com",
    "colab.research.google.com",
    "drive.google.com",
    "docs.google.com",
    "creativecommons.org",
    "aka.ms",
    "researchr.org",
    "wikipedia.org",
)

# What kind of link a URL is.
_REPO = "repo"  # a repository on a code host: code
_HF = "hf"  # a Hugging Face model or Space: code, if nothing better
_IO = "github.io"  # a GitHub Pages site: a project page
_WEB = "web"  # any other page: a project page only when introduced as one
_NONE = "none"  # organisation pages, datasets, papers, videos: neither


@dataclass(frozen=True)
class _Link:
    url: str  # normalised
    kind: str
    source: Source
    before: str  # the words that introduce the URL, whitespace-normalised
    shown: str  # the URL as written (trimmed), for the reason


def _plainly_ends(url: str) -> str:
    """`url` cut where it plainly ends: at a space, a control character, a quote, an angle
    bracket or a backtick, at a square bracket, or at a `)` that closes nothing it opened.
    Text (and a service's field) can glue markdown to a URL, as in
    `https://github.com/o/r#)[Project](https://evil.example)`; what follows such a cut is
    not part of the link, and writing it would inject another one."""
    end = _URL_END.search(url)
    if end is not None:
        url = url[: end.start()]
    depth = 0
    for i, ch in enumerate(url):
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                url = url[:i]
                break
            depth -= 1
    return url.removesuffix("#")  # an empty fragment is what a cut before `)` leaves


_URL_END = re.compile(r"[\s\x00-\x1f\x7f\"<>`\[\]\\{}|^]")


def _normalise(raw: str) -> tuple[str, str] | None:
    """(normalised URL, kind), or None when the text is not a usable URL (e.g. truncated)."""
    raw = _trim(_plainly_ends(raw))
    match = re.match(r"(?:(https?)://)?([^/?#]+)(.*)", raw, re.IGNORECASE)
    if match is None:
        return None
    scheme, host, rest = match.groups()
    host_l = host.lower()
    if not re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?", host_l):
        return None
    bare = host_l.removeprefix("www.")
    if bare == "github.com":
        host = bare
    if bare in _HTTPS_HOSTS or bare.endswith(".github.io"):
        scheme = "https"
    segments = [s for s in re.split(r"[?#]", rest, maxsplit=1)[0].split("/") if s]
    kind = _kind(bare, segments)
    if kind == _REPO and bare == "github.com" and len(segments) == 4 and segments[2] == "tree":
        # `/tree/main` alone is the repository's front page; a deeper path is kept, since
        # the paper's code may be one folder of a larger repository.
        rest = "/" + "/".join(segments[:2])
    return f"{(scheme or 'https').lower()}://{host}{rest}", kind


def _kind(host: str, segments: list[str]) -> str:
    if host == "github.com":
        owner_ok = len(segments) >= 2 and segments[0].lower() not in _GITHUB_RESERVED
        return _REPO if owner_ok else _NONE
    if host in _GIT_HOSTS or host.startswith(("gitlab.", "git.")):
        return _REPO if len(segments) >= 2 else _NONE
    if host == "anonymous.4open.science":  # double-blind mirror: /r/<name>
        return _REPO if len(segments) >= 2 and segments[0] == "r" else _NONE
    if host in ("huggingface.co", "hf.co"):
        if segments[:1] == ["spaces"]:
            return _HF if len(segments) >= 3 else _NONE
        return _HF if len(segments) >= 2 and segments[0] not in _HF_NOT_REPO else _NONE
    if host.endswith(".github.io"):
        return _IO
    if any(host == h or host.endswith("." + h) for h in _NOT_A_PAGE):
        return _NONE
    return _WEB


# --- Reading the words before a URL --------------------------------------------------------

# Cues, read in the words that introduce a URL (its clause, back to the previous URL).
#
# * event: the page of a venue, workshop or challenge ("RMDO workshop (URL)"); a later code or
#   project word overrides it ("Accepted at the X Workshop, code at URL").
# * work: somebody else's work ("based on", "built upon", "compared with the baseline"); only
#   a later first-person word overrides it ("based on X, we release our code at URL"), because
#   "we build upon the codebase at URL" still names a foreign codebase.
# * project / code: what the link holds; the one nearest the URL wins.
# * own / we: the authors' own link, without saying what it holds ("available at").
_EVENT_CUE = (
    r"(?:conference|workshop|challenge|competition|symposium)(?:'s)?"
    r"(?:\s+(?:web\s*-?site|web\s*-?page|home\s*-?page|page))?"
)
_WORK_CUE = (
    r"based\s+on|buil(?:t|ds?|ding)\s+(?:up)?on|(?:adapted|borrowed|forked|modified|derived|taken)\s+from"
    r"|extension\s+of|baselines?|compared?\s+(?:with|to)|we\s+use[ds]?|provided\s+by"
    r"|courtesy\s+of|third[\s-]*party|evaluated?\s+on|prior\s+work|previous\s+work"
)
_PROJECT_CUE = (
    r"project[\s-]*(?:page|website|web\s*-?page|home\s*-?page|site)"
    r"|web\s*-?page|home\s*-?page|web\s*-?site|(?:project|page)\s*:"
)
_CODE_CUE = (
    r"codes?|code\s*base|implementations?|repo(?:sitory)?|github|software|toolkit"
    r"|open[\s-]*sourced?"
)
_WE_CUE = r"our|we|release[ds]?"
_OWN_CUE = r"available|accessible|found|hosted|provided|shared"
_CUE = re.compile(
    rf"\b(?:(?P<event>{_EVENT_CUE})|(?P<work>{_WORK_CUE})|(?P<project>{_PROJECT_CUE})"
    rf"|(?P<code>{_CODE_CUE})|(?P<we>{_WE_CUE})|(?P<own>{_OWN_CUE}))(?!\w)",
    re.IGNORECASE,
)
# A sentence ends at ". Capital" (also without the space: "management.Code is …"), at a
# full stop right before the URL, at ";" and at a blank line.
_SENTENCE_END = re.compile(
    r"[.!?](?:\s+(?=[\"(\[]?[A-Z\\])|\s*$)|(?<=[a-z])[.!?](?=[A-Z][a-z])|;|\n\s*\n"
)
_WINDOW = 150


def _cue(before: str) -> str | None:
    """What the words before a URL say it is: 'foreign', 'project', 'code', 'own' or None."""
    foreign: str | None = None  # 'event' or 'work' while not overridden
    label: str | None = None  # the last 'project' or 'code' word
    own = False
    for match in _CUE.finditer(before):
        kind = match.lastgroup
        if kind in ("event", "work"):
            foreign, label = kind, None
        elif kind in ("project", "code"):
            label = kind
            if foreign == "event" or kind == "project":
                foreign = None
        elif kind == "we":
            foreign, own = None, True
        else:
            own = True
    if foreign:
        return "foreign"
    return label or ("own" if own else None)


def _links(text: str | None, source: Source) -> list[_Link]:
    """Every usable URL in one text, in order, with the clause that introduces it."""
    if not text:
        return []
    prepared = _prepare(text)
    found: list[_Link] = []
    previous_end = 0
    for match in _URL.finditer(prepared):
        shown = _trim(match.group(0))
        start = max(previous_end, match.start() - _WINDOW)
        previous_end = match.start() + len(shown)
        before = prepared[start : match.start()]
        ends = list(_SENTENCE_END.finditer(before))
        if ends:
            before = before[ends[-1].end() :]
        normal = _normalise(shown)
        if normal is None:
            continue
        url, kind = normal
        found.append(_Link(url, kind, source, " ".join(before.split()), shown))
    return found


def _reason(link: _Link, note: str = "") -> str:
    """`abstract says "Code is available at https://…"`: the words that made the choice."""
    before = link.before.rstrip(" ({[")
    if len(before) > 70:
        before = "…" + before[-70:].split(" ", 1)[-1]
    if before:
        said = f'{link.source} says "{before} {link.shown}"'
    else:
        said = f'{link.source} gives "{link.shown}" on its own'
    return f"{said}; {note}" if note else said


# --- Choosing ------------------------------------------------------------------------------


def _pick_code(links: list[_Link]) -> Guess:
    # A repository on a git host beats a Hugging Face model; within a kind, comment before
    # abstract, then the first mention.
    for kind in (_REPO, _HF):
        for link in links:
            if link.kind != kind:
                continue
            cue = _cue(link.before)
            if cue == "foreign":
                continue
            if kind == _HF and cue is None:
                continue  # a bare model name may be the base model the paper fine-tunes
            note = ""
            if cue == "project":
                note = "a repository, so it is the code link, not the project page"
            return Guess(link.url, link.source, _reason(link, note))
    return Guess(None)


def _pick_project(links: list[_Link]) -> Guess:
    best: tuple[int, int, _Link, str] | None = None
    for order, link in enumerate(links):
        if link.kind not in (_IO, _WEB):
            continue
        cue = _cue(link.before)
        if cue == "foreign":
            continue
        if cue == "project":
            tier, note = 0, ""
        elif link.kind == _IO:
            tier, note = 1, "a *.github.io site is a project page"
        elif cue == "code":
            tier, note = 1, "a web page (not a code host) offered as the paper's home"
        elif link.before == "":
            tier, note = 2, "a web page standing alone, as authors give their own page"
        else:
            continue
        if best is None or (tier, order) < best[:2]:
            best = (tier, order, link, note)
    if best is None:
        return Guess(None)
    _, _, link, note = best
    return Guess(link.url, link.source, _reason(link, note))


def find_links(comment: str | None, summary: str | None) -> Links:
    """The paper's own code repository and project page, from its arXiv comment and abstract.

    Each field is a `Guess` whose `reason` quotes the words that introduced the link, so
    `--explain` can show why it was chosen; a field is `Guess(None)` when nothing qualifies.
    Never raises on any text.
    """
    comment = bounded(comment, limits.COMMENT) if comment else comment
    summary = bounded(summary, limits.ABSTRACT) if summary else summary
    links = _links(comment, "comment") + _links(summary, "abstract")
    return Links(
        code=_pick_code(links),
        project=_pick_project(links),
    )
