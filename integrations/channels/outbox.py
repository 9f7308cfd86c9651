"""The one outbox of chat and push deliveries.

When notifications are made (`ambassadors.signals.notifications_planned`), each recipient's
choices say which channels beside in-app may bring it; a `ChannelDelivery` row is written
for every such channel that is set up and reaches the person, in the same transaction, at
the first moment outside their quiet hours. Due rows are claimed by one conditional UPDATE
with a lease (as the e-mail outbox), checked again against the person's choices as they are
then, sent per channel in one batch, and settled in one `bulk_update`. A delivery that
cannot be made fails to in-app only; none is made twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ambassadors.channels import EMAIL
from ambassadors.models import Ambassador, Notification
from ambassadors.selectors import programme_quiet_hours
from core.queue import enqueue_on_commit

from ..models import ChannelDelivery
from . import base

logger = logging.getLogger(__name__)

SWEEP_BATCH = 200
# Deliveries handed to a channel at once, and recorded together before the next chunk.
SEND_CHUNK = 25
MAX_ATTEMPTS = 6
BACKOFF = [dt.timedelta(minutes=m) for m in (1, 5, 30, 120, 360)]
# A message that could not go out for this long after it showed in-app is old news on a
# phone or in chat: it stays in-app only.
STALE_AFTER = dt.timedelta(hours=24)

CANCEL_NOT_TAKING_PART = "no longer taking part"
CANCEL_ALREADY_READ = "already read in the platform"
CANCEL_NOT_CHOSEN = "no longer chosen for this kind of message"
CANCEL_STALE = "too late to be useful; shown in the platform only"
FAILED_SWITCHED_OFF = "the channel was switched off"
FAILED_GAVE_UP = "gave up after %(attempts)s attempts: %(error)s"

_PERSON_FIELDS = (
    "user_id",
    "status",
    "channel_choices",
    "channels_paused",
    "quiet_hours_start",
    "quiet_hours_end",
)


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.ACADEMY_OUTBOX_LEASE_SECONDS)


def _send_moment(person: Ambassador, notification: Notification, default_quiet) -> dt.datetime:
    # A nudge keeps the programme's quiet hours for anyone without their own, as e-mail does.
    default = default_quiet if notification.is_nudge else None
    return person.end_of_quiet_hours(notification.visible_from, default)


def deliveries_plan(notifications: list[Notification]) -> int:
    """Write the chat and push deliveries of new notifications: a fixed number of queries
    for any number of them (one for the people, one per channel set up, one insert)."""
    shown = [n for n in notifications if n.show_in_app and n.pk is not None]
    channels = [sender for sender in base.senders() if sender.available()]
    if not shown or not channels:
        return 0
    people = {
        person.user_id: person
        for person in Ambassador.objects.filter(
            user_id__in={n.recipient_id for n in shown},
            status__in=(Ambassador.Status.ACTIVE, Ambassador.Status.PAUSED),
            channels_paused=False,
        ).only(*_PERSON_FIELDS)
    }
    wanted: dict[str, set[int]] = defaultdict(set)
    for notification in shown:
        person = people.get(notification.recipient_id)
        if person is not None:
            for code in person.channels_for(notification.kind) - {EMAIL}:
                wanted[code].add(person.user_id)
    reachable = {
        sender.code: sender.reachable(wanted[sender.code])
        for sender in channels
        if wanted.get(sender.code)
    }
    if not reachable:
        return 0
    default_quiet = programme_quiet_hours()
    rows = [
        ChannelDelivery(
            notification=notification,
            channel=code,
            send_after=_send_moment(person, notification, default_quiet),
        )
        for notification in shown
        if (person := people.get(notification.recipient_id)) is not None
        for code in sorted(person.channels_for(notification.kind) - {EMAIL})
        if notification.recipient_id in reachable.get(code, ())
    ]
    ChannelDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    now = timezone.now()
    if any(row.send_after <= now for row in rows):
        enqueue_on_commit("integrations.tasks.channel_deliveries_send")
    return len(rows)


def _check(row: ChannelDelivery, now: dt.datetime, default_quiet) -> str | dt.datetime | None:
    """Why a claimed row is not sent now (a reason to cancel, or a later moment), or None."""
    notification = row.notification
    recipient = notification.recipient
    person = getattr(recipient, "ambassador", None)
    if (
        not recipient.is_active
        or person is None
        or person.status not in (Ambassador.Status.ACTIVE, Ambassador.Status.PAUSED)
    ):
        return CANCEL_NOT_TAKING_PART
    if notification.read_at is not None:
        return CANCEL_ALREADY_READ
    if row.channel not in person.channels_for(notification.kind):
        return CANCEL_NOT_CHOSEN
    if now - notification.visible_from > STALE_AFTER:
        return CANCEL_STALE
    default = default_quiet if notification.is_nudge else None
    if person.in_quiet_hours(now, default):
        return person.end_of_quiet_hours(now, default)
    return None


def _settle(row: ChannelDelivery, outcome: base.Outcome, now: dt.datetime) -> None:
    row.claimed_at = None
    row.error = outcome.error[:300]
    if outcome.reference:
        row.reference = outcome.reference
    if outcome.sent:
        row.status, row.sent_at, row.error = ChannelDelivery.Status.SENT, now, ""
    elif outcome.retry_after is not None and row.attempts < MAX_ATTEMPTS:
        step = BACKOFF[min(row.attempts, len(BACKOFF)) - 1]
        row.send_after = now + max(step, outcome.retry_after)
    elif outcome.retry_after is not None:
        row.status = ChannelDelivery.Status.FAILED
        row.error = (FAILED_GAVE_UP % {"attempts": row.attempts, "error": outcome.error})[:300]
    else:
        row.status = ChannelDelivery.Status.FAILED


def _save(rows: list[ChannelDelivery], claim: dt.datetime) -> None:
    """Record what came of `rows`, only those this worker still holds: a claim that went
    stale and was taken over is the other worker's to record."""
    if not rows:
        return
    with transaction.atomic():
        held = set(
            ChannelDelivery.objects.select_for_update()
            .filter(pk__in=[row.pk for row in rows], claimed_at=claim)
            .values_list("pk", flat=True)
        )
        ChannelDelivery.objects.bulk_update(
            [row for row in rows if row.pk in held],
            ["status", "claimed_at", "send_after", "sent_at", "attempts", "error", "reference"],
        )


