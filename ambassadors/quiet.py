"""Quiet hours: pure clock arithmetic in the site's time zone (`TIME_ZONE`).

Quiet hours are a (start, end) pair of local times; when start is after end they run over
midnight (20:00–08:00). A person's own quiet hours come from their profile; for what the
platform asks of them (the attention budget) the programme's default applies when they
have set none.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.utils import timezone

QuietHours = tuple[dt.time, dt.time]


def _has_quiet(hours: QuietHours | None) -> bool:
    return hours is not None and hours[0] != hours[1]


def is_quiet(moment: dt.datetime, hours: QuietHours | None) -> bool:
    """Whether `moment` falls inside the quiet hours (none: never)."""
    if not _has_quiet(hours):
        return False
    start, end = hours
    local = timezone.localtime(moment).time()
    if start < end:
        return start <= local < end
    return local >= start or local < end  # over midnight


def _next_local(moment: dt.datetime, at: dt.time) -> dt.datetime:
    """The first moment after `moment` at which the local clock reads `at`."""
    day = timezone.localtime(moment).date()
    candidate = timezone.make_aware(dt.datetime.combine(day, at))
    if candidate <= moment:
        candidate = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), at))
    return candidate


def quiet_end(moment: dt.datetime, hours: QuietHours | None) -> dt.datetime:
    """The first moment at or after `moment` outside the quiet hours."""
    if not is_quiet(moment, hours):
        return moment
    return _next_local(moment, hours[1])


@lru_cache(maxsize=64)
def _awake(
    start: dt.datetime, end: dt.datetime, hours: QuietHours | None
) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
    """The stretches between `start` and `end` outside the quiet hours (cached: a push to
    many people asks this for the same few quiet hours again and again)."""
    stretches = []
    moment = quiet_end(start, hours)
    while moment < end:
        stop = min(_next_local(moment, hours[0]), end) if _has_quiet(hours) else end
        stretches.append((moment, stop))
        moment = quiet_end(stop, hours)
    return tuple(stretches)


def awake_moment(
    *, start: dt.datetime, end: dt.datetime, fraction: float, hours: QuietHours | None
) -> dt.datetime:
    """The moment `fraction` of the way through the time between `start` and `end` that
    lies outside the quiet hours.

    Spreading people over a window this way keeps them apart: mapping them onto the whole
    window and then moving the ones in the night to the end of it would put everyone of
    those twelve hours on the same morning minute. When the window holds no waking time at
    all, the same length after the quiet hours end is used instead.
    """
    fraction = min(max(fraction, 0.0), 1.0)
    stretches = _awake(start, end, hours)
    total = sum((stop - begin for begin, stop in stretches), dt.timedelta())
    if not total:
        return quiet_end(quiet_end(start, hours) + (end - start) * fraction, hours)
    target = total * fraction
    for begin, stop in stretches:
        if target < stop - begin:
            return begin + target
        target -= stop - begin
    return stretches[-1][1] - dt.timedelta(seconds=1)
