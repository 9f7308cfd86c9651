"""Taking part: joining (consent), pausing, resuming and leaving the programme."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.errors import Refusal

from .. import personal
from ..models import Ambassador, Notification, ParticipationEvent
from ..signals import person_joined, person_left
from .notifications import notify

# The version of the consent text on /welcome/ that a join records: change it with the text.
# 2026-12: says what comms staff see by name (the guideline acknowledgement record).
CONSENT_VERSION = "2026-12"

ERROR_ALREADY_TAKING_PART = gettext_lazy("You are already taking part in the programme.")
ERROR_NOT_TAKING_PART = gettext_lazy("You are not taking part in the programme at the moment.")
ERROR_NOT_PAUSED = gettext_lazy("Your participation is not paused.")


class ParticipationError(Refusal):
    """A participation change that is not possible from the current state."""


def ambassador_get_or_create(*, user: User) -> Ambassador:
    """The profile of a user; created (not yet joined, nothing recorded) on first need."""
    try:
        return user.ambassador
    except Ambassador.DoesNotExist:
        ambassador, _created = Ambassador.objects.get_or_create(user=user)
        user.ambassador = ambassador
        return ambassador


def _record(ambassador: Ambassador, action: str) -> None:
    ParticipationEvent.objects.create(
        ambassador=ambassador, action=action, consent_version=CONSENT_VERSION
    )


@transaction.atomic
def ambassador_join(*, ambassador: Ambassador) -> Ambassador:
    """Give consent: first join, or rejoin after leaving."""
    ambassador = Ambassador.objects.select_for_update().get(pk=ambassador.pk)
    if ambassador.status in (Ambassador.Status.ACTIVE, Ambassador.Status.PAUSED):
        raise ParticipationError(ERROR_ALREADY_TAKING_PART)
    first_time = ambassador.status == Ambassador.Status.INVITED and ambassador.consented_at is None
    now = timezone.now()
    ambassador.status = Ambassador.Status.ACTIVE
    ambassador.consented_at = now
    ambassador.status_changed_at = now
    ambassador.save(update_fields=["status", "consented_at", "status_changed_at"])
    _record(
        ambassador,
        ParticipationEvent.Action.JOINED if first_time else ParticipationEvent.Action.REJOINED,
    )
    if first_time:
        notify(
            recipient=ambassador.user,
            kind="welcome",
            key=f"welcome:{ambassador.user_id}",
            subject=gettext_lazy("Welcome to Ambassador Academy"),
            body=gettext_lazy(
                "Good to have you. Start at your own pace: your path shows where you are "
                "and what comes next. Questions? The mentors are there for you."
            ),
            link=reverse("ambassadors:dashboard"),
            email=False,
        )
    person_joined.send(sender=Ambassador, ambassador=ambassador, first_time=first_time)
    return ambassador


@transaction.atomic
def ambassador_pause(*, ambassador: Ambassador) -> Ambassador:
    """Stop all suggestions for now; the profile and history stay."""
    ambassador = Ambassador.objects.select_for_update().get(pk=ambassador.pk)
    if ambassador.status != Ambassador.Status.ACTIVE:
        raise ParticipationError(ERROR_NOT_TAKING_PART)
    _set_status(ambassador, Ambassador.Status.PAUSED, ParticipationEvent.Action.PAUSED)
    _cancel_pending_nudges(ambassador)
    return ambassador


@transaction.atomic
def ambassador_resume(*, ambassador: Ambassador) -> Ambassador:
    ambassador = Ambassador.objects.select_for_update().get(pk=ambassador.pk)
    if ambassador.status != Ambassador.Status.PAUSED:
        raise ParticipationError(ERROR_NOT_PAUSED)
    _set_status(ambassador, Ambassador.Status.ACTIVE, ParticipationEvent.Action.RESUMED)
    return ambassador


@transaction.atomic
def ambassador_leave(*, ambassador: Ambassador) -> Ambassador:
    """Leave the programme: no more suggestions or e-mails; rejoining needs new consent."""
    ambassador = Ambassador.objects.select_for_update().get(pk=ambassador.pk)
    if ambassador.status not in (Ambassador.Status.ACTIVE, Ambassador.Status.PAUSED):
        raise ParticipationError(ERROR_NOT_TAKING_PART)
    _set_status(ambassador, Ambassador.Status.LEFT, ParticipationEvent.Action.LEFT)
    _cancel_pending_nudges(ambassador)
    Notification.objects.filter(recipient_id=ambassador.user_id, email_sent_at__isnull=True).update(
        email_after=None
    )
    person_left.send(sender=Ambassador, ambassador=ambassador)
    return ambassador


def _set_status(ambassador: Ambassador, status: str, action: str) -> None:
    ambassador.status = status
    ambassador.status_changed_at = timezone.now()
    ambassador.save(update_fields=["status", "status_changed_at"])
    _record(ambassador, action)


def _cancel_pending_nudges(ambassador: Ambassador) -> None:
    Notification.objects.nudges().filter(
        recipient_id=ambassador.user_id,
        visible_from__gt=timezone.now(),
    ).delete()
    personal.forget([ambassador.user_id])  # their attention budget
