"""Rolling raw events up into the daily tables. Rolling up a day again replaces that day's
rows in one transaction, so the nightly rebuild and the incremental updates can overlap
without doubling anything.

A person's group (department, stage, language) is read when the day is rolled up; days that
are not rebuilt later keep the group people had then.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from ambassadors.models import Ambassador, Notification, ParticipationEvent, SocialProfile
from courses.models import Enrolment, LessonProgress, QuizAttempt
from guidelines.models import Acknowledgement
from guidelines.selectors import current_versions
from mentors import selectors as desk_selectors
from mentors.models import Rating, Ticket
from missions.models import Assignment, StageChange, Submission
from sharing.models import Click, ClickDay, ContentItem, Dismissal, Share

from .cache import rollups_changed
from .models import (
    ActivePeriod,
    ActivityDaily,
    ContentDaily,
    DeskDaily,
    DeskSnapshot,
    DismissalReasonDaily,
    FunnelSnapshot,
    MissionDaily,
    RollupRun,
    SharingDaily,
    TopicSharingDaily,
)

NO_GROUP = (None, 0, "")


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def groups() -> dict[int, tuple]:
    """Every person's group by user id: (department id, stage, language)."""
    return {
        user_id: (department, stage, language)
        for user_id, department, stage, language in Ambassador.objects.values_list(
            "user_id", "department_id", "stage", "language"
        )
    }


def _within(field: str, start, end) -> Q:
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def active_users(start: dt.datetime, end: dt.datetime) -> set[int]:
    """People who did something: a lesson, a quiz, a share, a mission, an acknowledgement."""
    found: set[int] = set()
    for model, field, user in (
        (LessonProgress, "completed_at", "user_id"),
        (QuizAttempt, "created_at", "user_id"),
        (Share, "created_at", "user_id"),
        (Submission, "created_at", "assignment__user_id"),
        (Assignment, "accepted_at", "user_id"),
        (Acknowledgement, "acknowledged_at", "user_id"),
    ):
        found.update(model.objects.filter(_within(field, start, end)).values_list(user, flat=True))
    return found


def _sharing(day, start, end, group_of) -> None:
    shares = list(
        Share.objects.filter(_within("created_at", start, end)).values_list(
            "user_id", "network", "edited", "item_id"
        )
    )
    clicks = list(
        Click.objects.filter(day=day, is_bot=False, is_burst=False).values_list(
            "share_id", "visitor", "share__user_id", "share__network", "share__item_id"
        )
    )
    # Days past the click retention period: the same counts, kept per share and day.
    archived = list(
        ClickDay.objects.filter(day=day).values_list(
            "clicks", "visitors", "share__user_id", "share__network", "share__item_id"
        )
    )
    users = {user for user, *_rest in shares}
    audience = {
        (user, network): size
        for user, network, size in SocialProfile.objects.filter(
            ambassador__user_id__in=users
        ).values_list("ambassador__user_id", "network", "audience_size")
    }
    items = {item for *_rest, item in shares} | {row[4] for row in clicks + archived}
    topics = defaultdict(list)
    for item, topic in ContentItem.topics.through.objects.filter(
        contentitem_id__in=items
    ).values_list("contentitem_id", "topic_id"):
        topics[item].append(topic)

    def empty():
        return Counter()

    by_group, by_topic, by_item = defaultdict(empty), defaultdict(empty), defaultdict(empty)
    for user, network, edited, item in shares:
        group = group_of.get(user, NO_GROUP)
        reach = audience.get((user, network), 0)
        for bucket in [by_group[(*group, network)]] + [
            by_topic[(*group, topic, network)] for topic in topics[item]
        ]:
            bucket["shares"] += 1
            bucket["own_words"] += int(edited)
            bucket["estimated_reach"] += reach
        by_item[(item, network)]["shares"] += 1
    # Raw clicks count one each, unique once per share and visitor (the hash changes daily);
    # archived days bring their counts as they were.
    seen = set()
    counted = []
    for share, visitor, user, network, item in clicks:
        counted.append((1, int((share, visitor) not in seen), user, network, item))
        seen.add((share, visitor))
    for count, unique, user, network, item in counted + archived:
        group = group_of.get(user, NO_GROUP)
        for bucket in [by_group[(*group, network)]] + [
            by_topic[(*group, topic, network)] for topic in topics[item]
        ]:
            bucket["clicks"] += count
            bucket["unique_clicks"] += unique
        by_item[(item, network)]["unique_clicks"] += unique
    SharingDaily.objects.bulk_create(
        SharingDaily(day=day, department_id=d, stage=s, language=lang, network=network, **counts)
        for (d, s, lang, network), counts in by_group.items()
    )
    TopicSharingDaily.objects.bulk_create(
        TopicSharingDaily(
            day=day,
            department_id=d,
            stage=s,
            language=lang,
            topic_id=topic,
            network=network,
            **counts,
        )
        for (d, s, lang, topic, network), counts in by_topic.items()
    )
    ContentDaily.objects.bulk_create(
        ContentDaily(day=day, item_id=item, network=network, **counts)
        for (item, network), counts in by_item.items()
    )


