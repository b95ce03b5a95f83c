"""Read what bibliographic services say about a paper, and merge it with what arXiv says.

The HTTP clients (`sources/`) hand this package the JSON each service answered; everything here
is pure, so every rule is tested on recorded answers without a server.

A curated list is trusted by its readers, so a wrong `CVPR 2022` costs more than `arXiv 2021`.
Each venue reader therefore answers None unless the answer is about *this* paper and names a
venue of the venue table with a year that is the venue's, not the preprint's. One job a module:

* `semanticscholar`, `dblp`, `openalex`: a service's answer read into a venue
  (`venue_from_semanticscholar`, `venue_from_dblp`, `venue_from_openalex`);
* `venue_names`: the services' spellings of venue names, and DBLP's stream keys, read into
  venues of the venue table (`venue/table.py`);
* `matching`: whether a record is about this paper (title, authors), and whether its year is
  the venue's;
* `institutions`: institutions from arXiv affiliations or OpenAlex authorships, shortened with
  `data/institutions.toml`;
* `huggingface`: code and project links from the Hugging Face papers API;
* `merging`: `merge` puts it all together in the order of trust of DESIGN.md.
"""

from arxiv2entry.enrich.dblp import venue_from_dblp
from arxiv2entry.enrich.huggingface import links_from_huggingface
from arxiv2entry.enrich.institutions import (
    InstitutionTable,
    institution_from_affiliations,
    institution_from_openalex,
    load_institution_table,
    shorten_institution,
)
from arxiv2entry.enrich.merging import merge
from arxiv2entry.enrich.openalex import venue_from_openalex
from arxiv2entry.enrich.semanticscholar import venue_from_semanticscholar

__all__ = [
    "InstitutionTable",
    "institution_from_affiliations",
    "institution_from_openalex",
    "links_from_huggingface",
    "load_institution_table",
    "merge",
    "shorten_institution",
    "venue_from_dblp",
    "venue_from_openalex",
    "venue_from_semanticscholar",
]
