"""What the feed and the composer read, kept in the shared cache so a page costs no queries of
its own while nothing it shows has changed.

Three kinds of value, each stored under what it was computed from:

- The library (`library`, `composer_item`): the published items of a language with their
  topics, texts, image and whether the comms team pushed them. The same for everyone, it
  changes when comms staff change an item, its texts, topics, image or pushes: every such
  save or delete moves LIBRARY_VERSION (the receivers in `connect`, so the CMS, services,
  imports and tasks are all covered). Publication windows are kept, not applied: which items
  are shareable *now* is decided per request, so an item appears and expires on its second.
- Colleagues' recent shares (`stage_shares`, `recent_shares`): the shares of the last days,
  by stage and by item, with their moments. Any share saved or deleted, or a person's stage
  changed (an Ambassador saved), moves SHARES_VERSION. The window is applied per request.
- One person's own context (`person_context`): their networks, topics, shares, dismissed and
  saved items. Their own writes forget it (the receivers in `connect`, by the person's id);
  it is also stored with the library version, as the topics of the items they dismissed
  weigh their feed.

A value also expires after TIMEOUT: the bound on staleness should a write bypass the model
signals (`QuerySet.update`, `bulk_create`, raw SQL). Versions are read once per request in
one cache round trip; the library and the stage shares are also kept in the process for
their version, so a warm page unpickles only the person's small context.

Only data is stored, never HTML: the pages hold a CSRF token.
"""

from __future__ import annotations

import datetime as dt
import time
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.images.shortcuts import get_rendition_or_not_found

from ambassadors import personal
from ambassadors.models import Ambassador, Network, Topic
from core import structure

from .models import ContentItem, Dismissal, Push, SavedItem, Share

LIBRARY_VERSION = "sharing:library:version"
SHARES_VERSION = "sharing:shares:version"
TIMEOUT = 600
# The feed weighs shares by people in the same stage over these days (selectors.feed_for).
PEERS_DAYS = 30
# The feed card's image (the link card's 1200 × 630, halved and a little more).
CARD_RENDITION = "fill-640x336"
CARD_IMAGE_ATTRS = {"class": "card-image", "alt": ""}


# --- versions --------------------------------------------------------------------------------


def versions(request=None) -> dict[str, int]:
    """The library and shares versions, read once per request in one round trip."""
    found = getattr(request, "_academy_sharing_versions", None)
    if found is not None:
        return found
    found = cache.get_many([LIBRARY_VERSION, SHARES_VERSION])
    for key in (LIBRARY_VERSION, SHARES_VERSION):
        if found.get(key) is None:
            cache.add(key, time.time_ns(), None)
            found[key] = cache.get(key)
    if request is not None:
        request._academy_sharing_versions = found
    return found


def _later(act: Callable[[], None]) -> None:
    """At once, and again when the transaction commits: a page computed in between would
    otherwise keep the state from before the write."""
    act()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(act)


def library_changed(**_signal_kwargs) -> None:
    """Comms staff changed an item, its texts, topics, image or pushes."""
    _later(lambda: cache.set(LIBRARY_VERSION, time.time_ns(), None))


def shares_changed(**_signal_kwargs) -> None:
    """A share was made or removed, or someone's stage may have changed."""
    _later(lambda: cache.set(SHARES_VERSION, time.time_ns(), None))


def everything_changed() -> None:
    """After writes past the signals (bulk imports, generated data): every value anew (each
    person's context is stored with the library version, so that retires them too)."""
    library_changed()
    shares_changed()


def forget(user_ids: Iterable[int | None]) -> None:
    """These people's own shares, saves, dismissals, networks or topics changed: their page
    data (ambassadors/personal.py) is computed anew."""
    personal.forget(user_ids)


def _shared(name: str, version: int, compute: Callable[[], Any]) -> Any:
    """A value for everyone under its version: from this process, the shared cache, or
    computed and stored (core/structure.py `kept`)."""
    return structure.kept(f"sharing:{name}:{version}", compute, TIMEOUT)


