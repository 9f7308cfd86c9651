"""Reads about a person: their language, their attention budget, their notifications."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from .models import Ambassador, Notification, ProgrammeSettings
from .quiet import QuietHours


def profile_of(user: User) -> Ambassador | None:
    """The person's profile, or None for someone who never had one (a CMS-only account)."""
    try:
        return user.ambassador
    except Ambassador.DoesNotExist:
        return None


def recipient_language(person: User | Ambassador) -> str:
    """The language everything we tell this person is written in: their profile's, or the site's.

    Takes the user or, when it is at hand already, their profile (no query).
    """
    ambassador = person if isinstance(person, Ambassador) else profile_of(person)
    language = ambassador.language if ambassador is not None else ""
    return language or settings.LANGUAGE_CODE


# --- the attention budget ------------------------------------------------------------------


def default_weekly_budget() -> int:
    return ProgrammeSettings.load().max_nudges_per_week


def programme_quiet_hours() -> QuietHours:
    """The programme's default quiet hours, for the nudges of people without their own."""
    return ProgrammeSettings.load().quiet_hours


def email_sender_name() -> str:
    """The name every e-mail comes from: the programme's setting, else the organisation's."""
    name = ProgrammeSettings.load().email_sender_name
    if not name:
        organisation = settings.ACADEMY_ORGANISATION_NAME
        name = (
            f"Ambassador Academy · {organisation}"
            if organisation and organisation != "Ambassador Academy"
            else "Ambassador Academy"
        )
    # One line whatever was stored or configured: it goes into the From header.
    return " ".join(name.split())


def weekly_budget(ambassador: Ambassador, default: int | None = None) -> int:
    """The person's nudges per week: the programme default, or lower if they chose so.

    Pass `default` (from `default_weekly_budget()`) when asking for many people at once.
    """
    default = default_weekly_budget() if default is None else default
    if ambassador.max_nudges_per_week is None:
        return default
    return min(default, ambassador.max_nudges_per_week)


def week_start(moment: dt.datetime) -> dt.datetime:
    """Monday 00:00 local time of the week that holds `moment`."""
    local = timezone.localtime(moment)
    monday = (local - dt.timedelta(days=local.weekday())).date()
    return timezone.make_aware(dt.datetime.combine(monday, dt.time.min))


def next_week_start(moment: dt.datetime) -> dt.datetime:
    local = timezone.localtime(week_start(moment)) + dt.timedelta(days=7, hours=12)
    return week_start(local)


@dataclass(frozen=True)
class BudgetStatus:
    used: int
    budget: int

    @property
    def remaining(self) -> int:
        return max(self.budget - self.used, 0)


def budget_status(*, ambassador: Ambassador, now: dt.datetime | None = None) -> BudgetStatus:
    """Nudges planned in the current week against the person's budget."""
    start = week_start(now or timezone.now())
    used = (
        Notification.objects.nudges()
        .filter(
            recipient_id=ambassador.user_id,
            visible_from__gte=start,
            visible_from__lt=next_week_start(start),
        )
        .count()
    )
    return BudgetStatus(used=used, budget=weekly_budget(ambassador))


def weekly_budget_expression(
    field: str = "max_nudges_per_week", default: int | None = None
) -> Case:
    """`weekly_budget()` as a database expression over a person's own limit at `field` (a
    path to `Ambassador.max_nudges_per_week`), for queries over many people at once.

    Made by asking `weekly_budget()` itself for each own limit in use (one query; there are
    only a handful), so the expression cannot drift from the rule the planner keeps.
    """
    default = default_weekly_budget() if default is None else default
    own_limits = (
        Ambassador.objects.exclude(max_nudges_per_week=None)
        .order_by()
        .values_list("max_nudges_per_week", flat=True)
        .distinct()
    )
    return Case(
        *[
            When(
                **{field: own},
                then=Value(weekly_budget(Ambassador(max_nudges_per_week=own), default)),
            )
            for own in own_limits
        ],
        default=Value(weekly_budget(Ambassador(max_nudges_per_week=None), default)),
        output_field=IntegerField(),
    )


def full_budgets_by_week(weeks: list[dt.datetime]) -> dict[dt.datetime, int]:
    """Per week (each a Monday 00:00 local, see `week_start()`), how many people taking part
    have no budget left that week: as many nudges planned or sent in it as their weekly
    budget, the rule `budget_status()` shows each person. A fixed number of queries: the
    people are counted by the database, not in Python.
    """
    if not weeks:
        return {}
    bounds = [(start, next_week_start(start)) for start in weeks]
    week = Case(
        *[
            When(visible_from__gte=start, visible_from__lt=end, then=Value(index))
            for index, (start, end) in enumerate(bounds)
        ],
        default=Value(-1),
        output_field=IntegerField(),
    )
    own_limit = "recipient__ambassador__max_nudges_per_week"
    full = (
        Notification.objects.nudges()
        .filter(
            visible_from__gte=min(start for start, _end in bounds),
            visible_from__lt=max(end for _start, end in bounds),
            recipient__ambassador__status=Ambassador.Status.ACTIVE,
        )
        .annotate(week=week)
        .values("week", "recipient_id", own_limit)
        .annotate(used=Count("id"), budget=weekly_budget_expression(own_limit))
        .filter(used__gte=F("budget"))
        .order_by()
    )
    inner, params = full.query.sql_with_params()
    with connection.cursor() as cursor:
        # The inner query is the ORM's own SQL with its parameters kept apart.
        cursor.execute(
            f"SELECT week, COUNT(*) FROM ({inner}) full_budgets GROUP BY week",  # noqa: S608
            params,
        )
        counts = dict(cursor.fetchall())
    return {start: counts.get(index, 0) for index, start in enumerate(weeks)}


# --- notifications -------------------------------------------------------------------------

# What the in-app list needs of a notification; its text is chosen per language when shown.
SHOWN_FIELDS = ("pk", "kind", "subject", "body", "texts", "visible_from", "read_at", "link")

# Kinds that cannot wait (an urgent mediation request, its escalation): registered by the
# apps that make them (from their AppConfig.ready(); ambassadors imports no other app).
_urgent_kinds: set[str] = set()


def notification_kinds_urgent(*kinds: str) -> None:
    """Mark notifications of `kinds` as urgent: first in every list while unread, and marked."""
    _urgent_kinds.update(kinds)


def urgent_first(notifications: QuerySet[Notification], *by: str) -> QuerySet[Notification]:
    """`notifications` with urgent ones not read yet first, then ordered `by`; each with
    `is_urgent`. (An urgent one, once read, takes its place by date again: it is not stuck
    on top for ever.) Every list of notifications orders through this."""
    urgent = Q(kind__in=sorted(_urgent_kinds))
    return notifications.annotate(
        is_urgent=Case(When(urgent, then=Value(True)), default=Value(False)),
        urgent_rank=Case(When(urgent & Q(read_at__isnull=True), then=Value(0)), default=Value(1)),
    ).order_by("urgent_rank", *by)


def notifications_shown(*, user: User) -> QuerySet[Notification]:
    """The person's notifications that show in-app now: urgent unread ones first, then
    newest first."""
    shown = Notification.objects.visible().filter(recipient=user).only(*SHOWN_FIELDS)
    return urgent_first(shown, "-visible_from", "-pk")
