"""Read-only queries for the mission pages: a fixed number of queries whatever the data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from ambassadors.models import Ambassador
from core.numbers import parse_int

from .models import Assignment, Mission

S = Assignment.State
HISTORY_SIZE = 10


@dataclass
class MyMissions:
    offered: list[Assignment] = field(default_factory=list)
    in_progress: list[Assignment] = field(default_factory=list)
    history: list[Assignment] = field(default_factory=list)
    history_total: int = 0
    pickable: list[Mission] = field(default_factory=list)


def missions_for(ambassador: Ambassador, now: dt.datetime | None = None) -> MyMissions:
    """What one person sees: offers, work in progress, what they can pick, and history."""
    now = now or timezone.now()
    user = ambassador.user
    current = list(
        Assignment.objects.filter(user=user, state__in=Assignment.OPEN_STATES, offered_at__lte=now)
        .exclude(state=S.OFFERED, due_at__lte=now)
        .select_related("mission", "campaign")
        .order_by("due_at", "pk")
    )
    finished = Assignment.objects.filter(user=user).exclude(state__in=Assignment.OPEN_STATES)
    active = Q(active_from__isnull=True) | Q(active_from__lte=now)
    active &= Q(active_until__isnull=True) | Q(active_until__gt=now)
    return MyMissions(
        offered=[a for a in current if a.state == S.OFFERED],
        in_progress=[a for a in current if a.state != S.OFFERED],
        history=list(
            finished.select_related("mission").order_by("-reviewed_at", "-offered_at", "-pk")[
                :HISTORY_SIZE
            ]
        ),
        history_total=finished.count(),
        pickable=list(
            Mission.objects.filter(active, stage=ambassador.stage, open_to_all=True)
            .exclude(assignments__user=user)
            .order_by("kind", "pk")
        ),
    )


REVIEW_AGES = {"1": dt.timedelta(days=1), "3": dt.timedelta(days=3), "7": dt.timedelta(days=7)}


def review_queue(
    *, stage: str = "", kind: str = "", campaign: str = "", older_than: str = ""
) -> QuerySet[Assignment]:
    """Submitted evidence waiting for review, oldest first, with optional filters."""
    queue = Assignment.objects.filter(state=S.SUBMITTED).select_related(
        "mission", "user", "user__ambassador__department", "campaign"
    )
    if (stage_number := parse_int(stage)) is not None:
        queue = queue.filter(mission__stage=stage_number)
    if kind in Mission.Kind.values:
        queue = queue.filter(mission__kind=kind)
    if (campaign_id := parse_int(campaign, minimum=1)) is not None:
        queue = queue.filter(campaign_id=campaign_id)
    if older_than in REVIEW_AGES:
        queue = queue.filter(submitted_at__lte=timezone.now() - REVIEW_AGES[older_than])
    return queue.order_by("submitted_at", "pk")
