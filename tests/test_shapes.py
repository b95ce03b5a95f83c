"""Entry shapes (issue 9): the seed maintainer's two-line shape, one-line lists, lists in a
shape the tool does not know, and bare links inside GFM tables, on copies of real lists, byte
for byte, through the CLI and the local arXiv server; and the property that one template
writes and reads back the same entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from arxiv_server import ArxivServer

FIXTURES = Path(__file__).parent / "fixtures" / "lists"
VAE = (FIXTURES / "two-line-vae.md").read_bytes()
NERF = (FIXTURES / "one-line-awesome-nerf.md").read_bytes()
LLM = (FIXTURES / "tables-awesome-llm.md").read_bytes()
SEED = (FIXTURES / "seed-list.md").read_bytes()

PLANARGS_TITLE = (
    b"- [PlanarGS: High-Fidelity Indoor 3D Gaussian Splatting Guided by Vision-Language Planar"
    b" Priors](https://arxiv.org/abs/2510.23930)"
)
PLANARGS_AUTHORS = b"Xirui Jin, Renbiao Jin, Boying Li, Danping Zou, Wenxian Yu"
PLANARGS_TWO = [
    PLANARGS_TITLE + b"  \n",
    b"  **[`NeurIPS 2025`]** *" + PLANARGS_AUTHORS + b"* [[Project](https://planargs.github.io)]\n",
]
PLANARGS_THREE = [
    PLANARGS_TITLE + b"  \n",
    b"  *" + PLANARGS_AUTHORS + b"*  \n",
    b"  **[`NeurIPS 2025`]** [[Project](https://planargs.github.io)]\n",
]


def splice(data: bytes, after: int, new: list[bytes], drop: int = 0) -> bytes:
    """`new` lines in place of `drop` lines after 1-based line `after`."""
    lines = data.splitlines(keepends=True)
    return b"".join(lines[:after] + new + lines[after + drop :])


def readme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes) -> Path:
    path = tmp_path / "README.md"
    path.write_bytes(data)
    monkeypatch.chdir(tmp_path)
    return path


# ----------------------------------------------------------------------------------------------
# The two-line shape, on the seed maintainer's own list


def test_add_into_a_two_line_list_writes_two_lines(
    run, arxiv_server: ArxivServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = readme(tmp_path, monkeypatch, VAE)
    result = run("add", "2510.23930", "--section", "Literature")
    assert result.exit_code == 0, result.stderr
    # after the list's last entry (line 103), touching it as its entries touch each other
    assert path.read_bytes() == splice(VAE, 103, PLANARGS_TWO)


def test_expand_in_a_two_line_list_writes_two_lines(
    run, arxiv_server: ArxivServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = readme(tmp_path, monkeypatch, splice(VAE, 69, [b"- https://arxiv.org/abs/2510.23930\n"]))
    result = run("expand")
    assert result.exit_code == 1  # changed a file: the pre-commit convention
    assert path.read_bytes() == splice(VAE, 69, PLANARGS_TWO)


def test_refresh_still_upgrades_a_two_line_venue(
    run, arxiv_server: ArxivServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = [PLANARGS_TITLE + b"  \n", b"  **[`arXiv 2025`]** *" + PLANARGS_AUTHORS + b"* \n"]
    head = b"## Literature\n\n"
    path = readme(tmp_path, monkeypatch, head + b"".join(stale))
    result = run("refresh")
    assert result.exit_code == 0, result.stderr
    # the badge; and the project link, where the shape puts links: after the authors
    upgraded = [
        PLANARGS_TITLE + b"  \n",
        b"  **[`NeurIPS 2025`]** *"
        + PLANARGS_AUTHORS
        + b"* [[Project](https://planargs.github.io)] \n",
    ]
    assert path.read_bytes() == head + b"".join(upgraded)


def test_refresh_upgrades_a_one_line_entry_where_its_shape_puts_the_venue(
    run, arxiv_server: ArxivServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # two entries written as awesome-NeRF writes them (its line 35: `, Garbin et al., Arxiv
    # 2021 | [bibtex](...)`): the venue is rewritten in place, a code link goes where the
    # one-line shape puts it (right after the venue), the bibtex link and spacing stay
    eg3d = (
        b"- [Efficient Geometry-aware 3D Generative Adversarial Networks]"
        b"(https://arxiv.org/abs/2112.07945), Chan et al., Arxiv 2021 |"
        b" [bibtex](./citations/eg3d.txt) <!---chan2021eg3d-->\n"
    )
    planargs = PLANARGS_TITLE + b", Jin et al., Arxiv 2025\n"
    head = b"## NeRF\n\n"
    path = readme(tmp_path, monkeypatch, head + eg3d + planargs)
    result = run("refresh")
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() == head + (
        b"- [Efficient Geometry-aware 3D Generative Adversarial Networks]"
        b"(https://arxiv.org/abs/2112.07945), Chan et al., CVPR 2022 |"
        b" [github](https://github.com/NVlabs/eg3d) | [bibtex](./citations/eg3d.txt)"
        b" <!---chan2021eg3d-->\n"
    ) + PLANARGS_TITLE + b", Jin et al., NeurIPS 2025\n"  # the shape has no project link
    assert result.stderr == (
        "upgraded README.md:3: 2112.07945\nupgraded README.md:4: 2510.23930\n"
    )
    again = run("refresh")
    assert (again.exit_code, again.stderr) == (0, "")


def _refreshed(  # type: ignore[no-untyped-def]
    text: str, template: str, venue: str | None, code: str | None, page: str | None
):
    """The list after refresh's pure steps, each stale entry given these answers; and the
    first changed line (1-based) of each edit, as refresh reports it."""
    from arxiv2entry.lists.edit import apply
    from arxiv2entry.lists.parse import parse
    from arxiv2entry.lists.refresh import stale_entries, upgrade_edit
    from arxiv2entry.lists.shapes import known_shapes

    doc = parse(text)
    edits = [
        e
        for s in stale_entries(doc, known_shapes(template))
        if (e := upgrade_edit(doc, s, venue, code, page)) is not None
    ]
    return apply(text, edits), [e.start + 1 for e in edits]


def test_refresh_puts_two_missing_links_in_the_template_s_order() -> None:
    template = (
        "{bullet}[{title}]({abs_url}), {authors}, {venue}{? | [code]({code})}"
        "{? | [page]({project})}"
    )
    text = "- [EG3D](https://arxiv.org/abs/2112.07945), Chan et al., Arxiv 2021 | [bibtex](x)\n"
    got, lines = _refreshed(text, template, "CVPR 2022", "https://github.com/a/b", "https://p.io/")
    assert got == (
        "- [EG3D](https://arxiv.org/abs/2112.07945), Chan et al., CVPR 2022"
        " | [code](https://github.com/a/b) | [page](https://p.io/) | [bibtex](x)\n"
    )
    assert lines == [1]


@pytest.mark.parametrize(
    ("venue", "upgraded"),
    [
        ("arXiv", "CVPR 2022 | [github](https://github.com/a/b)"),  # a bare arXiv is one
        ("CVPR 2022 (Oral)", "CVPR 2022 (Oral) | [github](https://github.com/a/b)"),
        ("ICCV'21", "ICCV'21 | [github](https://github.com/a/b)"),
    ],
)
def test_refresh_reads_a_one_line_venue_with_honours_or_no_year(venue: str, upgraded: str) -> None:
    line = "- [EG3D](https://arxiv.org/abs/2112.07945), Eric Chan, Gordon Wetzstein, {}\n"
    text = "## Papers\n\n" + line.format(venue)
    got, _ = _refreshed(text, "one-line", "CVPR 2022", "https://github.com/a/b", None)
    assert got == "## Papers\n\n" + line.format(upgraded)


def test_refresh_reports_the_line_it_changed(
    run, arxiv_server: ArxivServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a list's own template with the links on the authors' line, below the venue's: only that
    # line changes, and that is the line refresh names
    path = readme(
        tmp_path,
        monkeypatch,
        b"# Papers\n\n- [EG3D](https://arxiv.org/abs/2112.07945) (CVPR 2022)  \n"
        b"  *Eric R. Chan*\n",
    )
    (tmp_path / ".arxiv2entry.toml").write_text(
        "[style]\nshape = '''{bullet}[{title}]({abs_url}) ({venue}){br}\n"
        "{indent}*{authors}*{? · [code]({code})}'''\n",
        encoding="utf-8",
    )
    result = run("refresh")
    assert (result.exit_code, result.stderr) == (0, "upgraded README.md:4: 2112.07945\n")
    assert path.read_bytes().endswith(b"  *Eric R. Chan* \xc2\xb7 [code](https://github.com/NVlabs/eg3d)\n")


def test_refresh_reports_the_line_it_changed_when_the_links_are_below_the_venue() -> None:
    template = "{bullet}[{title}]({abs_url}) ({venue}){br}\n{indent}*{authors}*{? · [code]({code})}"
    text = (
        "# Papers\n\n- [EG3D](https://arxiv.org/abs/2112.07945) (CVPR 2022)  \n"
        "  *Eric R. Chan*\n"
    )
    got, lines = _refreshed(text, template, "CVPR 2022", "https://github.com/a/b", None)
    assert got == text.replace("*Eric R. Chan*", "*Eric R. Chan* · [code](https://github.com/a/b)")
    assert lines == [4]  # the authors' line, not the venue's


@pytest.mark.parametrize(
    "line",
    [
        # awesome-NeRF's GIRAFFE: a comma before the bibtex link, so the one-line shape reads
        # the link as the venue and "Niemeyer et al., CVPR 2021" as the authors
        next(x for x in NERF.decode().split("\n") if "abs/2011.12100" in x),
        # awesome-NeRF's 2210.00379: no venue, so the last author is read as one
        next(x for x in NERF.decode().split("\n") if "abs/2210.00379" in x),
    ],
    ids=["link-read-as-venue", "author-read-as-venue"],
)
def test_refresh_leaves_alone_a_one_line_entry_its_shape_misreads(line: str) -> None:
    text = f"## Papers\n\n{line}\n"
    assert _refreshed(text, "one-line", "CVPR 2099", "https://github.com/a/b", None) == (text, [])


MIXED = b"""# Mixed

