"""Where in a section `add` puts an entry: date order with a few entries out of place (issue 9),
never between the next heading and its anchors."""

from __future__ import annotations

from arxiv2entry.lists.edit import add_entries, apply
from arxiv2entry.lists.locate import find_section
from arxiv2entry.lists.parse import parse


def item(pid: str, title: str) -> str:
    return f"- [{title}](https://arxiv.org/abs/{pid})  \n  *A*  \n  **[`arXiv 20{pid[:2]}`]**\n"


def new(pid: str) -> tuple[str, str]:
    return pid, f"- [New](https://arxiv.org/abs/{pid})  \n  *N*  \n  **[`arXiv 20{pid[:2]}`]**"


def add(text: str, section: str, pid: str) -> str:
    doc = parse(text)
    return apply(text, add_entries(doc, find_section(doc, section), [new(pid)]).edits)


NEWEST_FIRST = [
    ("2405.00001", "May 24"),
    ("2403.00001", "Mar 24"),
    ("2311.00001", "Nov 23"),  # out of place: before October's
    ("2312.00001", "Dec 23"),
    ("2310.00001", "Oct 23"),
    ("2308.00001", "Aug 23"),
    ("2305.00001", "May 23"),
    ("2301.00001", "Jan 23"),
    ("2302.00001", "Feb 23"),  # out of place: after January's
    ("2211.00001", "Nov 22"),
    ("2209.00001", "Sep 22"),
]


def test_newest_first_with_two_entries_out_of_place_gets_the_new_paper_in_date_order() -> None:
    body = "".join(item(pid, t) for pid, t in NEWEST_FIRST)
    text = f"## Papers\n\n{body}\n## Next\n"
    got = add(text, "Papers", "2306.00001")
    before = "".join(item(pid, t) for pid, t in NEWEST_FIRST[:6])
    after = "".join(item(pid, t) for pid, t in NEWEST_FIRST[6:])
    assert got == (
        f"## Papers\n\n{before}"
        "- [New](https://arxiv.org/abs/2306.00001)  \n  *N*  \n  **[`arXiv 2023`]**\n"
        f"{after}\n## Next\n"
    )
    # the newest goes first, the oldest last
    assert add(text, "Papers", "2406.00001").startswith(
        "## Papers\n\n- [New](https://arxiv.org/abs/2406.00001)  \n"
    )
    assert add(text, "Papers", "2201.00001").endswith(
        "- [New](https://arxiv.org/abs/2201.00001)  \n  *N*  \n  **[`arXiv 2022`]**\n\n## Next\n"
    )


def test_a_section_in_no_order_gets_the_new_paper_last() -> None:
    shuffled = [NEWEST_FIRST[k] for k in (3, 0, 7, 5, 1, 10, 2, 8, 6, 4, 9)]
    body = "".join(item(pid, t) for pid, t in shuffled)
    text = f"## Papers\n\n{body}\n## Next\n"
    assert add(text, "Papers", "2306.00001") == (
        f"## Papers\n\n{body}"
        "- [New](https://arxiv.org/abs/2306.00001)  \n  *N*  \n  **[`arXiv 2023`]**\n\n## Next\n"
    )


def test_the_next_sections_anchor_stays_with_its_heading() -> None:
    text = (
        "## Papers\n\n"
        "- [P](https://arxiv.org/abs/2101.00001)  \n  *A*  \n  **[`arXiv 2021`]**\n"
        '<a name="next"></a>\n\n'
        "## Next\n"
    )
    assert add(text, "Papers", "2102.00009") == (
        "## Papers\n\n"
        "- [P](https://arxiv.org/abs/2101.00001)  \n  *A*  \n  **[`arXiv 2021`]**\n\n"
        "- [New](https://arxiv.org/abs/2102.00009)  \n  *N*  \n  **[`arXiv 2021`]**\n\n"
        '<a name="next"></a>\n\n'
        "## Next\n"
    )


def test_the_next_sections_id_anchor_and_comment_stay_with_it_without_entries() -> None:
    text = '## Papers\n\nIntro.\n\n<!-- next: methods -->\n<a id="methods"></a>\n## Next\n'
    assert add(text, "Papers", "2102.00009") == (
        "## Papers\n\nIntro.\n\n"
        "- [New](https://arxiv.org/abs/2102.00009)  \n  *N*  \n  **[`arXiv 2021`]**\n\n"
        '<!-- next: methods -->\n<a id="methods"></a>\n## Next\n'
    )


def test_an_anchor_before_an_entry_of_the_same_section_is_not_a_lead_in() -> None:
    text = (
        "## Papers\n\n"
        "- [P](https://arxiv.org/abs/2101.00001)  \n  *A*  \n  **[`arXiv 2021`]**\n\n"
        '<span id="q"></span>\n'
        "- [Q](https://arxiv.org/abs/2101.00002)  \n  *B*  \n  **[`arXiv 2021`]**\n\n"
        "## Next\n"
    )
    assert add(text, "Papers", "2102.00009") == text.replace(
        "\n\n## Next",
        "\n\n- [New](https://arxiv.org/abs/2102.00009)  \n  *N*  \n  **[`arXiv 2021`]**\n\n## Next",
    )
