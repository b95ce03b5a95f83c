"""OpenAlex's request: the works of the papers' published DOIs, many to a request, and the work
of the arXiv DOI for a paper that has no published one; with the API key when one is set.

OpenAlex keeps an arXiv preprint (`10.48550/arXiv.ID`, a DataCite DOI) and its published
version (the publisher's DOI) as two works: only the published one names the venue and, usually,
the authors' institutions. So a paper whose published DOI is known (from its arXiv record or
from Semantic Scholar) is asked by that DOI, in batches: one `GET /works?filter=doi:A|B|...`
per `BATCH` DOIs (OpenAlex ORs up to 100 values of one filter in its current documentation, 50
in the older; 50 is safe under both, developers.openalex.org "Filter", docs.openalex.org "Filter
entity lists"); the answer lists the works found, matched back to papers by their `doi`. A
paper given without a published DOI is asked by its arXiv DOI, one lookup each (singleton
lookups are the free ones).

One module per service, because each asks its own way; when a service is asked is
`services.py` and `pipeline.py`, what its answer says is `arxiv2entry.enrich`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from arxiv2entry.models import Paper
from arxiv2entry.sources.http import RemoteError
from arxiv2entry.sources.jsonapi import NOT_FOUND, Client, each

BATCH = 50
# Only the fields arxiv2entry reads: a full work is tens of kilobytes (abstract, references).
SELECT = (
    "id,doi,title,display_name,type,publication_year,publication_date,"
    "primary_location,locations,authorships"
)


def doi_key(doi: object) -> str:
    """A DOI compared as OpenAlex writes it (`https://doi.org/10.1038/...`) and as arXiv or
    Semantic Scholar do (`10.1038/...`): bare, lower case."""
    text = str(doi or "").strip().lower()
    return re.sub(r"^https?://(?:dx\.)?doi\.org/", "", text)


def is_arxiv_doi(doi: object) -> bool:
    return doi_key(doi).startswith("10.48550/arxiv.")


def fetch(client: Client, papers: Sequence[Paper], out: dict[str, Any], key: str | None) -> None:
    """`paper.doi` is the DOI to ask by (the published one); a paper without one is asked by
    its arXiv DOI. Answers go into `out` as they arrive; a DOI OpenAlex does not know is
    `NOT_FOUND`."""
    auth = {"api_key": key} if key else {}
    by_doi = [p for p in papers if p.doi and not is_arxiv_doi(p.doi)]
    for start in range(0, len(by_doi), BATCH):
        batch = by_doi[start : start + BATCH]
        dois = list(dict.fromkeys(doi_key(p.doi) for p in batch))
        answer = client.call(
            "GET",
            "/works",
            params={
                "filter": "doi:" + "|".join(dois),
                "per_page": str(BATCH),
                "select": SELECT,
                **auth,
            },
            not_found_ok=False,
        )
        results = answer.get("results") if isinstance(answer, dict) else None
        if not isinstance(results, list):
            raise RemoteError("answered something other than a list of works", False)
        works = {doi_key(w.get("doi")): w for w in results if isinstance(w, dict)}
        out.update({p.id: works.get(doi_key(p.doi), NOT_FOUND) for p in batch})
    rest = [p for p in papers if not (p.doi and not is_arxiv_doi(p.doi))]
    each(
        client,
        rest,
        out,
        lambda p: client.call(
            "GET", f"/works/doi:10.48550/arXiv.{quote(p.id)}", params=auth or None
        ),
    )
