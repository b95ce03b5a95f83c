"""README edits on real lists, byte for byte.

Every expected text is built by splicing lines into the original by hand, never by calling the
code under test, so a test fails on any byte `arxiv2entry.lists` adds, drops or moves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from arxiv2entry.ids import IdError
from arxiv2entry.lists.choose import choose_section
from arxiv2entry.lists.edit import add_entries, apply, expand_edits
from arxiv2entry.lists.lint import check
from arxiv2entry.lists.locate import bare_links, find_entry, find_section
from arxiv2entry.lists.model import Edit, Finding, SectionError, Skipped
from arxiv2entry.lists.parse import parse
from arxiv2entry.lists.style import detect_style
from arxiv2entry.render import Style

FIXTURES = Path(__file__).parent / "fixtures"
# read as bytes so that no newline translation hides what the code does to line endings
SEED = (FIXTURES / "lists" / "seed-list.md").read_bytes().decode("utf-8")
GAN = (FIXTURES / "lists" / "controllable-gan.md").read_bytes().decode("utf-8")

NEW = (
    "- [A New Paper](https://arxiv.org/abs/2112.07946)  ",
    "  *Ann Author, Bob Builder*  ",
    "  **[`arXiv 2021`]**",
)


def entry(pid: str, title: str = "A New Paper", bullet: str = "- ", indent: str = "  ") -> tuple:
    return (
        f"{bullet}[{title}](https://arxiv.org/abs/{pid})  ",
        f"{indent}*Ann Author, Bob Builder*  ",
        f"{indent}**[`arXiv 2021`]**",
    )


def rendered(pid: str, lines: tuple = NEW) -> tuple[str, str]:
    return (pid, "\n".join(lines))


def splice(text: str, after: int, new: tuple | list, nl: str = "\n") -> str:
    """`new` inserted after 1-based line `after` of `text` (0: at the top)."""
    lines = text.splitlines(keepends=True)
    return "".join(lines[:after] + [x + nl for x in new] + lines[after:])


def replace_line(
    text: str, line: int, new: tuple | list, nl: str = "\n", last: int | None = None
) -> str:
    """1-based lines `line`..`last` (default: just `line`) of `text` replaced by `new`."""
    lines = text.splitlines(keepends=True)
    return "".join(lines[: line - 1] + [x + nl for x in new] + lines[last or line :])


def add(text: str, section: str, items: list[tuple[str, str]]) -> str:
    doc = parse(text)
    plan = add_entries(doc, find_section(doc, section), items)
    return apply(text, plan.edits)


# ----------------------------------------------------------------------------------------------
# Structure of the real lists


def test_seed_sections_with_levels_paths_and_ranges() -> None:
    doc = parse(SEED)
    got = [(s.line, s.level, s.path, s.body, s.own_end, s.end) for s in doc.sections]
    lit, shape = "Literature", "with-3D-shape"
    assert got == [
        (11, 3, ("Contributing",), 11, 23, 23),
        (24, 2, ("Introduction",), 24, 133, 133),
        (134, 2, (lit,), 134, 144, 331),
        (145, 3, (lit, shape), 145, 146, 325),
        (147, 4, (lit, shape, "Implicit Representation"), 147, 252, 252),
        (253, 4, (lit, shape, "Voxel"), 253, 277, 277),
        (278, 4, (lit, shape, "Mesh"), 278, 297, 297),
        (298, 4, (lit, shape, "Depth"), 298, 309, 309),
        (310, 4, (lit, shape, "Hybrid"), 310, 325, 325),
        (326, 3, (lit, "without 3D shape"), 326, 331, 331),
        (332, 2, ("Related",), 332, 346, 346),
    ]


def test_seed_entries_are_its_39_papers_and_not_the_fenced_sample() -> None:
    doc = parse(SEED)
    papers = [json.loads(x)["id"] for x in (FIXTURES / "seed-papers.jsonl").open()]
    assert sorted(e.paper_id for e in doc.entries) == sorted(papers)
    assert len(doc.entries) == 39
    assert doc.entries[0].line == 151 and doc.entries[-1].line == 320
    assert all(e.line > 20 for e in doc.entries)  # the ``` markdown sample at 15-17 is not one
    # the two-line variants end where they end
    variants = [(e.line, e.text_end) for e in doc.entries if e.text_end - e.link_index == 2]
    assert variants == [(243, 244), (246, 247), (292, 293)]
    assert doc.bare_links == ()


def test_gan_entries_include_paragraph_entries_and_anchored_ones() -> None:
    doc = parse(GAN)
    assert len(doc.entries) == 39
    unbulleted = [(e.start + 1, e.line, e.paper_id) for e in doc.entries if not e.bullet]
    assert unbulleted == [
        (169, 169, "2012.09276"),
        (174, 174, "1908.09961"),
        (439, 439, "2007.06600"),
        (447, 448, "2106.04488"),  # <span id="LowRankGAN"></span> on the line before the link
        (472, 472, "2004.02546"),
    ]
    # a list item without a link ("- Designing an Encoder ...") and [GLO](#GLO) are not entries
    assert 260 not in {e.line for e in doc.entries}
    assert 182 not in {e.line for e in doc.entries}


# ----------------------------------------------------------------------------------------------
# find_section


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("Voxel", 253),
        ("`Voxel`", 253),
        ("voxel", 253),
        ("IMPLICIT-representation", 147),
        ("Implicit Representation", 147),
        ("with 3D shape", 145),
        ("with-3D-shape", 145),
        ("without-3d-shape", 326),
        ("without 3D shape", 326),
        ("with 3D shape/Mesh", 278),
        ("Literature/Mesh", 278),
        ("literature / with 3d shape / hybrid", 310),
        ("Depth", 298),
    ],
)
def test_find_section_ignores_case_punctuation_and_backticks(name: str, line: int) -> None:
    assert find_section(parse(SEED), name).line == line


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("Encode", 243),
        ("2.1 Encode", 243),
        ("modify latent code", 289),
        ("Supervised", 313),
        ("Controllable Generation", 1),
        ("self supervised learning", 377),
    ],
)
def test_find_section_ignores_section_numbers_and_html(name: str, line: int) -> None:
    assert find_section(parse(GAN), name).line == line


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Voxle", "no section 'Voxle'; did you mean 'Voxel'?"),
        ("Implicit", "no section 'Implicit'; did you mean 'Implicit Representation'?"),
        ("Hybird", "no section 'Hybird'; did you mean 'Hybrid'?"),
        (
            "Foo",
            "no section 'Foo'; sections are: Contributing, Introduction, Literature, "
            "with-3D-shape, Implicit Representation, Voxel, Mesh, Depth, Hybrid, "
            "without 3D shape, Related",
        ),
    ],
)
def test_find_section_messages(name: str, message: str) -> None:
    with pytest.raises(SectionError) as raised:
        find_section(parse(SEED), name)
    assert str(raised.value) == message


def test_find_section_lists_at_most_twelve_sections() -> None:
    with pytest.raises(SectionError) as raised:
        find_section(parse(GAN), "Foo")
    assert str(raised.value) == (
        "no section 'Foo'; sections are: Controllable Generation, Introduction, Methods Taxonomy,"
        " Metrics, Tricks, Literature, Survey, 1.1 Conditional GAN, 1.2 Auxiliary Classifier,"
        " 2.1 Encode, 2. Modify GAN Model, 2.2. Modify Latent Code, and 3 more"
    )


def test_find_section_ambiguous_name_asks_for_a_path() -> None:
    doc = parse("# A\n\n## Mesh\n\n# B\n\n## Mesh\n")
    with pytest.raises(SectionError) as raised:
        find_section(doc, "Mesh")
    assert str(raised.value) == (
        "'Mesh' matches 2 sections: 'A/Mesh', 'B/Mesh'; give a path such as 'A/Mesh'"
    )
    assert find_section(doc, "b/mesh").line == 7
    assert find_section(doc, "A / Mesh").line == 3


def test_find_section_with_emoji_and_shortcodes() -> None:
    doc = parse("## 🚀 Rockets :rocket:\n\n### **Fast** _ones_ ✨\n")
    assert [s.title for s in doc.sections] == ["Rockets", "Fast ones"]
    assert find_section(doc, "rockets").line == 1
    assert find_section(doc, "fast-ones").line == 3


def test_headings_inside_code_and_html_are_not_sections() -> None:
    text = (
        "# Real\n\n"
        "```markdown\n## Fenced\n- [x](https://arxiv.org/abs/2101.00001)  \n```\n\n"
        "~~~\n# Tilde\n~~~\n\n"
        "    ## Indented code\n\n"
        "<details>\n## In HTML\n</details>\n\n"
        "<!--\n## Commented\n-->\n\n"
        "Setext\n------\n"
    )
    doc = parse(text)
    assert [(s.line, s.title) for s in doc.sections] == [(1, "Real"), (22, "Setext")]
    assert doc.entries == ()
    with pytest.raises(SectionError) as raised:
        find_section(doc, "Fenced")
    assert str(raised.value) == "no section 'Fenced'; sections are: Real, Setext"


# ----------------------------------------------------------------------------------------------
# find_entry and duplicates under every URL form

FORMS = [
    "2112.07945",
    "2112.07945v2",
    "arXiv:2112.07945",
    "https://arxiv.org/abs/2112.07945",
    "http://arxiv.org/abs/2112.07945v1",
    "https://arXiv.org/abs/2112.07945",
    "https://arxiv.org/pdf/2112.07945",
    "https://arxiv.org/pdf/2112.07945v3.pdf",
    "https://www.arxiv.org/abs/2112.07945",
]


@pytest.mark.parametrize("form", FORMS)
def test_find_entry_under_every_url_form(form: str) -> None:
    found = find_entry(parse(SEED), form)
    assert found is not None and (found.line, found.paper_id) == (316, "2112.07945")


def test_find_entry_on_unusual_links_of_the_seed_list() -> None:
    doc = parse(SEED)
    assert find_entry(doc, "2303.01416").line == 246  # http://arxiv.org/abs/
    assert find_entry(doc, "2202.08553").line == 304  # https://arXiv.org/abs/
    assert find_entry(doc, "2401.00001") is None
    with pytest.raises(IdError):
        find_entry(doc, "not an id")


def test_duplicates_detected_under_every_url_form() -> None:
    urls = [f for f in FORMS if "://" in f]
    blocks = [
        "\n".join([f"- [EG3D]({url})  ", "  *Eric R. Chan*  ", "  **[`CVPR 2022`]**"])
        for url in urls
    ]
    text = "## Hybrid\n\n" + "\n\n".join(blocks) + "\n"
    doc = parse(text)
    assert [e.paper_id for e in doc.entries] == ["2112.07945"] * len(urls)
    assert check(doc) == [
        Finding(line, "duplicate of line 3 in the same section (2112.07945)", "duplicate", "AE109")
        for line in range(7, 4 * len(urls), 4)
    ]


# ----------------------------------------------------------------------------------------------
# add: exact bytes in every section of the seed list


@pytest.mark.parametrize(
    ("section", "after", "new"),
    [
        ("Implicit Representation", 247, ["", *NEW]),
        ("Voxel", 270, [*NEW, ""]),  # in arXiv order: 2112 goes before VoxGRAF (2206)
        ("Mesh", 293, ["", *NEW]),
        ("Depth", 306, ["", *NEW]),
        ("Hybrid", 322, ["", *NEW]),
        ("without 3D shape", 328, ["", *NEW]),  # empty: after the heading's blockquote
        ("with 3D shape", 145, ["", *NEW]),  # only subsections: right under the heading
        ("Related", 337, ["", *NEW]),
    ],
)
def test_add_into_each_section_exact_bytes(section: str, after: int, new: list[str]) -> None:
    assert add(SEED, section, [rendered("2112.07946")]) == splice(SEED, after, new)


def test_add_in_date_order_before_the_first_later_paper_and_after_the_last() -> None:
    old, late = entry("1701.00001", "Old"), entry("2301.00002", "Late")
    got = add(SEED, "Voxel", [rendered("2301.00002", late), rendered("1701.00001", old)])
    assert got == splice(splice(SEED, 273, ["", *late]), 258, [*old, ""])


def test_add_several_to_one_place_keeps_input_order_and_blank_lines() -> None:
    one, two = entry("2201.00001", "One"), entry("2112.00002", "Two")
    got = add(SEED, "Hybrid", [rendered("2201.00001", one), rendered("2112.00002", two)])
    assert got == splice(SEED, 322, ["", *one, "", *two])


def test_add_skips_papers_already_listed_and_says_where() -> None:
    doc = parse(SEED)
    plan = add_entries(
        doc,
        find_section(doc, "Mesh"),
        [
            ("https://arxiv.org/pdf/2112.07945v2.pdf", "unused"),
            rendered("2112.07946"),
            rendered("2112.07946v2"),  # the same paper twice in one call: written once
            ("http://arxiv.org/abs/2303.01416", "unused"),
        ],
    )
    assert plan.added == ("2112.07946",)
    assert plan.skipped == (Skipped("2112.07945", 316), Skipped("2303.01416", 246))
    assert apply(SEED, plan.edits) == splice(SEED, 293, ["", *NEW])


def test_add_twice_is_add_once() -> None:
    once = add(SEED, "Hybrid", [rendered("2112.07946")])
    assert add(once, "Hybrid", [rendered("2112.07946")]) == once


def test_add_crlf_keeps_crlf() -> None:
    text = SEED.replace("\n", "\r\n")
    got = add(text, "Hybrid", [rendered("2112.07946")])
    assert got == splice(text, 322, ["", *NEW], nl="\r\n")
    assert "\n" not in got.replace("\r\n", "")


def test_add_old_mac_cr_endings() -> None:
    text = SEED.replace("\n", "\r")
    assert add(text, "Depth", [rendered("2112.07946")]) == splice(text, 306, ["", *NEW], nl="\r")


def test_add_mixed_endings_uses_the_most_common_and_leaves_the_others() -> None:
    lines = SEED.splitlines(keepends=True)
    text = "".join(x.replace("\n", "\r\n") for x in lines[:200]) + "".join(lines[200:])
    got = add(text, "Hybrid", [rendered("2112.07946")])  # 200 CRLF lines against 146 LF
    assert got == splice(text, 322, ["", *NEW], nl="\r\n")


def test_add_at_the_end_of_a_file_without_final_newline() -> None:
    text = SEED.rstrip("\n")  # ends with "- [3DMM]()"
    got = add(text, "Related", [rendered("2112.07946")])
    # the old last line gets the newline it needs; the new last line has none, like the old one
    assert got == text + "\n\n" + "\n".join(NEW)
    crlf = SEED.replace("\n", "\r\n").rstrip("\r\n")
    assert add(crlf, "Related", [rendered("2112.07946")]) == crlf + "\r\n\r\n" + "\r\n".join(NEW)


def test_add_elsewhere_in_a_file_without_final_newline_keeps_it_without() -> None:
    text = SEED.rstrip("\n")
    got = add(text, "Mesh", [rendered("2112.07946")])
    assert got == splice(text, 293, ["", *NEW])
    assert got.endswith("- [3DMM]()")


def test_add_keeps_tabs_and_trailing_spaces() -> None:
    text = SEED.replace("#### `Mesh`\n", "#### `Mesh`\t\n").replace(
        "predefined 3D face model\n", "predefined\t3D face model \t\n"
    )
    got = add(text, "Mesh", [rendered("2112.07946")])
    assert got == splice(text, 293, ["", *NEW])
    assert "#### `Mesh`\t\n" in got and "predefined\t3D face model \t\n" in got
    assert "  **[`CVPR 2020 (Best paper)`]**  \n  \n" in got  # trailing spaces as they were


def test_parse_tolerates_a_bom_left_in() -> None:
    plain, bom = parse(SEED), parse("\ufeff" + SEED)
    assert bom.sections == plain.sections and bom.entries == plain.entries


def test_add_into_a_gan_section_follows_the_list_not_the_section() -> None:
    new = ["", *NEW]
    assert add(GAN, "Encode", [rendered("2112.07946")]) == splice(GAN, 259, new)
    assert add(GAN, "Survey", [rendered("2112.07946")]) == splice(GAN, 192, new)


def test_add_to_a_tight_list_adds_no_blank_lines() -> None:
    text = (
        "## Papers\n"
        "* [One](https://arxiv.org/abs/2001.00001)  \n    *A*  \n    **[`arXiv 2020`]**\n"
        "* [Two](https://arxiv.org/abs/2101.00002)  \n    *B*  \n    **[`arXiv 2021`]**\n"
        "* [Zero](https://arxiv.org/abs/1901.00003)  \n    *C*  \n    **[`arXiv 2019`]**\n"
        "## Next\n"
    )
    doc = parse(text)
    style = detect_style(doc)
    assert style == Style(bullet="* ", indent="    ")
    new = entry("2112.07946", bullet="* ", indent="    ")
    assert add(text, "Papers", [rendered("2112.07946", new)]) == splice(text, 10, new)


def test_add_into_a_nested_list_keeps_the_nesting() -> None:
    text = (
        "## Papers\n\n- Group\n"
        "  - [One](https://arxiv.org/abs/2001.00001)  \n    *A*  \n    **[`arXiv 2020`]**\n"
    )
    got = add(text, "Papers", [rendered("2112.07946")])
    assert got == splice(text, 6, ["", *("  " + x for x in NEW)])


def test_add_to_an_empty_document_section() -> None:
    assert add("## Papers\n", "Papers", [rendered("2112.07946")]) == splice(
        "## Papers\n", 1, ["", *NEW]
    )
    assert add("## Papers", "Papers", [rendered("2112.07946")]) == "## Papers\n\n" + "\n".join(NEW)


def test_add_without_bullets_always_separates_with_a_blank_line() -> None:
    text = (
        "## Papers\n[One](https://arxiv.org/abs/2001.00001)  \n*A*  \n**[`arXiv 2020`]**\n\nafter\n"
    )
    new = entry("2112.07946", bullet="", indent="")
    got = add(text, "Papers", [rendered("2112.07946", new)])
    assert got == splice(text, 4, ["", *new])


# ----------------------------------------------------------------------------------------------
# apply


def test_apply_rejects_overlapping_edits_and_keeps_order_at_one_place() -> None:
    text = "a\nb\nc\n"
    with pytest.raises(ValueError):
        apply(text, [Edit(0, 2, ("x\n",)), Edit(1, 1, ("y\n",))])
    assert apply(text, [Edit(1, 1, ("x\n",)), Edit(1, 1, ("y\n",))]) == "a\nx\ny\nb\nc\n"
    assert apply(text, [Edit(1, 2, ("B1\n", "B2\n"))]) == "a\nB1\nB2\nc\n"
    assert apply("", [Edit(0, 0, ("x\n",))]) == "x\n"
    assert apply(text, []) == text


# ----------------------------------------------------------------------------------------------
# bare links and expand

BARE_DOC = """## Papers

