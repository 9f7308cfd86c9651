"""Webhooks: events into the outbox, deliveries out of it, and what administrators do.

An event becomes one `WebhookDelivery` per active subscription that wants it, in the
transaction of whatever caused it; its id is derived from the event and the object, so an
event told twice is stored once. After the commit each delivery's task sends it; the sweep
sends what is due again (retries) and what a lost or crashed task left. A delivery is claimed
by one conditional UPDATE with a lease (as `ambassadors.services.notifications`), so two
workers never both send it, and one that dies leaves a claim the sweep takes over.

Sending goes through `core.outbound.post`: the address is read strictly, resolved once and
refused if any answer is internal (logged, never contacted), redirects are not followed.
A 2xx is delivered; anything else is retried with backoff (a 429 or 503 waits at least as
long as its Retry-After says, within a bound) until MAX_ATTEMPTS, then given up. A 410 Gone
switches the subscription off (Standard Webhooks), as do many give-ups in a row; either way
an audit entry is left and the administrators are told.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import random
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambassadors.roles import Role
from ambassadors.services.notifications import lazy_text, notify
from core import audit, outbound
from core.errors import Refusal
from core.queue import enqueue_on_commit
from integrations.models.webhooks import (
    EVENTS,
    PING,
    WebhookDelivery,
    WebhookSubscription,
    new_secret,
)

from .signing import body_of, signed_headers

logger = logging.getLogger(__name__)

DELIVER_TASK = "integrations.tasks.webhook_deliver"
# Attempts in all (the first included); the waits after each failed one, before jitter.
MAX_ATTEMPTS = 8
BACKOFF_SECONDS = (60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600, 12 * 3600, 24 * 3600)
JITTER = 0.1  # up to 10% more, so retries after an outage do not all come at once
# A Retry-After is honoured up to this long; a longer one is read as this.
MAX_RETRY_AFTER = dt.timedelta(hours=24)
# Deliveries given up on in a row before the subscription is switched off.
GIVE_UPS_BEFORE_SWITCHING_OFF = 10
# How long a rotated-out secret still signs (a second signature in the header).
ROTATION_GRACE = dt.timedelta(hours=24)
# The sweep sends at most this many at a time, several at once: a slow receiver takes the
# full time limit of core.outbound, and the batch must end well within the task timeout.
SWEEP_BATCH = 32
SEND_THREADS = 8
RESPONSE_BYTES = 1024  # what is read of an answer; only its status matters

# The namespace of event ids: uuid5 of the event and its object, the same on every telling.
EVENT_NAMESPACE = uuid.UUID("8a0f4c52-21a2-5b1e-9d0e-7b3c2f1e5a61")

# Where the API has what an event names: a person, and the completions, acknowledgements and
# assignments of a course, guideline or mission (tests/integrations call each of these).
API_PATHS = {
    "person": "/api/v1/people/{id}",
    "course": "/api/v1/completions?course={id}",
    "guideline": "/api/v1/acknowledgements?guideline={id}",
    "mission": "/api/v1/assignments?mission={id}",
}

ERROR_SWITCHED_OFF = _("This subscription is switched off. Switch it on first.")
ERROR_NOT_FAILED = _("Only a failed delivery can be sent again.")
SUBJECT_SWITCHED_OFF = _("Webhook “%(name)s” was switched off")
BODY_GONE = _("The receiving system answered “410 Gone”: it wants no more deliveries.")
BODY_FAILING = _(
    "%(count)s deliveries in a row could not be delivered. Check the receiving system, then "
    "switch the subscription on again and send the failed deliveries again."
)


class WebhookError(Refusal):
    """What administrators cannot do with a subscription or delivery."""


# --- events into the outbox ----------------------------------------------------------------


def reference(kind: str, pk) -> dict:
    """An object of the platform as a payload holds it: its id and where the API has it."""
    found = {"id": pk if isinstance(pk, int) else str(pk)}
    if kind in API_PATHS:
        found["url"] = API_PATHS[kind].format(id=found["id"])
    return found


def event_id_for(event: str, key: str) -> uuid.UUID:
    return uuid.uuid5(EVENT_NAMESPACE, f"{event}:{key}")


def _moment(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def payload_of(*, event: str, event_id: uuid.UUID, occurred_at: dt.datetime, data: dict) -> dict:
    """A thin payload (Standard Webhooks shape): ids and API addresses, never names."""
    return {"type": event, "id": str(event_id), "timestamp": _moment(occurred_at), "data": data}


def webhook_event(*, event: str, key: str, occurred_at: dt.datetime, data: dict) -> list[int]:
    """Put one event in the outbox of each active subscription that wants it; its deliveries
    leave after the current transaction commits. Telling the same event again (the same
    `key`) adds nothing. Returns the ids of its deliveries waiting to be sent."""
    assert event in EVENTS, event
    subscriptions = [
        subscription
        for subscription in WebhookSubscription.objects.filter(active=True).only("events", "active")
        if subscription.wants(event)
    ]
    if not subscriptions:
        return []
    event_id = event_id_for(event, key)
    payload = payload_of(event=event, event_id=event_id, occurred_at=occurred_at, data=data)
    now = timezone.now()
    WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(
                subscription=subscription,
                event=event,
                event_id=event_id,
                payload=payload,
                next_attempt_at=now,
            )
            for subscription in subscriptions
        ],
        ignore_conflicts=True,
    )
    waiting = list(
        WebhookDelivery.objects.filter(
            event_id=event_id,
            subscription__in=subscriptions,
            status=WebhookDelivery.Status.PENDING,
            attempts=0,
        ).values_list("pk", flat=True)
    )
    for pk in waiting:
        enqueue_on_commit(DELIVER_TASK, pk)
    return waiting


# --- what administrators do ----------------------------------------------------------------


def webhook_subscription_create(
    *, name: str, url: str, events: list[str], created_by: User | None
) -> WebhookSubscription:
    """A new subscription with a fresh secret (the CMS shows it once)."""
    subscription = WebhookSubscription(name=name, url=url, events=events, created_by=created_by)
    subscription.full_clean()
    subscription.save()
    return subscription


@transaction.atomic
def webhook_secret_rotate(*, subscription: WebhookSubscription, by: User) -> WebhookSubscription:
    """A new secret at once; the old one still signs for ROTATION_GRACE, so the receiver
    can switch over without losing a delivery."""
    subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription.pk)
    subscription.previous_secret = subscription.secret
    subscription.previous_secret_until = timezone.now() + ROTATION_GRACE
    subscription.secret = new_secret()
    subscription.save(update_fields=["secret", "previous_secret", "previous_secret_until"])
    audit.record(subscription, "academy.webhook_secret_rotate", user=by)
    return subscription


def webhook_ping(*, subscription: WebhookSubscription) -> WebhookDelivery:
    """A test event ("ping") to this subscription alone, whatever events it wants."""
    if not subscription.active:
        raise WebhookError(ERROR_SWITCHED_OFF)
    now = timezone.now()
    event_id = uuid.uuid4()
    delivery = WebhookDelivery.objects.create(
        subscription=subscription,
        event=PING,
        event_id=event_id,
        payload=payload_of(
            event=PING,
            event_id=event_id,
            occurred_at=now,
            data={"subscription": {"id": subscription.pk}},
        ),
        next_attempt_at=now,
    )
    enqueue_on_commit(DELIVER_TASK, delivery.pk)
    return delivery


def webhook_delivery_retry(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a failed (or given-up) delivery again now: one more attempt. One that a worker
    is sending at this moment is left to it."""
    if not delivery.subscription.active:
        raise WebhookError(ERROR_SWITCHED_OFF)
    now = timezone.now()
    updated = (
        WebhookDelivery.objects.filter(
            pk=delivery.pk,
            status__in=(WebhookDelivery.Status.FAILED, WebhookDelivery.Status.GIVEN_UP),
        )
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - _lease()))
        .update(status=WebhookDelivery.Status.FAILED, next_attempt_at=now, claimed_at=None)
    )
    if not updated:
        raise WebhookError(ERROR_NOT_FAILED)
    enqueue_on_commit(DELIVER_TASK, delivery.pk)
    delivery.refresh_from_db()
    return delivery


