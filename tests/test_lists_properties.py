"""Properties of README edits on generated markdown documents.

The generator knows the ground truth of what it wrote (which lines are headings, bare links,
code), so these tests check `arxiv2entry.lists` against the document's intent, not against itself:
`add` only inserts lines, twice is once, and `expand` never touches code, comments or HTML.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from unittest.mock import patch

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from arxiv2entry.lists import parse as parse_module
from arxiv2entry.lists.edit import add_entries, apply, edited, expand_edits, unchanged
from arxiv2entry.lists.lint import check
from arxiv2entry.lists.locate import find_entry
from arxiv2entry.lists.model import Document, Section, split_lines
from arxiv2entry.lists.parse import parse
from arxiv2entry.lists.style import detect_style
from arxiv2entry.render import Style

# README_PROPERTY_EXAMPLES=5000 for a longer hunt; 200 keeps the file under ~10 s.
SETTINGS = settings(
    max_examples=int(os.environ.get("README_PROPERTY_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

IDS = [
    f"{yy}{mm:02d}.{n:05d}"
    for yy, mm, n in [
        (19, 3, 1),
        (19, 11, 42),
        (20, 1, 7),
        (20, 6, 12345),
        (20, 12, 99),
        (21, 2, 5),
        (21, 7, 31337),
        (21, 12, 7945),
        (22, 4, 8),
        (22, 9, 15637),
        (23, 3, 1416),
        (24, 1, 2),
    ]
]
WORDS = [
    "neural",
    "field",
    "voxel",
    "mesh",
    "shape",
    "GAN",
    "depth",
    "light",
    "scene",
    "3D",
    "hybrid",
    "image",
    "synthesis",
    "generation",
]


@dataclass
class Doc:
    lines: list[str] = field(default_factory=list)  # without endings
    headings: list[str] = field(default_factory=list)
    bare: list[int] = field(default_factory=list)  # indexes of real bare-link lines
    code: list[tuple[int, int]] = field(default_factory=list)  # ranges nobody may touch
    nl: str = "\n"
    final_newline: bool = True

    @property
    def text(self) -> str:
        body = self.nl.join(self.lines)
        return body + self.nl if self.final_newline and self.lines else body


def url_forms(pid: str) -> list[str]:
    return [
        f"https://arxiv.org/abs/{pid}",
        f"http://arxiv.org/abs/{pid}",
        f"https://arXiv.org/abs/{pid}v2",
        f"https://arxiv.org/pdf/{pid}.pdf",
        f"https://arxiv.org/pdf/{pid}v1",
    ]


def bare_forms(pid: str) -> list[str]:
    url = f"https://arxiv.org/abs/{pid}"
    return [
        url,
        pid,
        f"- {url}",
        f"* {pid}",
        f"1. {url}",
        f"arXiv:{pid}",
        f"<{url}>",
        f"- arXiv: {pid}",
        f"https://arxiv.org/pdf/{pid}v3.pdf",
    ]


words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
trailing = st.sampled_from(["", "", " ", "  ", "\t"])


@st.composite
def entry_lines(draw: st.DrawFn) -> list[str]:
    pid = draw(st.sampled_from(IDS))
    bullet = draw(st.sampled_from(["- ", "- ", "* ", ""]))
    indent = " " * len(bullet)
    url = draw(st.sampled_from(url_forms(pid)))
    title = f"{bullet}[{draw(words).title()}]({url})"
    if draw(st.booleans()):  # the two-line variant of the seed list
        return [title + "  ", f"{indent}**[`CVPR 2023`]** *Ann Lee, Bo Chen*"]
    return [title + draw(trailing), f"{indent}*Ann Lee, Bo Chen*  ", f"{indent}**[`arXiv 2021`]**"]


@st.composite
def documents(draw: st.DrawFn) -> Doc:
    doc = Doc(nl=draw(st.sampled_from(["\n", "\r\n", "\r"])), final_newline=draw(st.booleans()))
    kinds = st.sampled_from(
        [
            "heading",
            "paragraph",
            "list",
            "entry",
            "entry",
            "run",
            "fence",
            "bare",
            "comment",
            "details",
            "quote",
        ]
    )
    blocks = draw(st.lists(kinds, min_size=1, max_size=12))
    blocks.insert(0, "heading")
    previous = ""
    for kind in blocks:
        glue = previous in ("paragraph", "entry") and kind == "bare" and draw(st.booleans())
        if doc.lines and not glue:
            doc.lines.extend(draw(st.sampled_from([[""], [""], ["", ""], ["  "]])))
        at = len(doc.lines)
        if kind == "heading":
            level = draw(st.integers(1, 4))
            title = draw(words)
            shown = f"`{title}`" if draw(st.booleans()) else title
            doc.lines.append(f"{'#' * level} {shown}")
            doc.headings.append(title)
            if draw(st.integers(0, 5)) == 0:  # an indented code block right under it
                doc.lines += ["", f"    {draw(st.sampled_from(bare_forms(IDS[0])))}"]
                doc.code.append((at + 2, at + 3))
        elif kind == "paragraph":
            for _ in range(draw(st.integers(1, 3))):
                doc.lines.append(draw(words) + draw(trailing))
        elif kind == "list":
            for _ in range(draw(st.integers(1, 3))):
                doc.lines.append(f"- {draw(words)}")
        elif kind == "entry":
            doc.lines += draw(entry_lines())
        elif kind == "run":  # a section of entries in arXiv order, tight or loose
            title = draw(words)
            doc.lines += [f"### {title}", ""]
            doc.headings.append(title)
            ids = sorted(draw(st.sets(st.sampled_from(IDS), min_size=3, max_size=6)))
            if draw(st.booleans()):
                ids.reverse()
            bullet = draw(st.sampled_from(["- ", "* ", ""]))
            tight = bool(bullet) and draw(st.booleans())  # unbulleted entries need blank lines
            pad = " " * len(bullet)
            for k, pid in enumerate(ids):
                if k and not tight:
                    doc.lines.append("")
                doc.lines += [
                    f"{bullet}[Run {pid}](https://arxiv.org/abs/{pid})  ",
                    f"{pad}*Ann Lee*  ",
                    f"{pad}**[`arXiv 2021`]**",
                ]
        elif kind == "bare":
            doc.lines.append(draw(st.sampled_from(bare_forms(draw(st.sampled_from(IDS))))))
            doc.bare.append(at)
        elif kind == "fence":
            fence = draw(st.sampled_from(["```", "~~~", "``` markdown"]))
            inner = draw(
                st.lists(
                    st.one_of(
                        entry_lines(),
                        st.sampled_from([["## Fake heading"], [""], ["#### `Voxel`"]]),
                        st.sampled_from(IDS).map(lambda p: [f"https://arxiv.org/abs/{p}"]),
                    ),
                    max_size=4,
                )
            )
            doc.lines += [fence, *(x for chunk in inner for x in chunk), fence[:3]]
            doc.code.append((at, len(doc.lines)))
        elif kind == "comment":
            pid = draw(st.sampled_from(IDS))
            doc.lines += ["<!--", f"https://arxiv.org/abs/{pid}", "# not a heading", "-->"]
            doc.code.append((at, len(doc.lines)))
        elif kind == "details":
            pid = draw(st.sampled_from(IDS))
            doc.lines += ["<details><summary>more</summary>", pid, "## hidden", "</details>"]
            doc.code.append((at, len(doc.lines)))
        elif kind == "quote":
            doc.lines += [
                f"> {draw(words)}",
                f"> https://arxiv.org/abs/{draw(st.sampled_from(IDS))}",
            ]
        previous = kind
    return doc


def render(pid: str, style: Style) -> str:
    lines = [
        f"{style.bullet}[Paper {pid}]({style.scheme}://arxiv.org/abs/{pid})  ",
        f"{style.indent}*Ann Lee, Bo Chen*  ",
        f"{style.indent}**[`arXiv 2021`]**",
    ]
    return "\n".join(lines)


styles = st.sampled_from(
    [None, Style(), Style(bullet="* ", indent="    "), Style(bullet="", indent="")]
)


def arxiv_order(doc: Document, section: Section) -> int:
    """+1/-1 when the section's own entries ascend/descend by arXiv month (four or more)."""
    months = [
        e.paper_id[:4]
        for e in doc.entries
        if section.body <= e.start < section.own_end and e.paper_id
    ]
    if len(months) < 4 or months[0] == months[-1]:
        return 0
    if months == sorted(months):
        return 1
    if months == sorted(months, reverse=True):
        return -1
    return 0


