"""What the bibliographic services say, read from their answers, and merged with arXiv's facts.

Real recordings (tests/fixtures/services/*, SOURCES.md) are used wherever one exists. Where none
does, the `built_*.json` files hold the true facts of a real paper (EG3D) in the shape the
services document (SOURCES.md says which facts and which documentation). A few cases change one
field of such an answer to show a rule (another author list, a missing key); each says so.
"""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from arxiv2entry.enrich import (
    institution_from_affiliations,
    institution_from_openalex,
    links_from_huggingface,
    load_institution_table,
    merge,
    shorten_institution,
    venue_from_dblp,
    venue_from_openalex,
    venue_from_semanticscholar,
    venue_names,
)
from arxiv2entry.models import Author, Guess, Links, Paper, VenueGuess
from arxiv2entry.pipeline import Overrides, guess_entry
from arxiv2entry.venue import load_venue_table

FIXTURES = Path(__file__).parent / "fixtures"
SERVICES = FIXTURES / "services"
SEED = {
    r["id"]: r for r in map(json.loads, (FIXTURES / "seed-papers.jsonl").read_text().splitlines())
}


def load(name: str) -> Any:
    return json.loads((SERVICES / name).read_text(encoding="utf-8"))


def seed_paper(arxiv_id: str) -> Paper:
    """A paper of the seed list as arXiv gave it (`date` is its first version's)."""
    r = SEED[arxiv_id]
    day = date.fromisoformat(r["date"])
    authors = tuple(Author(a) for a in r["authors"])
    return Paper(
        r["id"], r["version"], r["title"], authors, r["summary"], r["comment"],
        r["journal_ref"], None, day, day,
    )  # fmt: skip


def s2_paper(obj: dict[str, Any]) -> Paper:
    """The arXiv paper behind a Semantic Scholar record, from the facts the record gives (its
    arXiv id, title, authors, and publicationDate, the first arXiv version's day)."""
    day = date.fromisoformat(obj["publicationDate"])
    authors = tuple(Author(a["name"]) for a in obj["authors"])
    return Paper(
        obj["externalIds"]["ArXiv"], 1, obj["title"], authors, "", None, None, None, day, day
    )


ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV_NS = "{http://arxiv.org/schemas/atom}"


def atom_paper(name: str) -> Paper:
    """The first entry of a recorded arXiv API answer, with its authors' affiliations."""
    entry = ET.parse(FIXTURES / "arxiv" / name).getroot().find(f"{ATOM}entry")
    assert entry is not None
    authors = tuple(
        Author(
            a.findtext(f"{ATOM}name", "").strip(),
            tuple((x.text or "").strip() for x in a.findall(f"{ARXIV_NS}affiliation")),
        )
        for a in entry.findall(f"{ATOM}author")
    )
    day = date.fromisoformat(entry.findtext(f"{ATOM}published", "")[:10])
    title = " ".join(entry.findtext(f"{ATOM}title", "").split())
    return Paper("x", 1, title, authors, "", None, None, None, day, day)


EG3D = seed_paper("2112.07945")  # arXiv 2021-12-15, CVPR 2022, Stanford
GRAM = seed_paper("2112.08867")  # CVPR 2022, Tsinghua, Microsoft
ATTENTION = load("semanticscholar_search_match_attention_is_all_you_need_neurips.json")["data"][0]
PAPERQA_S2 = load("semanticscholar_paper_DOI_10.48550_arxiv.2312.07559_preprint_only.json")
PAPERQA = s2_paper(PAPERQA_S2)
S2_BATCH = load("built_semanticscholar_batch_2112.07945_0808.05394.json")
DBLP_EG3D = load("built_dblp_search_2112.07945_eg3d_corr_and_cvpr.json")
DBLP_REAL = load("dblp_search_publ_json_real_test_query.json")
OPENALEX_EG3D = load("built_openalex_work_2112.07945_eg3d_preprint.json")
OPENALEX_CHEMCROW = load("real/openalex/openalex_work_W4396723768_chemcrow_published_natmi.json")
OPENALEX_CHEMCROW_PREPRINT = load(
    "real/openalex/openalex_work_W4365597205_arxiv_2304.05376_preprint.json"
)
OPENALEX_WORD2VEC = load("real/openalex/openalex_work_W1614298861_arxiv_1301.3781_word2vec.json")
CHEMCROW_DOI = "10.1038/s42256-024-00832-8"  # S2's externalIds.DOI for arXiv 2304.05376
SERVICE_PAPERS = {
    r["id"]: r
    for r in map(json.loads, (FIXTURES / "services-papers.jsonl").read_text().splitlines())
}


