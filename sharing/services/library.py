"""The library's own entries: adding a person's link, and hiding an item for a person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.functional import Promise

from ambassadors.models import Language, Network, Stage, Topic
from core.outbound import public_url
from core.queue import enqueue_on_commit
from core.sanitise import clean_text

from ..models import ContentItem, Dismissal, SavedItem, TextVariant
from .errors import (
    ERROR_ALREADY_IN_LIBRARY,
    ERROR_NO_TEXTS,
    ERROR_NOT_IN_LIBRARY,
    ERROR_UNKNOWN_TOPIC,
    SharingError,
)


def item_text(message: Promise, *, language: str, **params) -> str:
    """Text the platform writes into an item (a title), in the item's own language: it is
    content, stored and shown to everyone, not interface text rendered per reader."""
    with translation.override(language):
        return str(message) % params if params else str(message)


def item_add_for(
    *,
    user: User,
    url: str,
    title: str,
    comment: str,
    kind: str,
    status: str,
    stage: Stage,
) -> ContentItem:
    """A link a person brings in, with their comment as its summary and suggested text, in
    their language and on their topics; its preview is fetched in the background."""
    try:
        public_url(url)
    except ValidationError as exc:
        raise SharingError(exc.messages[0]) from exc
    if ContentItem.objects.filter(url=url).exists():
        raise SharingError(ERROR_ALREADY_IN_LIBRARY)
    item = ContentItem(
        url=url,
        title=title.strip()[:200] or url[:200],
        summary=comment.strip()[:1000],
        kind=kind,
        status=status,
        min_stage=stage,
        language=user.ambassador.language,
        proposed_by=user,
        proposal_comment=comment.strip()[:1000],
        preview_status=ContentItem.Preview.PENDING,
    )
    item.variants = [
        TextVariant(network=Network.LINKEDIN, text=comment.strip()[:2900] or item.title)
    ]
    item.topics = list(user.ambassador.topics.all())
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as exc:
        raise SharingError(ERROR_ALREADY_IN_LIBRARY) from exc
    enqueue_on_commit("sharing.tasks.fetch_preview", item.pk)
    return item


def _refusal(exc: ValidationError, prefix: str = "") -> SharingError:
    """A model's validation error as the library's refusal, naming the first field at fault
    (`variants[1].text` for a text)."""
    name, messages = next(iter(exc.message_dict.items()))
    field = f"{prefix}{name}" if name != "__all__" else prefix.rstrip(".") or None
    return SharingError(messages[0], field=field)


def item_create(
    *,
    url: str,
    title: str,
    variants: Iterable[tuple[str, str]],
    summary: str = "",
    kind: str = ContentItem.Kind.CORPORATE,
    language: str = Language.DUTCH,
    min_stage: int = Stage.ENGAGEMENT,
    topics: Iterable[str] = (),
    status: str = ContentItem.Status.PUBLISHED,
    publish_from: dt.datetime | None = None,
    expires_at: dt.datetime | None = None,
    disclosure: str = "",
) -> ContentItem:
    """An item another system brings into the library, with its suggested texts as
    (network, text) pairs and its topics by code. Every field is checked as the CMS checks
    it (a text too long for its network is refused, never cut); nothing is written unless
    all of it is right. Its preview is fetched in the background."""
    try:
        public_url(url)
    except ValidationError as exc:
        raise SharingError(exc.messages[0], field="url") from exc
    if ContentItem.objects.filter(url=url).exists():
        raise SharingError(ERROR_ALREADY_IN_LIBRARY, field="url")
    variants = list(variants)
    if not variants:
        raise SharingError(ERROR_NO_TEXTS, field="variants")
    slugs = set(topics)
    chosen = list(Topic.objects.filter(slug__in=slugs))
    unknown = slugs - {topic.slug for topic in chosen}
    if unknown:
        raise SharingError(ERROR_UNKNOWN_TOPIC % {"topic": sorted(unknown)[0]}, field="topics")
    item = ContentItem(
        url=url,
        title=clean_text(title).strip(),
        summary=clean_text(summary).strip(),
        kind=kind,
        language=language,
        min_stage=min_stage,
        status=status,
        publish_from=publish_from,
        expires_at=expires_at,
        disclosure=clean_text(disclosure).strip(),
        preview_status=ContentItem.Preview.PENDING,
    )
    try:
        # The address is unique in the database; the save below turns a race into a refusal.
        item.full_clean(validate_unique=False)
    except ValidationError as exc:
        raise _refusal(exc) from exc
    texts = []
    for index, (network, text) in enumerate(variants):
        variant = TextVariant(item=item, network=network, text=clean_text(text).strip())
        try:
            variant.full_clean(exclude=["item"])
        except ValidationError as exc:
            raise _refusal(exc, prefix=f"variants[{index}].") from exc
        texts.append(variant)
    item.variants = texts
    item.topics = chosen
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as exc:
        raise SharingError(ERROR_ALREADY_IN_LIBRARY, field="url") from exc
    enqueue_on_commit("sharing.tasks.fetch_preview", item.pk)
    return item


def item_dismiss(*, user: User, item: ContentItem, reason: str = "") -> Dismissal:
    """'Not relevant for my network': hide an item of the library for this person, once."""
    if not ContentItem.objects.published().filter(pk=item.pk).exists():
        raise SharingError(ERROR_NOT_IN_LIBRARY)
    limit = Dismissal._meta.get_field("reason").max_length
    dismissal, _created = Dismissal.objects.get_or_create(
        user=user, item=item, defaults={"reason": clean_text(reason, max_length=limit).strip()}
    )
    return dismissal


def item_save(*, user: User, item: ContentItem, saved: bool) -> bool:
    """Keep an item for later (`saved`) or let it go, for this person only; saying the same
    twice changes nothing. Only items in the library now can be saved."""
    if not saved:
        SavedItem.objects.filter(user=user, item=item).delete()
        return False
    if not ContentItem.objects.shareable().filter(pk=item.pk).exists():
        raise SharingError(ERROR_NOT_IN_LIBRARY)
    try:
        with transaction.atomic():
            SavedItem.objects.get_or_create(user=user, item=item)
    except IntegrityError:
        pass  # saved at the same moment in another tab
    return True