def administrators() -> list[User]:
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=Role.ADMIN.value))
        .distinct()
    )


def webhook_subscription_switch_off(*, subscription_id: int, gone: bool) -> bool:
    """The platform switches a failing subscription off: an audit entry, and the
    administrators are told. False when it was off already."""
    now = timezone.now()
    with transaction.atomic():
        if not WebhookSubscription.objects.filter(pk=subscription_id, active=True).update(
            active=False, disabled_at=now
        ):
            return False
        subscription = WebhookSubscription.objects.get(pk=subscription_id)
        reason = "gone" if gone else "failing"
        audit.record(
            subscription,
            "academy.webhook_switch_off",
            reason=reason,
            failures_in_a_row=subscription.failures_in_a_row,
        )
        subject = lazy_text(SUBJECT_SWITCHED_OFF, name=subscription.name)
        body = BODY_GONE if gone else lazy_text(BODY_FAILING, count=subscription.failures_in_a_row)
        link = reverse("integrations_webhook_subscriptions:edit", args=[subscription.pk])
        for person in administrators():
            notify(
                recipient=person,
                kind="webhook_switched_off",
                key=f"webhook-off:{subscription.pk}:{int(now.timestamp())}",
                subject=subject,
                body=body,
                link=link,
            )
    logger.warning("Webhook subscription %s switched off (%s)", subscription_id, reason)
    return True


