"""How much outside text the pure readers look at, so that their time is bounded.

The venue reader and the link finder are regular expressions over free text, and a few of
their patterns take time that grows faster than the text: harmless on real arXiv text (the
longest of 4,366 real comments is 414 characters; arXiv caps an abstract at 1,920), minutes on
a crafted megabyte. Each reader sees at most a fixed prefix of its text, cut at a word
boundary, so a run's time does not depend on what a hostile record holds
(`benchmarks/hostile_text.py` measures it).
"""

from __future__ import annotations

COMMENT = 2_000  # an arXiv comment, or a journal reference
ABSTRACT = 4_000  # an arXiv abstract, legacy hard wraps included


def bounded(text: str, limit: int) -> str:
    """`text` when it is at most `limit` characters long; else its first `limit` characters,
    without the word the cut would split (a cut "ICCV 20" must not read as ICCV)."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = max(head.rfind(" "), head.rfind("\n"))
    return head[:space] if space > 0 else head
