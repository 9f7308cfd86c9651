"""Shares: who may share which item, the text checks, and the share with its tracked link."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from ambassadors.gates import first_unmet_gate
from ambassadors.models import Ambassador, Network
from core.sanitise import strip_controls

from ..coach import rewritten
from ..models import ERROR_TOO_LONG, NETWORK_LIMITS, ContentItem, Share, text_length
from ..selectors import best_text, offered_variants
from ..signals import item_shared
from .errors import (
    ERROR_EMPTY_TEXT,
    ERROR_NOT_SHAREABLE,
    ERROR_NOT_TAKING_PART,
    ERROR_STAGE,
    ERROR_UNKNOWN_NETWORK,
    SharingError,
)


def taking_part(user: User) -> Ambassador:
    """The person's active place in the programme, or the refusal saying they must join."""
    try:
        ambassador = user.ambassador
    except Ambassador.DoesNotExist as exc:
        raise SharingError(ERROR_NOT_TAKING_PART) from exc
    if ambassador.status != Ambassador.Status.ACTIVE:
        raise SharingError(ERROR_NOT_TAKING_PART)
    return ambassador


def share_check_allowed(*, user: User, item: ContentItem) -> Ambassador:
    """Who may share which item: a person taking part, an item in the library now, of their
    stage or an earlier one, with the guidelines acknowledged."""
    ambassador = taking_part(user)
    if not ContentItem.objects.shareable().filter(pk=item.pk).exists():
        raise SharingError(ERROR_NOT_SHAREABLE)
    if item.min_stage > ambassador.stage:
        raise SharingError(ERROR_STAGE)
    gate = first_unmet_gate(user)
    if gate is not None:
        raise SharingError(gate.message)
    return ambassador


def share_text_check(*, network: str, text: str) -> str:
    """The text as it will be shared, or the refusal: a known network, not empty, within the
    network's limit with the tracked link."""
    text = strip_controls(text).strip()
    if network not in Network.values:
        raise SharingError(ERROR_UNKNOWN_NETWORK)
    if not text:
        raise SharingError(ERROR_EMPTY_TEXT)
    limit = NETWORK_LIMITS[network]
    if text_length(network, text) > limit:
        raise SharingError(
            ERROR_TOO_LONG
            % {
                "network": Network(network).label,
                "length": text_length(network, text),
                "limit": limit,
            }
        )
    return text


def share_create(*, user: User, item: ContentItem, network: str, text: str) -> Share:
    """Record a share with its text and a personal tracked link; once per item and network."""
    share_check_allowed(user=user, item=item)
    text = share_text_check(network=network, text=text)
    if item.disclosure and item.disclosure not in text:
        text = share_text_check(network=network, text=f"{text}\n\n{item.disclosure}")
    offered = offered_variants(user=user, items=[item], network=network).get(item.pk)
    own_words = text.replace(item.disclosure, "") if item.disclosure else text
    started_from = best_text(user=user, item=item, network=network)
    edited = started_from.split() != own_words.split()
    # Measured once here, so the variants' figures never compare texts on a page view.
    measure = rewritten(text, item=item, suggestion=offered.text) if offered is not None else None
    try:
        with transaction.atomic():
            share, created = Share.objects.get_or_create(
                user=user,
                item=item,
                network=network,
                defaults={
                    "text": text,
                    "variant": offered,
                    "edited": edited,
                    "rewritten": measure,
                },
            )
    except IntegrityError:
        share, created = Share.objects.get(user=user, item=item, network=network), False
    if not created and share.text != text:
        # Measured against the text the share recorded as offered (none: no measure).
        measure = (
            rewritten(text, item=item, suggestion=share.variant.text)
            if share.variant is not None
            else None
        )
        share.text, share.edited, share.rewritten = text, edited, measure
        share.save(update_fields=["text", "edited", "rewritten"])
    if created:
        item_shared.send(sender=Share, share=share)
    return share
