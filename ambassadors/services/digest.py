"""The weekly digest: one e-mail with the week's unread news, for those who chose it."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext_lazy

from core.queue import in_batches

from ..models import Ambassador, Notification
from ..selectors import recipient_language, urgent_first
from .notifications import enqueue_delivery, written

DIGEST_LENGTH = 20


def _digest_lines(items: list[Notification]) -> str:
    """The subjects of `items`, each in the language active now."""
    language = get_language()
    return "\n".join(f"- {item.text_in(language).subject}" for item in items)


_lazy_digest_lines = lazy(_digest_lines, str)


def weekly_digest_send(*, now: dt.datetime | None = None) -> int:
    """One summary e-mail per person who chose the weekly digest and has unread news."""
    now = now or timezone.now()
    year, week, _weekday = timezone.localtime(now).isocalendar()
    since = now - dt.timedelta(days=7)
    created = 0
    people = (
        Ambassador.objects.participating()
        .filter(weekly_digest=True, channels_paused=False)
        .select_related("user")
    )
    for ambassador in in_batches(people):
        key = f"digest:{ambassador.user_id}:{year}-W{week:02d}"
        if Notification.objects.filter(idempotency_key=key).exists():
            continue
        unread = list(
            urgent_first(
                Notification.objects.visible(now)
                .unread()
                .filter(recipient_id=ambassador.user_id, visible_from__gte=since)
                .exclude(kind="digest"),
                "visible_from",
            )[:DIGEST_LENGTH]
        )
        if not unread:
            continue
        notification = Notification.objects.create(
            recipient=ambassador.user,
            kind="digest",
            idempotency_key=key,
            **written(
                subject=gettext_lazy("Your week at Ambassador Academy"),
                body=_lazy_digest_lines(unread),
                language=recipient_language(ambassador),
            ),
            link=reverse("ambassadors:notifications"),
            show_in_app=False,
            visible_from=now,
            email_after=ambassador.end_of_quiet_hours(now),
        )
        created += 1
        enqueue_delivery(notification)
    return created
