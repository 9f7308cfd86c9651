"""django-q2 tasks for insights: idempotent (a day rolled up again replaces its rows)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from . import rollups

REBUILD_DAYS = 3


def rollup_today() -> float:
    """Incremental (every 15 minutes): today's figures and this week's and month's actives."""
    return rollups.refresh(timezone.localdate())


def rollup_nightly() -> float:
    """Nightly: rebuild the last days completely (late clicks, reviews, corrections)."""
    today = timezone.localdate()
    seconds = rollups.rollup_range(today - dt.timedelta(days=REBUILD_DAYS), today)
    rollups.snapshot_funnel(today)
    rollups.snapshot_desk(today)
    return seconds


def weekly_summary() -> int:
    """Weekly (Monday morning): the summary for comms staff who asked for it."""
    from .summary import summaries_send

    return summaries_send()
