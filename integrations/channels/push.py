"""Web push as a channel of the outbox: every browser a person turned push on in.

Each delivery becomes one message per device: JSON {title, body, url, tag} in the
recipient's language, encrypted for that browser (RFC 8291, aes128gcm, through pywebpush's
`WebPusher.encode`), signed for its push service (VAPID, RFC 8292) and POSTed through
`core.outbound.post`: the push service's address came from a browser, so only public
addresses are contacted (never pywebpush's `webpush()`, which would go around that check).

Per delivery: sent when any device took it (2xx); when none did and a push service was busy
or unreachable (429, 5xx), tried again later, after its Retry-After (the devices that took
it are never sent it twice, because it is not retried once one did); otherwise failed, and
the notification stays in-app.

Writes: `send()` is the one sender that writes, after sending and in two queries for the
whole batch, because the push service's answer is about the device, not the delivery: the
subscriptions a push service called gone (404, 410) are deleted (RFC 8030: the browser
dropped them, so they never can be used again), and the devices that took a message get
their `last_sent_at`. Both are idempotent, so a crash between them and the outbox's own
settling loses nothing and sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from pywebpush import WebPusher

from core import outbound

from ..models import ChannelDelivery, PushSubscription
from ..webpush import keys
from . import base

logger = logging.getLogger(__name__)

CODE = "push"
# As long as the outbox still finds the message worth sending (outbox.STALE_AFTER).
TTL_SECONDS = 24 * 60 * 60
MAX_BODY_CHARACTERS = 600  # the encrypted message must stay under 4 kB (RFC 8030)
RETRY_DEFAULT = dt.timedelta(minutes=1)
RETRY_MAX = dt.timedelta(hours=6)

FAILED_NO_DEVICE = "no device with push turned on"
FAILED_EXPIRED = "the device's push subscription expired (removed)"
FAILED_REFUSED = "the push service refused the message (%(status)s)"
FAILED_ADDRESS = "the push service's address is refused: %(error)s"
RETRY_BUSY = "the push service is busy or down (%(status)s)"
RETRY_UNREACHABLE = "the push service could not be reached"

GONE = {404, 410}
BUSY = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Message:
    """What the service worker shows (static/js/sw.js reads these keys)."""

    title: str
    body: str
    url: str
    tag: str

    def payload(self) -> bytes:
        return json.dumps(
            {"title": self.title, "body": self.body, "url": self.url, "tag": self.tag},
            ensure_ascii=False,
        ).encode()


@dataclass(frozen=True)
class Answer:
    """What one push service said about one device."""

    sent: bool = False
    gone: bool = False
    retry_after: dt.timedelta | None = None
    error: str = ""


def absolute(path: str) -> str:
    return settings.SITE_URL + (path if path.startswith("/") else "/" + path)


def message_for(notification, language: str) -> Message:
    text = notification.text_in(language)
    body = text.body if len(text.body) <= MAX_BODY_CHARACTERS else text.body[:599] + "…"
    return Message(
        title=text.subject[:200],
        body=body,
        url=absolute(text.link or reverse("ambassadors:notifications")),
        tag=f"notification-{notification.pk}",
    )


def _retry_after(header: str) -> dt.timedelta:
    try:
        seconds = int(header.strip())
    except (ValueError, AttributeError):
        return RETRY_DEFAULT
    return min(max(dt.timedelta(seconds=seconds), RETRY_DEFAULT), RETRY_MAX)


def push_one(subscription: PushSubscription, message: Message, *, urgency: str = "normal"):
    """Encrypt `message` for one browser and hand it to its push service."""
    pusher = WebPusher(
        {
            "endpoint": subscription.endpoint,
            "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
        }
    )
    encoded = pusher.encode(message.payload(), "aes128gcm")
    headers = {
        "Authorization": keys.authorization(subscription.endpoint),
        "Content-Encoding": "aes128gcm",
        "Content-Type": "application/octet-stream",
        "TTL": str(TTL_SECONDS),
        "Urgency": urgency,
    }
    try:
        answered = outbound.post(
            subscription.endpoint, body=encoded["body"], headers=headers, max_bytes=4000
        )
    except outbound.OutboundError as error:
        reason = str(error.args[0]) if error.args else ""
        if reason == str(outbound.ERROR_UNREACHABLE):
            return Answer(retry_after=RETRY_DEFAULT, error=RETRY_UNREACHABLE)
        return Answer(error=FAILED_ADDRESS % {"error": reason})
    if 200 <= answered.status < 300:
        return Answer(sent=True)
    if answered.status in GONE:
        return Answer(gone=True, error=FAILED_EXPIRED)
    if answered.status in BUSY:
        return Answer(
            retry_after=_retry_after(answered.retry_after),
            error=RETRY_BUSY % {"status": answered.status},
        )
    return Answer(error=FAILED_REFUSED % {"status": answered.status})


def _outcome(answers: list[Answer]) -> base.Outcome:
    if not answers:
        return base.failed(FAILED_NO_DEVICE)
    sent = sum(answer.sent for answer in answers)
    gone = sum(answer.gone for answer in answers)
    if sent:
        return base.Outcome(sent=True, reference={"devices": sent, "expired": gone})
    waits = [answer.retry_after for answer in answers if answer.retry_after is not None]
    errors = "; ".join(sorted({answer.error for answer in answers}))
    if waits:
        return base.retry(errors, max(waits))
    outcome = base.failed(errors)
    return base.Outcome(sent=False, error=outcome.error, reference={"expired": gone})


def _record(answered: list[tuple[PushSubscription, Answer]]) -> None:
    """What the push services said about the devices: gone ones deleted, the rest dated."""
    gone = [subscription.pk for subscription, answer in answered if answer.gone]
    took = [subscription.pk for subscription, answer in answered if answer.sent]
    with transaction.atomic():
        if gone:
            PushSubscription.objects.filter(pk__in=gone).delete()
        if took:
            PushSubscription.objects.filter(pk__in=took).update(last_sent_at=timezone.now())


def devices_push(subscriptions: list[PushSubscription], message: Message) -> list[Answer]:
    """Send one message to these devices now (the test button); records what came of it."""
    answered = [(subscription, push_one(subscription, message)) for subscription in subscriptions]
    _record(answered)
    return [answer for _subscription, answer in answered]


class PushSender:
    code = CODE

    def available(self) -> bool:
        return keys.available()

    def reachable(self, user_ids: Iterable[int]) -> set[int]:
        return set(
            PushSubscription.objects.filter(user_id__in=list(user_ids))
            .values_list("user_id", flat=True)
            .distinct()
        )

    def send(self, deliveries: list[ChannelDelivery]) -> list[base.Outcome]:
        devices: dict[int, list[PushSubscription]] = defaultdict(list)
        for subscription in PushSubscription.objects.filter(
            user_id__in={row.notification.recipient_id for row in deliveries}
        ).order_by("pk"):
            devices[subscription.user_id].append(subscription)
        outcomes = []
        answered: list[tuple[PushSubscription, Answer]] = []
        gone: set[int] = set()
        for row in deliveries:
            notification = row.notification
            person = getattr(notification.recipient, "ambassador", None)
            language = person.language if person is not None else settings.LANGUAGE_CODE
            try:
                message = message_for(notification, language)
                answers = []
                for subscription in devices.get(notification.recipient_id, []):
                    if subscription.pk in gone:  # said gone for an earlier one of the batch
                        continue
                    answer = push_one(subscription, message)
                    answers.append(answer)
                    answered.append((subscription, answer))
                    if answer.gone:
                        gone.add(subscription.pk)
                outcomes.append(_outcome(answers))
            except Exception as exc:  # one bad delivery is never the batch's
                logger.exception("Push delivery %s failed", row.pk)
                outcomes.append(base.retry(f"{type(exc).__name__}: {exc}", RETRY_DEFAULT))
        _record(answered)
        return outcomes


sender = PushSender()


def register() -> None:
    """The sender for the outbox, and the Push column of the profile's channel table."""
    from django.utils.translation import gettext_lazy

    from ambassadors.channels import ChannelOffer, channel_offer

    base.sender_register(sender)
    channel_offer(
        ChannelOffer(
            code=CODE,
            label=gettext_lazy("Push"),
            available=keys.available,
            reaches=lambda user: user.push_subscriptions.exists(),
            manage_url_name="integrations:push_devices",
            manage_label=gettext_lazy("Your devices"),
        )
    )
