from __future__ import annotations

import pytest

from arxiv2entry.ids import ArxivId, IdError, parse_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2112.07945", ArxivId("2112.07945")),
        ("2112.07945v2", ArxivId("2112.07945", 2)),
        ("arXiv:2112.07945", ArxivId("2112.07945")),
        ("arxiv: 2112.07945v1", ArxivId("2112.07945", 1)),
        ("  2112.07945\n", ArxivId("2112.07945")),
        ("0704.0001", ArxivId("0704.0001")),
        ("1412.6529v2", ArxivId("1412.6529", 2)),
        ("1501.05039", ArxivId("1501.05039")),
        ("hep-th/9711200", ArxivId("hep-th/9711200")),
        ("hep-th/9901001", ArxivId("hep-th/9901001")),
        ("quant-ph/0201082v1", ArxivId("quant-ph/0201082", 1)),
        # arXiv knows math.GT/0309136 as math/0309136: the subject class is not in the id.
        ("math.GT/0309136", ArxivId("math/0309136")),
        ("https://arxiv.org/abs/2112.07945", ArxivId("2112.07945")),
        ("https://arxiv.org/abs/2112.07945v2", ArxivId("2112.07945", 2)),
        ("http://arxiv.org/abs/2112.07945", ArxivId("2112.07945")),
        ("https://www.arxiv.org/abs/2112.07945", ArxivId("2112.07945")),
        ("arxiv.org/abs/2112.07945", ArxivId("2112.07945")),
        ("https://arxiv.org/pdf/2112.07945", ArxivId("2112.07945")),
        ("https://arxiv.org/pdf/2112.07945.pdf", ArxivId("2112.07945")),
        ("https://arxiv.org/pdf/2112.07945v2.pdf", ArxivId("2112.07945", 2)),
        ("https://arxiv.org/pdf/2004.02546.pdf", ArxivId("2004.02546")),
        ("https://arxiv.org/html/2112.07945v2", ArxivId("2112.07945", 2)),
        ("https://export.arxiv.org/abs/2112.07945", ArxivId("2112.07945")),
        ("https://export.arxiv.org/abs/hep-th/9901001", ArxivId("hep-th/9901001")),
        ("https://arxiv.org/abs/math.GT/0309136v1", ArxivId("math/0309136", 1)),
        ("https://arxiv.org/abs/2112.07945?context=cs", ArxivId("2112.07945")),
        ("https://arxiv.org/abs/2112.07945#section", ArxivId("2112.07945")),
        ("https://ar5iv.labs.arxiv.org/html/2112.07945", ArxivId("2112.07945")),
        ("https://ar5iv.org/abs/2112.07945", ArxivId("2112.07945")),
        ("https://www.alphaxiv.org/abs/2112.07945", ArxivId("2112.07945")),
        ("https://www.alphaxiv.org/overview/2112.07945v2", ArxivId("2112.07945", 2)),
        ("https://huggingface.co/papers/2112.07945", ArxivId("2112.07945")),
        ("10.48550/arXiv.2112.07945", ArxivId("2112.07945")),
        ("https://doi.org/10.48550/arXiv.2202.01037", ArxivId("2202.01037")),
        ("doi:10.48550/ARXIV.2312.02228", ArxivId("2312.02228")),
        ("https://doi.org/10.48550/arXiv.astro-ph/0508450", ArxivId("astro-ph/0508450")),
    ],
)
def test_parse_id_accepts_every_shape_people_paste(text: str, expected: ArxivId) -> None:
    assert parse_id(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "2112.0794",  # too short
        "2113.07945",  # month 13
        "2100.07945",  # month 00
        "1412.00001",  # five digits before 2015
        "1501.0001",  # four digits from 2015 on
        "0703.0001",  # new scheme starts 2007-04
        "2112.07945v0",
        "hep-th/9913001",  # month 13
        "https://github.com/NVlabs/eg3d",
        "https://arxiv.org/list/cs.CV/recent",
        "https://arxiv.org/abs/",
        "10.1109/CVPR52688.2022.01565",
        "hep-th/0712001",  # old-style ids ended in 2007-03
        "http://[x/abs/1",  # urllib cannot even split it
    ],
)
def test_parse_id_rejects_what_arxiv_would_reject(text: str) -> None:
    with pytest.raises(IdError) as err:
        parse_id(text)
    assert str(err.value) == (
        f"'{text}' is not an arXiv ID or URL; "
        "use e.g. 2112.07945, hep-th/9901001 or https://arxiv.org/abs/2112.07945"
    )


def test_parse_id_empty() -> None:
    expected = r"^an empty string is not an arXiv ID; use e\.g\. 2112\.07945$"
    with pytest.raises(IdError, match=expected):
        parse_id("   ")


def test_arxiv_id_str_keeps_the_version() -> None:
    assert str(ArxivId("2112.07945", 2)) == "2112.07945v2"
    assert str(ArxivId("math/0309136")) == "math/0309136"
