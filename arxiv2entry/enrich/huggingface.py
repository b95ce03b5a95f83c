"""Code and project links from the Hugging Face papers API (`links_from_huggingface`).

A room of its own because links are read with the rules of `links.py` (the paper's own text),
not with anything the venue readers use.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from arxiv2entry.links import _normalise as _normalise_url
from arxiv2entry.links import _trim as _trim_url
from arxiv2entry.models import Guess, Links


def _hf_link(value: object, kinds: tuple[str, ...]) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    normal = _normalise_url(_trim_url(value.strip()))
    if normal is None or normal[1] not in kinds:
        return None
    return normal[0]


def links_from_huggingface(paper_json: Mapping[str, Any] | None) -> Links:
    """Code and project page from a Hugging Face `/api/papers/{id}` object: `githubRepo` and
    `projectPage`, which are absent when nobody set them. They are cleaned and classified like
    links found in the paper's text (`links.py`): `githubRepo` must be a repository (an
    organisation page is not code) and `projectPage` a web page; a `projectPage` that is a
    repository is the code when `githubRepo` is not set, never a project page."""
    if not isinstance(paper_json, Mapping):
        return Links()
    code = project = Guess(None)
    if url := _hf_link(paper_json.get("githubRepo"), ("repo", "hf")):
        code = Guess(url, "huggingface", f'huggingface: githubRepo "{paper_json["githubRepo"]}"')
    if url := _hf_link(paper_json.get("projectPage"), ("github.io", "web")):
        project = Guess(
            url, "huggingface", f'huggingface: projectPage "{paper_json["projectPage"]}"'
        )
    elif code.value is None and (url := _hf_link(paper_json.get("projectPage"), ("repo",))):
        code = Guess(
            url,
            "huggingface",
            f'huggingface: projectPage "{paper_json["projectPage"]}" is a repository, so the code',
        )
    return Links(code=code, project=project)
