"""Pushes: comms staff suggest an item to a segment, one nudge per person, spread over a
window within everyone's attention budget."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ambassadors.models import (
    FEWER_THAN_FIVE,
    MINIMUM_GROUP,
    Department,
    Topic,
    suppressed_parts,
)
from ambassadors.quiet import awake_moment
from ambassadors.services import (
    LEFT_OUT_AFTER_END,
    LEFT_OUT_NO_BUDGET,
    LEFT_OUT_NO_ROOM,
    LEFT_OUT_NOT_TAKING_PART,
    TIME_TO_ACT,
    Nudge,
    lazy_text,
    nudge_plan_many,
    nudge_plan_preview,
    programme_quiet_hours,
)
from core import versions
from core.queue import enqueue_on_commit

from ..models import ContentItem, Push
from ..selectors import push_segment, segment_people
from ..signals import push_planned
from .errors import ERROR_EMPTY_SEGMENT, ERROR_MAY_NOT_PUSH, ERROR_NOT_SHAREABLE, SharingError

PUSH_PERMISSION = "sharing.add_push"


def push_create(
    *,
    item: ContentItem,
    created_by: User,
    window_hours: int,
    stage: int | None = None,
    department: Department | None = None,
    language: str = "",
    topics: Iterable[Topic] = (),
) -> tuple[Push, int]:
    """Push an item in the library now to a segment that has someone in it, and plan it in
    the background. Returns the push and the number of people in its segment."""
    if not created_by.has_perm(PUSH_PERMISSION):
        raise SharingError(ERROR_MAY_NOT_PUSH)
    if not ContentItem.objects.shareable().filter(pk=item.pk).exists():
        raise SharingError(ERROR_NOT_SHAREABLE)
    with transaction.atomic():
        push = Push.objects.create(
            item=item,
            created_by=created_by,
            window_hours=window_hours,
            stage=stage,
            department=department,
            language=language,
        )
        push.topics.set(topics)
        size = push_segment(push).count()
        if size == 0:
            raise SharingError(ERROR_EMPTY_SEGMENT)  # and the push is not kept
    enqueue_on_commit("sharing.tasks.plan_push", push.pk)
    return push, size


def _push_nudges(
    *, item: ContentItem, people: list[tuple], window_hours: int, key: str, start: dt.datetime
) -> tuple[list[Nudge], dt.datetime]:
    """One suggestion of `item` per person (`people`: pk, user id, language and own quiet
    hours), spread over the waking hours of the window that opens at `start`; and the end of
    that spread. What `push_plan()` plans and `push_preview()` counts, so the two agree."""
    latest = item.expires_at - TIME_TO_ACT if item.expires_at else None
    # Spread over the window, or up to the last useful moment when the item ends before it.
    end = start + dt.timedelta(hours=window_hours)
    if latest is not None and start < latest < end:
        end = latest
    # A proposal's summary holds its proposer's words: erasing them removes these too.
    about = item.proposed_by_id
    default_quiet = programme_quiet_hours()
    # One text and one link for all: rendered once for everyone (`nudge_plan_many`).
    subject = lazy_text(_("Something to share: %(title)s"), title=item.title)
    body = item.summary[:300]
    link = reverse("sharing:share", args=[item.pk])
    nudges = [
        Nudge(
            ambassador_id=pk,
            kind="share_suggestion",
            key=f"{key}:{user_id}",
            subject=subject,
            body=body,
            link=link,
            earliest=awake_moment(
                start=start,
                end=end,
                fraction=position / len(people),
                hours=(own_start, own_end) if own_start is not None else default_quiet,
            ),
            latest=latest,
            about_id=about,
        )
        for position, (pk, user_id, language, own_start, own_end) in enumerate(people)
    ]
    return nudges, end


_PEOPLE_FIELDS = ("pk", "user_id", "language", "quiet_hours_start", "quiet_hours_end")


def push_plan(*, push: Push) -> Push:
    """Plan one suggestion per person, spread evenly over the waking hours of the window,
    within each budget and never later than the item's end allows.

    Idempotent: a person already planned for this push keeps their slot. Records what was
    planned: the first and last moment, and who was left out and why.
    """
    people = list(push_segment(push).order_by("pk").values_list(*_PEOPLE_FIELDS))
    if not people:
        raise SharingError(ERROR_EMPTY_SEGMENT)
    start = timezone.now()
    nudges, _end = _push_nudges(
        item=push.item,
        people=people,
        window_hours=push.window_hours,
        key=f"push:{push.pk}",
        start=start,
    )
    left_out: dict[str, str] = {}
    outcome = nudge_plan_many(nudges, left_out=left_out)
    slots = [notification.visible_from for notification in outcome.values() if notification]
    reasons = list(left_out.values())
    Push.objects.filter(pk=push.pk).update(
        planned_at=start,
        segment_size=len(people),
        planned=len(slots),
        skipped=len(people) - len(slots),
        skipped_after_end=reasons.count(LEFT_OUT_AFTER_END),
        skipped_no_budget=_no_budget(reasons),
        first_slot=min(slots, default=None),
        last_slot=max(slots, default=None),
    )
    versions.move(versions.PROGRAMME)  # an update and bulk inserts: no save signal tells
    push.refresh_from_db()
    push_planned.send(sender=Push, push=push)
    return push


@dataclass(frozen=True)
class PushPreview:
    """What a push would plan if it were planned now: whom it reaches and when, and who it
    leaves out and why (`LEFT_OUT_*` of the attention budget)."""

    segment: int
    reach: int
    first: dt.datetime | None
    last: dt.datetime | None
    window_start: dt.datetime
    window_end: dt.datetime
    after_window: int  # reached, but after the window: their budget is full until then
    no_room: int  # no room in their budget within the planning horizon
    after_end: int  # the item ends before their next free moment
    opted_out: int  # asked for no nudges at all, or not taking part
    too_large: bool = False  # above PREVIEW_LIMIT: only `segment` is counted

    @property
    def left_out(self) -> int:
        return self.segment - self.reach


# The most people `push_preview()` plans through in a web request: about 2 s on SQLite
# (bench/push_preview_bench.py: 0.2-0.3 s for 2,000, 0.9-1.3 s for 10,000, linear).
# A bigger segment is only counted; its push's own page shows what planning did.
PREVIEW_LIMIT = 15_000


def push_preview(
    *,
    item: ContentItem,
    window_hours: int,
    stage: int | None = None,
    department: Department | None = None,
    language: str = "",
    topics: Iterable[Topic] = (),
) -> PushPreview:
    """What pushing `item` to this segment now would plan, through the planner's own steps
    (`nudge_plan_preview`), writing nothing."""
    segment = segment_people(
        item=item,
        stage=stage,
        department_id=department.pk if department else None,
        language=language,
        topic_ids=[topic.pk for topic in topics],
    ).order_by("pk")
    people = list(segment.values_list(*_PEOPLE_FIELDS)[: PREVIEW_LIMIT + 1])
    start = timezone.now()
    if not people:
        return PushPreview(0, 0, None, None, start, start, 0, 0, 0, 0)
    if len(people) > PREVIEW_LIMIT:
        # Too long to plan in the request: its size only; its own page shows the rest.
        return PushPreview(segment.count(), 0, None, None, start, start, 0, 0, 0, 0, True)
    nudges, end = _push_nudges(
        item=item, people=people, window_hours=window_hours, key="push-preview", start=start
    )
    left_out: dict[str, str] = {}
    moments = nudge_plan_preview(nudges, left_out=left_out)
    slots = [moment for moment in moments.values() if moment is not None]
    reasons = list(left_out.values())
    return PushPreview(
        segment=len(people),
        reach=len(slots),
        first=min(slots, default=None),
        last=max(slots, default=None),
        window_start=start,
        window_end=end,
        after_window=sum(slot > end for slot in slots),
        no_room=reasons.count(LEFT_OUT_NO_ROOM),
        after_end=reasons.count(LEFT_OUT_AFTER_END),
        opted_out=_no_budget(reasons),
    )


def _no_budget(reasons: list[str]) -> int:
    """Those left out who asked for no suggestions: a weekly budget of zero, or (paused
    since the segment was counted) no longer taking part. The preview and the push's page
    call them the same."""
    return reasons.count(LEFT_OUT_NO_BUDGET) + reasons.count(LEFT_OUT_NOT_TAKING_PART)


# How a withheld count of people reads: under five, or a bigger part hidden with it.
FIVE_OR_MORE = _("5 or more")


def push_figures_shown(
    *, segment: int, reach: int, after_window: int, no_room: int, after_end: int, no_budget: int
) -> dict[str, int | str | bool]:
    """A push's counts of people as they may be shown together, before planning (the
    preview) and after (its page): the rule of five over segment = reach + the three
    reasons, so that no count under five is shown nor can be worked out from the others.

    The small parts and, with them, the smallest others are withheld
    (`suppressed_parts`); those left out (segment − reach) and those reached after the
    window (a part of the reach) are withheld with the reach.
    """
    parts = {"reach": reach, "no_room": no_room, "after_end": after_end, "no_budget": no_budget}
    hidden = suppressed_parts(parts)
    if "reach" in hidden:
        hidden |= {"left_out", "after_window"}
    elif after_window and 0 < reach - after_window < MINIMUM_GROUP:
        hidden.add("after_window")  # those reached in time would follow from it
    counts = {
        "segment": segment,
        "left_out": no_room + after_end + no_budget,
        "after_window": after_window,
        **parts,
    }
    shown: dict[str, int | str | bool] = {
        name: withheld_count(count) if name in hidden or 0 < count < MINIMUM_GROUP else count
        for name, count in counts.items()
    }
    shown["withheld"] = any(isinstance(value, Promise) for value in shown.values())
    return shown


def withheld_count(count: int) -> int | str:
    """How a withheld count of people reads."""
    if count == 0:
        return 0  # nothing to hide: no part is ever withheld for a zero
    return FEWER_THAN_FIVE if count < MINIMUM_GROUP else FIVE_OR_MORE
