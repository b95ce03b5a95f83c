"""Hostile text: whatever arXiv or a service says, an entry renders as exactly one safe entry.

The oracle is markdown-it-py as GitHub-flavoured as it gets here (CommonMark with raw HTML
on, tables and strikethrough): the entry must be one list item, its first link the abs URL,
its other links exactly the code and project links, no HTML, and its link text must read as
the title. Regression tests are named after the bug the probe of issue 10 found.
"""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest
from arxiv_server import ArxivServer, build_corpus
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from arxiv2entry.enrich import links_from_huggingface
from arxiv2entry.links import find_links
from arxiv2entry.lists.lint import check
from arxiv2entry.lists.parse import parse
from arxiv2entry.models import Author, Entry, Guess, Paper
from arxiv2entry.pipeline import guess_entry
from arxiv2entry.render import Style, escape_title, link_target, plain, render_entry

FIXTURES = Path(__file__).parent / "fixtures"
DEFAULT = Style()
GFM = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def paper(title: str = "A Title", authors: tuple[str, ...] = ("Ada Lovelace",)) -> Paper:
    return Paper(
        id="2112.07945",
        version=1,
        title=title,
        authors=tuple(Author(a) for a in authors),
        summary="",
        comment=None,
        journal_ref=None,
        doi=None,
        published=date(2021, 12, 15),
        updated=date(2021, 12, 15),
    )


def entry(p: Paper, **fields: Guess) -> Entry:
    return Entry(paper=p, venue=fields.pop("venue", Guess("CVPR 2022", "comment")), **fields)


def _inline_text(children: list[Token]) -> str:
    return "".join(t.content for t in children if t.type in ("text", "code_inline"))


def rendered(markdown: str) -> tuple[list[str], str, list[str]]:
    """What a reader sees of one entry: its links' targets in order, the first link's text,
    and every HTML token. Fails unless it is one list item."""
    tokens = GFM.parse(markdown)
    items = [t for t in tokens if t.type == "list_item_open"]
    assert len(items) == 1 and tokens[0].type == "bullet_list_open", markdown
    assert tokens[-1].type == "bullet_list_close", markdown
    hrefs: list[str] = []
    html: list[str] = []
    first_text = ""
    for tok in tokens:
        if tok.type == "html_block":
            html.append(tok.content)
        for i, child in enumerate(tok.children or []):
            if child.type == "link_open":
                hrefs.append(str(child.attrs["href"]))
                if len(hrefs) == 1:
                    depth, j, inside = 1, i + 1, []
                    while depth:
                        c = tok.children[j]  # type: ignore[index]
                        depth += {"link_open": 1, "link_close": -1}.get(c.type, 0)
                        inside.append(c)
                        j += 1
                    first_text = _inline_text(inside[:-1])
            elif child.type == "html_inline":
                html.append(child.content)
            elif child.type == "image":
                hrefs.append("image:" + str(child.attrs["src"]))
    return hrefs, first_text, html


def assert_one_safe_entry(e: Entry, style: Style = DEFAULT) -> str:
    markdown = render_entry(e, style)
    hrefs, text, html = rendered(markdown)
    expected = [f"{style.scheme}://arxiv.org/abs/{e.paper.id}"]
    for guess in (e.code, e.project):
        if guess.value and (target := link_target(guess.value)):
            expected.append(GFM.normalizeLink(target))
    assert (hrefs, html) == (expected, []), markdown
    assert text == plain(e.paper.title), markdown
    return markdown