def service_paper(arxiv_id: str) -> Paper:
    """A paper of the real service answers, as the test server's arXiv serves it
    (`services-papers.jsonl`, constructed from those answers: see SOURCES.md)."""
    r = SERVICE_PAPERS[arxiv_id]
    day = date.fromisoformat(r["date"])
    authors = tuple(Author(a) for a in r["authors"])
    return Paper(
        r["id"], 1, r["title"], authors, "", None, None, None, day, day, r["categories"][0]
    )


CHEMCROW = service_paper("2304.05376")
OPENALEX_PAPERQA = load("openalex_works_title_search_paperqa_arxiv_preprint.json")["results"][0]
OPENALEX_CELL = load("openalex_work_singleton_by_doi_with_institutions_cellgenomics.json")
HF_EG3D = load("built_huggingface_paper_2112.07945_eg3d.json")

EG3D_KEY_REASON = (
    'semanticscholar: DBLP key conf/cvpr/ChanLCNPMGGTKKW22 (venue "Computer Vision and '
    'Pattern Recognition")'
)
DBLP_REASON = 'dblp: conf/cvpr/ChanLCNPMGGTKKW22 ("CVPR", 2022), same title and authors'


# ---------------------------------------------------------------------------- Semantic Scholar


def test_s2_batch_element_with_a_dblp_key_names_venue_and_year() -> None:
    # S2 dates EG3D by its preprint (2021); the DBLP key's "22" is the CVPR year.
    assert venue_from_semanticscholar(S2_BATCH[0], EG3D) == VenueGuess(
        "CVPR 2022", "semanticscholar", EG3D_KEY_REASON
    )


def test_s2_batch_null_for_an_unknown_id_is_no_answer() -> None:
    assert S2_BATCH[1] is None
    assert venue_from_semanticscholar(S2_BATCH[1], EG3D) is None


def test_s2_error_body_is_no_answer() -> None:
    assert (
        venue_from_semanticscholar(load("semanticscholar_paper_404_not_found.json"), EG3D) is None
    )


def test_s2_preprint_only_record_is_not_a_venue() -> None:
    # venue "arXiv.org", journal "ArXiv", DBLP key journals/corr/...: published nowhere.
    assert PAPERQA_S2["venue"] == "arXiv.org"
    assert venue_from_semanticscholar(PAPERQA_S2, PAPERQA) is None


def test_s2_venue_name_with_a_corr_key_and_the_preprint_year() -> None:
    # The real record pairs a CoRR key with venue "Neural Information Processing Systems" and
    # the preprint's own date (2017-06-12): a CoRR key says nothing either way, and a preprint of
    # June is before that year's December conference, so the year is that edition's.
    assert ATTENTION["externalIds"]["DBLP"].startswith("journals/corr/")
    assert venue_from_semanticscholar(ATTENTION, s2_paper(ATTENTION)) == VenueGuess(
        "NIPS 2017",
        "semanticscholar",
        'semanticscholar: venue "Neural Information Processing Systems", year 2017; the '
        "preprint appeared in June 2017, before NeurIPS's usual month (December)",
    )


def test_s2_preprint_year_after_that_years_edition_is_refused() -> None:
    # The EG3D record without its DBLP key, dated by its preprint as S2 does: a preprint of
    # December 2021 is not at CVPR 2021 (held in June), and nothing says which edition it is.
    record = {**S2_BATCH[0], "externalIds": {"ArXiv": "2112.07945"}, "year": 2021}
    assert venue_from_semanticscholar(record, EG3D) == VenueGuess(
        None,
        "semanticscholar",
        'semanticscholar: venue "Computer Vision and Pattern Recognition", but semanticscholar '
        "year 2021 is the preprint's year (2021-12-15), not that of a CVPR edition; not shown",
    )
    assert venue_from_semanticscholar({**record, "year": 2022}, EG3D) == VenueGuess(
        "CVPR 2022",
        "semanticscholar",
        'semanticscholar: venue "Computer Vision and Pattern Recognition", year 2022',
    )


def test_s2_record_of_another_arxiv_id_is_refused() -> None:
    assert venue_from_semanticscholar(S2_BATCH[0], GRAM) is None


def test_s2_title_match_without_arxiv_id_needs_title_and_author() -> None:
    record = {k: v for k, v in ATTENTION.items() if k != "externalIds"}
    paper = s2_paper(ATTENTION)
    assert venue_from_semanticscholar(record, paper).venue == "NIPS 2017"  # type: ignore[union-attr]
    others = replace(paper, authors=(Author("Matheus Gadelha"),))
    assert venue_from_semanticscholar(record, others) is None


# ------------------------------------------------------------------------------------- DBLP


def test_dblp_proceedings_hit_beats_its_corr_twin() -> None:
    assert [h["info"]["venue"] for h in DBLP_EG3D["result"]["hits"]["hit"]] == ["CoRR", "CVPR"]
    assert venue_from_dblp(DBLP_EG3D, EG3D) == VenueGuess("CVPR 2022", "dblp", DBLP_REASON)