def _send_budget() -> float:
    # Half the task's timeout: a sweep stops sending in time to record what it sent, long
    # before django-q2 would kill it (and long before its claims go stale).
    return settings.Q_CLUSTER.get("timeout", 120) / 2


def deliveries_send(ids: list[int]) -> int:
    """Claim the due ones of `ids`, check each against the person as they are now, send the
    rest per channel in chunks, and record each chunk's outcomes as soon as it is sent.
    Returns how many arrived.

    A chunk is recorded before the next is sent, so a worker killed mid-sweep loses at most
    one chunk's outcomes; when the time budget is spent, the claims of what was not sent
    yet are released for the next sweep (not counted as an attempt).
    """
    started = time.monotonic()
    claim = timezone.now()
    claimed = (
        ChannelDelivery.objects.due(claim, _lease())
        .filter(pk__in=ids)
        .update(claimed_at=claim, attempts=F("attempts") + 1)
    )
    if not claimed:
        return 0
    rows = list(
        ChannelDelivery.objects.select_related("notification__recipient__ambassador").filter(
            pk__in=ids, claimed_at=claim
        )
    )
    default_quiet = programme_quiet_hours()
    checked: list[ChannelDelivery] = []
    chunks: list[tuple[str, list[ChannelDelivery]]] = []
    by_channel: dict[str, list[ChannelDelivery]] = defaultdict(list)
    for row in rows:
        verdict = _check(row, claim, default_quiet)
        if isinstance(verdict, str):
            row.status, row.error, row.claimed_at = ChannelDelivery.Status.CANCELLED, verdict, None
            checked.append(row)
        elif isinstance(verdict, dt.datetime):
            row.send_after, row.claimed_at = verdict, None
            row.attempts -= 1  # not an attempt: its moment had not come
            checked.append(row)
        else:
            by_channel[row.channel].append(row)
    for code, waiting in by_channel.items():
        chunks += [
            (code, waiting[at : at + SEND_CHUNK]) for at in range(0, len(waiting), SEND_CHUNK)
        ]
    _save(checked, claim)
    sent = 0
    for position, (code, chunk) in enumerate(chunks):
        if time.monotonic() - started > _send_budget():
            left = [row.pk for _code, rest in chunks[position:] for row in rest]
            ChannelDelivery.objects.filter(pk__in=left, claimed_at=claim).update(
                claimed_at=None, attempts=F("attempts") - 1
            )
            break
        sender = base.sender_for(code)
        if sender is None or not sender.available():
            outcomes = [base.failed(FAILED_SWITCHED_OFF)] * len(chunk)
        else:
            try:
                outcomes = sender.send(chunk)
            except Exception as exc:  # one channel's fault is never another's
                logger.exception("Channel %s failed a chunk of %s", code, len(chunk))
                outcomes = [base.retry(f"{type(exc).__name__}: {exc}", BACKOFF[0])] * len(chunk)
        done = timezone.now()
        for row, outcome in zip(chunk, outcomes, strict=True):
            _settle(row, outcome, done)
        _save(chunk, claim)
        sent += sum(row.status == ChannelDelivery.Status.SENT for row in chunk)
    return sent


def deliveries_sweep(*, limit: int = SWEEP_BATCH) -> int:
    """Send what is due: planned moments that came, retries, and what a lost task left."""
    ids = list(
        ChannelDelivery.objects.due(timezone.now(), _lease())
        .order_by("send_after")
        .values_list("pk", flat=True)[:limit]
    )
    return deliveries_send(ids) if ids else 0


def deliveries_forget(*, user_id: int, channel: str) -> int:
    """Cancel a person's waiting deliveries on `channel` (they unlinked it or removed their
    last device): what is waiting stays in-app."""
    return ChannelDelivery.objects.filter(
        notification__recipient_id=user_id,
        channel=channel,
        status=ChannelDelivery.Status.PENDING,
    ).update(status=ChannelDelivery.Status.CANCELLED, error=CANCEL_NOT_CHOSEN, claimed_at=None)