def inserted_lines(before: str, after: str, nl: str) -> list[str]:
    """The lines `after` has beyond `before`, asserting that every line of `before` is still
    there, in order, byte for byte (endings included). A last line without an ending may gain
    one when something is inserted after it: the one touch `apply` allows."""
    assert after.endswith(("\n", "\r")) == before.endswith(("\n", "\r")) or not before
    if before and not before.endswith(("\n", "\r")):
        before += nl
        after += nl
    old = split_lines(before)
    new = split_lines(after)
    k = 0
    extra = []
    for line in new:
        if k < len(old) and line == old[k]:
            k += 1
        else:
            extra.append(line)
    assert k == len(old), f"original line {k + 1} was changed or lost: {old[k]!r}"
    return extra


@SETTINGS
@given(doc=documents())
def test_parse_sees_the_documents_structure(doc: Doc) -> None:
    parsed = parse(doc.text)
    assert [s.title for s in parsed.sections] == doc.headings
    assert [b.index for b in parsed.bare_links] == doc.bare
    assert "".join(parsed.lines) == doc.text


@SETTINGS
@given(doc=documents(), data=st.data())
def test_add_changes_only_the_inserted_lines_and_twice_is_once(
    doc: Doc, data: st.DataObject
) -> None:
    text = doc.text
    parsed = parse(text)
    with_entries = [
        i
        for i, s in enumerate(parsed.sections)
        if any(s.body <= e.start < s.own_end for e in parsed.entries)
    ]
    if with_entries and data.draw(st.booleans()):  # where inserting takes the most care
        where = data.draw(st.sampled_from(with_entries))
    else:
        where = data.draw(st.integers(0, len(parsed.sections) - 1))
    section = parsed.sections[where]
    ids = data.draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=3))
    style = data.draw(styles) or detect_style(parsed)
    plan = add_entries(parsed, section, [(pid, render(pid, style)) for pid in ids])
    out = apply(text, plan.edits)
    # what a write streams is the same text, and it changes the file exactly when `out` does
    window = data.draw(st.integers(1, 40))
    assert "".join(edited(parsed.lines, plan.edits, window)) == out
    assert unchanged(text, edited(parsed.lines, plan.edits, window)) == (out == text)

    present = {e.paper_id for e in parsed.entries} | {b.paper_id for b in parsed.bare_links}
    expected_added = list(dict.fromkeys(p for p in ids if p not in present))
    assert list(plan.added) == expected_added
    assert {s.paper_id for s in plan.skipped} == {p for p in ids if p in present}

    extra = inserted_lines(text, out, doc.nl)
    expected_lines = sorted(
        line + doc.nl for pid in expected_added for line in render(pid, style).split("\n")
    )
    assert sorted(x for x in extra if x.strip(" \t\r\n")) == expected_lines
    assert all(not x.strip(" \t\r\n") for x in extra if x not in expected_lines)
    for pid in expected_added:  # each entry is one piece, in the document's line ending
        block = doc.nl.join(render(pid, style).split("\n"))
        assert block in out

    again = parse(out)
    # the text around the new entries is still what it was: same headings, entries, bare links
    assert [s.title for s in again.sections] == [s.title for s in parsed.sections]
    assert sorted(str(e.paper_id) for e in again.entries) == sorted(
        [str(e.paper_id) for e in parsed.entries] + expected_added
    )
    assert [b.paper_id for b in again.bare_links] == [b.paper_id for b in parsed.bare_links]
    direction = arxiv_order(parsed, section)
    if direction:  # a section in arXiv order stays in that order
        assert arxiv_order(again, again.sections[where]) == direction
    for pid in expected_added:  # found again, inside the section it was added to
        entry = find_entry(again, pid)
        assert entry is not None
        new_section = again.sections[where]
        assert new_section.body <= entry.start < new_section.own_end
    assert (
        apply(
            out,
            add_entries(
                again, again.sections[where], [(pid, render(pid, style)) for pid in ids]
            ).edits,
        )
        == out
    )


