"""The own-words coach (seed 002, relevance over reach): how close a text still is to the
suggested texts and to what colleagues shared of the same item lately.

Only scores and counts leave this module: colleagues' texts are read to compare, never shown.
The measure is rapidfuzz's token-sort ratio on lower-cased words (0–100): word order and
punctuation do not hide a copy, and a sentence of one's own lowers the score. (The
token-*set* ratio would not: it scores a text that contains the whole suggestion plus a
personal sentence as 100, the very edit the coach asks for.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone
from rapidfuzz import fuzz, utils

from . import snapshots
from .models import ContentItem

# Nearly the same text: this alike or more.
NEARLY_SAME = 90
# Warn before sharing when this many colleagues shared nearly the same text ...
CROWD = 3
# ... within these days.
RECENT_DAYS = 7
# The work is bounded: at most this many of the item's latest shares are compared.
COMPARED = 200


def likeness(text: str, other: str) -> int:
    """How alike two texts are, 0 (nothing in common) to 100 (the same words)."""
    return round(fuzz.token_sort_ratio(text, other, processor=utils.default_process))


def own_words(text: str, item: ContentItem) -> str:
    """The text without the item's required disclosure (everyone adds the same line)."""
    return text.replace(item.disclosure, " ") if item.disclosure else text


def rewritten(text: str, *, item: ContentItem, suggestion: str) -> int:
    """How much of the suggested text a shared text rewrote, 0 (kept it) to 100 (nothing of
    it left): the rest of the likeness, the item's disclosure left out."""
    return 100 - likeness(own_words(text, item), suggestion)


@dataclass(frozen=True)
class Echo:
    """How a text echoes the suggestions and colleagues' recent shares of the item."""

    suggestion: int  # alike the closest suggested text, 0–100
    closest: int | None  # alike the closest colleague's recent share, None when none shared
    colleagues: int  # colleagues who shared the item lately
    similar: int  # of those, how many shared nearly the same text

    @property
    def warn(self) -> bool:
        """Several colleagues shared nearly this text lately: ask before sharing (never block)."""
        return self.similar >= CROWD


def text_echo(
    *, user: User, item: ContentItem, text: str, now: dt.datetime | None = None, request=None
) -> Echo:
    """The echo of `text` for `user`, from the item's latest shares by others (cached until a
    share is made or removed: snapshots.recent_shares; the item's variants: prefetched, or one
    query more)."""
    now = now or timezone.now()
    mine = own_words(text, item)
    since = now - dt.timedelta(days=RECENT_DAYS)
    recent = [
        (colleague, shared)
        for colleague, shared, created_at in snapshots.recent_shares(
            item.pk, days=RECENT_DAYS, compared=COMPARED, request=request
        )
        if colleague != user.pk and created_at >= since
    ][:COMPARED]
    best: dict[int, int] = {}
    for colleague, shared in recent:
        score = likeness(mine, own_words(shared, item))
        best[colleague] = max(score, best.get(colleague, 0))
    suggestion = max((likeness(mine, v.text) for v in item.variants.all()), default=0)
    return Echo(
        suggestion=suggestion,
        closest=max(best.values()) if best else None,
        colleagues=len(best),
        similar=sum(1 for score in best.values() if score >= NEARLY_SAME),
    )