def test_dblp_corr_hit_alone_is_not_a_venue() -> None:
    only_corr = copy.deepcopy(DBLP_EG3D)
    del only_corr["result"]["hits"]["hit"][1]
    assert venue_from_dblp(only_corr, EG3D) is None


def test_dblp_same_title_by_other_authors_is_refused() -> None:
    # The CVPR hit with the authors of the real recording's hit instead of EG3D's.
    others = copy.deepcopy(DBLP_EG3D)
    real_authors = DBLP_REAL["result"]["hits"]["hit"][0]["info"]["authors"]
    others["result"]["hits"]["hit"][1]["info"]["authors"] = real_authors
    assert venue_from_dblp(others, EG3D) is None


def test_dblp_implausible_year_is_refused() -> None:
    late = copy.deepcopy(DBLP_EG3D)
    late["result"]["hits"]["hit"][1]["info"]["year"] = "2026"  # > 3 years after the preprint
    assert venue_from_dblp(late, EG3D) is None
    early = copy.deepcopy(DBLP_EG3D)
    early["result"]["hits"]["hit"][1]["info"]["year"] = "2019"
    assert venue_from_dblp(early, EG3D) is None


def test_dblp_real_answer_about_another_paper() -> None:
    assert venue_from_dblp(DBLP_REAL, EG3D) is None


def test_dblp_venue_outside_the_venue_table_is_named_by_the_stream_table() -> None:
    # A paper with the real hit's title, authors and year: "Asian Test Symposium" is no venue
    # of the venue table; the stream table names conf/ats ATS.
    info = DBLP_REAL["result"]["hits"]["hit"][0]["info"]
    paper = replace(
        EG3D,
        title=info["title"].rstrip("."),
        authors=tuple(Author(a["text"]) for a in info["authors"]["author"]),
        published=date(2005, 6, 1),
    )
    assert venue_from_dblp(DBLP_REAL, paper) == VenueGuess(
        "ATS 2005",
        "dblp",
        'dblp: conf/ats/ShinogiYHTY05 ("Asian Test Symposium", 2005), same title and authors',
    )
    # A stream neither table knows gives no venue: it is not guessed from its letters.
    unknown = copy.deepcopy(DBLP_REAL)
    unknown["result"]["hits"]["hit"][0]["info"]["key"] = "conf/atsx/ShinogiYHTY05"
    assert venue_from_dblp(unknown, paper) is None


def test_dblp_answer_without_hits() -> None:
    empty = copy.deepcopy(DBLP_REAL)
    del empty["result"]["hits"]["hit"]  # DBLP's shape for no results
    assert venue_from_dblp(empty, EG3D) is None
    assert venue_from_dblp({}, EG3D) is None


def test_dblp_single_author_object_and_venue_list() -> None:
    # DATA_SOURCES 3.2: `author` is one object for a single author; `venue` may be a list.
    shaped = copy.deepcopy(DBLP_EG3D)
    info = shaped["result"]["hits"]["hit"][1]["info"]
    info["authors"]["author"] = info["authors"]["author"][0]
    info["venue"] = ["CVPR", "CVPR"]
    assert venue_from_dblp(shaped, EG3D) == VenueGuess(
        "CVPR 2022",
        "dblp",
        'dblp: conf/cvpr/ChanLCNPMGGTKKW22 ("CVPR / CVPR", 2022), same title and authors',
    )
    info["venue"] = ["CVPR", "IEEE Trans. Pattern Anal. Mach. Intell."]  # two venues: unsure
    assert venue_from_dblp(shaped, EG3D) is None


def test_dblp_workshop_and_journal_spellings() -> None:
    shaped = copy.deepcopy(DBLP_EG3D)
    info = shaped["result"]["hits"]["hit"][1]["info"]
    info["venue"] = "CVPR Workshops"
    assert venue_from_dblp(shaped, EG3D).venue == "CVPRW 2022"  # type: ignore[union-attr]
    info.update(
        venue="IEEE Trans. Pattern Anal. Mach. Intell.",
        type="Journal Articles",
        key="journals/pami/ChanLCNPMGGTKKW22",
    )
    assert venue_from_dblp(shaped, EG3D).venue == "TPAMI 2022"  # type: ignore[union-attr]


def test_dblp_earliest_publication_wins_and_the_later_is_named() -> None:
    two = copy.deepcopy(DBLP_EG3D)
    journal = copy.deepcopy(two["result"]["hits"]["hit"][1])
    journal["info"].update(
        venue="IEEE Trans. Pattern Anal. Mach. Intell.",
        year="2024",
        type="Journal Articles",
        key="journals/pami/ChanLCNPMGGTKKW24",
    )
    two["result"]["hits"]["hit"].insert(0, journal)
    assert venue_from_dblp(two, EG3D) == VenueGuess(
        "CVPR 2022", "dblp", f"{DBLP_REASON}; dblp also lists TPAMI 2024, later"
    )