# --- the library -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Library:
    """The published items of one language, newest first, with what a card shows."""

    items: dict[int, ContentItem]
    # (pk, created_at, publish_from, expires_at, min_stage), newest first
    order: list[tuple]
    topics_of: dict[int, frozenset[int]]
    topics: dict[int, tuple[Topic, ...]]  # each item's topics, in their order
    pushed: frozenset[int]
    # The card image's <img> of each item with an image
    images: dict[int, str] = field(default_factory=dict)

    def shareable(self, pk: int, now: dt.datetime) -> bool:
        item = self.items[pk]
        return (item.publish_from is None or item.publish_from <= now) and (
            item.expires_at is None or item.expires_at > now
        )


def _card_items(items):
    """Items with what a card shows: the image's card rendition, topics and texts."""
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    return items.prefetch_related(Prefetch("image", queryset=images), "topics", "variants")


def _compute_library(language: str) -> Library:
    items = list(
        _card_items(ContentItem.objects.published().filter(language=language)).order_by(
            "-created_at", "-pk"
        )
    )
    images = {
        item.pk: get_rendition_or_not_found(item.image, CARD_RENDITION).img_tag(CARD_IMAGE_ATTRS)
        for item in items
        if item.image is not None
    }
    pks = [item.pk for item in items]
    return Library(
        items={item.pk: item for item in items},
        order=[
            (item.pk, item.created_at, item.publish_from, item.expires_at, item.min_stage)
            for item in items
        ],
        topics_of={item.pk: frozenset(t.pk for t in item.topics.all()) for item in items},
        topics={item.pk: tuple(item.topics.all()) for item in items},
        pushed=frozenset(Push.objects.filter(item_id__in=pks).values_list("item_id", flat=True)),
        images=images,
    )


def library(language: str, request=None) -> Library:
    """The published items in `language`, for the current library version."""
    version = versions(request)[LIBRARY_VERSION]
    return _shared(f"library:{language}", version, lambda: _compute_library(language))


def composer_item(item_id: int, now: dt.datetime, request=None) -> ContentItem | None:
    """A shareable item with what the composer shows of it (image, topics, texts), or None.

    From the cache as stored (a fresh copy per request: a view may change it)."""
    version = versions(request)[LIBRARY_VERSION]
    key = f"sharing:{settings.ACADEMY_RELEASE}:item:{version}:{item_id}"
    item = cache.get(key)
    if item is None:
        items = ContentItem.objects.published().select_related("image")
        item = items.prefetch_related("topics", "variants").filter(pk=item_id).first()
        if item is None:
            return None  # not kept: any number can be asked for
        cache.set(key, item, TIMEOUT)
    if (item.publish_from is not None and item.publish_from > now) or (
        item.expires_at is not None and item.expires_at <= now
    ):
        return None
    return item


# --- colleagues' recent shares ---------------------------------------------------------------


def _compute_stage_shares(stage: int) -> dict[int, list[dt.datetime]]:
    since = _clock() - dt.timedelta(days=PEERS_DAYS)
    moments: dict[int, list[dt.datetime]] = {}
    for item_id, created_at in (
        Share.objects.filter(created_at__gte=since, user__ambassador__stage=stage)
        .values_list("item_id", "created_at")
        .order_by("created_at")
    ):
        moments.setdefault(item_id, []).append(created_at)
    return moments


def peer_counts(stage: int, item_ids: Iterable[int], now: dt.datetime, request=None) -> dict:
    """How many shares people in `stage` made of each item in the last PEERS_DAYS."""
    version = versions(request)[SHARES_VERSION]
    moments = _shared(f"stage:{stage}", version, lambda: _compute_stage_shares(stage))
    since = now - dt.timedelta(days=PEERS_DAYS)
    counts = {}
    for pk in item_ids:
        found = moments.get(pk)
        if found:
            n = len(found) - bisect_left(found, since)
            if n:
                counts[pk] = n
    return counts


def recent_shares(item_id: int, *, days: int, compared: int, request=None) -> list[tuple]:
    """The item's shares of the last `days` as (user_id, text, created_at), newest first:
    enough to hold the `compared` latest by anyone but one person, whoever asks (a person
    shares an item at most once per network)."""
    version = versions(request)[SHARES_VERSION]
    key = f"sharing:{settings.ACADEMY_RELEASE}:recent:{version}:{item_id}:{days}:{compared}"
    found = cache.get(key)
    if found is None:
        since = _clock() - dt.timedelta(days=days)
        found = list(
            Share.objects.filter(item_id=item_id, created_at__gte=since)
            .order_by("-created_at")
            .values_list("user_id", "text", "created_at")[: compared + len(Network.values)]
        )
        cache.set(key, found, TIMEOUT)
    return found


