"""Business-time arithmetic for SLA targets: opening hours per weekday and holidays.

`Calendar.add(start, minutes)` is the moment `minutes` of business time after `start`;
`Calendar.minutes_between(start, end)` the business minutes in between. A calendar without
opening hours, and the around-the-clock calendar (mediation), count every minute.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

MAX_DAYS = 800  # beyond two years of closed days something is misconfigured


@dataclass
class Calendar:
    hours: dict[int, tuple[dt.time, dt.time]] = field(default_factory=dict)
    holidays: set[dt.date] = field(default_factory=set)

    @classmethod
    def load(cls) -> Calendar:
        from .models import Holiday, OpeningHours

        return cls(
            hours={row.weekday: (row.opens, row.closes) for row in OpeningHours.objects.all()},
            holidays=set(Holiday.objects.values_list("date", flat=True)),
        )

    @classmethod
    def around_the_clock(cls) -> Calendar:
        return cls()

    @property
    def always_open(self) -> bool:
        return not self.hours

    def _window(self, day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        if day in self.holidays or day.weekday() not in self.hours:
            return None
        opens, closes = self.hours[day.weekday()]
        return (
            timezone.make_aware(dt.datetime.combine(day, opens)),
            timezone.make_aware(dt.datetime.combine(day, closes)),
        )

    def add(self, start: dt.datetime, minutes: float) -> dt.datetime:
        """The moment after `minutes` of business time from `start`."""
        if self.always_open:
            return start + dt.timedelta(minutes=minutes)
        remaining = dt.timedelta(minutes=minutes)
        day = timezone.localtime(start).date()
        for _ in range(MAX_DAYS):
            window = self._window(day)
            if window is not None:
                cursor = max(start, window[0])
                if cursor < window[1]:
                    available = window[1] - cursor
                    if remaining <= available:
                        return cursor + remaining
                    remaining -= available
            day += dt.timedelta(days=1)
        return start + dt.timedelta(minutes=minutes)

    def minutes_between(self, start: dt.datetime, end: dt.datetime) -> float:
        """Business minutes from `start` to `end` (0 when end is not after start)."""
        if end <= start:
            return 0.0
        if self.always_open:
            return (end - start).total_seconds() / 60
        total = dt.timedelta()
        day = timezone.localtime(start).date()
        last = timezone.localtime(end).date()
        while day <= last:
            window = self._window(day)
            if window is not None:
                low, high = max(start, window[0]), min(end, window[1])
                if high > low:
                    total += high - low
            day += dt.timedelta(days=1)
        return total.total_seconds() / 60
