"""A person's devices with push in their data export; erasing them forgets the devices."""

from django.contrib.auth.models import User

from ambassadors.erasure import register_eraser
from ambassadors.personal_data import register_section, rows

from ..models import PushSubscription


@register_section("push_devices")
def _devices(user: User) -> list[dict]:
    # The push address and keys are the browser's secrets for reaching it: not exported.
    return rows(
        PushSubscription.objects.filter(user=user),
        exclude=["user", "endpoint", "p256dh", "auth"],
    )


@register_eraser("integrations_push")
def _erase_devices(user: User) -> None:
    PushSubscription.objects.filter(user=user).delete()
