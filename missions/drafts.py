"""The seam for texts written elsewhere (the mentor desk's ghostwritten or edited drafts).

An app that holds drafts registers a function `(user, ref) -> str | None` that returns the
draft's text when `ref` names a draft that `user` may use, else None. A production mission's
submission form can then start from that text; the submission keeps the reference.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User

DraftSource = Callable[[User, str], "str | None"]
_sources: list[DraftSource] = []


def register_draft_source(source: DraftSource) -> DraftSource:
    if source not in _sources:
        _sources.append(source)
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
