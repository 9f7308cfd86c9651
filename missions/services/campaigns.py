"""Campaigns: a segment's missions offered as nudges spread over a window, within the budget."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ambassadors import personal
from ambassadors.quiet import awake_moment
from ambassadors.services import (
    LEFT_OUT_AFTER_END,
    TIME_TO_ACT,
    Nudge,
    lazy_text,
    nudge_plan_many,
    programme_quiet_hours,
)
from core import versions

from ..models import Assignment, Campaign
from ..selectors import campaign_segment
from ..signals import campaign_planned
from .errors import ERROR_EMPTY_SEGMENT, MissionError


def campaign_plan(*, campaign: Campaign) -> Campaign:
    """Offer the campaign's missions, one nudge per person spread over the window.

    Each person's offer counts against the same attention budget as sharing's pushes; a
    person whose budget is full is left out, not squeezed in. Idempotent: running it again
    keeps every existing offer and slot.
    """
    now = timezone.now()
    missions = list(campaign.missions.active(at=now))
    people = list(campaign_segment(campaign=campaign).order_by("pk"))
    if not people or not missions:
        raise MissionError(ERROR_EMPTY_SEGMENT)
    segment = campaign_segment(campaign=campaign).values("user_id")
    taken = set(
        Assignment.objects.filter(user_id__in=segment, mission__in=missions).values_list(
            "user_id", "mission_id"
        )
    )
    already = set(
        Assignment.objects.filter(campaign=campaign, user_id__in=segment).values_list(
            "user_id", flat=True
        )
    )
    start = max(campaign.starts_at, now)
    end = start + dt.timedelta(hours=campaign.window_hours)
    default_quiet = programme_quiet_hours()
    offered = 0
    nudges, offers = [], {}
    for position, ambassador in enumerate(people):
        theirs = [
            mission
            for mission in missions
            if mission.stage == ambassador.stage and (ambassador.user_id, mission.pk) not in taken
        ]
        if not theirs:
            offered += ambassador.user_id in already
            continue
        key = f"campaign:{campaign.pk}:{ambassador.user_id}"
        offers[key] = (ambassador, theirs)
        subject = ngettext_lazy(
            "A mission for you: %(title)s",
            "%(count)s missions for you, starting with: %(title)s",
            len(theirs),
        )
        # Every mission offered must still be open, with time to act, when the offer shows:
        # the offers are spread up to that moment when it comes before the window's end.
        ends = [mission.active_until for mission in theirs if mission.active_until]
        latest = min(ends) - TIME_TO_ACT if ends else None
        spread_end = latest if latest is not None and start < latest < end else end
        nudges.append(
            Nudge(
                ambassador_id=ambassador.pk,
                kind="mission_offer",
                key=key,
                subject=lazy_text(subject, count=len(theirs), title=theirs[0]),
                body=_("Taking it on is up to you; saying no is fine too."),
                link=reverse("missions:list"),
                earliest=awake_moment(
                    start=start,
                    end=spread_end,
                    fraction=position / len(people),
                    hours=ambassador.quiet_hours(default_quiet),
                ),
                latest=latest,
            )
        )
    left_out: dict[str, str] = {}
    outcome = nudge_plan_many(nudges, left_out=left_out)
    skipped = sum(notification is None for notification in outcome.values())
    Assignment.objects.bulk_create(
        [
            Assignment(
                mission=mission,
                user_id=ambassador.user_id,
                campaign=campaign,
                offered_at=notification.visible_from,
                due_at=notification.visible_from + dt.timedelta(days=mission.days_to_complete),
            )
            for key, (ambassador, theirs) in offers.items()
            if (notification := outcome[key]) is not None
            for mission in theirs
        ],
        ignore_conflicts=True,
        batch_size=500,
    )
    personal.forget(ambassador.user_id for ambassador, _theirs in offers.values())
    offered += len(nudges) - skipped
    Campaign.objects.filter(pk=campaign.pk).update(
        planned_at=now,
        segment_size=len(people),
        offered=offered,
        skipped=skipped,
        skipped_after_end=sum(reason == LEFT_OUT_AFTER_END for reason in left_out.values()),
    )
    versions.move(versions.PROGRAMME)  # an update and bulk inserts: no save signal tells
    campaign.refresh_from_db()
    campaign_planned.send(sender=Campaign, campaign=campaign)
    return campaign