## Two

- [A](https://arxiv.org/abs/2112.07945)<BR>
  **[`CVPR 2022`]** *Eric R. Chan*
- [B](https://arxiv.org/abs/2007.02442)<BR>
  **[`NeurIPS 2020`]** *Katja Schwarz*
- [C](https://arxiv.org/abs/1911.11130)<BR>
  *Shangzhe Wu*<BR>
  **[`CVPR 2020`]**

## Three

- [D](https://arxiv.org/abs/2206.07695)<BR>
  *Katja Schwarz*<BR>
  **[`arXiv 2022`]**
- [E](https://arxiv.org/abs/2112.10759)<BR>
  **[`CVPR 2021`]** *Yinghao Xu*
- [F](https://arxiv.org/abs/2009.00149)<BR>
  *Partha Ghosh*<BR>
  **[`3DV 2020`]**
""".replace(b"<BR>", b"  ")  # two trailing spaces: a hard line break


@pytest.mark.parametrize(
    ("section", "after", "new"),
    [("Two", 11, PLANARGS_TWO), ("Three", 22, PLANARGS_THREE)],
    ids=["two-line-wins", "three-line-wins"],
)
def test_each_mixed_section_gets_the_shape_most_of_its_entries_have(
    run,
    arxiv_server: ArxivServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    section: str,
    after: int,
    new: list[bytes],
) -> None:
    path = readme(tmp_path, monkeypatch, MIXED)
    assert run("add", "2510.23930", "--section", section).exit_code == 0
    assert path.read_bytes() == splice(MIXED, after, new)


def test_expand_in_a_mixed_section_follows_its_majority(
    run, arxiv_server: ArxivServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = readme(tmp_path, monkeypatch, splice(MIXED, 6, [b"- 2510.23930\n"]))
    assert run("expand").exit_code == 1
    assert path.read_bytes() == splice(MIXED, 6, PLANARGS_TWO)


def test_the_seed_lists_mixed_section_stays_three_line(
    run, arxiv_server: ArxivServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `Mesh`: three three-line entries and one two-line (MeshDiffusion, the last, line 293)
    path = readme(tmp_path, monkeypatch, SEED)
    assert run("add", "2510.23930", "--section", "Mesh").exit_code == 0
    assert path.read_bytes() == splice(SEED, 293, [b"\n", *PLANARGS_THREE])


# ----------------------------------------------------------------------------------------------
# One-line lists


def test_add_into_a_one_line_list_writes_one_line(
    run, arxiv_server: ArxivServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = readme(tmp_path, monkeypatch, NERF)
    assert run("add", "2510.23930", "--section", "Survey").exit_code == 0
    line = PLANARGS_TITLE + b", " + PLANARGS_AUTHORS + b", NeurIPS 2025\n"
    assert path.read_bytes() == splice(NERF, 21, [line])


# ----------------------------------------------------------------------------------------------
# The list's config sets the shape


def test_config_shape_overrides_what_the_entries_say(
    run, arxiv_server: ArxivServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = readme(tmp_path, monkeypatch, VAE)
    (tmp_path / ".arxiv2entry.toml").write_text('[style]\nshape = "three-line"\n')
    assert run("add", "2510.23930", "--section", "Literature").exit_code == 0
    assert path.read_bytes() == splice(VAE, 103, PLANARGS_THREE)


def test_config_template_of_the_lists_own(
    run, arxiv_server: ArxivServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = readme(tmp_path, monkeypatch, NERF)
    (tmp_path / ".arxiv2entry.toml").write_text(
        "[style]\n"
        "shape = '{bullet}[{title}]({abs_url}), {authors}, {venue}{? | [website]({project})}'\n"
    )
    assert run("add", "2510.23930", "--section", "Survey").exit_code == 0
    line = (
        PLANARGS_TITLE
        + b", "
        + PLANARGS_AUTHORS
        + b", NeurIPS 2025 | [website](https://planargs.github.io)\n"
    )
    assert path.read_bytes() == splice(NERF, 21, [line])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            '"four-line"',
            "unknown shape 'four-line'; known: three-line, two-line, one-line, or a template "
            'such as "{bullet}[{title}]({abs_url}), {authors}, {venue}"',
        ),
        ('"{bullet}[{title}]({abs_url}) {venue}"', "shape: the template has no {authors}"),
        (
            '"{bullet}[{title}]({abs_url}) {authors} {venue} [code]({code})"',
            "shape: {code} may be unknown: put it in an optional part, e.g. {? ({code})}",
        ),
    ],
    ids=["unknown-name", "no-authors", "optional-outside"],
)
def test_a_bad_shape_in_the_config_is_a_usage_error(
    run,
    arxiv_server: ArxivServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    value: str,
    message: str,
) -> None:
    path = readme(tmp_path, monkeypatch, VAE)
    (tmp_path / ".arxiv2entry.toml").write_text(f"[style]\nshape = {value}\n")
    result = run("add", "2510.23930", "--section", "Literature")
    assert result.exit_code == 2
    assert result.stderr == f"error: .arxiv2entry.toml: [style] {message}\n"
    assert path.read_bytes() == VAE
    assert arxiv_server.requests == []


# ----------------------------------------------------------------------------------------------
# Lists in a shape the tool does not know, and tables

LLM_REFUSAL = (
    "error: README.md: most arXiv links under 'Awesome-LLM/Milestone Papers' (48 of 48) are "
    "not entries of a shape arxiv2entry knows (three-line, two-line, one-line); nothing "
    'written; set one with [style] shape = "<preset or template>" in .arxiv2entry.toml\n'
)


def test_add_refuses_a_section_in_an_unknown_shape(
    run, arxiv_server: ArxivServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = readme(tmp_path, monkeypatch, LLM)
    result = run("add", "2510.23930", "--section", "Milestone Papers")
    assert result.exit_code == 2
    assert result.stderr == LLM_REFUSAL
    assert path.read_bytes() == LLM
    assert arxiv_server.requests == []  # refused before anything is fetched


def test_expand_refuses_a_section_in_an_unknown_shape(
    run, arxiv_server: ArxivServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # below the milestone table and its `</details>`: a paragraph of its own, not a row
    data = splice(LLM, 107, [b"https://arxiv.org/abs/2510.23930\n", b"\n"])
    path = readme(tmp_path, monkeypatch, data)
    result = run("expand")
    assert result.exit_code == 2
    assert result.stderr == LLM_REFUSAL
    assert path.read_bytes() == data


def test_a_bare_link_between_table_rows_is_left_whole(
    run, arxiv_server: ArxivServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = splice(LLM, 43, [b"https://arxiv.org/abs/2510.23930\n"])
    path = readme(tmp_path, monkeypatch, data)
    result = run("expand")
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: README.md:44: 2510.23930 is on a line between the rows of a table (a row of "
        "it on GitHub); left as it is: write it as a row of the table\n"
    )
    assert path.read_bytes() == data
    assert arxiv_server.requests == []


def test_check_says_it_knows_no_entry_of_the_lists_shape(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme(tmp_path, monkeypatch, LLM)
    result = run("check")
    assert result.stderr == (
        "warning: README.md: no entries of a known shape: 0 of 52 lines with arXiv links are "
        "entries arxiv2entry can read (three-line, two-line, one-line); set one with [style] "
        'shape = "<preset or template>" in .arxiv2entry.toml\n'
    )


@pytest.mark.parametrize("data", [VAE, NERF, SEED], ids=["two-line", "one-line", "seed"])
def test_check_is_quiet_about_lists_in_a_known_shape(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    readme(tmp_path, monkeypatch, data)
    assert "known shape" not in run("check").stderr


# ----------------------------------------------------------------------------------------------
# One description: what is written is what is read back


def test_the_presets_are_three_two_and_one_line() -> None:
    from arxiv2entry.shape import presets

    assert {name: len(s.lines) for name, s in presets().items()} == {
        "three-line": 3,
        "two-line": 2,
        "one-line": 1,
    }


TEMPLATES = [
    "three-line",
    "two-line",
    "one-line",
    "{bullet}[{title}]({abs_url}) - {authors} ({venue}){? [code]({code})}{? [project]({project})}",
    "{bullet}[{title}]({abs_url}){br}\n{indent}{authors}{br}\n"
    "{indent}_{venue}_{? ({institution})}{? · [code]({code})}",
    "{bullet}[{title}]({abs_url}){br}\n{indent}`{authors}` — {venue}{? [[Code]({code})]}"
    "{? [[Page]({project})]}",
]


def _property_strategies():  # type: ignore[no-untyped-def]
    from hypothesis import strategies as st

    # markdown's punctuation and the shapes' separators often, any other character too
    markup = st.sampled_from([*",|*_`[]()\\<>&-#!:. ", ", ", " | ", "\\,"])
    anything = st.characters(codec="utf-8", exclude_categories=("Cs",))
    text = st.lists(markup | anything, min_size=1, max_size=20).map("".join)
    url = st.builds(
        lambda host, path: f"https://{host}.example/{path}",
        st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True),
        st.text(st.characters(codec="ascii", exclude_categories=("Cc",)), max_size=20),
    )
    return text, url


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t[:24])
def test_rendering_and_recognising_give_back_the_paper(template: str) -> None:
    from datetime import date

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from arxiv2entry.lists.text import _arxiv
    from arxiv2entry.models import Author, Entry, Guess, Paper
    from arxiv2entry.render import Style, code_text, link_target, plain, render_entry
    from arxiv2entry.shape import _shown, shape

    text, url = _property_strategies()
    shp = shape(template)

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        pid=st.sampled_from(["2112.07945", "2510.23930", "hep-th/9901001", "1706.03762"]),
        title=text,
        authors=st.lists(text.filter(lambda a: plain(a) != ""), min_size=1, max_size=4),
        venue=text.filter(lambda v: plain(v) != ""),
        institution=st.none() | text,
        code=st.none() | url,
        project=st.none() | url,
        bullet=st.sampled_from(["- ", "* ", ""]),
        scheme=st.sampled_from(["https", "http"]),
    )
    def check(**d: object) -> None:
        paper = Paper(
            id=str(d["pid"]),
            version=1,
            title=str(d["title"]),
            authors=tuple(Author(str(a)) for a in d["authors"]),  # type: ignore[attr-defined]
            summary="",
            comment=None,
            journal_ref=None,
            doi=None,
            published=date(2021, 1, 1),
            updated=date(2021, 1, 1),
        )
        entry = Entry(
            paper=paper,
            venue=Guess(str(d["venue"]), "comment"),
            institution=Guess(d["institution"], "user"),  # type: ignore[arg-type]
            code=Guess(d["code"], "user"),  # type: ignore[arg-type]
            project=Guess(d["project"], "user"),  # type: ignore[arg-type]
        )
        bullet = str(d["bullet"])
        style = Style(bullet=bullet, indent="  " if bullet else "", scheme=str(d["scheme"]))
        style = Style(**{**style.__dict__, "shape": template})
        lines = render_entry(entry, style).split("\n")
        found = shp.match(lines)
        assert found is not None, lines
        arxiv = _arxiv(found["abs_url"])
        assert arxiv is not None and arxiv.id == paper.id
        venue = str(d["venue"])
        shown = code_text(venue) if shp.contexts["venue"] == "code" else plain(venue)
        assert found["venue"] == shown
        for name in ("code", "project"):
            value = d[name]
            expected = link_target(str(value)) if value is not None else None
            if name not in shp.contexts:
                expected = None
            assert found.get(name) == expected, (name, lines)
        # `locate` (refresh's edits in place) finds each field where `match` read it, and a
        # link part put where it says a missing one goes reads back as that link
        where = shp.locate(lines)
        assert where is not None
        for name, value in found.items():
            k, start, end = where[name]
            assert _shown(lines[k][start:end], shp.contexts[name]) == value, (name, lines)
        for name in ("code", "project"):
            if name in shp.contexts and name not in found:
                k, start, _ = where[f"+{name}"]
                part = shp.fields[name]
                grown = list(lines)
                grown[k] = f"{lines[k][:start]}{part.before}https://x.example/r{part.after}"
                grown[k] += lines[k][start:]
                assert (shp.match(grown) or {}).get(name) == "https://x.example/r", grown

    check()