https://arxiv.org/abs/2101.00001
- 2101.00002
* arXiv:2101.00003
1. <https://arxiv.org/abs/2101.00004v2>
arXiv: 2101.00005
http://arxiv.org/pdf/2101.00006.pdf

```
https://arxiv.org/abs/2101.00007
```

<!--
https://arxiv.org/abs/2101.00008
-->

    https://arxiv.org/abs/2101.00009

<details>
https://arxiv.org/abs/2101.00010
</details>

> https://arxiv.org/abs/2101.00011

- [Existing](https://arxiv.org/abs/2101.00012)␣␣
  *A*␣␣
  **[`arXiv 2021`]**
https://arxiv.org/abs/2101.00013

Text with https://arxiv.org/abs/2101.00014 inline.
hep-th/9901001
Some text <!-- a comment that goes on
https://arxiv.org/abs/2101.00015
-->
""".replace("␣", " ")  # ␣ marks the trailing spaces of the entry's hard line breaks


def test_bare_links_found_only_outside_code_html_comments_and_entries() -> None:
    doc = parse(BARE_DOC)
    got = [(b.line, b.paper_id, b.version, b.bullet) for b in bare_links(doc)]
    assert got == [
        (3, "2101.00001", None, ""),
        (4, "2101.00002", None, "- "),
        (5, "2101.00003", None, "* "),
        (6, "2101.00004", 2, "1. "),
        (7, "2101.00005", None, ""),
        (8, "2101.00006", None, ""),
        (29, "2101.00013", None, ""),  # pasted right under an entry: not part of it
        (32, "hep-th/9901001", None, ""),
    ]
    (existing,) = doc.entries
    assert (existing.line, existing.end, existing.text_end) == (26, 28, 28)
    assert check(doc) == [
        Finding(line, "bare arXiv link: run `arxiv2entry expand`", "bare-link", "AE202", "warning")
        for line in (3, 4, 5, 6, 7, 8, 29, 32)
    ]


def entry_for(pid: str) -> str:
    return "\n".join(entry(pid, f"Paper {pid}"))


def test_expand_exact_bytes() -> None:
    doc = parse(BARE_DOC)
    plan = expand_edits(doc, {b.line: entry_for(b.paper_id) for b in doc.bare_links})
    assert plan.added == (
        "2101.00001",
        "2101.00002",
        "2101.00003",
        "2101.00004",
        "2101.00005",
        "2101.00006",
        "2101.00013",
        "hep-th/9901001",
    )
    got = apply(BARE_DOC, plan.edits)

    def e(pid: str, bullet: str = "- ", indent: str = "  ") -> list[str]:
        return list(entry(pid, f"Paper {pid}", bullet, indent))

    # blank lines keep the paragraph that hep-th/9901001 sat in from running into the entry
    expected = replace_line(BARE_DOC, 32, ["", *e("hep-th/9901001"), ""])
    expected = replace_line(expected, 29, ["", *e("2101.00013")])
    expected = replace_line(
        expected,
        3,
        [
            *e("2101.00001"),
            "",
            *e("2101.00002"),
            "",
            *e("2101.00003", "* "),
            "",
            *e("2101.00004", "1. ", "   "),
            "",
            *e("2101.00005"),
            "",
            *e("2101.00006"),
        ],
        last=8,  # six bare lines in a row become one block
    )
    assert got == expected
    again = parse(got)
    assert again.bare_links == ()
    assert apply(got, expand_edits(again, {}).edits) == got


def test_expand_leaves_unfetched_and_already_listed_papers() -> None:
    text = (
        "## A\n\n"
        "- [Existing](https://arxiv.org/abs/2101.00012)  \n  *A*  \n  **[`arXiv 2021`]**\n\n"
        "https://arxiv.org/pdf/2101.00012v2.pdf\n\n- 2101.00020\n\n- 2101.00021\n\n"
        "- 2101.00020v3\n"
    )
    doc = parse(text)
    plan = expand_edits(doc, {7: "x", 9: entry_for("2101.00020"), 13: "x"})
    assert plan.added == ("2101.00020",)
    assert plan.skipped == (Skipped("2101.00012", 3, 7), Skipped("2101.00020", 9, 13))
    assert apply(text, plan.edits) == replace_line(text, 9, entry("2101.00020", "Paper 2101.00020"))
    assert [(f.line, f.message, f.code, f.severity) for f in check(doc)] == [
        (7, "bare arXiv link to a paper already at line 3: remove it", "AE202", "warning"),
        (9, "bare arXiv link: run `arxiv2entry expand`", "AE202", "warning"),
        (11, "bare arXiv link: run `arxiv2entry expand`", "AE202", "warning"),
        (13, "bare arXiv link repeated from line 9: remove it", "AE202", "warning"),
    ]


def test_expand_in_the_seed_list_touches_nothing_else() -> None:
    # bottom-up so that the line numbers of the original stay valid
    text = splice(SEED, 329, ["- 2202.00002", ""])  # under "without 3D shape"
    text = splice(text, 323, ["https://arXiv.org/abs/2201.00001v2", ""])  # under "Hybrid"
    text = splice(text, 15, ["https://arxiv.org/abs/2203.00003"])  # inside the ``` fence
    text = splice(text, 9, ["<!-- https://arxiv.org/abs/2204.00004 -->", ""])
    doc = parse(text)
    assert [(b.line, b.paper_id) for b in doc.bare_links] == [
        (327, "2201.00001"),
        (335, "2202.00002"),
    ]
    plan = expand_edits(doc, {b.line: entry_for(b.paper_id) for b in doc.bare_links})
    got = apply(text, plan.edits)
    expected = replace_line(text, 335, entry("2202.00002", "Paper 2202.00002"))
    expected = replace_line(expected, 327, entry("2201.00001", "Paper 2201.00001"))
    assert got == expected


def test_expand_crlf_without_final_newline() -> None:
    text = "## A\r\n\r\nhttps://arxiv.org/abs/2101.00001"
    doc = parse(text)
    got = apply(text, expand_edits(doc, {3: entry_for("2101.00001")}).edits)
    assert got == "## A\r\n\r\n" + "\r\n".join(entry("2101.00001", "Paper 2101.00001"))


# ----------------------------------------------------------------------------------------------
# check

# (line, code, message): every finding, notices too; `check` shows notices on request only
SEED_FINDINGS = [
    (153, "AE301", "trailing spaces after the entry's last line: remove them"),
    (189, "AE102", "institution written as a second venue: use (`SJTU`), not [`SJTU`]"),
    (197, "AE301", "trailing spaces after the entry's last line: remove them"),
    (209, "AE301", "trailing spaces after the entry's last line: remove them"),
    (225, "AE301", "trailing spaces after the entry's last line: remove them"),
    (229, "AE301", "trailing spaces after the entry's last line: remove them"),
    (233, "AE301", "trailing spaces after the entry's last line: remove them"),
    (246, "AE101", "no line break: end the line with two spaces"),
    (257, "AE301", "trailing spaces after the entry's last line: remove them"),
    (286, "AE301", "trailing spaces after the entry's last line: remove them"),
    (292, "AE101", "no line break: end the line with two spaces"),
    (302, "AE301", "trailing spaces after the entry's last line: remove them"),
]
SEED_SHOWN = [(n, c, m) for n, c, m in SEED_FINDINGS if not c.startswith("AE3")]

GAN_FINDINGS = [
    (169, "AE203", "no venue line: add **[`VENUE YEAR`]**"),
    (170, "AE204", "authors not in italics: write *Ann Lee, Bo Chen*"),
    (176, "AE104", "empty institution: fill it in or remove the ()"),
    (201, "AE204", "authors not in italics: write *Ann Lee, Bo Chen*"),
    (202, "AE103", "venue not in bold code: write **[`CVPR 2018`] (`Korea University`)**"),
    (213, "AE204", "authors not in italics: write *Ann Lee, Bo Chen*"),
    (214, "AE103", "venue not in bold code: write **[`CVPR 2020`]**"),
    (217, "AE302", "3 trailing spaces: two spaces do"),
    (221, "AE101", "1 trailing space is no line break: end the line with two spaces"),
    (225, "AE302", "3 trailing spaces: two spaces do"),
    (234, "AE203", "no venue line: add **[`VENUE YEAR`]**"),
    (285, "AE301", "trailing spaces after the entry's last line: remove them"),
    (351, "AE201", "also listed at line 283 under '2. Modify GAN Model' (2005.07727)"),
    (352, "AE302", "3 trailing spaces: two spaces do"),
    (389, "AE201", "also listed at line 355 under 'Supervised' (2001.10238)"),
    (412, "AE101", "no line break: end the line with two spaces"),
    (425, "AE201", "also listed at line 385 under 'Self-Supervised Learning' (1907.07171)"),
    (450, "AE301", "trailing spaces after the entry's last line: remove them"),
    (472, "AE109", "duplicate of line 407 in the same section (2004.02546)"),
]


def test_check_seed_list() -> None:
    assert [(f.line, f.code, f.message) for f in check(parse(SEED))] == SEED_FINDINGS


def test_check_controllable_gan() -> None:
    assert [(f.line, f.code, f.message) for f in check(parse(GAN))] == GAN_FINDINGS


def test_check_crlf_finds_the_same() -> None:
    crlf = parse(SEED.replace("\n", "\r\n"))
    assert [(f.line, f.code, f.message) for f in check(crlf)] == SEED_FINDINGS


def test_check_link_text_that_names_another_paper_and_broken_arxiv_links() -> None:
    text = (
        "- [arXiv:2101.00001](https://arxiv.org/abs/2101.00002)  \n"
        "  *A*  \n  **[`arXiv 2021`]**\n\n"
        "- [Broken](https://arxiv.org/abs/2101.0001)  \n  *A*  \n  **[`arXiv 2021`]**\n\n"
        "- [Elsewhere](https://openreview.net/forum?id=x)"
        " [[arXiv](https://arxiv.org/abs/2101.00002)]  \n"
        "  *B*  \n  **[`ICLR 2021`]**\n"
    )
    assert [(f.line, f.code, f.message) for f in check(parse(text))] == [
        (1, "AE105", "link text says 2101.00001 but the link points to 2101.00002"),
        (5, "AE106", "arXiv link without a valid id: https://arxiv.org/abs/2101.0001"),
        (
            9,
            "AE108",
            "2101.00002 is also the link of 'arXiv:2101.00001' at line 1: one of the two"
            " links is wrong",
        ),
    ]


def test_check_accepts_the_format_and_other_hard_breaks() -> None:
    text = (
        "- [A](https://arxiv.org/abs/2101.00001)  \n  *A*  \n  **[`arXiv 2021`]**\n\n"
        "- [B](https://arxiv.org/abs/2101.00002)\\\n  *B*<br>\n  **[`arXiv 2021`] (`MIT`)**\n\n"
        "- [C](https://arxiv.org/abs/2101.00003)\n"  # one-line lists are another format
    )
    assert check(parse(text)) == []


# ----------------------------------------------------------------------------------------------
# detect_style and choose_section


def test_detect_style_of_both_lists() -> None:
    assert detect_style(parse(SEED)) == Style(
        bullet="- ", indent="  ", and_before_last=False, scheme="https"
    )
    assert detect_style(parse(GAN)) == Style(
        bullet="- ", indent="  ", and_before_last=False, scheme="https"
    )


def test_detect_style_of_another_convention() -> None:
    text = (
        "".join(
            f"* [P{k}](http://arxiv.org/abs/2101.0000{k})  \n    *Ann Lee, Bo Chen, and Cy Dee*  \n"
            f"    **[`arXiv 2021`]**\n"
            for k in range(1, 4)
        )
        + "\n- [Q](https://arxiv.org/abs/2101.00009)  \n  *Ann Lee and Bo Chen*  \n  **[`X`]**\n"
    )
    assert detect_style(parse(text)) == Style(
        bullet="* ", indent="    ", and_before_last=True, scheme="http"
    )
    assert detect_style(parse("# Empty\n")) == Style()


def seed_paper(pid: str) -> str:
    for line in (FIXTURES / "seed-papers.jsonl").open():
        p = json.loads(line)
        if p["id"] == pid:
            return p["title"] + "\n" + p["summary"]
    raise AssertionError(pid)


@pytest.mark.parametrize(
    ("pid", "section"),
    [
        ("2206.07695", "Voxel"),  # VoxGRAF: "sparse voxel grids", five times
        ("2303.08133", "Mesh"),
        ("2004.04180", "Mesh"),
        ("2202.08553", "Depth"),
        ("2110.15678", "Implicit Representation"),
        ("1911.11130", "Implicit Representation"),  # like its neighbours, names no heading
        ("2007.02442", None),  # GRAF is like the implicit papers but names "voxel" twice
        ("2112.07945", None),  # EG3D too, and says "hybrid": a question, not a guess
    ],
)
def test_choose_section_from_the_lists_own_headings(pid: str, section: str | None) -> None:
    chosen = choose_section(parse(SEED), seed_paper(pid))
    assert (chosen.title if chosen else None) == section


def test_choose_section_with_config_keywords() -> None:
    doc = parse(SEED)
    keywords = {"Hybrid": ["tri-plane", "explicit-implicit"], "with 3D shape/Voxel": ["voxel"]}
    assert choose_section(doc, seed_paper("2112.07945"), keywords).title == "Hybrid"
    # a phrase anywhere counts, but two sections scoring the same choose nothing
    tie = {"Mesh": ["neural"], "Depth": ["neural"]}
    assert choose_section(doc, "A neural thing", tie) is None
    with pytest.raises(SectionError) as raised:
        choose_section(doc, "x", {"Voxle": ["x"]})
    assert str(raised.value) == "no section 'Voxle'; did you mean 'Voxel'?"
