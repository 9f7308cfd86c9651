"""Points: an append-only ledger, and a badge at each milestone."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ambassadors.services import lazy_text, notify

from ..models import MILESTONES, PointsEntry
from ..selectors import points_total


def points_award(*, user: User, points: int, reason: str, key: str) -> PointsEntry | None:
    """Append to the ledger once per key; a retried review awards nothing twice."""
    try:
        with transaction.atomic():
            entry = PointsEntry.objects.create(user=user, points=points, reason=reason, key=key)
    except IntegrityError:
        return None
    total = points_total(user=user)
    for milestone in MILESTONES:
        if total - points < milestone <= total:
            _milestone_tell(user, milestone)
    return entry


def _milestone_tell(user: User, milestone: int) -> None:
    notify(
        recipient=user,
        kind="points_milestone",
        key=f"milestone:{user.pk}:{milestone}",
        subject=lazy_text(_("New badge: %(points)s points"), points=milestone),
        body=_("Thank you for everything you did for the programme."),
        link=reverse("missions:list"),
        email=False,
    )
