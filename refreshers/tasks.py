"""django-q2 tasks for refreshers: thin and idempotent."""

from __future__ import annotations

from . import services


def daily() -> int:
    """Daily: drop schedules whose lesson is gone, then plan this week's reminders (once per
    person per week: the nudge's key)."""
    services.orphans_drop()
    return services.reminders_plan()
