"""The seam for texts written elsewhere (the mentor desk's ghostwritten or edited drafts).

An app that holds drafts registers a function `(user, ref) -> str | None` that returns the
draft's text when `ref` names a draft that `user` may use, else None. A production mission's
submission form can then start from that text; the submission keeps the reference.

It may also register a function `(refs) -> {ref: origin}` that tells a reviewer where each
draft came from; an origin has `kind` (of request), `author` (the mentor) and `text`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from django.contrib.auth.models import User

DraftSource = Callable[[User, str], "str | None"]
DraftDescriber = Callable[[Collection[str]], Mapping[str, Any]]
_sources: list[DraftSource] = []
_describers: list[DraftDescriber] = []


def register_draft_source(source: DraftSource, describe: DraftDescriber | None = None):
    if source not in _sources:
        _sources.append(source)
    if describe is not None and describe not in _describers:
        _describers.append(describe)
    return source


def draft_text(user: User, ref: str) -> str | None:
    """The text of the draft `ref` for `user`, from whichever app holds it; None if none."""
    if not ref:
        return None
    for source in _sources:
        text = source(user, ref)
        if text is not None:
            return text
    return None


def draft_origins(refs: Collection[str]) -> dict[str, Any]:
    """Where the drafts named by `refs` came from, for the reviewer; unknown refs are left out."""
    refs = {ref for ref in refs if ref}
    found: dict[str, Any] = {}
    for describe in _describers:
        if refs - set(found):
            found.update(describe(refs - set(found)))
    return found
