"""What a share suggestion carries on every chat channel: its item and one suggested text.

One choice for Slack and Teams alike, and the same as the platform's own feed: the text
`sharing.selectors.offered_variants` offers this person on a network they use (colleagues
get the item's texts in turn, so a push never puts one text in everyone's chat), else the
item's first text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.urls import Resolver404, resolve
from django.utils.functional import Promise

from ambassadors.models import Network, SocialProfile

SUGGESTION = "share_suggestion"


@dataclass(frozen=True)
class Suggestion:
    item_id: int
    title: str
    summary: str
    text: str
    network: str  # "" when the item has no text at all
    network_label: str | Promise  # lazy: shown in the language active when rendered


def suggested_item_id(link: str) -> int | None:
    """The item a share suggestion's link (`sharing:share`) points at, or None."""
    try:
        match = resolve(str(link).split("?")[0])
    except Resolver404:
        return None
    if match.view_name != "sharing:share":
        return None
    return int(match.kwargs["item_id"])


def suggestion_of(item, *, user: User, networks: Iterable[str]) -> Suggestion:
    """The item with the text offered to `user` on the first of their `networks` that has
    one, else the item's first text not retired. No queries when the item's variants are
    prefetched."""
    from sharing.selectors import current_variants, offered_variants

    chosen = None
    for network in networks:
        offered = offered_variants(user=user, items=[item], network=network).get(item.pk)
        if offered is not None and offered.text.strip():
            chosen = offered
            break
    if chosen is None:
        chosen = next((v for v in current_variants(item) if v.text.strip()), None)
    return Suggestion(
        item_id=item.pk,
        title=item.title,
        summary=item.summary,
        text=chosen.text if chosen else "",
        network=chosen.network if chosen else "",
        network_label=Network(chosen.network).label if chosen else "",
    )


def suggestions_for(notifications: list) -> dict[int, Suggestion]:
    """Per notification id, the suggestion a share suggestion carries (others have none):
    three queries for any number (the items, their texts, the people's networks)."""
    from sharing.models import ContentItem

    item_ids = {
        n.pk: item_id
        for n in notifications
        if n.kind == SUGGESTION and (item_id := suggested_item_id(n.link)) is not None
    }
    if not item_ids:
        return {}
    items = ContentItem.objects.prefetch_related("variants").in_bulk(set(item_ids.values()))
    networks: dict[int, list[str]] = defaultdict(list)
    for user_id, network in (
        SocialProfile.objects.filter(
            ambassador__user_id__in={n.recipient_id for n in notifications}
        )
        .order_by("pk")
        .values_list("ambassador__user_id", "network")
    ):
        networks[user_id].append(network)
    return {
        n.pk: suggestion_of(
            items[item_ids[n.pk]], user=n.recipient, networks=networks[n.recipient_id]
        )
        for n in notifications
        if n.pk in item_ids and item_ids[n.pk] in items
    }
