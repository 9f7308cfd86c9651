"""Retiring a suggested text: it stays with its figures (its shares keep pointing at it),
but no person, channel or API is offered it again until it is restored."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from core import audit

from ..models import TextVariant
from .errors import (
    ERROR_ALREADY_RETIRED,
    ERROR_MAY_NOT_RETIRE,
    ERROR_NOT_RETIRED,
    SharingError,
)

RETIRE_PERMISSION = "sharing.change_contentitem"


def _locked(variant: TextVariant, user: User) -> TextVariant:
    if not user.has_perm(RETIRE_PERMISSION):
        raise SharingError(ERROR_MAY_NOT_RETIRE)
    return TextVariant.objects.select_for_update().select_related("item").get(pk=variant.pk)


def variant_retire(*, variant: TextVariant, user: User) -> TextVariant:
    """Stop offering a text; who did it and when are kept, and the item's history says so."""
    with transaction.atomic():
        current = _locked(variant, user)
        if current.retired_at is not None:
            raise SharingError(ERROR_ALREADY_RETIRED)
        current.retired_at, current.retired_by = timezone.now(), user
        # save(), not update(): the library's cache listens for the variant's save.
        current.save(update_fields=["retired_at", "retired_by"])
        audit.record(
            current.item,
            "academy.variant_retire",
            user=user,
            variant=current.pk,
            network=current.network,
        )
    return current


def variant_restore(*, variant: TextVariant, user: User) -> TextVariant:
    """Offer a retired text again, in its old place in the rotation."""
    with transaction.atomic():
        current = _locked(variant, user)
        if current.retired_at is None:
            raise SharingError(ERROR_NOT_RETIRED)
        current.retired_at, current.retired_by = None, None
        current.save(update_fields=["retired_at", "retired_by"])
        audit.record(
            current.item,
            "academy.variant_restore",
            user=user,
            variant=current.pk,
            network=current.network,
        )
    return current
