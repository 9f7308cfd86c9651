"""Pushes: comms staff suggest an item to a segment, one nudge per person, spread over a
window within everyone's attention budget."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Department, Topic
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
from core.queue import enqueue_on_commit

from ..models import ContentItem, Push
from ..selectors import push_segment
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


def push_plan(*, push: Push) -> Push:
    """Plan one suggestion per person, spread evenly over the waking hours of the window,
    within each budget and never later than the item's end allows.

    Idempotent: a person already planned for this push keeps their slot. Records what was
    planned: the first and last moment, and who was left out and why.
    """
    people = list(
        push_segment(push)
        .order_by("pk")
        .values_list("pk", "user_id", "language", "quiet_hours_start", "quiet_hours_end")
    )
    if not people:
        raise SharingError(ERROR_EMPTY_SEGMENT)
    start = timezone.now()
    latest = push.item.expires_at - TIME_TO_ACT if push.item.expires_at else None
    # Spread over the window, or up to the last useful moment when the item ends before it.
    end = start + dt.timedelta(hours=push.window_hours)
    if latest is not None and start < latest < end:
        end = latest
    # A proposal's summary holds its proposer's words: erasing them removes these too.
    about = push.item.proposed_by_id
    default_quiet = programme_quiet_hours()
    # One text and one link for all: rendered once for everyone (`nudge_plan_many`).
    subject = lazy_text(_("Something to share: %(title)s"), title=push.item.title)
    body = push.item.summary[:300]
    link = reverse("sharing:share", args=[push.item_id])
    nudges = [
        Nudge(
            ambassador_id=pk,
            kind="share_suggestion",
            key=f"push:{push.pk}:{user_id}",
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
    left_out: dict[str, str] = {}
    outcome = nudge_plan_many(nudges, left_out=left_out)
    slots = [notification.visible_from for notification in outcome.values() if notification]
    Push.objects.filter(pk=push.pk).update(
        planned_at=start,
        segment_size=len(people),
        planned=len(slots),
        skipped=len(people) - len(slots),
        skipped_after_end=sum(reason == LEFT_OUT_AFTER_END for reason in left_out.values()),
        first_slot=min(slots, default=None),
        last_slot=max(slots, default=None),
    )
    versions.move(versions.PROGRAMME)  # an update and bulk inserts: no save signal tells
    push.refresh_from_db()
    push_planned.send(sender=Push, push=push)
    return push