@SETTINGS
@given(doc=documents(), data=st.data())
def test_expand_touches_only_bare_links_and_twice_is_once(doc: Doc, data: st.DataObject) -> None:
    text = doc.text
    parsed = parse(text)
    style = data.draw(styles) or detect_style(parsed)
    failed = data.draw(st.sets(st.sampled_from(IDS), max_size=2))  # papers that cannot be fetched
    replacements = {
        b.line: render(b.paper_id, style) for b in parsed.bare_links if b.paper_id not in failed
    }
    plan = expand_edits(parsed, replacements)
    out = apply(text, plan.edits)
    window = data.draw(st.integers(1, 40))
    assert "".join(edited(parsed.lines, plan.edits, window)) == out
    assert unchanged(text, edited(parsed.lines, plan.edits, window)) == (out == text)

    replaced = {e.start for e in plan.edits}
    for start, end in doc.code:  # code, comments and HTML blocks come through byte for byte
        block = doc.nl.join(doc.lines[start:end])
        assert text.count(block) <= out.count(block)
    kept = [
        line
        for i, line in enumerate(split_lines(text))
        if not any(e.start <= i < e.end for e in plan.edits)
    ]
    k = 0
    for line in split_lines(out):
        if k < len(kept) and (line == kept[k] or line == kept[k] + doc.nl):
            k += 1
    assert k == len(kept), "a line that was not a bare link changed"
    assert replaced <= set(doc.bare)

    again = parse(out)
    left = {b.paper_id for b in again.bare_links}
    assert left <= failed | {s.paper_id for s in plan.skipped}
    replacements = {
        b.line: render(b.paper_id, style) for b in again.bare_links if b.paper_id not in failed
    }
    assert apply(out, expand_edits(again, replacements).edits) == out