# ---------------------------------------------------------------------------------- OpenAlex


def test_openalex_published_work_of_a_journal_outside_the_table() -> None:
    # The real published work of ChemCrow (Nature Machine Intelligence, 2024), asked by the
    # DOI S2 gives: a journal the venue table lacks, so OpenAlex names no venue (S2's DBLP key
    # does, with the stream table).
    assert CHEMCROW_DOI in OPENALEX_CHEMCROW["doi"]
    assert venue_from_openalex(OPENALEX_CHEMCROW, CHEMCROW, doi=CHEMCROW_DOI) is None


def as_tpami(work: dict[str, Any]) -> dict[str, Any]:
    """The real ChemCrow work with its journal renamed to one of the table (a test of the
    rule; nothing else changed)."""
    work = copy.deepcopy(work)
    for loc in [work["primary_location"], *work["locations"]]:
        if loc["source"]["type"] == "journal":
            loc["source"]["display_name"] = (
                "IEEE Transactions on Pattern Analysis and Machine Intelligence"
            )
    return work


def test_openalex_published_work_asked_by_its_doi() -> None:
    # Journals retitle papers: the published work's title is not the arXiv one ("ChemCrow:
    # Augmenting large-language models ..."), but the DOI ties it to this paper and an author
    # is shared; its year is the publisher's, 2024, not the preprint's 2023.
    work = as_tpami(OPENALEX_CHEMCROW)
    assert work["title"] != CHEMCROW.title
    assert venue_from_openalex(work, CHEMCROW, doi=CHEMCROW_DOI) == VenueGuess(
        "TPAMI 2024",
        "openalex",
        'openalex: journal "IEEE Transactions on Pattern Analysis and Machine Intelligence", '
        "year 2024 (the published work of DOI 10.1038/s42256-024-00832-8)",
    )
    # Without the DOI it was asked by, a work of another title is not this paper.
    assert venue_from_openalex(work, CHEMCROW) is None
    # Nor is a work of that DOI by other authors.
    others = replace(CHEMCROW, authors=(Author("Matheus Gadelha"),))
    assert venue_from_openalex(work, others, doi=CHEMCROW_DOI) is None


def test_openalex_arxiv_preprint_work_is_not_a_venue() -> None:
    assert OPENALEX_PAPERQA["type"] == "preprint"
    assert venue_from_openalex(OPENALEX_PAPERQA, PAPERQA) is None
    assert venue_from_openalex(OPENALEX_CHEMCROW_PREPRINT, CHEMCROW) is None
    assert venue_from_openalex(OPENALEX_EG3D, EG3D) is None


def test_openalex_journal_outside_the_table_is_refused() -> None:
    paper = replace(EG3D, title=OPENALEX_CELL["title"], published=date(2025, 3, 1))
    assert OPENALEX_CELL["primary_location"]["source"]["display_name"] == "Cell Genomics"
    assert venue_from_openalex(OPENALEX_CELL, paper) is None


def test_openalex_work_not_asked_by_its_doi_has_its_year_judged() -> None:
    # A work with the arXiv title reached without its DOI: OpenAlex dates works by their
    # earliest version, so a year equal to the preprint's says nothing about a journal.
    work = as_tpami(OPENALEX_CHEMCROW)
    work["title"] = CHEMCROW.title
    assert venue_from_openalex({**work, "publication_year": 2023}, CHEMCROW) is None
    assert venue_from_openalex(work, CHEMCROW) == VenueGuess(
        "TPAMI 2024",
        "openalex",
        'openalex: journal "IEEE Transactions on Pattern Analysis and Machine Intelligence", '
        "year 2024",
    )


# ---------------------------------------------------------------- venue names of the services


