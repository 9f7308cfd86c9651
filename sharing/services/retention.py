"""Retention: raw clicks past their period become one count per share and day."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, Q

from ..models import Click, ClickDay


def clicks_compact(*, before: dt.date, days_per_batch: int = 7) -> int:
    """Fold raw clicks of days before `before` into one row per share and day, then delete
    them. A batch of days is one transaction, so a stop half-way loses nothing and running
    again carries on where it stopped. Returns the number of raw clicks removed."""
    removed = 0
    while True:
        first = Click.objects.filter(day__lt=before).order_by("day").values_list("day", flat=True)
        first = first.first()
        if first is None:
            return removed
        last = min(first + dt.timedelta(days=days_per_batch), before)
        with transaction.atomic():
            window = Click.objects.filter(day__gte=first, day__lt=last)
            counts = {
                (row["share_id"], row["day"]): row
                for row in window.values("share_id", "day").annotate(
                    clicks=Count("pk", filter=Q(is_bot=False, is_burst=False)),
                    visitors=Count(
                        "visitor", filter=Q(is_bot=False, is_burst=False), distinct=True
                    ),
                    bot_clicks=Count("pk", filter=Q(is_bot=True)),
                    burst_clicks=Count("pk", filter=Q(is_bot=False, is_burst=True)),
                )
            }
            existing = {
                (row.share_id, row.day): row
                for row in ClickDay.objects.select_for_update().filter(day__gte=first, day__lt=last)
            }
            new = []
            for key, row in counts.items():
                day = existing.get(key) or ClickDay(share_id=key[0], day=key[1])
                day.clicks += row["clicks"]
                day.visitors += row["visitors"]
                day.bot_clicks += row["bot_clicks"]
                day.burst_clicks += row["burst_clicks"]
                if day.pk is None:
                    new.append(day)
                else:
                    day.save(update_fields=["clicks", "visitors", "bot_clicks", "burst_clicks"])
            ClickDay.objects.bulk_create(new, batch_size=2000)
            removed += window.delete()[0]
