"""The attention budget: everything the platform asks of a person is one nudge.

`nudge_plan()` keeps the weekly budget, spaces nudges out and respects quiet hours; a nudge
is an outbox row (see notifications) that shows and is e-mailed at its planned moment, in
the person's language then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise

from .. import personal
from ..models import Ambassador, Notification, ProgrammeSettings
from ..quiet import QuietHours, quiet_end
from ..selectors import recipient_language, weekly_budget
from ..signals import notifications_planned
from .notifications import email_moment, enqueue_delivery, validate_link, written

PLANNING_HORIZON = dt.timedelta(weeks=4)
# A nudge about something that ends (an item, a mission) leaves the person this long to act.
TIME_TO_ACT = dt.timedelta(hours=12)

# Why `nudge_plan_many()` left someone out (see its `left_out` argument).
LEFT_OUT_NOT_TAKING_PART = "not_taking_part"
LEFT_OUT_NO_ROOM = "no_room"
LEFT_OUT_AFTER_END = "after_end"
# The person asked for no nudges at all (a budget of zero).
LEFT_OUT_NO_BUDGET = "no_budget"


def _minimum_gap(budget: int) -> dt.timedelta:
    return min(dt.timedelta(hours=24), dt.timedelta(days=7) / max(budget, 1))


def _crowded_window(planned, slot, budget: int):
    """A later moment to try when adding `slot` would put too many nudges in some 7 days."""
    week = dt.timedelta(days=7)
    moments = sorted([*planned, slot])
    for start in (m for m in moments if slot - week < m <= slot):
        inside = [m for m in moments if start <= m < start + week]
        if len(inside) > budget:
            return inside[-1] + dt.timedelta(seconds=1) if inside[-1] > slot else start + week
    return None


def _over_weekly_limit(planned, slot, limit: int):
    """A later moment to try when `slot` would make more than `limit` in some seven days."""
    before = sorted(m for m in planned if slot - dt.timedelta(days=7) < m <= slot)
    if len(before) >= limit:
        return before[-limit] + dt.timedelta(days=7)
    return _crowded_window(planned, slot, limit)


@dataclass(frozen=True)
class Nudge:
    """One thing to ask of one person (by their Ambassador id), for `nudge_plan_many()`.

    Subject and body are lazy text, shown in the person's language when it is delivered.
    `latest`: the last moment it is worth showing (before what it asks for ends).
    `kind_per_week`: at most this many nudges of its kind in any seven days for the person,
    so that one source of requests keeps to its own share of the budget.
    """

    ambassador_id: int
    kind: str
    key: str
    subject: str | Promise
    body: str | Promise = ""
    link: str = ""  # a path made with reverse()
    earliest: dt.datetime | None = None
    latest: dt.datetime | None = None
    kind_per_week: int | None = None
    about_id: int | None = None  # the other person the text names or quotes (see notify)


@dataclass(frozen=True)
class _Limit:
    moments: list[dt.datetime]
    per_week: int


def _free_slot(
    quiet: QuietHours | None,
    planned: list[dt.datetime],
    limits: list[_Limit],
    *,
    earliest: dt.datetime,
    latest: dt.datetime | None,
    horizon: dt.datetime,
) -> tuple[dt.datetime | None, str]:
    """The first moment at or after `earliest` that fits the person's budget, or None and
    why not.

    Outside quiet hours, at least a minimum gap from their other nudges, and at most the
    budget (and any other weekly limit) in any seven days, this one included; not after
    `latest` and not beyond the planning horizon.
    """
    slot = earliest
    gap = _minimum_gap(limits[0].per_week)
    end = horizon if latest is None else min(horizon, latest)
    while slot <= end:
        slot = quiet_end(slot, quiet)
        later = next(
            (
                moment
                for limit in limits
                if (moment := _over_weekly_limit(limit.moments, slot, limit.per_week))
            ),
            None,
        )
        if later is not None:
            slot = later
            continue
        clash = [moment for moment in planned if abs(moment - slot) < gap]
        if clash:
            slot = max(clash) + gap
            continue
        if slot <= end:
            return slot, ""
    if latest is not None and latest <= horizon:
        return None, LEFT_OUT_AFTER_END
    return None, LEFT_OUT_NO_ROOM


PLAN_BATCH = 1000


def _text_key(nudge: Nudge) -> tuple:
    """What a nudge's texts are rendered from: lazy text by identity (the same object renders
    the same in each language), plain strings by value (equal words, however made)."""
    return tuple(
        id(text) if isinstance(text, Promise) else text
        for text in (nudge.subject, nudge.body, nudge.link)
    )


@dataclass(frozen=True)
class _Placement:
    """Where the planner put one nudge: its person and moment."""

    nudge: Nudge
    person: Ambassador
    slot: dt.datetime


def _plan_batch(
    batch: list[Nudge],
    *,
    default_budget: int,
    default_quiet: QuietHours | None,
    results: dict,
    why: dict[str, str],
    lock: bool,
) -> list[_Placement]:
    """Choose a moment for each new nudge of `batch`, reading (and with `lock`, locking)
    its people and their planned nudges; writes nothing.

    Fills `results` with the existing notification (or None) for keys planned before or
    left out, and `why` with the reason for each one left out.
    """
    people_rows = Ambassador.objects.filter(pk__in={nudge.ambassador_id for nudge in batch})
    if lock:
        people_rows = people_rows.select_for_update()
    people = {person.pk: person for person in people_rows}
    existing = {
        row.idempotency_key: row
        for row in Notification.objects.filter(idempotency_key__in=[nudge.key for nudge in batch])
    }
    now = timezone.now()
    horizon = now + PLANNING_HORIZON
    earliest = min(max(nudge.earliest or now, now) for nudge in batch)
    planned: dict[int, list[dt.datetime]] = {}
    by_kind: dict[tuple[int, str], list[dt.datetime]] = {}
    # The moment is compared through an expression so that the database reads the
    # per-person index. Rows planned by earlier batches are not in its statistics
    # yet, so it would take the window as rare and scan all of it, batch after batch.
    for recipient, moment, kind in (
        Notification.objects.nudges()
        .alias(moment=Coalesce("visible_from", "created_at"))
        .filter(
            recipient_id__in=[person.user_id for person in people.values()],
            moment__gte=earliest - dt.timedelta(days=7),
            moment__lt=horizon + dt.timedelta(days=7),
        )
        .order_by()
        .values_list("recipient_id", "visible_from", "kind")
    ):
        planned.setdefault(recipient, []).append(moment)
        by_kind.setdefault((recipient, kind), []).append(moment)
    placements: list[_Placement] = []
    placed: set[str] = set()
    for nudge in batch:
        if nudge.key in existing or nudge.key in results or nudge.key in placed:
            if nudge.key not in placed:
                results[nudge.key] = existing.get(nudge.key) or results[nudge.key]
            continue
        person = people.get(nudge.ambassador_id)
        results[nudge.key] = None
        if person is None or person.status != Ambassador.Status.ACTIVE:
            why[nudge.key] = LEFT_OUT_NOT_TAKING_PART
            continue
        budget = weekly_budget(person, default_budget)
        if budget == 0:
            why[nudge.key] = LEFT_OUT_NO_BUDGET
            continue
        theirs = planned.setdefault(person.user_id, [])
        same_kind = by_kind.setdefault((person.user_id, nudge.kind), [])
        limits = [_Limit(theirs, budget)]
        if nudge.kind_per_week is not None:
            limits.append(_Limit(same_kind, nudge.kind_per_week))
        # The programme's quiet hours hold for anyone who has not set their own.
        quiet = person.quiet_hours(default_quiet)
        slot, reason = _free_slot(
            quiet,
            theirs,
            limits,
            earliest=max(nudge.earliest or now, now),
            latest=nudge.latest,
            horizon=horizon,
        )
        if slot is None:
            why[nudge.key] = reason
            continue
        theirs.append(slot)
        same_kind.append(slot)
        placed.add(nudge.key)
        placements.append(_Placement(nudge=nudge, person=person, slot=slot))
    return placements


def nudge_plan_many(
    nudges: list[Nudge], /, *, left_out: dict[str, str] | None = None
) -> dict[str, Notification | None]:
    """Plan many nudges at once: a few queries per thousand people, not per person.

    The same rules as `nudge_plan()`, which is this with one item. Returns, per key, the
    notification (a new one, or the one planned earlier under that key) or None when the
    person does not take part or has no room before the horizon (or the nudge's `latest`);
    pass a dict as `left_out` to learn why (`LEFT_OUT_*`) for each key left out.
    Each batch is one transaction that locks its people's rows, so a concurrent planner
    cannot take the same last slot. `nudge_plan_preview()` chooses the same moments
    without writing.
    """
    links = {nudge.key: validate_link(nudge.link) for nudge in nudges}
    # Many nudges share one text (a push to everyone): render each text once, not per person.
    rendered: dict[tuple, dict] = {}
    results: dict[str, Notification | None] = {}
    why = left_out if left_out is not None else {}
    programme = ProgrammeSettings.load()
    default_budget, default_quiet = programme.max_nudges_per_week, programme.quiet_hours
    for first in range(0, len(nudges), PLAN_BATCH):
        batch = nudges[first : first + PLAN_BATCH]
        created: list[Notification] = []
        with transaction.atomic():
            placements = _plan_batch(
                batch,
                default_budget=default_budget,
                default_quiet=default_quiet,
                results=results,
                why=why,
                lock=True,
            )
            for placement in placements:
                nudge, person, slot = placement.nudge, placement.person, placement.slot
                notification = Notification(
                    recipient_id=person.user_id,
                    about_id=nudge.about_id,
                    kind=nudge.kind,
                    idempotency_key=nudge.key,
                    **written(
                        subject=nudge.subject,
                        body=nudge.body,
                        link=nudge.link,
                        language=recipient_language(person),
                        texts=rendered.get(_text_key(nudge)),
                    ),
                    link=links[nudge.key],
                    is_nudge=True,
                    visible_from=slot,
                    email_after=email_moment(person, slot, True, nudge.kind),
                )
                rendered[_text_key(nudge)] = notification.texts
                created.append(notification)
                results[nudge.key] = notification
            Notification.objects.bulk_create(created, batch_size=500)
            if created:
                notifications_planned.send(sender=Notification, notifications=created)
            personal.forget(notification.recipient_id for notification in created)
        for notification in created:
            enqueue_delivery(notification)
    return results


def nudge_plan_preview(
    nudges: list[Nudge], /, *, left_out: dict[str, str] | None = None
) -> dict[str, dt.datetime | None]:
    """The moments `nudge_plan_many()` would choose now, through the same planning step,
    writing and locking nothing: per key, the moment (or the one planned earlier under that
    key) or None, with why in `left_out`."""
    results: dict = {}
    why = left_out if left_out is not None else {}
    programme = ProgrammeSettings.load()
    moments: dict[str, dt.datetime | None] = {}
    for first in range(0, len(nudges), PLAN_BATCH):
        placements = _plan_batch(
            nudges[first : first + PLAN_BATCH],
            default_budget=programme.max_nudges_per_week,
            default_quiet=programme.quiet_hours,
            results=results,
            why=why,
            lock=False,
        )
        for placement in placements:
            moments[placement.nudge.key] = placement.slot
    for key, notification in results.items():
        if key not in moments:
            moments[key] = notification.visible_from if notification is not None else None
    return moments


def nudge_plan(
    *,
    ambassador: Ambassador,
    kind: str,
    key: str,
    subject: str | Promise,
    body: str | Promise = "",
    link: str = "",
    earliest: dt.datetime | None = None,
    latest: dt.datetime | None = None,
    about: User | None = None,
) -> Notification | None:
    """Plan something the platform asks of a person, within their attention budget.

    Finds the first moment at or after `earliest` that is outside quiet hours (the
    person's own, or the programme's default), at least a minimum gap away from their
    other nudges, and in a week with budget left. Returns None when the person does not
    take part or no such moment falls in the next weeks (or before `latest`, when the
    nudge is pointless after that). Idempotent per key.
    """
    nudge = Nudge(
        ambassador_id=ambassador.pk,
        kind=kind,
        key=key,
        subject=subject,
        body=body,
        link=link,
        earliest=earliest,
        latest=latest,
        about_id=about and about.pk,
    )
    return nudge_plan_many([nudge])[key]