SERVICE_NAMES = {
    # Semantic Scholar and OpenAlex long names
    "Neural Information Processing Systems": ("NeurIPS", False, False, None),
    "Computer Vision and Pattern Recognition": ("CVPR", False, False, None),
    "IEEE Transactions on Pattern Analysis and Machine Intelligence": (
        "TPAMI", False, False, None,
    ),
    "IEEE/RJS International Conference on Intelligent RObots and Systems": (
        "IROS", False, False, None,
    ),
    "IEEE Workshop/Winter Conference on Applications of Computer Vision": (
        "WACV", False, False, None,
    ),
    "Proceedings of the Thirty-Sixth AAAI Conference on Artificial Intelligence": (
        "AAAI", False, False, None,
    ),
    "2022 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)": (
        "CVPR", False, False, 2022,
    ),
    "2022 IEEE/CVF Conference on Computer Vision and Pattern Recognition Workshops (CVPRW)": (
        "CVPR", True, False, 2022,
    ),
    "Findings of the Association for Computational Linguistics: EMNLP 2021": (
        "EMNLP", False, True, 2021,
    ),
    # DBLP venues
    "ECCV (3)": ("ECCV", False, False, None),
    "ECCV Workshops (3)": ("ECCV", True, False, None),
    "EMNLP (Findings)": ("EMNLP", False, True, None),
    "ACL/IJCNLP (1)": ("ACL", False, False, None),
    "IEEE Trans. Pattern Anal. Mach. Intell.": ("TPAMI", False, False, None),
    "ACM Trans. Graph.": ("TOG", False, False, None),
    "Int. J. Comput. Vis.": ("IJCV", False, False, None),
    "IEEE ACM Trans. Audio Speech Lang. Process.": ("TASLP", False, False, None),
}  # fmt: skip


@pytest.mark.parametrize(("name", "expected"), SERVICE_NAMES.items())
def test_service_venue_names(name: str, expected: tuple[str, bool, bool, int | None]) -> None:
    named = venue_names._read_name(name, load_venue_table())
    assert named is not None and named.venue is not None
    assert (named.venue.short, named.workshop, named.findings, named.year) == expected


@pytest.mark.parametrize(
    "name", ["arXiv.org", "ArXiv", "CoRR", "arXiv (Cornell University)", "bioRxiv"]
)
def test_preprint_names_mean_unpublished(name: str) -> None:
    named = venue_names._read_name(name, load_venue_table())
    assert named is not None and named.preprint and named.venue is None


@pytest.mark.parametrize(
    "name", ["Lecture Notes in Computer Science", "Proceedings of the IEEE", "Pattern Recognition"]
)
def test_names_outside_the_table_map_to_nothing(name: str) -> None:
    named = venue_names._read_name(name, load_venue_table())
    assert named is not None and named.venue is None and not named.preprint


@pytest.mark.parametrize(
    ("key", "short", "workshop"),
    [
        ("conf/cvpr/ChanLCNPMGGTKKW22", "CVPR", False),
        ("conf/nips/VaswaniSPUJGKP17", "NeurIPS", False),
        ("journals/pami/ChanLCNPMGGTKKW24", "TPAMI", False),
        ("conf/3dim/NiemeyerG21", "3DV", False),
        ("conf/iccvw/X21", "ICCV", True),
        ("journals/corr/abs-2112-07945", None, False),  # arXiv itself
        ("journals/www/X20", "WWWJ", False),  # the WWW journal is not the Web Conference
        ("conf/conll/DuijnDKVSv23", "CoNLL", False),  # outside the venue table
        ("journals/access/CrothersJV23", "IEEE Access", False),
        ("journals/mia/FountoukidouS23", "MedIA", False),
        ("conf/cvprx/X22", None, False),  # a stream the stream table lacks
    ],
)
def test_dblp_key_streams(key: str, short: str | None, workshop: bool) -> None:
    found = venue_names._dblp_stream(key, load_venue_table())
    got = (found.venue.short, found.workshop) if found else (None, False)
    assert got == (short, workshop)


def test_dblp_stream_of_a_table_venue_is_that_venue_and_of_its_kind() -> None:
    table = load_venue_table()
    found = venue_names._dblp_stream("conf/nips/VaswaniSPUJGKP17", table)
    assert found is not None and found.known and found.venue is table.venues["NeurIPS"]
    assert venue_names._render(found.venue, 2017) == "NIPS 2017"  # the table's `former`
    outside = venue_names._dblp_stream("journals/natmi/BranCSBWS24", table)
    assert outside is not None and not outside.known
    assert (outside.venue.short, outside.venue.is_journal) == ("Nature Machine Intelligence", True)
    # Streams are looked up as written: a conf/ key never borrows a journals/ row.
    assert venue_names._dblp_stream("conf/pami/X22", table) is None
    assert venue_names._dblp_stream("journals/cvpr/X22", table) is None


# ------------------------------------------------------------------------------ institutions


def test_institution_from_openalex_first_then_last_author() -> None:
    # The real word2vec preprint work: MAG-era authorships with institutions, the last
    # author displayed as "Jay B. Dean" (raw "Jeffrey Dean").
    assert institution_from_openalex(OPENALEX_WORD2VEC) == Guess(
        "Brno University of Technology, Google",
        "openalex",
        'openalex: first author Tomáš Mikolov at "Brno University of Technology"; last author '
        'Jay B. Dean at "Google (United States)"',
    )