@SETTINGS
@given(doc=documents())
def test_check_never_reports_code_or_html(doc: Doc) -> None:
    parsed = parse(doc.text)
    hidden = {i + 1 for start, end in doc.code for i in range(start, end)}
    assert not [f for f in check(parsed) if f.line in hidden]
    assume(parsed.entries)
    for e in parsed.entries:
        assert not any(start <= e.link_index < end for start, end in doc.code)


SHAPES = [
    "Title",
    "---",
    "===",
    "***",
    "- - -",
    "_ _ _",
    "  ---",
    "> ---",
    "> Title",
    "- item",
    "- ---",
    "* * *",
    "1. one",
    "   ===",
    "    ---",
    "",
    "",
    "text -- with dashes",
    "```",
    "~~~",
    "- ```",
    "  ~~~",
    "<div>",
    "</div>",
    "<!--",
    "-->",
    "<pre>",
    "</pre>",
    "- [x](https://arxiv.org/abs/2101.00001)  ",
    "  *A*  ",
    "  **[`arXiv 2021`]**",
    "#### `Voxel`",
    "# Title",
    "## Sub",
    "#",
    "# a | b",
    "--|--",
    "| a | b |",
    ">",
    ">     code",
    "    indented",
    "\tTab",
    "-     code",
    "  - nested",
    "      nested code",
    "--",
    "==",
    "NUL \0 here",
    "- * - * - * - * - * ten lists deep",
    "  - - - - - - - - - nine more",
]


@st.composite
def markdown(draw: st.DrawFn) -> str:
    """Text from a random few of SHAPES: most texts leave some block rules nothing to fire on."""
    vocabulary = draw(st.lists(st.sampled_from(SHAPES), min_size=1, max_size=8, unique=True))
    lines = draw(st.lists(st.sampled_from(vocabulary), max_size=24))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    return newline.join(lines) + (newline if draw(st.booleans()) else "")


def full_parse(src: str) -> list[Token]:
    return MarkdownIt("commonmark").disable(["inline", "text_join", "reference"]).parse(src)