HOSTILE_TITLES = [
    r"Escaped \] bracket and \[ more",
    "Autolink <https://evil.example> inside",
    'Raw <a href="https://evil.example">HTML</a> link',
    '<img src="https://evil.example/x.png"> image',
    "One `backtick breaks the link",
    "Stars *everywhere* and **bold** and _under_ and ~~strike~~",
    "A [link](https://evil.example) in the title",
    r"LaTeX $\{x \mid x \in \mathcal{L}_2\}$ and $\pi$-GAN",
    "Ampersand &amp; entity &#x3C;script&#x3E; and R&D",
    "Pipes | in a | table row",
    "Backslash at the end \\",
    "![image](https://evil.example/i.png) first",
    "Newline\ninside and\r\ncarriage and \x00 NUL \x1b[31m escape",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_hostile_title_renders_as_one_safe_entry(title: str) -> None:
    assert_one_safe_entry(entry(paper(title)))


@pytest.mark.parametrize("name", [*HOSTILE_TITLES, "[x](https://evil.example)", "*", "_a_"])
def test_hostile_author_names_add_no_link_or_html(name: str) -> None:
    markdown = assert_one_safe_entry(entry(paper(authors=("Ada Lovelace", name))))
    authors_line = markdown.splitlines()[1]
    tokens = GFM.parseInline(authors_line.strip())[0].children or []
    assert [t.type for t in tokens[:1]] == ["em_open"], authors_line  # the whole line italic
    assert tokens[-1].type == "em_close", authors_line


def test_the_lone_backtick_title_keeps_its_link_so_add_sees_it_again() -> None:
    """Regression: a title with one backtick broke its own link; the list parser no longer saw
    the entry, so `add` three times wrote three copies and `check` found no duplicate."""
    text = render_entry(entry(paper("One `backtick breaks the link"))) + "\n"
    doc = parse("# List\n\n" + text + "\n" + text)
    assert [(e.paper_id, e.line) for e in doc.entries] == [("2112.07945", 3), ("2112.07945", 7)]
    assert [f.kind for f in check(doc) if f.kind == "duplicate"] == ["duplicate"]


def test_escape_title_exact() -> None:
    assert escape_title(r"$\{a\}$ *b* `c` <d> [e] a_b _f_ R&D &amp;") == (
        r"$\\{a\\}$ \*b\* \`c\` \<d\> \[e\] a_b \_f\_ R&D \&amp;"
    )
    assert escape_title("$\\pi$-GAN") == "$\\pi$-GAN"


def test_link_injected_through_a_comment_is_cut_where_the_url_ends() -> None:
    """Regression: `https://github.com/o/r#)[Project](https://evil.example)` in a comment
    became `[[Code](https://github.com/o/r#)[Project](https://evil.example)]`."""
    links = find_links("Code: https://github.com/o/r#)[Project](https://evil.example)", None)
    assert (links.code.value, links.project.value) == ("https://github.com/o/r", None)
    e = entry(paper(), code=links.code)
    assert assert_one_safe_entry(e).endswith(" [[Code](https://github.com/o/r)]")


def test_hugging_face_values_cannot_inject_links_or_escapes() -> None:
    links = links_from_huggingface(
        {
            "githubRepo": "https://github.com/o/r#)[Project](https://evil.example)",
            "projectPage": "https://o.github.io/r/\r\n\x1b[31m[x](https://evil.example)",
        }
    )
    assert (links.code.value, links.project.value) == (
        "https://github.com/o/r",
        "https://o.github.io/r/",
    )


def test_service_values_are_made_safe_where_they_land() -> None:
    e = entry(
        paper(),
        venue=Guess("CVPR `2022`\n", "semanticscholar"),
        institution=Guess("Evil` [x](https://evil.example) \x1b[2J`", "openalex"),
        code=Guess("https://github.com/o/r)[Project](https://evil.example)", "huggingface"),
        project=Guess("javascript:alert(1)", "huggingface"),
    )
    markdown = assert_one_safe_entry(e)
    assert markdown.splitlines()[2] == (
        "  **[`CVPR '2022'`] (`Evil' [x](https://evil.example) [2J'`)**"
        " [[Code](https://github.com/o/r%29%5BProject%5D%28https://evil.example%29)]"
    )


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://github.com/o/r", "https://github.com/o/r"),
        ("http://example.com/a b", "http://example.com/a%20b"),
        ("https://example.com/ü", "https://example.com/%C3%BC"),
        ("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_%28bar%29"),
        ("https://github.com@evil.example/o/r", None),
        ("javascript:alert(1)", None),
        ("ftp://example.com/x", None),
        ("https://localhost/x", None),
        ("https:///nohost", None),
        ("https://exa mple.com/", None),
        ("https://example.com:notaport/", None),
    ],
)
def test_link_target(url: str, target: str | None) -> None:
    assert link_target(url) == target


