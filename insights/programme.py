"""The programme overview, comms staff's start page: this week's pushes and campaigns with
their progress, the review queue, proposals waiting, the last figures.

A fixed number of queries whatever the data size: lists are capped, and each list's
figures come from one aggregate (a filtered count per row shown) or one grouped query.
The figures read the rollups, never the raw events, as the dashboard does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Min, Q, Sum
from django.utils import timezone

from ambassadors.models import Notification
from missions.models import Assignment, Campaign
from sharing.models import ContentItem, Push, Share

from . import cache
from .models import ActivePeriod, SharingDaily
from .rollups import week_start

# How far back "this week" looks, and how many rows each list shows at most.
RECENT = dt.timedelta(days=7)
LIST_LIMIT = 8
READY_TO_PUSH = 5


@dataclass
class PushRow:
    push: Push
    planned: int
    sent: int
    opened: int
    shared: int

    @property
    def sent_share(self) -> int:
        """Of those planned, the percentage sent so far (for the progress bar)."""
        return round(100 * self.sent / self.planned) if self.planned else 0


@dataclass
class CampaignRow:
    campaign: Campaign
    offered: int
    accepted: int
    approved: int

    @property
    def accepted_share(self) -> int:
        return round(100 * self.accepted / self.offered) if self.offered else 0


@dataclass
class Trend:
    """A figure this week against the week before."""

    now: int
    before: int

    @property
    def change(self) -> int:
        return self.now - self.before

    @property
    def amount(self) -> int:
        return abs(self.change)

    @property
    def direction(self) -> str:
        return "up" if self.change > 0 else "down" if self.change < 0 else "same"


def push_progress(pushes: list[Push], now: dt.datetime) -> dict[int, dict]:
    """Planned, sent, opened and shared per push, counted from the notifications and shares
    (two queries): the one read of raw events on the overview, so the cached overview keeps
    it apart (see `cached_overview`)."""
    counts = {}
    shares = {}
    for push in pushes:
        mine = Q(idempotency_key__startswith=f"push:{push.pk}:")
        counts[f"planned_{push.pk}"] = Count("pk", filter=mine)
        counts[f"sent_{push.pk}"] = Count("pk", filter=mine & Q(visible_from__lte=now))
        counts[f"opened_{push.pk}"] = Count("pk", filter=mine & Q(read_at__isnull=False))
        recipients = Notification.objects.filter(mine).values("recipient_id")
        # As on the push's own page: shares of its item since, by the people it asked.
        shares[f"shared_{push.pk}"] = Count(
            "pk",
            filter=Q(item_id=push.item_id, created_at__gte=push.created_at, user_id__in=recipients),
        )
    ours = Q(*[Q(idempotency_key__startswith=f"push:{p.pk}:") for p in pushes], _connector=Q.OR)
    figures = Notification.objects.filter(ours).aggregate(**counts)
    item_ids = {push.item_id for push in pushes}
    figures |= Share.objects.filter(item_id__in=item_ids).aggregate(**shares)
    return {
        push.pk: {
            name: figures[f"{name}_{push.pk}"] for name in ("planned", "sent", "opened", "shared")
        }
        for push in pushes
    }


def recent_pushes(now: dt.datetime, progress=push_progress) -> list[PushRow]:
    """Pushes of the last seven days with planned, sent, opened and shared: three queries."""
    pushes = list(
        Push.objects.filter(created_at__gte=now - RECENT)
        .select_related("item", "department")
        .order_by("-created_at")[:LIST_LIMIT]
    )
    if not pushes:
        return []
    figures = progress(pushes, now)
    return [PushRow(push=push, **figures[push.pk]) for push in pushes]


def recent_campaigns(now: dt.datetime) -> list[CampaignRow]:
    """Campaigns that started in the last seven days or start in the next seven, with the
    missions offered, accepted and approved: two queries."""
    campaigns = list(
        Campaign.objects.filter(starts_at__gte=now - RECENT, starts_at__lte=now + RECENT).order_by(
            "-starts_at"
        )[:LIST_LIMIT]
    )
    if not campaigns:
        return []
    taken = (
        Assignment.State.ACCEPTED,
        Assignment.State.SUBMITTED,
        Assignment.State.CHANGES_REQUESTED,
        Assignment.State.APPROVED,
        Assignment.State.REJECTED,
    )
    rows = {
        row["campaign_id"]: row
        for row in Assignment.objects.filter(campaign__in=[c.pk for c in campaigns])
        .values("campaign_id")
        .annotate(
            offered=Count("pk"),
            accepted=Count("pk", filter=Q(state__in=taken)),
            approved=Count("pk", filter=Q(state=Assignment.State.APPROVED)),
        )
        .order_by()
    }
    empty = {"offered": 0, "accepted": 0, "approved": 0}
    return [
        CampaignRow(
            campaign=campaign,
            offered=rows.get(campaign.pk, empty)["offered"],
            accepted=rows.get(campaign.pk, empty)["accepted"],
            approved=rows.get(campaign.pk, empty)["approved"],
        )
        for campaign in campaigns
    ]


def review_queue() -> dict:
    """Submissions waiting for review: how many, and since when the oldest waits."""
    return Assignment.objects.filter(state=Assignment.State.SUBMITTED).aggregate(
        count=Count("pk"), oldest=Min("submitted_at")
    )


def proposals_waiting() -> dict:
    """Items ambassadors proposed that nobody reviewed yet: how many, and the oldest."""
    return ContentItem.objects.filter(status=ContentItem.Status.PROPOSED).aggregate(
        count=Count("pk"), oldest=Min("created_at")
    )


def ready_to_push(now: dt.datetime) -> list[ContentItem]:
    """The newest items people can share now: the quick "push" links."""
    return list(
        ContentItem.objects.shareable(now)
        .only("pk", "title", "kind", "created_at")
        .order_by("-created_at")[:READY_TO_PUSH]
    )


def last_figures(today: dt.date) -> dict[str, Trend]:
    """Shares, clicks and active people in the last seven rolled-up days against the seven
    before (rollups only): two queries."""
    this_week = today - dt.timedelta(days=6)
    last_week = this_week - dt.timedelta(days=7)
    now_q = Q(day__gte=this_week, day__lte=today)
    before_q = Q(day__gte=last_week, day__lt=this_week)
    sharing = SharingDaily.objects.filter(window=0, day__gte=last_week, day__lte=today).aggregate(
        shares_now=Sum("shares", filter=now_q),
        shares_before=Sum("shares", filter=before_q),
        clicks_now=Sum("unique_clicks", filter=now_q),
        clicks_before=Sum("unique_clicks", filter=before_q),
    )
    current = week_start(today)
    previous = current - dt.timedelta(days=7)
    active = ActivePeriod.objects.filter(
        period=ActivePeriod.Period.WEEK, day__in=[current, previous]
    ).aggregate(
        now=Sum("active", filter=Q(day=current)),
        before=Sum("active", filter=Q(day=previous)),
    )
    return {
        "shares": Trend(sharing["shares_now"] or 0, sharing["shares_before"] or 0),
        "clicks": Trend(sharing["clicks_now"] or 0, sharing["clicks_before"] or 0),
        "active": Trend(active["now"] or 0, active["before"] or 0),
    }


def overview(now: dt.datetime | None = None, *, progress=push_progress) -> dict:
    """Everything the programme overview shows."""
    now = now or timezone.now()
    return {
        "pushes": recent_pushes(now, progress),
        "campaigns": recent_campaigns(now),
        "review": review_queue(),
        "proposals": proposals_waiting(),
        "ready": ready_to_push(now),
        "figures": last_figures(timezone.localdate(now)),
        "now": now,
    }


def cached_overview() -> dict:
    """The overview as every comms person sees it, computed once per version of its data (see
    insights/cache.py); `as_of` says when its oldest part was counted.

    The pushes' progress is counted from raw notifications and shares, which change without
    moving a version (a suggestion shows at its moment, people open and share), so it is kept
    apart, per set of pushes shown and their planning, for half the bound; the rest for the
    other half: what the page shows is never older than `cache.TIMEOUT`. So the many writes
    that move the programme's version (a mission accepted, handed in, reviewed) recount only
    the cheap part."""
    half = cache.TIMEOUT // 2

    def progress(pushes: list[Push], now: dt.datetime) -> dict[int, dict]:
        shown = ",".join(
            f"{push.pk}@{push.planned_at.timestamp() if push.planned_at else 0}" for push in pushes
        )
        counted = cache.cached(
            f"push-progress:{shown}",
            (),
            lambda: {"at": now, "figures": push_progress(pushes, now)},
            timeout=half,
        )
        ages.append(counted["at"])
        return counted["figures"]

    def compute() -> dict:
        figures = overview(progress=progress)
        return {**figures, "computed_at": figures["now"], "as_of": min([figures["now"], *ages])}

    ages: list[dt.datetime] = []
    found = cache.cached("programme", (cache.ROLLUPS, cache.PROGRAMME), compute, timeout=half)
    return {**found, "now": timezone.now()}
