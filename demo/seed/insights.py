"""Roll the demo organisation's last months up, so the dashboard has figures at once."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from insights import rollups

from .files import story


def seed() -> None:
    today = timezone.localdate()
    days = story()["insights"]["rollup_days"]
    rollups.rollup_range(first=today - dt.timedelta(days=days), last=today)
    rollups.snapshot_funnel(day=today)
    rollups.snapshot_desk(day=today)