def _activity(day, start, end, group_of) -> None:
    rows = defaultdict(Counter)

    def add(user_ids, field, amount=None):
        for position, user in enumerate(user_ids):
            rows[group_of.get(user, NO_GROUP)][field] += 1 if amount is None else amount[position]

    for user in active_users(start, end):
        rows[group_of.get(user, NO_GROUP)]["active"] += 1
    add(
        LessonProgress.objects.filter(_within("completed_at", start, end)).values_list(
            "user_id", flat=True
        ),
        "lessons",
    )
    add(
        Enrolment.objects.filter(_within("started_at", start, end)).values_list(
            "user_id", flat=True
        ),
        "courses_started",
    )
    add(
        Enrolment.objects.filter(_within("completed_at", start, end)).values_list(
            "user_id", flat=True
        ),
        "courses_completed",
    )
    attempts = list(
        QuizAttempt.objects.filter(_within("created_at", start, end)).values_list(
            "user_id", "score"
        )
    )
    add([user for user, _score in attempts], "quiz_attempts")
    add([user for user, _score in attempts], "quiz_score_sum", [score for _user, score in attempts])
    add(
        Acknowledgement.objects.filter(_within("acknowledged_at", start, end)).values_list(
            "user_id", flat=True
        ),
        "acknowledgements",
    )
    for user, before, after in StageChange.objects.filter(_within("at", start, end)).values_list(
        "user_id", "from_stage", "to_stage"
    ):
        rows[group_of.get(user, NO_GROUP)]["promoted" if after > before else "moved_back"] += 1
    nudges = list(
        Notification.objects.filter(is_nudge=True)
        .filter(_within("visible_from", start, end))
        .values_list("recipient_id", "read_at")
    )
    add([user for user, _read in nudges], "nudges")
    add([user for user, read in nudges if read is None], "nudges_unread")
    for user, action in ParticipationEvent.objects.filter(_within("at", start, end)).values_list(
        "ambassador__user_id", "action"
    ):
        if action in ("paused", "left"):
            rows[group_of.get(user, NO_GROUP)]["pauses" if action == "paused" else "leaves"] += 1
    add(
        Dismissal.objects.filter(_within("created_at", start, end)).values_list(
            "user_id", flat=True
        ),
        "dismissals",
    )
    ActivityDaily.objects.bulk_create(
        ActivityDaily(day=day, department_id=d, stage=s, language=lang, **counts)
        for (d, s, lang), counts in rows.items()
    )
    DismissalReasonDaily.objects.bulk_create(
        DismissalReasonDaily(day=day, reason=reason, count=len(people))
        for reason, people in _reason_givers(_within("created_at", start, end)).items()
    )