# --- sending -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """What one attempt came to."""

    status: int | None  # None: refused or unreachable
    error: str = ""
    retry_after: dt.timedelta | None = None


def _retry_after(value: str, now: dt.datetime) -> dt.timedelta | None:
    """A Retry-After in seconds or as an HTTP date; None when absent or unreadable."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        # Bounded before it becomes a time span: a receiver's 10**20 seconds must not crash
        # the sweep (OverflowError) and leave its batch unrecorded.
        if len(value) > 9:
            return MAX_RETRY_AFTER
        return min(dt.timedelta(seconds=int(value)), MAX_RETRY_AFTER)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:
        return None
    return max(moment - now, dt.timedelta(0))


def _attempt(delivery: WebhookDelivery, now: dt.datetime) -> Answer:
    """One signed POST; never raises (it runs in a worker thread, without the database)."""
    subscription = delivery.subscription
    body = body_of(delivery.payload)
    headers = signed_headers(
        subscription.signing_secrets(now),
        msg_id=str(delivery.event_id),
        timestamp=int(time.time()),
        body=body,
    )
    try:
        answered = outbound.post(
            subscription.url, body=body, headers=headers, max_bytes=RESPONSE_BYTES
        )
    except outbound.OutboundError as error:
        if error.args and error.args[0] is outbound.ERROR_ADDRESS:
            # Checked at save too; a name that resolves inside now is refused here.
            logger.warning(
                "Webhook %s not sent: subscription %s points to an internal address",
                delivery.pk,
                subscription.pk,
            )
            return Answer(None, "refused: the address leads to an internal network")
        if error.args and error.args[0] in (outbound.ERROR_MALFORMED, outbound.ERROR_SCHEME):
            return Answer(None, "refused: the address is not accepted")
        return Answer(None, "unreachable: no connection, TLS failure or timeout")
    except Exception:
        logger.exception("Webhook %s failed unexpectedly", delivery.pk)
        return Answer(None, "failed before an answer")
    status = answered.status
    if 200 <= status < 300:
        return Answer(status)
    if 300 <= status < 400:
        return Answer(status, f"HTTP {status}: redirects are not followed; update the address")
    retry_after = None
    if status in (429, 503):
        retry_after = _retry_after(answered.retry_after, now)
    return Answer(status, f"HTTP {status}", retry_after)


def backoff(attempts: int, retry_after: dt.timedelta | None = None) -> dt.timedelta:
    """The wait after `attempts` failed attempts, jittered; at least a Retry-After (bounded)."""
    base = BACKOFF_SECONDS[min(attempts, len(BACKOFF_SECONDS)) - 1]
    wait = dt.timedelta(seconds=base * (1 + random.uniform(0, JITTER)))  # noqa: S311
    if retry_after is not None:
        wait = max(wait, min(retry_after, MAX_RETRY_AFTER))
    return wait


def _settle(delivery: WebhookDelivery, answer: Answer, now: dt.datetime) -> None:
    delivery.claimed_at = None
    delivery.response_status = answer.status
    delivery.last_error = answer.error[:300]
    if answer.status is not None and 200 <= answer.status < 300:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
    elif answer.status == 410 or delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.GIVEN_UP
        delivery.next_attempt_at = None
    else:
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.next_attempt_at = now + backoff(delivery.attempts, answer.retry_after)


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.ACADEMY_OUTBOX_LEASE_SECONDS)


def _deliver(ids: list[int]) -> int:
    """Claim the due ones of `ids` in one UPDATE, send them (several at once), record what
    came of each in one UPDATE. Returns how many were delivered."""
    now = timezone.now()
    claimed = (
        WebhookDelivery.objects.due(now, _lease())
        .filter(pk__in=ids)
        .update(claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return 0
    rows = list(
        WebhookDelivery.objects.select_related("subscription").filter(pk__in=ids, claimed_at=now)
    )
    if len(rows) == 1:
        answers = [_attempt(rows[0], now)]
    else:
        with ThreadPoolExecutor(max_workers=min(SEND_THREADS, len(rows))) as pool:
            answers = list(pool.map(lambda row: _attempt(row, now), rows))
    done = timezone.now()
    for row, answer in zip(rows, answers, strict=True):
        _settle(row, answer, done)
    WebhookDelivery.objects.bulk_update(
        rows,
        [
            "status",
            "claimed_at",
            "next_attempt_at",
            "delivered_at",
            "response_status",
            "last_error",
        ],
    )
    _count_failures(rows)
    return sum(1 for row in rows if row.status == WebhookDelivery.Status.DELIVERED)


def _count_failures(rows: list[WebhookDelivery]) -> None:
    """A delivery that arrives resets its subscription's count of give-ups in a row; a give-up
    adds one. A 410 or too many switch the subscription off."""
    delivered = {
        row.subscription_id for row in rows if row.status == WebhookDelivery.Status.DELIVERED
    }
    given_up = Counter(
        row.subscription_id
        for row in rows
        if row.status == WebhookDelivery.Status.GIVEN_UP and row.subscription_id not in delivered
    )
    gone = {row.subscription_id for row in rows if row.response_status == 410}
    if delivered:
        WebhookSubscription.objects.filter(pk__in=delivered, failures_in_a_row__gt=0).update(
            failures_in_a_row=0
        )
    for subscription_id, count in given_up.items():
        WebhookSubscription.objects.filter(pk=subscription_id).update(
            failures_in_a_row=F("failures_in_a_row") + count
        )
    if not given_up and not gone:
        return
    failing = (
        WebhookSubscription.objects.filter(
            pk__in=list(given_up),
            active=True,
            failures_in_a_row__gte=GIVE_UPS_BEFORE_SWITCHING_OFF,
        ).values_list("pk", flat=True)
        if given_up
        else []
    )
    for subscription_id in {*failing, *gone}:
        webhook_subscription_switch_off(
            subscription_id=subscription_id, gone=subscription_id in gone
        )


def webhook_deliver(*, delivery_id: int) -> bool:
    """Send one delivery if it is due and nobody else is sending it."""
    return _deliver([delivery_id]) == 1


def webhooks_sweep(*, limit: int = SWEEP_BATCH) -> int:
    """Send what is due: retries, and what a lost or crashed task left. A fixed number of
    queries, however many are due."""
    ids = list(
        WebhookDelivery.objects.due(timezone.now(), _lease())
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    return _deliver(ids) if ids else 0