def test_institution_from_the_published_work_not_the_preprint() -> None:
    assert institution_from_openalex(OPENALEX_CHEMCROW_PREPRINT) == Guess(None)
    assert institution_from_openalex(OPENALEX_CHEMCROW) == Guess(
        "EPFL",
        "openalex",
        'openalex: first author Andres M. Bran at "École Polytechnique Fédérale de Lausanne"; '
        'last author Philippe Schwaller at "École Polytechnique Fédérale de Lausanne"',
    )


def test_institution_from_openalex_named_once_when_both_authors_share_it() -> None:
    assert institution_from_openalex(OPENALEX_EG3D) == Guess(
        "Stanford",
        "openalex",
        'openalex: first author Eric R. Chan at "Stanford University"; last author Gordon '
        'Wetzstein at "Stanford University"',
    )


def test_institution_outside_the_table_keeps_its_name_without_the() -> None:
    assert institution_from_openalex(OPENALEX_CELL).value == "Francis Crick Institute"


def test_datacite_preprint_work_has_no_institution() -> None:
    assert institution_from_openalex(OPENALEX_PAPERQA) == Guess(None)
    assert institution_from_openalex(None) == Guess(None)


def test_institution_from_arxiv_affiliations() -> None:
    paper = atom_paper("arxiv_oldstyle_astro-ph_0601001_affiliation_journalref.xml")
    assert [a.affiliations for a in paper.authors][::3] == [
        ("Ohio State",),
        ("Warsaw University Observatory",),
    ]
    assert institution_from_affiliations(paper) == Guess(
        "Ohio State, Warsaw University Observatory",
        "affiliation",
        'arXiv affiliations: first author Andrew Gould at "Ohio State"; last author Andrzej '
        'Udalski at "Warsaw University Observatory"',
    )


def test_a_collaboration_is_not_an_institution() -> None:
    paper = atom_paper("arxiv_oldstyle_versioned_hep-ex_0406020v1_affiliation.xml")
    assert paper.authors[0].affiliations == ("for the ATLAS and CMS Collaborations",)
    assert institution_from_affiliations(paper) == Guess(None)


def test_no_affiliations_no_institution() -> None:
    assert institution_from_affiliations(EG3D) == Guess(None)


def test_affiliation_part_found_in_the_table() -> None:
    paper = replace(
        EG3D, authors=(Author("Eric R. Chan", ("Department of EE, Stanford University, CA",)),)
    )
    assert institution_from_affiliations(paper).value == "Stanford"


@pytest.mark.parametrize(
    ("name", "short"),
    [
        # the issue's examples
        ("Massachusetts Institute of Technology", "MIT"),
        ("Max Planck Institute for Intelligent Systems", "MPI"),
        ("The Chinese University of Hong Kong", "CUHK"),
        ("Stanford University", "Stanford"),
        # the seed list's short names
        ("Max Planck Institute for Informatics", "MPI"),
        ("University of Michigan\u2013Ann Arbor", "Michigan"),  # en dash, as OpenAlex writes
        ("University of Toronto", "U Toronto"),
        ("The University of Tokyo", "U Tokyo"),
        ("Hong Kong University of Science and Technology", "HKUST"),
        ("Shanghai Jiao Tong University", "SJTU"),
        ("Nvidia (United States)", "NVIDIA"),  # OpenAlex names companies per country
        ("Microsoft Research Asia (China)", "Microsoft"),
        ("  stanford   university ", "Stanford"),
        # not in the table: as given, minus a leading "The" and OpenAlex's country
        ("Google (United States)", "Google"),
        ("University of Technology Sydney", "University of Technology Sydney"),
        ("The Francis Crick Institute", "Francis Crick Institute"),
    ],
)
def test_shorten_institution(name: str, short: str) -> None:
    assert shorten_institution(name) == short


def test_institution_table_extra_names_override() -> None:
    table = load_institution_table({"Stanford University": "SU", "University of Bath": "Bath"})
    assert shorten_institution("Stanford University", table) == "SU"
    assert shorten_institution("University of Bath", table) == "Bath"
    assert shorten_institution("Stanford University") == "Stanford"  # packaged table unchanged


def test_packaged_institution_table_loads() -> None:
    table = load_institution_table()
    assert len(table.names) > 100
    assert table.get("massachusetts institute of technology") == "MIT"


# ------------------------------------------------------------------------------ Hugging Face


def test_huggingface_code_and_project() -> None:
    assert links_from_huggingface(HF_EG3D) == Links(
        code=Guess(
            "https://github.com/NVlabs/eg3d",
            "huggingface",
            'huggingface: githubRepo "https://github.com/NVlabs/eg3d"',
        ),
        project=Guess(
            "https://nvlabs.github.io/eg3d/",
            "huggingface",
            'huggingface: projectPage "https://nvlabs.github.io/eg3d/"',
        ),
    )


def test_huggingface_fields_absent_when_unset() -> None:
    unset = {k: v for k, v in HF_EG3D.items() if k not in ("githubRepo", "projectPage")}
    assert links_from_huggingface(unset) == Links()
    assert links_from_huggingface(None) == Links()