def test_empty_title_and_no_authors_are_errors_not_broken_entries(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = tmp_path / "hostile.jsonl"
    base = {"date": "2025-01-02", "summary": "", "comment": None, "categories": ["cs.CV"]}
    rows = [
        {**base, "id": "2501.00001", "title": " ", "authors": ["A B"]},
        {**base, "id": "2501.00002", "title": "No authors", "authors": []},
        {**base, "id": "2501.00003", "title": "Fine", "authors": ["C D"]},
    ]
    records.write_text("".join(json.dumps(r) + "\n" for r in rows))
    server = ArxivServer(build_corpus([str(records)]))
    try:
        for name, value in server.env().items():
            monkeypatch.setenv(name, value)
        result = run("--no-enrich", "2501.00001", "2501.00002", "2501.00003")
    finally:
        server.close()
    assert result.exit_code == 1
    assert result.stderr == (
        "error: 2501.00001: arXiv's record has no title; nothing to print\n"
        "error: 2501.00002: arXiv's record names no authors; nothing to print\n"
    )
    assert result.stdout == (
        "- [Fine](https://arxiv.org/abs/2501.00003)  \n  *C D*  \n  **[`arXiv 2025`]**\n"
    )


# Text heavy in what markdown reads as structure, and any unicode at all.
_markup = st.one_of(
    st.text(max_size=80),
    st.text(
        alphabet=st.sampled_from(list("[]()<>`*_~\\&|!#$;: ahtps/.x1\n\r\x00\x1b")), max_size=80
    ),
)
# A URL-ish string: what a service or a comment may hand over for a link.
_urls = st.one_of(
    st.text(max_size=60),
    st.builds(lambda rest: f"https://github.com/o/r{rest}", _markup),
    st.builds(
        lambda host, path: f"https://{host}/{path}",
        st.from_regex(r"[a-z]{1,10}\.(com|io|org)", fullmatch=True),
        st.text(max_size=40),
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    title=_markup,
    authors=st.lists(_markup, min_size=1, max_size=4),
    code=_urls,
    project=_urls,
    institution=_markup,
)
def test_any_title_authors_and_links_render_as_one_safe_entry(
    title: str, authors: list[str], code: str, project: str, institution: str
) -> None:
    p = paper(title, tuple(authors))
    if not plain(title) or not any(plain(a) for a in authors):
        return  # an error for that paper (test above), not an entry
    e = entry(
        p,
        code=Guess(code, "huggingface"),
        project=Guess(project, "huggingface"),
        institution=Guess(institution, "openalex"),
    )
    assert_one_safe_entry(e)


def _records() -> list[dict[str, object]]:
    out = []
    with gzip.open(FIXTURES / "arxiv" / "records.jsonl.gz", "rt", encoding="utf-8") as f:
        out += [json.loads(line) for line in f]
    for name in ("arxiv/records-mixed.jsonl", "records-dev.jsonl", "seed-papers.jsonl"):
        with (FIXTURES / name).open(encoding="utf-8") as f:
            out += [json.loads(line) for line in f]
    return out


def test_every_real_record_renders_as_meant() -> None:
    """All 4,600-odd real records of the fixtures, through the guessers and the renderer."""
    seen = 0
    for rec in _records():
        day = date.fromisoformat(str(rec.get("updated") or rec.get("date") or "2025-01-01")[:10])
        p = Paper(
            id=str(rec["id"]),
            version=int(rec.get("version") or 1),  # type: ignore[call-overload]
            title=str(rec["title"]),
            authors=tuple(Author(str(a)) for a in rec["authors"]),  # type: ignore[attr-defined]
            summary=str(rec.get("summary") or ""),
            comment=rec.get("comment"),  # type: ignore[arg-type]
            journal_ref=rec.get("journal_ref"),  # type: ignore[arg-type]
            doi=None,
            published=day,
            updated=day,
        )
        assert_one_safe_entry(guess_entry(p))
        seen += 1
    assert seen > 4_600


def test_check_reports_links_and_html_that_are_not_the_entrys_own() -> None:
    doc = parse(
        "# L\n\n"
        "- [Title <img src=x> [x](https://evil.example)](https://arxiv.org/abs/2101.00001)  \n"
        '  *A <a href="https://evil.example">B</a>*  \n'
        "  **[`CVPR 2022`]** [[Code](https://github.com/o/r#)[Project](https://evil.example)]\n"
        "\n"
        r"- [Escaped \<img src=x\> and `<a href=x>` \[x\](y)](https://arxiv.org/abs/2101.00002)  "
        "\n  *A, B*  \n  **[`CVPR 2022`]** [[Code](https://github.com/o/r)]\n"
    )
    assert [(f.line, f.message) for f in check(doc) if f.kind == "foreign-link"] == [
        (3, "the title holds a link or HTML: remove it"),
        (4, "raw HTML <a> in the authors line: remove it"),
        (5, "a link glued to another link's target, `)[`: a URL carried markdown in"),
    ]


@pytest.mark.parametrize(
    "name", ["seed-list.md", "controllable-gan.md"], ids=["seed", "controllable-gan"]
)
def test_real_lists_have_no_foreign_link_findings(name: str) -> None:
    doc = parse((FIXTURES / "lists" / name).read_text(encoding="utf-8"))
    assert [f for f in check(doc) if f.kind == "foreign-link"] == []


def test_messages_cannot_drive_the_terminal() -> None:
    from arxiv2entry.console import shown

    assert shown("a\x1b[2Jb\rc\nd\te\u202ef") == "a[2Jbc\nd ef"
