"""Turning push on and off per device, and the test message."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import Refusal
from core.queue import enqueue_on_commit

from ..models import PushSubscription
from . import keys

ERROR_NOT_SET_UP = gettext_lazy("Push notifications are not set up for this organisation.")
ERROR_NO_DEVICE = gettext_lazy("Turn on push on this device first.")


@transaction.atomic
def push_subscription_save(
    *, user: User, endpoint: str, p256dh: str, auth: str, label: str
) -> PushSubscription:
    """Store the browser's subscription for `user`; a browser that was someone else's (a
    shared device) becomes theirs, with the new keys."""
    if not keys.available():
        raise Refusal(ERROR_NOT_SET_UP)
    subscription, _created = PushSubscription.objects.update_or_create(
        endpoint=endpoint,
        defaults={"user": user, "p256dh": p256dh, "auth": auth, "label": label[:80]},
    )
    return subscription


@transaction.atomic
def push_subscription_remove(*, subscription: PushSubscription) -> None:
    """Forget one device; after the last one, what waits for push stays in-app only."""
    from ..channels import outbox
    from ..channels.push import CODE

    user_id = subscription.user_id
    subscription.delete()
    if not PushSubscription.objects.filter(user_id=user_id).exists():
        outbox.deliveries_forget(user_id=user_id, channel=CODE)


def push_test_request(*, user: User) -> None:
    """Ask for a test message on every device of `user` (sent by a task, not the request)."""
    if not keys.available():
        raise Refusal(ERROR_NOT_SET_UP)
    if not PushSubscription.objects.filter(user=user).exists():
        raise Refusal(ERROR_NO_DEVICE)
    enqueue_on_commit("integrations.tasks.push_test_send", user.pk)


def push_test_send(*, user_id: int) -> int:
    """Send the test message to every device of the person now; how many took it."""
    from ambassadors.models import Ambassador

    from ..channels.push import Message, absolute, devices_push

    subscriptions = list(PushSubscription.objects.filter(user_id=user_id).order_by("pk"))
    if not subscriptions or not keys.available():
        return 0
    language = (
        Ambassador.objects.filter(user_id=user_id).values_list("language", flat=True).first()
        or "nl"
    )
    with translation.override(language):
        message = Message(
            title=_("Push works on this device"),
            body=_("This is how messages from Ambassador Academy will reach you here."),
            url=absolute(reverse("integrations:push_devices")),
            tag="push-test",
        )
    answers = devices_push(subscriptions, message)
    return sum(answer.sent for answer in answers)