def test_huggingface_links_are_cleaned_and_classified() -> None:
    odd = {
        **HF_EG3D,
        "githubRepo": "http://www.github.com/NVlabs/eg3d.",  # scheme, www and a glued full stop
        "projectPage": "https://github.com/NVlabs",  # an organisation page is neither
    }
    assert links_from_huggingface(odd) == Links(
        code=Guess(
            "https://github.com/NVlabs/eg3d",
            "huggingface",
            'huggingface: githubRepo "http://www.github.com/NVlabs/eg3d."',
        )
    )
    repo_as_page = {"projectPage": "https://github.com/NVlabs/eg3d"}
    assert links_from_huggingface(repo_as_page) == Links(
        code=Guess(
            "https://github.com/NVlabs/eg3d",
            "huggingface",
            'huggingface: projectPage "https://github.com/NVlabs/eg3d" is a repository, so the '
            "code",
        )
    )


# ------------------------------------------------------------------------------------- merge


def eg3d_services() -> dict[str, Any]:
    return {
        "dblp": venue_from_dblp(DBLP_EG3D, EG3D),
        "semanticscholar": venue_from_semanticscholar(S2_BATCH[0], EG3D),
        "openalex": venue_from_openalex(OPENALEX_EG3D, EG3D),
        "huggingface": links_from_huggingface(HF_EG3D),
        "institution": institution_from_openalex(OPENALEX_EG3D),
    }


def test_merge_eg3d_the_issues_example() -> None:
    base = guess_entry(EG3D)
    assert base.venue.value == "arXiv 2021"
    entry = merge(base, **eg3d_services())
    assert entry.venue == Guess("CVPR 2022", "dblp", f"{DBLP_REASON} (semanticscholar agrees)")
    assert entry.institution.value == "Stanford"
    assert entry.institution.source == "openalex"
    assert (entry.code.value, entry.code.source) == (
        "https://github.com/NVlabs/eg3d",
        "huggingface",
    )
    assert (entry.project.value, entry.project.source) == (
        "https://nvlabs.github.io/eg3d/",
        "huggingface",
    )
    assert entry.paper is EG3D


def test_merge_services_disagree_dblp_first_and_said_so() -> None:
    iccv = VenueGuess("ICCV 2021", "semanticscholar", "semanticscholar: (a disagreeing answer)")
    entry = merge(guess_entry(EG3D), dblp=venue_from_dblp(DBLP_EG3D, EG3D), semanticscholar=iccv)
    assert entry.venue == Guess(
        "CVPR 2022",
        "dblp",
        f"{DBLP_REASON}; sources disagree: dblp says CVPR 2022; semanticscholar says ICCV 2021 "
        "(dblp is trusted first)",
    )


def test_merge_order_semanticscholar_then_openalex() -> None:
    other = VenueGuess("ICCV 2021", "openalex", "openalex: (a disagreeing answer)")
    s2 = venue_from_semanticscholar(S2_BATCH[0], EG3D)
    assert merge(guess_entry(EG3D), semanticscholar=s2, openalex=other).venue.source == (
        "semanticscholar"
    )
    assert merge(guess_entry(EG3D), openalex=other).venue == Guess(
        "ICCV 2021", "openalex", "openalex: (a disagreeing answer)"
    )


def test_merge_arxiv_comment_beats_services() -> None:
    geod = seed_paper("2209.15637")  # "Accepted by NeurIPS 2022. Project page: https://…"
    base = guess_entry(geod)
    assert (base.venue.value, base.venue.source) == ("NeurIPS 2022", "comment")
    other = VenueGuess("ICLR 2023", "dblp", "dblp: (a disagreeing answer)")
    entry = merge(
        base, dblp=other, huggingface=Links(project=Guess("https://x.github.io/", "huggingface"))
    )
    assert entry.venue == Guess(
        "NeurIPS 2022",
        "comment",
        f"{base.venue.reason}; dblp says ICLR 2023 (the arXiv record is trusted first)",
    )
    assert entry.project == Guess(
        "https://vivianszf.github.io/geod",
        "comment",
        f"{base.project.reason}; huggingface gives https://x.github.io/ (the paper's own text "
        "is trusted first)",
    )


def test_merge_agreeing_arxiv_and_service_leave_the_reason_alone() -> None:
    base = guess_entry(seed_paper("2209.15637"))
    same = VenueGuess("NeurIPS 2022", "dblp", "dblp: …")
    assert merge(base, dblp=same).venue == base.venue