@SETTINGS
@given(src=markdown())
def test_skipping_rules_that_cannot_fire_gives_the_same_tokens(src: str) -> None:
    """`parse` drops the block rules that no line of a section could fire (and markdown-it's
    own newline normalisation); the block tokens must be exactly those of the full parser."""
    src = src.replace("\r\n", "\n").replace("\0", "\ufffd")  # as `parse` does first
    expected = [(t.type, t.map, t.level, t.tag) for t in full_parse(src)]
    got = [(t.type, t.map, t.level, t.tag) for t in parse_module._parser(src).parse(src)]
    assert got == expected


def structure(doc: Document) -> tuple[object, ...]:
    return doc.sections, doc.entries, doc.bare_links


@SETTINGS
@given(src=markdown())
def test_parsing_by_sections_gives_the_structure_of_one_parse(src: str) -> None:
    """`parse` cuts the text before column-0 ATX headings and parses each part alone; headings,
    entries and bare links must be where one parse of the whole text puts them, also when a
    heading line is inside a fence, an HTML block or a table. A memo gives the same again."""
    whole = structure(parse_module._parse(src, whole=True))
    assert structure(parse(src)) == whole
    memo: dict[bytes, bytes] = {}
    assert structure(parse(src, memo)) == whole
    assert structure(parse(src, memo)) == whole  # read back from the memo


def test_a_heading_inside_a_long_fence_costs_few_parses() -> None:
    """A fence whose lines look like headings (a shell sample full of `# comments`) is parsed
    again with twice as many sections each time, not once per comment line."""
    body = "".join(f"# comment {k}\n" for k in range(1000))
    src = f"# List\n\n- [A](https://arxiv.org/abs/2101.00001)\n\n```sh\n{body}```\n\n# After\n"
    with patch.object(parse_module, "_parser", wraps=parse_module._parser) as parser:
        doc = parse(src)
    assert structure(doc) == structure(parse_module._parse(src, whole=True))
    assert [s.title for s in doc.sections] == ["List", "After"]
    # up to the fence; from the fence to the 1st, 3rd, 7th ... 511th comment; then to the end
    assert parser.call_count == 1 + 9 + 1


def test_lists_nested_ten_deep_swallow_the_rest_of_the_text_as_in_one_parse() -> None:
    """markdown-it stops nesting at ten lists and gives the innermost item every line up to
    the end of the text it was handed: a part of the text must not end that item earlier
    (found in review: the cut parse saw the headings after it, and a fence parsed again
    with more of the text made a third answer)."""
    deep = "- * - * - * - * - * deep\n"
    tail = (
        "# C\n- [P](https://arxiv.org/abs/2112.07945)\n"
        "# D\n- [Q](https://arxiv.org/abs/2007.02442)\n"
    )
    indented = "".join(f"{'  ' * i}- item {i}\n" for i in range(10))
    for src in (
        "- * - * - * - * - * x\n# B\n",
        "# A\n" + deep + tail,
        "# A\n```\n# x\n# y\n```\n" + deep + tail,
        "# A\n" + indented + tail,
    ):
        whole = structure(parse_module._parse(src, whole=True))
        assert structure(parse(src)) == whole, src
        memo: dict[bytes, bytes] = {}
        parse(src, memo)
        assert structure(parse(src, memo)) == whole, src
    nine = "# A\n- * - * - * - * - x\n" + tail  # one list less: the headings count
    assert [s.title for s in parse(nine).sections] == ["A", "C", "D"]


def test_a_memo_spares_the_parse_of_unchanged_sections() -> None:
    """What a maintainer's second run costs: only the section that changed is parsed again."""
    sections = [
        f"## Part {k}\n\n- [Paper {k}](https://arxiv.org/abs/2101.{k:05d})  \n  *A*  \n"
        "  **[`arXiv 2021`]**\n\n"
        for k in range(1, 6)
    ]
    memo: dict[bytes, bytes] = {}
    parse("".join(sections), memo)
    assert len(memo) == 5
    sections[2] = sections[2].replace("*A*", "*A, B*")
    with patch.object(parse_module, "_parser", wraps=parse_module._parser) as parser:
        doc = parse("".join(sections), memo)
    assert parser.call_count == 1
    assert structure(doc) == structure(parse_module._parse("".join(sections), whole=True))
    assert [e.line for e in doc.entries] == [3, 9, 15, 21, 27]
