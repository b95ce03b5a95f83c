"""OpenAlex's request: the work of each paper's arXiv DOI, with the API key when one is set.

One module per service, because each asks its own way (here a lookup by DOI); when a service is
asked is `services.py`, what its answer says is `arxiv2entry.enrich`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from arxiv2entry.models import Paper
from arxiv2entry.sources.jsonapi import Client, each


def fetch(client: Client, papers: Sequence[Paper], out: dict[str, Any], key: str | None) -> None:
    params = {"api_key": key} if key else None
    each(
        client,
        papers,
        out,
        lambda p: client.call("GET", f"/works/doi:10.48550/arXiv.{quote(p.id)}", params=params),
    )
