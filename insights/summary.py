"""The weekly summary for comms staff who asked for it."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import get_language, gettext, gettext_lazy

from ambassadors.services import notify

from .dashboard import Filters
from .models import SummarySubscription
from .tables import build


def summary_text(filters: Filters) -> str:
    built = build(filters)
    headline = built["headline"]
    learning = dict(built["tables"]["learning"].rows)
    lines = [
        gettext("People taking part: %(n)s") % {"n": headline.get("joined", "—")},
        gettext("Shares: %(n)s, unique clicks: %(c)s")
        % {"n": headline.get("shares", 0), "c": headline.get("unique_clicks", 0)},
        gettext("Earned media value (estimate): %(currency)s %(value)s")
        % {"currency": headline["currency"], "value": headline.get("emv", 0)},
        gettext("Courses completed: %(n)s") % {"n": learning.get(gettext("Courses completed"), 0)},
    ]
    for label, value in built["tables"]["attention"].rows[:3]:
        lines.append(f"{label}: {value if value is not None else '—'}")
    return "\n".join(str(line) for line in lines)


def _summary_in_active_language(filters: Filters, written: dict[str, str]) -> str:
    language = get_language()
    if language not in written:
        written[language] = summary_text(filters)
    return written[language]


def lazy_summary_text(filters: Filters) -> Promise:
    """The summary as lazy text: built once per language, whoever it is for."""
    return lazy(_summary_in_active_language, str)(filters, {})


def summaries_send(*, today: dt.date | None = None) -> int:
    """One summary of the last seven rolled-up days per subscriber, once per date."""
    today = today or timezone.localdate()
    filters = Filters(start=today - dt.timedelta(days=6), end=today, days="7")
    # The same figures for everyone, shown in each reader's language when delivered.
    body = lazy_summary_text(filters)
    sent = 0
    subscribers = User.objects.filter(
        pk__in=SummarySubscription.objects.values("user_id")
    ).select_related("ambassador")
    for user in subscribers:
        notify(
            recipient=user,
            kind="insights_summary",
            key=f"insights-summary:{user.pk}:{today:%Y-%m-%d}",
            subject=gettext_lazy("Ambassador Academy this week"),
            body=body,
            link=reverse("insights:dashboard"),
        )
        sent += 1
    return sent