def test_merge_user_values_always_win() -> None:
    base = guess_entry(EG3D, Overrides(venue="SIGGRAPH 2022", code="", institution="NVIDIA"))
    entry = merge(base, **eg3d_services())
    assert entry.venue == Guess("SIGGRAPH 2022", "user", "given on the command line")
    assert entry.code == Guess(None, "user", "given on the command line")  # --code "" means none
    assert entry.institution == Guess("NVIDIA", "user", "given on the command line")
    assert entry.project.source == "huggingface"


def test_merge_affiliations_beat_openalex() -> None:
    paper = atom_paper("arxiv_oldstyle_astro-ph_0601001_affiliation_journalref.xml")
    entry = merge(guess_entry(paper), institution=institution_from_openalex(OPENALEX_WORD2VEC))
    assert (entry.institution.value, entry.institution.source) == (
        "Ohio State, Warsaw University Observatory",
        "affiliation",
    )


def test_merge_with_nothing_known_keeps_the_arxiv_entry() -> None:
    base = guess_entry(EG3D)
    assert merge(base) == base
    assert merge(base, semanticscholar=venue_from_semanticscholar(S2_BATCH[1], EG3D)) == base
    assert merge(base, institution=institution_from_openalex(OPENALEX_PAPERQA)) == base


def test_merge_refuses_an_earlier_same_title_paper_for_an_extension() -> None:
    # A (hypothetical) journal extension of EG3D posted in 2023 under the same title: DBLP's
    # CVPR 2022 record is then the earlier paper's, not this one's.
    extension = replace(
        EG3D, comment="Extension of our CVPR 2022 paper", published=date(2023, 3, 1)
    )
    base = guess_entry(extension)
    assert base.venue.value == "arXiv 2023"
    entry = merge(base, dblp=venue_from_dblp(DBLP_EG3D, extension))
    assert entry.venue == Guess(
        "arXiv 2023",
        "fallback",
        f"{base.venue.reason}; dblp says CVPR 2022, but the comment calls this paper an "
        "extension of an earlier one",
    )


def test_merge_says_what_a_service_named_but_could_not_show() -> None:
    refused = VenueGuess(None, "semanticscholar", 'semanticscholar: venue "X"; not shown')
    entry = merge(guess_entry(EG3D), semanticscholar=refused)
    assert entry.venue == Guess(
        "arXiv 2021",
        "fallback",
        "no comment and no journal_ref; year of the first version (2021-12-15); "
        'semanticscholar: venue "X"; not shown',
    )


def test_huggingface_real_paper_object() -> None:
    # A real `/api/papers/{id}` object (via a quoted daily_papers entry): githubRepo and
    # projectPage both set.
    paper = load("real/huggingface/hf_paper_2602.23229.json")
    links = links_from_huggingface(paper)
    assert (links.code.value, links.code.source) == (paper["githubRepo"], "huggingface")
    assert links.project.source == "huggingface"


def real_s2(arxiv_id: str) -> dict[str, Any]:
    return load(f"real/semanticscholar/s2_paper_ARXIV_{arxiv_id}.json")


def test_s2_real_answer_anthology_doi_says_main_track() -> None:
    # S2 names EMNLP with a CoRR key; the ACL Anthology DOI names the main-track volume.
    answer = real_s2("2210.03568")
    assert venue_from_semanticscholar(answer, service_paper("2210.03568")) == VenueGuess(
        "EMNLP 2022",
        "semanticscholar",
        'semanticscholar: venue "Conference on Empirical Methods in Natural Language '
        "Processing\", year 2022; the preprint appeared in October 2022, before EMNLP's usual "
        "month (November) (DOI 10.18653/v1/2022.emnlp-main.62)",
    )
    findings = {
        **answer,
        "externalIds": {**answer["externalIds"], "DOI": "10.18653/v1/2022.findings-emnlp.62"},
    }
    assert venue_from_semanticscholar(findings, service_paper("2210.03568")).venue == (  # type: ignore[union-attr]
        "EMNLP 2022 (Findings)"
    )


def test_s2_real_answer_acronym_from_the_alternate_names() -> None:
    # CoNLL without its DBLP key: the answer's alternate names give the acronym, and the
    # year must still be the venue's, not the preprint's.
    answer = real_s2("2310.20320")
    paper = service_paper("2310.20320")
    no_key = {**answer, "externalIds": {"ArXiv": "2310.20320"}}
    assert venue_from_semanticscholar(no_key, paper) == VenueGuess(
        None,
        "semanticscholar",
        'semanticscholar: venue "Conference on Computational Natural Language Learning" '
        "(CoNLL), but semanticscholar year 2023 is the preprint's year; it does not date "
        "CoNLL; not shown",
    )
    assert venue_from_semanticscholar({**no_key, "year": 2024}, paper) == VenueGuess(
        "CoNLL 2024",
        "semanticscholar",
        'semanticscholar: venue "Conference on Computational Natural Language Learning", '
        "short name CoNLL from its alternate names, year 2024",
    )

