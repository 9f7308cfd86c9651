"""Roll the demo organisation's last months up, so the dashboard has figures at once."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from . import rollups

DAYS = 120


def seed() -> None:
    today = timezone.localdate()
    rollups.rollup_range(today - dt.timedelta(days=DAYS), today)
    rollups.snapshot_funnel(today)
    rollups.snapshot_desk(today)
