"""The calendar of attention for comms staff: per day of a week or a month, the pushes and
campaigns that start and the nudges planned (suggestions, mission offers, reminders), and
per week how many people have no attention budget left.

Days and weeks are the site's (`TIME_ZONE`), weeks start on Monday. A fixed number of
queries whatever the data size: the nudges are counted by the database per day and kind,
the full budgets per week by `ambassadors.selectors.full_budgets_by_week` (the rule each
person's budget shows), never person by person in Python. Every figure about people keeps
the rule of five (`dashboard.people`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from ambassadors.models import Notification
from ambassadors.selectors import full_budgets_by_week
from missions.models import Campaign
from refreshers.services import REMINDER_KIND as REFRESHER_REMINDER
from sharing.models import Push

from .dashboard import people

WEEK, MONTH = "week", "month"
# Nudge kinds by what the calendar calls them; any other kind counts as "other".
KIND_GROUPS = {
    "share_suggestion": "suggestions",
    "mission_offer": "offers",
    "mission_reminder": "reminders",
    "miss_you": "reminders",
    REFRESHER_REMINDER: "reminders",
}
GROUPS = ("suggestions", "offers", "reminders", "other")


@dataclass
class PushEntry:
    push: Push
    segment: int | str


@dataclass
class Day:
    date: dt.date
    in_period: bool
    is_today: bool
    pushes: list[PushEntry] = field(default_factory=list)
    campaigns: list[Campaign] = field(default_factory=list)
    nudges: dict[str, int] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int | str]:
        """Nudges per group as they may be shown (rule of five), only the groups with some."""
        return {group: people(self.nudges[group]) for group in GROUPS if self.nudges.get(group)}

    @property
    def is_empty(self) -> bool:
        return not (self.pushes or self.campaigns or any(self.nudges.values()))


@dataclass
class Week:
    start: dt.date
    days: list[Day]
    full_budgets: int | str

    @property
    def number(self) -> int:
        return self.start.isocalendar().week


@dataclass
class Calendar:
    view: str
    first: dt.date  # the first day of the week, or the first of the month
    weeks: list[Week]
    previous: dt.date
    next: dt.date
    today: dt.date


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def period_of(view: str, day: dt.date) -> tuple[dt.date, list[dt.date], dt.date, dt.date]:
    """The first day, the Mondays of the weeks shown, and the first day of the previous and
    next period, for the week or the month that holds `day`."""
    if view == MONTH:
        first = day.replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        previous = (first - dt.timedelta(days=1)).replace(day=1)
        monday = first - dt.timedelta(days=first.weekday())
        mondays = []
        while monday < following:
            mondays.append(monday)
            monday += dt.timedelta(days=7)
        return first, mondays, previous, following
    first = day - dt.timedelta(days=day.weekday())
    return first, [first], first - dt.timedelta(days=7), first + dt.timedelta(days=7)


def calendar(*, view: str, day: dt.date) -> Calendar:
    """What is planned in the week or month that holds `day` (in the site's time zone)."""
    first, mondays, previous, following = period_of(view, day)
    today = timezone.localdate()
    start = _local_midnight(mondays[0])
    end = _local_midnight(mondays[-1] + dt.timedelta(days=7))
    by_date: dict[dt.date, Day] = {}
    weeks = []
    full = full_budgets_by_week([_local_midnight(monday) for monday in mondays])
    for monday in mondays:
        days = []
        for offset in range(7):
            date = monday + dt.timedelta(days=offset)
            in_period = view == WEEK or date.month == first.month
            days.append(Day(date=date, in_period=in_period, is_today=date == today))
            by_date[date] = days[-1]
        weeks.append(
            Week(start=monday, days=days, full_budgets=people(full[_local_midnight(monday)]))
        )
    # Days as index numbers by their local bounds (DST included): compared in the database,
    # not converted row by row (SQLite converts time zones through a Python function).
    dates = list(by_date)
    day_index = Case(
        *[
            When(visible_from__lt=_local_midnight(date + dt.timedelta(days=1)), then=Value(index))
            for index, date in enumerate(dates)
        ],
        default=Value(-1),
        output_field=IntegerField(),
    )
    nudges = (
        Notification.objects.nudges()
        .filter(visible_from__gte=start, visible_from__lt=end)
        .annotate(day=day_index)
        .values("day", "kind")
        .annotate(count=Count("id"))
        .order_by()
    )
    for row in nudges:
        if 0 <= row["day"] < len(dates):
            group = KIND_GROUPS.get(row["kind"], "other")
            shown = by_date[dates[row["day"]]]
            shown.nudges[group] = shown.nudges.get(group, 0) + row["count"]
    pushes = (
        Push.objects.alias(starts=Coalesce("planned_at", "created_at"))
        .filter(starts__gte=start, starts__lt=end)
        .select_related("item")
        .order_by("created_at")
    )
    for push in pushes:
        shown = by_date.get(timezone.localdate(push.planned_at or push.created_at))
        if shown is not None:
            segment = push.segment_size if push.planned_at else None
            shown.pushes.append(PushEntry(push=push, segment=people(segment)))
    campaigns = Campaign.objects.filter(starts_at__gte=start, starts_at__lt=end).order_by(
        "starts_at"
    )
    for campaign in campaigns:
        shown = by_date.get(timezone.localdate(campaign.starts_at))
        if shown is not None:
            shown.campaigns.append(campaign)
    return Calendar(
        view=view, first=first, weeks=weeks, previous=previous, next=following, today=today
    )