def _reason_givers(within: Q) -> dict[str, set[int]]:
    """Who gave each free-text reason for hiding a suggestion: distinct people, so one person
    repeating a reason never brings it over the rule of five."""
    givers: dict[str, set[int]] = defaultdict(set)
    for user, reason in (
        Dismissal.objects.filter(within).exclude(reason="").values_list("user_id", "reason")
    ):
        givers[_reason_key(reason)].add(user)
    return givers


def _reason_key(reason: str) -> str:
    return reason.strip().lower()[:100]


def _missions(day, start, end, group_of) -> None:
    rows = defaultdict(Counter)
    hours = defaultdict(float)

    def key(user, kind, stage):
        return (*group_of.get(user, NO_GROUP), kind, stage)

    base = Assignment.objects.values_list("user_id", "mission__kind", "mission__stage")
    for field, name in (("offered_at", "offered"), ("accepted_at", "accepted")):
        for row in base.filter(_within(field, start, end)):
            rows[key(*row)][name] += 1
    for row in Submission.objects.filter(_within("created_at", start, end)).values_list(
        "assignment__user_id", "assignment__mission__kind", "assignment__mission__stage"
    ):
        rows[key(*row)]["submitted"] += 1
    reviewed = Assignment.objects.filter(_within("reviewed_at", start, end)).values_list(
        "user_id", "mission__kind", "mission__stage", "state", "submitted_at", "reviewed_at"
    )
    for user, kind, stage, state, submitted_at, reviewed_at in reviewed:
        group = key(user, kind, stage)
        rows[group]["reviews"] += 1
        if state in ("approved", "rejected"):
            rows[group][state] += 1
        if submitted_at:
            hours[group] += (reviewed_at - submitted_at).total_seconds() / 3600
    MissionDaily.objects.bulk_create(
        MissionDaily(
            day=day,
            department_id=d,
            stage=s,
            language=lang,
            kind=kind,
            mission_stage=mission_stage,
            review_hours=hours[(d, s, lang, kind, mission_stage)],
            **counts,
        )
        for (d, s, lang, kind, mission_stage), counts in rows.items()
    )


def _desk(day, start, end) -> None:
    rows = defaultdict(Counter)
    minutes = defaultdict(Counter)
    for kind in Ticket.objects.filter(_within("created_at", start, end)).values_list(
        "kind", flat=True
    ):
        rows[kind]["requests"] += 1
    for kind, created, answered, late in Ticket.objects.filter(
        _within("first_response_at", start, end)
    ).values_list("kind", "created_at", "first_response_at", "response_breached"):
        rows[kind]["answered"] += 1
        rows[kind]["answered_in_time"] += int(not late)
        minutes[kind]["first_response_minutes"] += (answered - created).total_seconds() / 60
    for kind, created, resolved, late in Ticket.objects.filter(
        _within("resolved_at", start, end)
    ).values_list("kind", "created_at", "resolved_at", "resolution_breached"):
        rows[kind]["resolved"] += 1
        rows[kind]["resolved_in_time"] += int(not late)
        minutes[kind]["resolution_minutes"] += (resolved - created).total_seconds() / 60
    for kind, score in Rating.objects.filter(_within("created_at", start, end)).values_list(
        "ticket__kind", "satisfaction"
    ):
        rows[kind]["ratings"] += 1
        rows[kind]["satisfaction_sum"] += score
    DeskDaily.objects.bulk_create(
        DeskDaily(day=day, kind=kind, **counts, **minutes[kind]) for kind, counts in rows.items()
    )


DAILY_TABLES = (
    ActivityDaily,
    SharingDaily,
    TopicSharingDaily,
    ContentDaily,
    DismissalReasonDaily,
    MissionDaily,
    DeskDaily,
)


