"""Tests for `arxiv2entry.links.find_links`.

The table test runs every labelled dev record; the focused tests pin one pitfall each, with
text copied verbatim from real arXiv records (named after the record's id).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from arxiv2entry.links import find_links
from arxiv2entry.models import Guess, Links

FIXTURES = Path(__file__).parent / "fixtures"


def _read(name: str) -> list[dict]:
    with open(FIXTURES / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


RECORDS = {record["id"]: record for record in _read("records-dev.jsonl")}
LABELS = _read("venues-dev.jsonl")

# Labels that keep the raw form where find_links applies its (documented) normalisation.
BELIEVED_WRONG = {
    "2504.18959": "label believed wrong: keeps 'www.github.com/…' without a scheme, which is "
    "not a clickable link; find_links normalises to 'https://github.com/…'",
    "2508.10840": "label believed wrong: keeps 'http://github.com/…'; find_links normalises "
    "github.com to https (GitHub serves only https)",
}


def _dev_cases() -> list:
    cases = []
    for label in LABELS:
        marks = []
        if label["id"] in BELIEVED_WRONG:
            marks.append(pytest.mark.xfail(strict=True, reason=BELIEVED_WRONG[label["id"]]))
        cases.append(pytest.param(label, id=label["id"], marks=marks))
    return cases


@pytest.mark.parametrize("label", _dev_cases())
def test_dev_record(label: dict) -> None:
    record = RECORDS[label["id"]]
    links = find_links(record["comment"], record["summary"])
    assert (links.code.value, links.project.value) == (label["code"], label["project"])


def test_every_dev_record_is_covered() -> None:
    assert len(LABELS) == 250
    assert {label["id"] for label in LABELS} == set(RECORDS)


def test_never_raises_on_dev_records() -> None:
    for record in RECORDS.values():
        links = find_links(record["comment"], record["summary"])
        assert isinstance(links, Links)
        for guess in (links.code, links.project):
            assert (guess.value is None) == (guess.source is None)
            assert guess.source in (None, "comment", "abstract")
            assert guess.value is None or guess.value.startswith(("https://", "http://"))


# --- None and empty input ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("comment", "summary"),
    [(None, None), ("", ""), (None, ""), ("", None), ("  \n  ", "\n")],
)
def test_no_text_gives_no_links(comment: str | None, summary: str | None) -> None:
    assert find_links(comment, summary) == Links()
    assert find_links(comment, summary).code == Guess(None)


def test_text_without_links() -> None:
    assert find_links("Accepted by CVPR 2025", "We propose a method.") == Links()


# --- Helpers for the focused tests ---------------------------------------------------------


def code_of(comment: str | None = None, summary: str | None = None) -> Guess:
    return find_links(comment, summary).code


def project_of(comment: str | None = None, summary: str | None = None) -> Guess:
    return find_links(comment, summary).project


# --- Punctuation glued to a URL ------------------------------------------------------------


def test_2606_29029_trailing_period() -> None:
    text = "Our code is available at https://github.com/ManOfStory/SFDNet."
    assert code_of(summary=text).value == "https://github.com/ManOfStory/SFDNet"


def test_2603_12372_space_then_period() -> None:
    text = "Code is available at https://github.com/yu-lin-li/ReBalance ."
    assert code_of(summary=text).value == "https://github.com/yu-lin-li/ReBalance"


def test_2605_01827_git_suffix_kept_period_stripped() -> None:
    text = "Code is available at https://github.com/xing0047/csteer.git."
    assert code_of(summary=text).value == "https://github.com/xing0047/csteer.git"


def test_2508_05857_no_punctuation_inside_a_url_is_lost() -> None:
    text = "Data and code are available at\nhttps://www3.cs.stonybrook.edu/~cvl/multiview_gte.html"
    assert code_of(summary=text).value is None
    assert project_of(summary=text).value == (
        "https://www3.cs.stonybrook.edu/~cvl/multiview_gte.html"
    )


def test_2510_24168_braces_around_url() -> None:
    text = "The code is publicly available at:\n{https://anonymous.4open.science/r/MGA-3571}."
    assert code_of(summary=text).value == "https://anonymous.4open.science/r/MGA-3571"


# --- LaTeX and Markdown --------------------------------------------------------------------


def test_2606_01638_href_with_url_label() -> None:
    text = (
        "Our codes are available at \\href{https://github.com/Jinwon-Ko/CanonCGT}"
        "{https://github.com/Jinwon-Ko/CanonCGT}"
    )
    assert code_of(summary=text).value == "https://github.com/Jinwon-Ko/CanonCGT"


def test_2503_17543_href_with_nested_label() -> None:
    text = (
        "Our\nCode is publicly available\non~\\href{https://github.com/moeinheidari7829/"
        "Echo-E3Net}{\\textcolor{magenta}{GitHub}}."
    )
    assert code_of(summary=text).value == "https://github.com/moeinheidari7829/Echo-E3Net"


def test_2605_17294_href_label_says_project_page() -> None:
    text = (
        "Please check our {\\href{https://peteryyzhang.github.io/HierEdit-page/}"
        "{\\textbf{Project Page}}}."
    )
    guess = project_of(summary=text)
    assert guess.value == "https://peteryyzhang.github.io/HierEdit-page/"
    assert guess.source == "abstract"


def test_2602_14027_href_target_wins_over_label() -> None:
    text = (
        "Project page is available at \\href{https://ga-lee.github.io/FLEX_demo}"
        "{https://ga-lee.github.io/FLEX}."
    )
    assert project_of(summary=text).value == "https://ga-lee.github.io/FLEX_demo"


def test_2603_27460_url_command() -> None:
    text = "Project repo: \\url{https://github.com/uni-medical/Project-Imaging-X}"
    assert code_of(comment=text).value == "https://github.com/uni-medical/Project-Imaging-X"


def test_2512_10422_footnote() -> None:
    text = "Our code is available.\\footnote{https://github.com/meaningful96/CoopRAG}"
    assert code_of(summary=text).value == "https://github.com/meaningful96/CoopRAG"


def test_2503_21829_latex_escaped_underscore() -> None:
    text = "Our code can be found at:\nhttp://github.com/SCAN-NRAD/e3nn\\_U-Net."
    assert code_of(summary=text).value == "https://github.com/SCAN-NRAD/e3nn_U-Net"


def test_2506_03196_markdown_link() -> None:
    text = (
        "Code is\navailable at\n[https://github.com/daniaherzalla/gnn-jamming-source-localization]"
        "(https://github.com/daniaherzalla/gnn-jamming-source-localization)."
    )
    assert code_of(summary=text).value == (
        "https://github.com/daniaherzalla/gnn-jamming-source-localization"
    )


def test_2602_13823_markdown_link_with_words() -> None:
    links = find_links("The project page is [this URL](https://github.com/ZoengHN/Embed-RL)", None)
    assert links.code.value == "https://github.com/ZoengHN/Embed-RL"
    assert links.project.value is None


# --- Host and scheme normalisation ---------------------------------------------------------


def test_2504_18959_www_github_without_scheme() -> None:
    text = "The code is available at:\nwww.github.com/ka-mirul/R-Sparse-R-CNN."
    assert code_of(summary=text).value == "https://github.com/ka-mirul/R-Sparse-R-CNN"


def test_2508_10840_http_github_becomes_https() -> None:
    text = "The code is available at\nhttp://github.com/Tajamul21/TransFed"
    assert code_of(summary=text).value == "https://github.com/Tajamul21/TransFed"


def test_2503_23388_github_without_scheme() -> None:
    text = "Code is available at\ngithub.com/hf618/COSMIC."
    assert code_of(summary=text).value == "https://github.com/hf618/COSMIC"


def test_2508_14486_github_io_without_scheme() -> None:
    text = "Please see our project page at\nweedsense.github.io."
    assert project_of(summary=text).value == "https://weedsense.github.io"


def test_2509_22442_http_github_io_becomes_https() -> None:
    text = "Website: http://pei-xu.github.io/basketball."
    assert project_of(comment=text).value == "https://pei-xu.github.io/basketball"


# --- What counts as a repository -----------------------------------------------------------


def test_2603_15767_org_only_link_is_not_code() -> None:
    text = (
        "The code will be made publicly available upon acceptance at: "
        "https://github.com/tudelft-iv."
    )
    assert find_links(None, text) == Links()


def test_2506_09560_org_only_links_without_scheme() -> None:
    text = (
        "These resources are publicly available at\ngithub.com/LVSTCK for source code, and at "
        "huggingface.co/LVSTCK for pretrained\nmodel weights and data."
    )
    assert find_links(None, text) == Links()


def test_2606_00523_deep_link_kept() -> None:
    text = (
        "Code is publicly available at "
        "https://github.com/EIT-NLP/StreamingLLM/tree/main/ProactiveLLM."
    )
    assert code_of(summary=text).value == (
        "https://github.com/EIT-NLP/StreamingLLM/tree/main/ProactiveLLM"
    )


def test_2605_22487_bare_tree_branch_is_the_repository() -> None:
    text = "Code and dataset: https://github.com/ashuvo25/Bangla_Application_LLM/tree/main"
    assert code_of(summary=text).value == "https://github.com/ashuvo25/Bangla_Application_LLM"


def test_2509_15224_trailing_slash_kept() -> None:
    comment = (
        "ICCV 2025. Code: https://github.com/bartn8/depthanyevent/ Project\n"
        "  Page: https://bartn8.github.io/depthanyevent/"
    )
    links = find_links(comment, None)
    assert links.code.value == "https://github.com/bartn8/depthanyevent/"
    assert links.project.value == "https://bartn8.github.io/depthanyevent/"


def test_2605_14483_anonymous_4open_science_is_code() -> None:
    text = "Our code is available at https://anonymous.4open.science/r/LEMON-B23C."
    assert code_of(summary=text).value == "https://anonymous.4open.science/r/LEMON-B23C"


def test_2511_03416_gitlab() -> None:
    text = (
        "The code is publicly\navailable at:\n"
        "https://gitlab.com/radiology/prenatal-image-analysis/pca-3d-alignment."
    )
    assert code_of(summary=text).value == (
        "https://gitlab.com/radiology/prenatal-image-analysis/pca-3d-alignment"
    )


def test_2505_11121_self_hosted_git() -> None:
    text = "Our code is available at\n  https://git.tu-berlin.de/rsim/redundacy-aware-rs-vlm"
    assert code_of(comment=text).value == "https://git.tu-berlin.de/rsim/redundacy-aware-rs-vlm"


def test_2601_22128_hugging_face_model_when_no_repository() -> None:
    text = (
        "Model weights are available at "
        "https://huggingface.co/standardmodelbio/SMB-v1-1.7B-Structure."
    )
    assert code_of(summary=text).value == (
        "https://huggingface.co/standardmodelbio/SMB-v1-1.7B-Structure"
    )


def test_2602_15038_repository_beats_hugging_face_space() -> None:
    text = (
        "Our model is available at https://huggingface.co/spaces/AnonymousAccountACL/"
        "IndicTunedLens. Our code is available at "
        "https://github.com/AnonymousAccountACL/IndicTunedLens."
    )
    assert code_of(summary=text).value == "https://github.com/AnonymousAccountACL/IndicTunedLens"


# --- Dataset hosts, papers, videos ---------------------------------------------------------


def test_2505_23713_hugging_face_dataset_is_not_code() -> None:
    text = (
        "The dataset is publicly\navailable at: https://huggingface.co/datasets/MBZUAI/SocialMaze"
    )
    assert find_links(None, text) == Links()
    links = find_links("Code available at https://github.com/xzx34/SocialMaze", text)
    assert links.code == Guess(
        "https://github.com/xzx34/SocialMaze",
        "comment",
        'comment says "Code available at https://github.com/xzx34/SocialMaze"',
    )


def test_2602_18765_zenodo_is_not_code() -> None:
    text = (
        "The GeoLink-UV dataset introduced in this article is freely available at "
        "https://doi.org/10.5281/zenodo.18688062."
    )
    assert find_links(None, text) == Links()


def test_2512_16609_code_on_zenodo_is_neither() -> None:
    assert find_links(
        "Code and demo available at https://doi.org/10.5281/zenodo.17915355", None
    ) == (Links())


def test_2602_14865_video_is_not_a_project_page() -> None:
    assert find_links("Technical Report; Live Demo: https://youtu.be/Cy06Ljee1JQ", None) == Links()


# --- Line wraps ----------------------------------------------------------------------------


def test_2510_02788_url_broken_after_scheme() -> None:
    text = (
        "Code and reproducible scripts are available at https:\n//github.com/tienphat140205/XTRA."
    )
    assert code_of(summary=text).value == "https://github.com/tienphat140205/XTRA"


def test_2604_09220_space_after_scheme() -> None:
    text = (
        "The official implementation is available at https: "
        "//github.com/HannanAkhtar/TinyNeRV-Implementation."
    )
    assert code_of(summary=text).value == (
        "https://github.com/HannanAkhtar/TinyNeRV-Implementation"
    )


def test_2505_21569_url_broken_after_scheme_deep_link() -> None:
    text = (
        "Our code and\ndataset are publicly available at https:\n"
        "//anonymous.4open.science/r/ChemHAS-01E4/README.md."
    )
    assert code_of(summary=text).value == (
        "https://anonymous.4open.science/r/ChemHAS-01E4/README.md"
    )


def test_2504_13131_url_broken_after_hyphen() -> None:
    text = (
        "The project is\npublicly available at https://github.com/lixinustc/KVQE-\n"
        "ChallengeCVPR-NTIRE2025."
    )
    assert code_of(summary=text).value == (
        "https://github.com/lixinustc/KVQE-ChallengeCVPR-NTIRE2025"
    )


def test_2508_16284_url_broken_inside_host() -> None:
    text = "Project page : https://www.idiap.\nch/paper/edgedoc/"
    assert project_of(summary=text).value == "https://www.idiap.ch/paper/edgedoc/"


def test_2507_03578_url_at_line_end_is_not_joined_with_next_word() -> None:
    text = "We release our code at https://github.com/google-deepmind/scivid\nto facilitate"
    assert code_of(summary=text).value == "https://github.com/google-deepmind/scivid"


def test_2509_15224_wrapped_comment_keyword() -> None:
    comment = (
        "ICCV 2025. Code: https://github.com/bartn8/depthanyevent/ Project\n"
        "  Page: https://bartn8.github.io/depthanyevent/"
    )
    assert project_of(comment=comment).reason == (
        'comment says "Project Page: https://bartn8.github.io/depthanyevent/"'
    )


# --- Code versus project page --------------------------------------------------------------


def test_2605_14742_github_repo_called_project_page_is_code() -> None:
    links = find_links(
        "Accepted at ICML 2026. Project page: https://github.com/yuggiehk/EARL", None
    )
    assert links.code.value == "https://github.com/yuggiehk/EARL"
    assert links.code.source == "comment"
    assert links.project == Guess(None)


def test_2508_01150_github_io_called_code_is_project() -> None:
    text = "The code is available at\nhttps://young-bit.github.io/opengs-fusion.github.io/ ."
    links = find_links(None, text)
    assert links.code == Guess(None)
    assert links.project.value == "https://young-bit.github.io/opengs-fusion.github.io/"


def test_2604_08282_other_host_introduced_as_project_page() -> None:
    text = "Project page: https://www.tue-mps.org/Spectral-Point-Clouds-Radar/"
    assert project_of(comment=text).value == (
        "https://www.tue-mps.org/Spectral-Point-Clouds-Radar/"
    )


def test_2606_29095_comment_that_is_only_a_link() -> None:
    text = "https://research.nvidia.com/labs/sil/projects/horizonrelight/"
    assert project_of(comment=text).value == text


def test_2604_12545_other_page_without_cue_is_not_project() -> None:
    text = "The interface is publicly available at https://ramo-chi.ivia.ch."
    assert find_links(None, text) == Links()


def test_2505_08644_workshop_page_is_not_project() -> None:
    text = "RMDO workshop\n  (https://deformable-workshop.github.io/icra2025/)"
    assert find_links(text, None) == Links()


# --- Choosing among several ----------------------------------------------------------------


def test_2510_12194_first_own_repository_not_a_supported_tool() -> None:
    text = (
        "The full code, protocol, and evaluation scripts are available at\n"
        "https://github.com/ResearAI/ResearStudio."
    )
    assert code_of(summary=text).value == "https://github.com/ResearAI/ResearStudio"


def test_2606_30616_collection_skipped_for_repository() -> None:
    comment = (
        "The model checkpoints and evaluation codebase are available at "
        "https://huggingface.co/collections/InternScience/agents-a1 and "
        "https://github.com/InternScience/Agents-A1"
    )
    assert code_of(comment=comment).value == "https://github.com/InternScience/Agents-A1"


def test_2506_09033_sentence_without_space_after_period() -> None:
    text = (
        "Experiments on seven general and multi-hop QA benchmarks show that Router-R1\n"
        "outperforms over several strong baselines, achieving superior performance while\n"
        "maintaining robust generalization and cost management.Code is available at\n"
        "https://github.com/ulab-uiuc/Router-R1."
    )
    assert code_of(summary=text).value == "https://github.com/ulab-uiuc/Router-R1"


def test_2604_00493_comment_before_abstract_and_reason() -> None:
    comment = (
        "Codes: https://github.com/YBZh/CheXOne Models: https://huggingface.co/StanfordAIMI/CheXOne"
    )
    guess = code_of(comment=comment)
    assert guess == Guess(
        "https://github.com/YBZh/CheXOne",
        "comment",
        'comment says "Codes: https://github.com/YBZh/CheXOne"',
    )


def test_2504_08525_comment_preferred_over_abstract() -> None:
    record = RECORDS["2504.08525"]
    guess = code_of(record["comment"], record["summary"])
    assert guess.value == "https://github.com/biubiutomato/TME-Agent"
    assert guess.source == "comment"
