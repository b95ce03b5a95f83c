"""Hugging Face's request: the papers API entry of each paper, for its code and project links.

One module per service, because each asks its own way (here a lookup by arXiv id); when a
service is asked is `services.py`, what its answer says is `arxiv2entry.enrich`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from arxiv2entry.models import Paper
from arxiv2entry.sources.jsonapi import Client, each


def fetch(client: Client, papers: Sequence[Paper], out: dict[str, Any]) -> None:
    each(client, papers, out, lambda p: client.call("GET", f"/api/papers/{quote(p.id)}"))