def rollup_day(day: dt.date, group_of: dict | None = None) -> float:
    """Replace every daily row of `day` with a fresh count from the raw events."""
    began = time.perf_counter()
    group_of = group_of if group_of is not None else groups()
    start, end = day_bounds(day)
    with transaction.atomic():
        for table in DAILY_TABLES:
            table.objects.filter(day=day, window=0).delete()
        _sharing(day, start, end, group_of)
        _activity(day, start, end, group_of)
        _missions(day, start, end, group_of)
        _desk(day, start, end)
    seconds = time.perf_counter() - began
    RollupRun.objects.update_or_create(day=day, defaults={"seconds": seconds})
    rollups_changed()
    return seconds


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def rollup_period(period: str, first: dt.date, group_of: dict | None = None) -> None:
    """Distinct active people in the week or month that starts on `first`."""
    group_of = group_of if group_of is not None else groups()
    if period == ActivePeriod.Period.WEEK:
        after = first + dt.timedelta(days=7)
    else:
        after = (first + dt.timedelta(days=32)).replace(day=1)
    start, end = day_bounds(first)[0], day_bounds(after)[0]
    rows = defaultdict(Counter)
    for user in active_users(start, end):
        rows[group_of.get(user, NO_GROUP)]["active"] += 1
    for user, before, now in StageChange.objects.filter(_within("at", start, end)).values_list(
        "user_id", "from_stage", "to_stage"
    ):
        rows[group_of.get(user, NO_GROUP)]["promoted" if now > before else "moved_back"] += 1
    with transaction.atomic():
        ActivePeriod.objects.filter(period=period, day=first).delete()
        ActivePeriod.objects.bulk_create(
            ActivePeriod(period=period, day=first, department_id=d, stage=s, language=lang, **n)
            for (d, s, lang), n in rows.items()
        )
    rollups_changed()


def rollup_periods(day: dt.date, group_of: dict | None = None) -> None:
    """The week and the month that hold `day`."""
    rollup_period(ActivePeriod.Period.WEEK, week_start(day), group_of)
    rollup_period(ActivePeriod.Period.MONTH, day.replace(day=1), group_of)


WINDOWS = (7, 30, 90, 365)
# Each table's grouping columns; every other column is summed.
WINDOWED = {
    ActivityDaily: ["department_id", "stage", "language"],
    SharingDaily: ["department_id", "stage", "language", "network"],
    TopicSharingDaily: ["department_id", "stage", "language", "topic_id", "network"],
    ContentDaily: ["item_id", "network"],
    MissionDaily: ["department_id", "stage", "language", "kind", "mission_stage"],
    DeskDaily: ["kind"],
}


def _measures(table) -> list[str]:
    skip = {"id", "day", "window"}
    groups_of_table = set(WINDOWED[table])
    return [
        field.attname
        for field in table._meta.concrete_fields
        if field.attname not in skip and field.attname not in groups_of_table
    ]


def rebuild_windows(last: dt.date) -> None:
    """The sums over the last 30, 90 and 365 days up to `last`, one row per group, so the
    dashboard reads a few rows whatever the period and the size of the organisation."""
    for table, columns in WINDOWED.items():
        measures = _measures(table)
        rows = []
        for days in WINDOWS:
            first = last - dt.timedelta(days=days - 1)
            sums = (
                table.objects.filter(window=0, day__gte=first, day__lte=last)
                .values(*columns)
                .annotate(**{f"sum_{m}": Sum(m) for m in measures})
                .order_by()
            )
            for row in sums:
                rows.append(
                    table(
                        window=days,
                        day=last,
                        **{column: row[column] for column in columns},
                        **{m: row[f"sum_{m}"] or 0 for m in measures},
                    )
                )
        with transaction.atomic():
            table.objects.exclude(window=0).delete()
            table.objects.bulk_create(rows, batch_size=2000)
    _rebuild_reason_windows(last)


