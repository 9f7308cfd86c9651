"""The dashboard's figures, read from the rollup tables with a fixed number of queries.

Privacy: figures about groups of people are shown only when the group has at least five
people; a smaller count is shown as "fewer than 5" (see `people`). Person-level sections are
withheld altogether when fewer than five people taking part match the filters, or when a
wider view (the same filters with one or more left out) differs from this one by fewer than
five: subtracting the two would show that small group's figures (see `withhold_reason`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ambassadors.models import (
    MINIMUM_GROUP,
    Department,
    Language,
    Network,
    Stage,
    Topic,
    suppressed_parts,
)

from . import cache
from .forms import InsightFilterForm
from .models import (
    ActivePeriod,
    ActivityDaily,
    ContentDaily,
    DeskDaily,
    DeskSnapshot,
    DismissalReasonDaily,
    FunnelSnapshot,
    InsightSettings,
    MissionDaily,
    RollupRun,
    SharingDaily,
    TopicSharingDaily,
)
from .rollups import WINDOWS

# The periods the filter offers are the windows the rollups precompute.
PERIODS = {str(days): days for days in WINDOWS}


class Withheld(str):
    """A count of people too small to show: it reads "fewer than 5" on the page and in the
    CSV files, and the API tells it apart from text to give no number at all."""


def people(count: int | None) -> int | str | None:
    """A count of people as it may be shown: below five (but not zero) it is withheld."""
    if count is None:
        return None
    if 0 < count < MINIMUM_GROUP:
        return Withheld(_("fewer than 5"))
    return count


@dataclass
class Filters:
    start: dt.date
    end: dt.date
    department: int | None = None
    stage: int | None = None
    language: str = ""
    network: str = ""
    topic: int | None = None
    days: str = "90"

    @classmethod
    def from_query(cls, query) -> Filters:
        """The filters in an address (a dict or `request.GET`), read by the filter form."""
        return cls.from_form(filter_form(query))

    @classmethod
    def from_form(cls, form) -> Filters:
        values = form.values
        days = values["days"]
        end = timezone.localdate()
        start = end - dt.timedelta(days=PERIODS[days] - 1)
        return cls(
            start=start,
            end=end,
            department=values["department"],
            stage=values["stage"],
            language=values["language"],
            network=values["network"],
            topic=values["topic"],
            days=days,
        )

    def group_q(self, prefix: str = "") -> Q:
        q = Q()
        if self.department:
            q &= Q(**{f"{prefix}department_id": self.department})
        if self.stage:
            q &= Q(**{f"{prefix}stage": self.stage})
        if self.language:
            q &= Q(**{f"{prefix}language": self.language})
        return q

    def days_q(self) -> Q:
        """The precomputed sums over the chosen period (see rollups.rebuild_windows)."""
        return Q(window=PERIODS[self.days])

    def query_string(self) -> str:
        parts = {
            "days": self.days,
            "department": self.department or "",
            "stage": self.stage or "",
            "language": self.language,
            "network": self.network,
            "topic": self.topic or "",
        }
        return "&".join(f"{key}={value}" for key, value in parts.items())


def _sum(queryset, *fields):
    result = queryset.aggregate(**{field: Sum(field) for field in fields})
    return {field: result[field] or 0 for field in fields}


WITHHELD_SMALL = "small"
WITHHELD_DIFFERENCE = "difference"


def withhold_reason(filters: Filters) -> str:
    """Why the person-level figures of this view must not be shown ("" when they may be).

    Counts people taking part (not invited employees) in the latest snapshot, read once: the
    filtered group, and every wider view made by leaving out some of its people filters."""
    active = {
        name: value
        for name, value in (
            ("department_id", filters.department),
            ("stage", filters.stage),
            ("language", filters.language),
        )
        if value
    }
    latest = FunnelSnapshot.objects.filter(day__lte=filters.end).aggregate(day=Max("day"))["day"]
    cells = list(
        FunnelSnapshot.objects.filter(day=latest)
        .values_list("department_id", "stage", "language")
        .annotate(joined=Sum("joined"))
        .order_by()
    )

    def size(wanted: dict) -> int:
        return sum(
            joined
            for department_id, stage, language, joined in cells
            if all(
                {"department_id": department_id, "stage": stage, "language": language}[name]
                == value
                for name, value in wanted.items()
            )
        )

    group = size(active)
    if 0 < group < MINIMUM_GROUP:
        return WITHHELD_SMALL
    dimensions = ("department_id", "stage", "language")
    for kept in range(len(active)):
        for names in itertools.combinations(active, kept):
            parent = {name: active[name] for name in names}
            rest = size(parent) - group
            if 0 < rest < MINIMUM_GROUP:
                return WITHHELD_DIFFERENCE
            # Siblings: the wider view split by a filter this view adds. Shown siblings add
            # up to the wider view less the small ones, so with a small part the split also
            # hides the smallest others until what is hidden is five people or more.
            for name in active.keys() - set(names):
                index = dimensions.index(name)
                parts = {cell[index]: 0 for cell in cells}
                for other in parts:
                    parts[other] = size({**parent, name: other})
                if active[name] in suppressed_parts(parts):
                    return WITHHELD_DIFFERENCE
    return ""


def funnel(filters: Filters) -> dict:
    latest = FunnelSnapshot.objects.filter(day__lte=filters.end).aggregate(day=Max("day"))["day"]
    rows = FunnelSnapshot.objects.filter(filters.group_q(), day=latest)
    by_stage = {
        row["stage"]: row
        for row in rows.values("stage").annotate(
            employees=Sum("employees"),
            joined=Sum("joined"),
            paused=Sum("paused"),
            left=Sum("left"),
            current=Sum("guidelines_current"),
        )
    }
    employees = sum(row["employees"] for row in by_stage.values())
    joined = sum(row["joined"] for row in by_stage.values())
    steps = [
        (_("Employees"), employees),
        (_("Taking part"), joined),
        *[(str(stage.label), by_stage.get(stage, {}).get("joined", 0)) for stage in Stage],
    ]
    return {
        "day": latest,
        "employees": employees,
        "joined": joined,
        "steps": steps,
        "paused": sum(row["paused"] for row in by_stage.values()),
        "left": sum(row["left"] for row in by_stage.values()),
        "guidelines_current": sum(row["current"] for row in by_stage.values()),
    }


def activity(filters: Filters) -> dict:
    daily = ActivityDaily.objects.filter(filters.group_q(), filters.days_q())
    totals = _sum(
        daily,
        "lessons",
        "courses_started",
        "courses_completed",
        "quiz_attempts",
        "quiz_score_sum",
        "acknowledgements",
        "promoted",
        "moved_back",
        "nudges",
        "nudges_unread",
        "pauses",
        "leaves",
        "dismissals",
    )
    periods = {}
    for period in (ActivePeriod.Period.WEEK, ActivePeriod.Period.MONTH):
        periods[period] = list(
            ActivePeriod.objects.filter(
                filters.group_q(), period=period, day__gte=filters.start, day__lte=filters.end
            )
            .values("day")
            .annotate(active=Sum("active"), promoted=Sum("promoted"), moved_back=Sum("moved_back"))
            .order_by("day")
        )
    weekly_moves = {row["day"]: row for row in periods[ActivePeriod.Period.WEEK]}
    return {"totals": totals, "weekly": weekly_moves, "periods": periods}


def missions(filters: Filters) -> list[dict]:
    return list(
        MissionDaily.objects.filter(filters.group_q(), filters.days_q())
        .values("mission_stage", "kind")
        .annotate(
            offered=Sum("offered"),
            accepted=Sum("accepted"),
            submitted=Sum("submitted"),
            approved=Sum("approved"),
            rejected=Sum("rejected"),
            reviews=Sum("reviews"),
            review_hours=Sum("review_hours"),
        )
        .order_by("mission_stage", "kind")
    )


def sharing(filters: Filters, settings: InsightSettings) -> dict:
    table = TopicSharingDaily if filters.topic else SharingDaily
    rows = table.objects.filter(filters.group_q(), filters.days_q())
    if filters.topic:
        rows = rows.filter(topic_id=filters.topic)
    if filters.network:
        rows = rows.filter(network=filters.network)
    per_network = []
    totals = {"shares": 0, "own_words": 0, "clicks": 0, "unique_clicks": 0, "reach": 0}
    emv_clicks = emv_impressions = Decimal(0)
    for row in (
        rows.values("network")
        .annotate(
            shares=Sum("shares"),
            own_words=Sum("own_words"),
            clicks=Sum("clicks"),
            unique_clicks=Sum("unique_clicks"),
            reach=Sum("estimated_reach"),
        )
        .order_by("network")
    ):
        impressions = Decimal(row["reach"]) * settings.impressions_per_audience
        row["label"] = str(Network(row["network"]).label)
        row["per_share"] = row["unique_clicks"] / row["shares"] if row["shares"] else None
        row["emv_clicks"] = row["unique_clicks"] * settings.cpc(row["network"])
        row["impressions"] = impressions
        row["emv_impressions"] = impressions / 1000 * settings.cpm(row["network"])
        emv_clicks += row["emv_clicks"]
        emv_impressions += row["emv_impressions"]
        for key in totals:
            totals[key] += row[key]
        per_network.append(row)
    content = ContentDaily.objects.filter(filters.days_q())
    if filters.network:
        content = content.filter(network=filters.network)
    top = list(
        content.values("item_id", "item__title")
        .annotate(shares=Sum("shares"), unique_clicks=Sum("unique_clicks"))
        .order_by("-unique_clicks", "-shares")[:10]
    )
    reasons = list(
        DismissalReasonDaily.objects.filter(filters.days_q())
        .values("reason")
        .annotate(count=Sum("count"))
        .filter(count__gte=MINIMUM_GROUP)
        .order_by("-count")[:5]
    )
    return {
        "per_network": per_network,
        "totals": totals,
        "emv_clicks": emv_clicks,
        "emv_impressions": emv_impressions,
        "top": top,
        "reasons": reasons,
    }


DESK_MEASURES = (
    "requests",
    "answered",
    "answered_in_time",
    "first_response_minutes",
    "resolved",
    "resolved_in_time",
    "resolution_minutes",
    "ratings",
    "satisfaction_sum",
)
DESK_OPEN = ("open", "overdue", "response_overdue", "resolution_overdue")


def desk(filters: Filters) -> list[dict]:
    """Per kind: what happened in the period (filed, answered, closed, rated) and, from the
    latest snapshot in it, the requests open past a target (the desk's "Breached" tab).
    In-time rates count those as late, so they agree with what the desk shows."""
    rows = list(
        DeskDaily.objects.filter(filters.days_q())
        .values("kind")
        .annotate(
            requests=Sum("requests"),
            answered=Sum("answered"),
            answered_in_time=Sum("answered_in_time"),
            first_response_minutes=Sum("first_response_minutes"),
            resolved=Sum("resolved"),
            resolved_in_time=Sum("resolved_in_time"),
            resolution_minutes=Sum("resolution_minutes"),
            ratings=Sum("ratings"),
            satisfaction_sum=Sum("satisfaction_sum"),
        )
        .order_by("kind")
    )
    latest = DeskSnapshot.objects.filter(day__lte=filters.end).aggregate(day=Max("day"))["day"]
    snapshot = {
        row["kind"]: row
        for row in DeskSnapshot.objects.filter(day=latest).values("kind", *DESK_OPEN)
    }
    by_kind = {row["kind"]: row for row in rows}
    for kind in sorted(set(snapshot) - set(by_kind)):
        by_kind[kind] = {"kind": kind, **dict.fromkeys(DESK_MEASURES, 0)}
    rows = [by_kind[kind] for kind in sorted(by_kind)]
    from mentors.models import Kind

    for row in rows:
        row.update({name: snapshot.get(row["kind"], {}).get(name, 0) for name in DESK_OPEN})
        row["label"] = str(Kind(row["kind"]).label) if row["kind"] in Kind.values else row["kind"]
        # Averages in hours; the in-time rates are left to the table (raw counts kept).
        row["first_response_hours"] = (
            row["first_response_minutes"] / row["answered"] / 60 if row["answered"] else None
        )
        row["resolution_hours"] = (
            row["resolution_minutes"] / row["resolved"] / 60 if row["resolved"] else None
        )
        row["satisfaction"] = row["satisfaction_sum"] / row["ratings"] if row["ratings"] else None
        # Decided targets: met or missed in the period, plus those open past their target.
        row["response_decided"] = row["answered"] + row["response_overdue"]
        row["resolution_decided"] = row["resolved"] + row["resolution_overdue"]
    return rows


def filter_form(query):
    """The filter bar bound to an address, its departments and topics read once per version
    (a department or topic saved moves it) and language."""
    departments, topics = cache.cached(
        f"filter-choices:{get_language()}", (cache.ROLLUPS,), _departments_and_topics
    )
    return InsightFilterForm(query, departments=departments, topics=topics)


def _departments_and_topics() -> tuple[list, list]:
    """Plain strings, so the cached lists read back fast (lazy labels unpickle slowly)."""
    found = choices()
    return found["departments"], found["topics"]


def choices() -> dict:
    return {
        "departments": [
            (department.pk, str(department)) for department in Department.objects.all()
        ],
        "topics": [(topic.pk, str(topic)) for topic in Topic.objects.order_by("slug")],
        "stages": Stage.choices,
        "languages": Language.choices,
        "networks": Network.choices,
    }


def freshness():
    return RollupRun.objects.aggregate(at=Max("at"))["at"]
