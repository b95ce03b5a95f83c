from __future__ import annotations

from datetime import date

from arxiv2entry.models import Author, Entry, Guess, Paper
from arxiv2entry.render import Style, entry_json, escape_title, explain, render_entry

EG3D = Paper(
    id="2112.07945",
    version=2,
    title="Efficient Geometry-aware 3D Generative Adversarial Networks",
    authors=tuple(
        Author(n) for n in ["Eric R. Chan", "Connor Z. Lin", "Matthew A. Chan", "Gordon Wetzstein"]
    ),
    summary="",
    comment=None,
    journal_ref=None,
    doi=None,
    published=date(2021, 12, 15),
    updated=date(2022, 4, 27),
)


def entry(**fields: object) -> Entry:
    base: dict[str, object] = {"paper": EG3D, "venue": Guess("CVPR 2022", "comment", "")}
    base.update(fields)
    return Entry(**base)  # type: ignore[arg-type]


def test_the_full_entry_of_the_design() -> None:
    full = entry(
        institution=Guess("Stanford", "user"),
        code=Guess("https://github.com/NVlabs/eg3d", "abstract"),
        project=Guess("https://nvlabs.github.io/eg3d/", "abstract"),
    )
    assert render_entry(full) == (
        "- [Efficient Geometry-aware 3D Generative Adversarial Networks]"
        "(https://arxiv.org/abs/2112.07945)  \n"
        "  *Eric R. Chan, Connor Z. Lin, Matthew A. Chan, Gordon Wetzstein*  \n"
        "  **[`CVPR 2022`] (`Stanford`)** [[Code](https://github.com/NVlabs/eg3d)]"
        " [[Project](https://nvlabs.github.io/eg3d/)]"
    )


def test_unknown_fields_are_left_out() -> None:
    bare = entry(venue=Guess("arXiv 2021", "fallback"))
    assert render_entry(bare).splitlines()[2] == "  **[`arXiv 2021`]**"


def test_max_authors_keeps_the_first_n() -> None:
    text = render_entry(entry(), Style(max_authors=2))
    assert text.splitlines()[1] == "  *Eric R. Chan, Connor Z. Lin et al.*  "


def test_and_before_the_last_author() -> None:
    text = render_entry(entry(), Style(and_before_last=True))
    assert text.splitlines()[1] == (
        "  *Eric R. Chan, Connor Z. Lin, Matthew A. Chan, and Gordon Wetzstein*  "
    )


def test_honors_only_when_asked() -> None:
    oral = entry(honors=("Oral",))
    assert render_entry(oral).splitlines()[2] == "  **[`CVPR 2022`]**"
    assert render_entry(oral, Style(honors=True)).splitlines()[2] == "  **[`CVPR 2022 (Oral)`]**"


def test_escape_title_folds_whitespace_and_escapes_brackets() -> None:
    assert escape_title("A  [Survey]\n  of $\\pi$-GAN") == r"A \[Survey\] of $\pi$-GAN"
    assert escape_title("0") == "0"


def test_entry_json_carries_sources_and_markdown() -> None:
    obj = entry_json(entry(code=Guess("https://github.com/NVlabs/eg3d", "abstract")))
    assert obj == {
        "id": "2112.07945",
        "version": 2,
        "title": "Efficient Geometry-aware 3D Generative Adversarial Networks",
        "authors": ["Eric R. Chan", "Connor Z. Lin", "Matthew A. Chan", "Gordon Wetzstein"],
        "published": "2021-12-15",
        "venue": "CVPR 2022",
        "venue_source": "comment",
        "honors": [],
        "institution": None,
        "institution_source": None,
        "code": "https://github.com/NVlabs/eg3d",
        "code_source": "abstract",
        "project": None,
        "project_source": None,
        "abs_url": "https://arxiv.org/abs/2112.07945",
        "markdown": render_entry(entry(code=Guess("https://github.com/NVlabs/eg3d", "abstract"))),
    }


def test_explain_names_each_field_and_its_source() -> None:
    text = explain(entry(venue=Guess("CVPR 2022", "comment", 'comment says "CVPR 2022"')))
    assert text == (
        "2112.07945v2:\n"
        '  venue       CVPR 2022  [comment] comment says "CVPR 2022"\n'
        "  institution -\n"
        "  code        -\n"
        "  project     -"
    )