def _rebuild_reason_windows(last: dt.date) -> None:
    """Reasons count distinct people over the whole period, which daily sums cannot give:
    each window is counted again from the dismissals themselves (one read of the year)."""
    first = {days: last - dt.timedelta(days=days - 1) for days in WINDOWS}
    givers = {days: defaultdict(set) for days in WINDOWS}
    start, end = day_bounds(min(first.values()))[0], day_bounds(last)[1]
    for user, reason, created_at in (
        Dismissal.objects.filter(_within("created_at", start, end))
        .exclude(reason="")
        .values_list("user_id", "reason", "created_at")
    ):
        day = timezone.localdate(created_at)
        for days in WINDOWS:
            if day >= first[days]:
                givers[days][_reason_key(reason)].add(user)
    rows = [
        DismissalReasonDaily(window=days, day=last, reason=reason, count=len(people))
        for days in WINDOWS
        for reason, people in givers[days].items()
    ]
    with transaction.atomic():
        DismissalReasonDaily.objects.exclude(window=0).delete()
        DismissalReasonDaily.objects.bulk_create(rows, batch_size=2000)
    rollups_changed()


def refresh(day: dt.date) -> float:
    """Today's rows, the windows ending today, this week and month, and the snapshot."""
    began = time.perf_counter()
    group_of = groups()
    rollup_day(day, group_of)
    rebuild_windows(day)
    rollup_periods(day, group_of)
    snapshot_funnel(day)
    snapshot_desk(day)
    return time.perf_counter() - began


def snapshot_desk(day: dt.date, now: dt.datetime | None = None) -> None:
    """The open requests per kind now, and those past a target, kept as the snapshot of
    `day`; the same filters as the desk's tabs (`mentors.selectors`), so the figures agree."""
    now = now or timezone.now()
    rows = (
        Ticket.objects.open()
        .values("kind")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=desk_selectors.overdue(now)),
            response_overdue=Count("pk", filter=desk_selectors.response_overdue(now)),
            resolution_overdue=Count("pk", filter=desk_selectors.resolution_overdue(now)),
        )
        .order_by()
    )
    with transaction.atomic():
        DeskSnapshot.objects.filter(day=day).delete()
        DeskSnapshot.objects.bulk_create(DeskSnapshot(day=day, **row) for row in rows)
    rollups_changed()


def snapshot_funnel(day: dt.date) -> None:
    """Where everyone stands now, kept as the snapshot of `day`."""
    required = current_versions()
    current = set()
    if required:
        current = set(
            Acknowledgement.objects.filter(is_current=True, translation_key__in=list(required))
            .values("user_id")
            .annotate(n=Count("translation_key", distinct=True))
            .filter(n=len(required))
            .values_list("user_id", flat=True)
        )
    rows = defaultdict(Counter)
    for user, department, stage, language, status in Ambassador.objects.values_list(
        "user_id", "department_id", "stage", "language", "status"
    ):
        counts = rows[(department, stage, language)]
        counts["employees"] += 1
        counts["joined"] += int(status in ("active", "paused"))
        counts["paused"] += int(status == "paused")
        counts["left"] += int(status == "left")
        counts["guidelines_current"] += int(user in current and status in ("active", "paused"))
    with transaction.atomic():
        FunnelSnapshot.objects.filter(day=day).delete()
        FunnelSnapshot.objects.bulk_create(
            FunnelSnapshot(day=day, department_id=d, stage=s, language=lang, **counts)
            for (d, s, lang), counts in rows.items()
        )
    rollups_changed()


def rollup_range(first: dt.date, last: dt.date, progress=None) -> float:
    """Roll up every day from `first` to `last`, and the weeks and months they touch."""
    began = time.perf_counter()
    group_of = groups()
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    for day in days:
        rollup_day(day, group_of)
        if progress:
            progress(day)
    for week in sorted({week_start(day) for day in days}):
        rollup_period(ActivePeriod.Period.WEEK, week, group_of)
    for month in sorted({day.replace(day=1) for day in days}):
        rollup_period(ActivePeriod.Period.MONTH, month, group_of)
    rebuild_windows(last)
    return time.perf_counter() - began
