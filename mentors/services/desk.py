"""What mentors keep for themselves on the desk: canned responses and their availability."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction

from core.sanitise import clean_text

from .. import access
from ..models import CannedResponse, Kind, MentorProfile
from .errors import ERROR_CANNED, ERROR_NOT_A_MENTOR, DeskError


def _require_mentor(user: User) -> None:
    if not access.desk_role(user).mentor:
        raise DeskError(ERROR_NOT_A_MENTOR)


def canned_create(*, user: User, title: str, body: str, kind: str = "") -> CannedResponse:
    """A mentor adds a canned response, for one kind of request or (empty kind) for all."""
    _require_mentor(user)
    title = clean_text(title, max_length=120).strip()
    body = clean_text(body, max_length=5000).strip()
    if not title or not body or (kind and kind not in Kind.values):
        raise DeskError(ERROR_CANNED)
    canned = CannedResponse(title=title, body=body, kind=kind)
    canned.full_clean()
    canned.save()
    return canned


def canned_delete(*, user: User, canned: CannedResponse) -> None:
    """A mentor removes a canned response (the mentors keep them together)."""
    _require_mentor(user)
    canned.delete()


@transaction.atomic
def availability_set(
    *,
    user: User,
    capacity: int,
    away_from: dt.datetime | None,
    away_until: dt.datetime | None,
) -> MentorProfile:
    """A mentor sets how many requests they hold at once and when they are away."""
    _require_mentor(user)
    profile, _created = MentorProfile.objects.select_for_update().get_or_create(user=user)
    profile.capacity = capacity
    profile.away_from = away_from
    profile.away_until = away_until
    profile.full_clean(exclude=["user"])
    profile.save()
    access.forget(user)
    return profile