# --- one person ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonContext:
    library: int  # the library version it was computed with
    networks: tuple[str, ...]  # their own networks, largest audience first
    topics: frozenset[int]
    shared: frozenset[int]
    dismissed: frozenset[int]
    dismissed_topics: Counter
    saved: tuple[int, ...]  # item ids, last saved first


def _compute_person(ambassador: Ambassador, library_version: int) -> PersonContext:
    user_id = ambassador.user_id
    return PersonContext(
        library=library_version,
        networks=tuple(
            ambassador.networks.order_by("-audience_size").values_list("network", flat=True)
        ),
        topics=frozenset(ambassador.topics.values_list("pk", flat=True)),
        shared=frozenset(
            Share.objects.filter(user_id=user_id).values_list("item_id", flat=True).distinct()
        ),
        dismissed=frozenset(
            Dismissal.objects.filter(user_id=user_id).values_list("item_id", flat=True)
        ),
        dismissed_topics=Counter(
            Dismissal.objects.filter(user_id=user_id).values_list("item__topics", flat=True)
        ),
        saved=tuple(
            SavedItem.objects.filter(user_id=user_id)
            .order_by("-created_at", "-pk")
            .values_list("item_id", flat=True)
        ),
    )


def person_context(ambassador: Ambassador, request=None) -> PersonContext:
    """The person's own context, once per request, from their page data
    (ambassadors/personal.py) while it is current."""
    kept = getattr(request, "_academy_sharing_person", None)
    if kept is not None and kept[0] == ambassador.user_id:
        return kept[1]
    library_version = versions(request)[LIBRARY_VERSION]
    found = personal.cached(
        ambassador.user_id,
        f"sharing:person:{library_version}",
        lambda: (_compute_person(ambassador, library_version), None),
        request,
    )
    if request is not None:
        request._academy_sharing_person = (ambassador.user_id, found)
    return found


def _clock() -> dt.datetime:
    from django.utils import timezone

    return timezone.now()


# --- the writes that move them ---------------------------------------------------------------


def _by_user(sender, instance, **kwargs) -> None:
    forget([instance.user_id])


def _share_saved(sender, instance, **kwargs) -> None:
    forget([instance.user_id])
    shares_changed()


def _ambassador_saved(sender, instance, **kwargs) -> None:
    forget([instance.user_id])
    shares_changed()  # the stage: whose shares count as the same stage's


def _profile_changed(sender, instance, **kwargs) -> None:
    forget(Ambassador.objects.filter(pk=instance.ambassador_id).values_list("user_id", flat=True))


def _topics_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if not reverse:
        forget([instance.user_id])  # ambassador.topics.add/remove/set/clear
    elif pk_set:
        forget(Ambassador.objects.filter(pk__in=pk_set).values_list("user_id", flat=True))


def _item_topics_changed(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        library_changed()


def connect() -> None:
    """Listen for the writes these values depend on (AppConfig.ready)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from ambassadors.models import SocialProfile

    from .models import TextVariant

    image_model = get_image_model()
    for signal in (post_save, post_delete):
        name = "save" if signal is post_save else "delete"
        for model in (ContentItem, TextVariant, Push, Topic, image_model):
            signal.connect(
                library_changed, sender=model, dispatch_uid=f"sharing-lib-{name}-{model.__name__}"
            )
        signal.connect(_share_saved, sender=Share, dispatch_uid=f"sharing-share-{name}")
        for model in (Dismissal, SavedItem):
            signal.connect(_by_user, sender=model, dispatch_uid=f"sharing-{name}-{model.__name__}")
        signal.connect(_ambassador_saved, sender=Ambassador, dispatch_uid=f"sharing-amb-{name}")
        signal.connect(_profile_changed, sender=SocialProfile, dispatch_uid=f"sharing-net-{name}")
    m2m_changed.connect(
        _item_topics_changed, sender=ContentItem.topics.through, dispatch_uid="sharing-item-topics"
    )
    m2m_changed.connect(
        _topics_changed, sender=Ambassador.topics.through, dispatch_uid="sharing-person-topics"
    )
