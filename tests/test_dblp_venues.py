"""`data/dblp_venues.toml`, the DBLP stream table, checked as its maintainers' script checked it
(/work/data-work/check_dblp_venues.py): keys are DBLP streams, none repeats, every value is a
short name or a workshop stream, and a name the venue table knows is spelled as the venue table
spells it and of the same kind (a `conf/` stream is a conference, a `journals/` one a journal)."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from typing import Any

import pytest

KEY = re.compile(r"^(conf|journals)/[a-z0-9_-]+$")
ROW = re.compile(r'^\s*"([^"]*)"\s*=')


def _text(name: str) -> str:
    return resources.files("arxiv2entry").joinpath(f"data/{name}").read_text("utf-8")


TEXT = _text("dblp_venues.toml")
STREAMS: dict[str, Any] = tomllib.loads(TEXT)["streams"]
VENUES: dict[str, Any] = tomllib.loads(_text("venues.toml"))["venues"]


def _name(value: object) -> str:
    return value if isinstance(value, str) else value["venue"]  # type: ignore[index]


def test_the_table_has_only_streams_and_is_large() -> None:
    assert set(tomllib.loads(TEXT)) == {"streams"}
    assert len(STREAMS) == 587


def test_no_key_repeats() -> None:
    # tomllib refuses a repeated key, but a quoted and a bare spelling of one key would both pass.
    keys = [m.group(1) for line in TEXT.splitlines() if (m := ROW.match(line))]
    assert len(keys) == len(set(keys)) == len(STREAMS)


@pytest.mark.parametrize("stream", sorted(STREAMS))
def test_row(stream: str) -> None:
    assert KEY.match(stream), "a DBLP stream is conf/x or journals/x, lower case"
    value = STREAMS[stream]
    if isinstance(value, dict):
        assert set(value) == {"venue", "workshop"} and value["workshop"] is True
    name = _name(value)
    assert isinstance(name, str) and name == name.strip() and name and "  " not in name
    spelled = {v.casefold(): v for v in VENUES}.get(name.casefold())
    if spelled is not None:
        assert name == spelled, f"spelled {spelled!r} in the venue table"
        journal = VENUES[name].get("kind", "conference") == "journal"
        assert journal == stream.startswith("journals/")


def test_every_table_venue_but_aacl_has_a_stream() -> None:
    """AACL has no stream of its own (the header of the stream table says why)."""
    named = {_name(v) for v in STREAMS.values()}
    assert sorted(set(VENUES) - named) == ["AACL"]


def test_the_former_hard_coded_streams_are_rows() -> None:
    former = ("conf/3dim", "conf/icmcs", "journals/tcsv", "journals/tnn")
    assert {s: STREAMS[s] for s in former} == {
        "conf/3dim": "3DV",
        "conf/icmcs": "ICME",
        "journals/tcsv": "TCSVT",
        "journals/tnn": "TNNLS",
    }
    assert STREAMS["conf/iccvw"] == {"venue": "ICCV", "workshop": True}
    assert STREAMS["conf/siggrapha"] == "SIGGRAPH Asia"
