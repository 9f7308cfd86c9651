"""Gentle reminders: one before a mission ends, one "we miss you" a month; within the budget."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambassadors.services import Nudge, lazy_text, nudge_plan_many
from core.queue import in_batches

from ..models import Assignment
from ..selectors import inactive_ambassadors

REMINDER_BEFORE = dt.timedelta(days=2)


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """One reminder per accepted mission, shortly before it ends, within the budget."""
    now = now or timezone.now()
    due_soon = Assignment.objects.due_soon(at=now, within=REMINDER_BEFORE).select_related(
        "mission", "user__ambassador"
    )
    nudges = []
    for assignment in in_batches(due_soon):
        ambassador = assignment.user.ambassador
        nudges.append(
            Nudge(
                ambassador_id=ambassador.pk,
                kind="mission_reminder",
                key=f"mission-reminder:{assignment.pk}",
                subject=lazy_text(_("Your mission ends soon: %(title)s"), title=assignment.mission),
                body=_(
                    "Still want to do it? Hand in your evidence before the date. "
                    "Letting it go is fine too."
                ),
                link=reverse("missions:assignment", args=[assignment.pk]),
                earliest=now,
                latest=assignment.due_at - dt.timedelta(hours=2),
            )
        )
    return sum(note is not None for note in nudge_plan_many(nudges).values())


def miss_you_send(*, now: dt.datetime | None = None) -> int:
    """At most one friendly "we miss you" per month, within the attention budget."""
    now = now or timezone.now()
    nudges = []
    for ambassador in in_batches(inactive_ambassadors(now=now).select_related("user")):
        if not ambassador.channels_for("miss_you"):
            continue  # a reminder they would only see by coming back is pointless
        nudges.append(
            Nudge(
                ambassador_id=ambassador.pk,
                kind="miss_you",
                key=f"miss-you:{ambassador.user_id}:{now:%Y-%m}",
                subject=_("We miss you at Ambassador Academy"),
                body=_(
                    "There are new missions and things to share whenever you feel like "
                    "it. No pressure: you can also pause or lower how often we write."
                ),
                link=reverse("ambassadors:home"),
                earliest=now,
            )
        )
    return sum(note is not None for note in nudge_plan_many(nudges).values())
