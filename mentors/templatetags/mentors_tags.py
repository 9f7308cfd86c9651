from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def duration_text(value: dt.timedelta | None) -> str:
    """A duration for people: "45 min", "3 h 10 min", "2 d 4 h"."""
    if value is None:
        return "—"
    minutes = max(int(value.total_seconds() // 60), 0)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return gettext("%(days)s d %(hours)s h") % {"days": days, "hours": hours}
    if hours:
        return gettext("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
    return gettext("%(minutes)s min") % {"minutes": minutes}
