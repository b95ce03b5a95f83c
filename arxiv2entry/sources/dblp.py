"""DBLP's request: a title search per paper; one that finds no publication is "not known".

One module per service, because each asks its own way (here a search by title) and decides what
is worth keeping; when a service is asked is `services.py`, what its answer says is
`arxiv2entry.enrich`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from arxiv2entry.models import Paper
from arxiv2entry.sources.jsonapi import NOT_FOUND, Client, each


def fetch(client: Client, papers: Sequence[Paper], out: dict[str, Any]) -> None:
    def one(p: Paper) -> Any:
        answer = client.call(
            "GET",
            "/search/publ/api",
            params={"q": " ".join(p.title.split()), "format": "json", "h": "10", "c": "0"},
        )
        # Only a proceedings or journal record is worth keeping for long; no hit, or arXiv's
        # own CoRR record, is "not known yet" and goes stale as soon as a negative answer.
        hits = (((answer or {}).get("result") or {}).get("hits") or {}).get("hit") or []
        hits = hits if isinstance(hits, list) else [hits]
        keys = [str((h.get("info") or {}).get("key", "")) for h in hits if isinstance(h, dict)]
        return answer if any(not k.startswith("journals/corr/") for k in keys) else NOT_FOUND

    each(client, papers, out, one)
