"""Semantic Scholar's request: the records of up to 500 papers at once, by arXiv id.

One module per service, because each asks its own way (here a batch, elsewhere a search or one
lookup per paper) and checks its own answer's shape before it is kept; when a service is asked
is `services.py`, what its answer says is `arxiv2entry.enrich`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from arxiv2entry.models import Paper
from arxiv2entry.sources.http import RemoteError
from arxiv2entry.sources.jsonapi import Client

S2_FIELDS = "title,authors,year,venue,publicationVenue,journal,externalIds,publicationDate"
S2_BATCH = 500  # the batch endpoint's documented limit


def fetch(client: Client, papers: Sequence[Paper], out: dict[str, Any]) -> None:
    """Answers go into `out` as they arrive, so a later failure keeps the earlier ones."""
    for start in range(0, len(papers), S2_BATCH):
        batch = papers[start : start + S2_BATCH]
        answer = client.call(
            "POST",
            "/graph/v1/paper/batch",
            params={"fields": S2_FIELDS},
            body={"ids": [f"ARXIV:{p.id}" for p in batch]},
            not_found_ok=False,
        )
        if not isinstance(answer, list) or len(answer) != len(batch):
            raise RemoteError("answered something other than one result per paper", False)
        out.update({p.id: item for p, item in zip(batch, answer, strict=True)})
