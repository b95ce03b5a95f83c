"""`merge`: what arXiv says, with what the services said, in the order of trust of DESIGN.md.

A room of its own because it is the one place that weighs sources against each other (the user,
then arXiv's own record, then DBLP, Semantic Scholar, OpenAlex and Hugging Face) and says in the
reason which ones disagreed; the readers only read.
"""

from __future__ import annotations

import re
from dataclasses import replace

from arxiv2entry.enrich.institutions import InstitutionTable, institution_from_affiliations
from arxiv2entry.enrich.venue_names import _YEAR
from arxiv2entry.models import Entry, Guess, Links, Paper, VenueGuess
from arxiv2entry.venue.acceptance import EXTENSION

_ARXIV_VENUE_SOURCES = frozenset({"journal_ref", "comment", "abstract"})


def _venue_year(venue: str) -> int | None:
    m = re.search(_YEAR, venue)
    return int(m.group()) if m else None


def _merge_venue(
    base: Entry, said: list[VenueGuess], paper: Paper, refused: list[VenueGuess]
) -> tuple[Guess, tuple[str, ...]]:
    shown = base.venue
    if shown.source == "user":
        return shown, base.honors
    if shown.source in _ARXIV_VENUE_SOURCES and shown.value:
        others = [g for g in said if g.venue != shown.value]
        if not others:
            return shown, base.honors
        told = "; ".join(f"{g.source} says {g.venue}" for g in others)
        reason = f"{shown.reason}; {told} (the arXiv record is trusted first)"
        return replace(shown, reason=reason), base.honors
    if not said:
        if shown.source == "fallback" and refused:
            # What the services named but could not be shown truthfully, for --explain.
            told = "; ".join(g.reason for g in refused)
            return replace(shown, reason=f"{shown.reason}; {told}"), base.honors
        return shown, base.honors
    # A paper that calls itself the extension of an earlier one may share that one's title:
    # a service venue dated no later than the preprint is then likely the earlier paper's.
    if paper.comment and EXTENSION.search(paper.comment):
        kept = [g for g in said if (_venue_year(g.venue or "") or 0) > paper.published.year]
        if not kept:
            dropped = "; ".join(f"{g.source} says {g.venue}" for g in said)
            note = f"{dropped}, but the comment calls this paper an extension of an earlier one"
            return replace(shown, reason=f"{shown.reason}; {note}"), base.honors
        said = kept
    chosen = said[0]
    others = [g for g in said[1:] if g.venue != chosen.venue]
    agree = [g.source for g in said[1:] if g.venue == chosen.venue]
    reason = chosen.reason
    if agree:
        reason += f" ({' and '.join(str(s) for s in agree)} agree{'s' if len(agree) == 1 else ''})"
    if others:
        told = "; ".join(f"{g.source} says {g.venue}" for g in [chosen, *others])
        reason += f"; sources disagree: {told} ({chosen.source} is trusted first)"
    return Guess(chosen.venue, chosen.source, reason), ()


def _same_url(a: str, b: str) -> bool:
    def key(u: str) -> str:
        return re.sub(r"^https?://(?:www\.)?", "", u.casefold()).rstrip("/").removesuffix(".git")

    return key(a) == key(b)


def _merge_link(own: Guess, service: Guess | None) -> Guess:
    """A link from the paper's own text beats the service's; the user's choice beats both,
    including a choice of none (`--code ""`)."""
    if own.source == "user":
        return own
    if own.value:
        if service is not None and service.value and not _same_url(own.value, service.value):
            note = f"{service.source} gives {service.value} (the paper's own text is trusted first)"
            return replace(own, reason=f"{own.reason}; {note}")
        return own
    if service is not None and service.value:
        return service
    return own


def merge(
    base: Entry,
    *,
    semanticscholar: VenueGuess | None = None,
    dblp: VenueGuess | None = None,
    openalex: VenueGuess | None = None,
    huggingface: Links | None = None,
    institution: Guess | None = None,
    institutions: InstitutionTable | None = None,
) -> Entry:
    """`base` (the arXiv-only entry of `pipeline.guess_entry`, user overrides applied) with what
    the services said, in the order of trust of DESIGN.md:

    * venue: the user's value; else the arXiv journal_ref/comment venue; else DBLP, then
      Semantic Scholar, then OpenAlex; else the `arXiv YYYY` fallback stays. Sources that name
      another venue are listed in the reason ("sources disagree: dblp says CVPR 2022;
      semanticscholar says ICCV 2021 (dblp is trusted first)"), so `--explain` shows them; a
      service that named a venue it could not show (`VenueGuess(None, ..., reason)`: no short
      name, no trustworthy year) has its reason added to the `arXiv YYYY` fallback's.
    * code / project: the user's value; else a link from the paper's comment or abstract; else
      Hugging Face's.
    * institution: the user's value; else arXiv affiliations; else `institution` (the OpenAlex
      guess of `institution_from_openalex`); shortened with `institutions`.
    Never raises; a service that said nothing is passed as None.
    """
    given = [g for g in (dblp, semanticscholar, openalex) if g is not None]
    said = [g for g in given if g.venue]
    refused = [g for g in given if not g.venue and g.reason]
    venue, honors = _merge_venue(base, said, base.paper, refused)
    hf = huggingface or Links()
    inst = base.institution
    if inst.source != "user":
        from_arxiv = institution_from_affiliations(base.paper, institutions)
        if from_arxiv.value:
            inst = from_arxiv
        elif institution is not None and institution.value:
            inst = institution
    return replace(
        base,
        venue=venue,
        honors=honors,
        institution=inst,
        code=_merge_link(base.code, hf.code),
        project=_merge_link(base.project, hf.project),
    )
