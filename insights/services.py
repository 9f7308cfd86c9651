"""The few writes of the insights app: a comms person's own summary subscription."""

from __future__ import annotations

from django.contrib.auth.models import User

from .models import SummarySubscription


def summary_subscription_set(*, user: User, subscribe: bool) -> None:
    """Switch the weekly summary e-mail on or off for `user` (idempotent)."""
    if subscribe:
        SummarySubscription.objects.get_or_create(user=user)
    else:
        SummarySubscription.objects.filter(user=user).delete()
