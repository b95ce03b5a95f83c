"""Issue 10, the "no traceback" half: bad input of every kind ends in one line on stderr and the
documented exit code, never a traceback, a hang or a fetch. Each test is named after the bug it
pins."""

from __future__ import annotations

from pathlib import Path

import pytest
from arxiv_server import ArxivServer

FIXTURES = Path(__file__).parent / "fixtures"
SEED = (FIXTURES / "lists" / "seed-list.md").read_bytes()
HINT = "use e.g. 2112.07945, hep-th/9901001 or https://arxiv.org/abs/2112.07945"


FULL_WIDTH, ARABIC_INDIC = "\uff10", "\u0660"  # the digit zero of each


def digits(text: str, zero: str) -> str:
    """`text` with its ASCII digits written in another script's digits."""
    return "".join(chr(ord(zero) + int(c)) if "0" <= c <= "9" else c for c in text)


@pytest.mark.parametrize(
    "text",
    [
        digits("2112.07945", FULL_WIDTH),
        digits("2112.07945", ARABIC_INDIC),
        "2112." + digits("07945", FULL_WIDTH),
        digits("hep-th/9901001", FULL_WIDTH),
        "https://arxiv.org/abs/" + digits("2112.07945", FULL_WIDTH),
    ],
)
def test_unicode_digits_are_a_malformed_id_not_a_fetch(
    run, arxiv_server: ArxivServer, text: str
) -> None:
    result = run(text)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: '{text}' is not an arXiv ID or URL; {HINT}\n"
    assert arxiv_server.requests == []
