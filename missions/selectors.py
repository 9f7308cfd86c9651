"""Read-only queries of the growth path: a fixed number of queries whatever the data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Count, IntegerField, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.template.defaultfilters import truncatewords_html
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, gettext_lazy
from wagtail.templatetags.wagtailcore_tags import richtext

from ambassadors import personal
from ambassadors.models import MINIMUM_GROUP, Ambassador
from ambassadors.services import lazy_text
from core.numbers import parse_int
from courses.selectors import required_courses
from guidelines.selectors import guideline_to_read, guidelines_to_acknowledge

from .models import MILESTONES, Assignment, Campaign, GrowthRule, Mission, PointsEntry

S = Assignment.State
HISTORY_SIZE = 10
INACTIVE_AFTER = dt.timedelta(days=30)


# --- one person's missions ------------------------------------------------------------------


@dataclass
class MyMissions:
    offered: list[Assignment] = field(default_factory=list)
    in_progress: list[Assignment] = field(default_factory=list)
    history: list[Assignment] = field(default_factory=list)
    history_total: int = 0
    pickable: list[Mission] = field(default_factory=list)


def missions_for(*, ambassador: Ambassador, now: dt.datetime | None = None) -> MyMissions:
    """What one person sees: offers, work in progress, what they can pick, and history."""
    now = now or timezone.now()
    user = ambassador.user
    current = list(
        Assignment.objects.filter(user=user)
        .current(at=now)
        .select_related("mission", "campaign")
        .order_by("due_at", "pk")
    )
    finished = Assignment.objects.filter(user=user).finished()
    return MyMissions(
        offered=[a for a in current if a.state == S.OFFERED],
        in_progress=[a for a in current if a.state != S.OFFERED],
        history=list(
            finished.select_related("mission").order_by("-reviewed_at", "-offered_at", "-pk")[
                :HISTORY_SIZE
            ]
        ),
        history_total=finished.count(),
        pickable=list(
            Mission.objects.active(at=now)
            .filter(stage=ambassador.stage, open_to_all=True)
            .exclude(assignments__user=user)
            .order_by("kind", "pk")
        ),
    )


def missions_page_data(*, ambassador: Ambassador, request=None) -> dict:
    """The missions page's data of the person: their missions, points and badges, cached
    per person (ambassadors/personal.py) until their writes, a change to the catalogue, or
    the next moment an offer shows, a date passes or a mission opens or closes."""

    def compute():
        now = timezone.now()
        mine = missions_for(ambassador=ambassador, now=now)
        for mission in {id(m): m for m in _cards(mine)}.values():
            # The card's summary, made once here rather than per view.
            # Wagtail's rendering of the staff-written rich text, cut at tag boundaries: what
            # the template's `richtext|truncatewords_html:30` gave.
            mission.summary = mark_safe(  # noqa: S308
                truncatewords_html(richtext(mission.instructions), 30)
            )
        points = points_total(user=ambassador.user)
        window = Mission.objects.filter(stage=ambassador.stage, open_to_all=True).aggregate(
            opens=Min("active_from", filter=Q(active_from__gt=now)),
            closes=Min("active_until", filter=Q(active_until__gt=now)),
        )
        until = personal.earliest(
            plate_changes_at(user=ambassador.user, now=now), window["opens"], window["closes"]
        )
        data = {
            "mine": mine,
            "points": points,
            "badges": badges_earned(total=points),
            "next_badge": next_badge(total=points),
        }
        return data, until

    name = f"missions:{get_language()}:{ambassador.stage}"
    return personal.cached(ambassador.user_id, name, compute, request)


def _cards(mine: MyMissions) -> list[Mission]:
    return [assignment.mission for assignment in mine.offered] + mine.pickable


def current_count(*, user: User, now: dt.datetime | None = None) -> int:
    """How many missions the person has on their plate: the same ones their list shows."""
    return Assignment.objects.filter(user=user).current(at=now).count()


def plate_changes_at(*, user: User, now: dt.datetime) -> dt.datetime | None:
    """The next moment `current()` gives the person another answer by itself: an offer
    starts showing, or an offer's date passes."""
    moments = (
        Assignment.objects.filter(user=user)
        .open()
        .aggregate(
            shows=Min("offered_at", filter=Q(offered_at__gt=now)),
            ends=Min("due_at", filter=Q(state=S.OFFERED, due_at__gt=now)),
        )
    )
    return min((moment for moment in moments.values() if moment is not None), default=None)


REVIEW_AGES = {"1": dt.timedelta(days=1), "3": dt.timedelta(days=3), "7": dt.timedelta(days=7)}


def review_queue(
    *,
    reviewer: User | None = None,
    stage: str = "",
    kind: str = "",
    campaign: str = "",
    older_than: str = "",
) -> QuerySet[Assignment]:
    """Submitted evidence waiting for review, oldest first, with optional filters; without
    the reviewer's own (someone else reviews those)."""
    queue = Assignment.objects.waiting_for_review().select_related(
        "mission", "user", "user__ambassador__department", "campaign"
    )
    if reviewer is not None:
        queue = queue.exclude(user=reviewer)
    if (stage_number := parse_int(stage)) is not None:
        queue = queue.filter(mission__stage=stage_number)
    if kind in Mission.Kind.values:
        queue = queue.filter(mission__kind=kind)
    if (campaign_id := parse_int(campaign, minimum=1)) is not None:
        queue = queue.filter(campaign_id=campaign_id)
    if older_than in REVIEW_AGES:
        queue = queue.filter(submitted_at__lte=timezone.now() - REVIEW_AGES[older_than])
    return queue.order_by("submitted_at", "pk")


# --- points and badges ----------------------------------------------------------------------


def points_total(*, user: User) -> int:
    return PointsEntry.objects.filter(user=user).aggregate(total=Sum("points"))["total"] or 0


def badges_earned(*, total: int) -> list[int]:
    """The milestones a points total has reached."""
    return [milestone for milestone in MILESTONES if total >= milestone]


def next_badge(*, total: int) -> int | None:
    """The next milestone to reach, or None when every badge is earned."""
    return next((milestone for milestone in MILESTONES if milestone > total), None)


# --- the growth path ------------------------------------------------------------------------


@dataclass
class Requirement:
    """One thing it takes to leave a stage, whether it is met, and where to do it."""

    label: str | Promise
    done: bool
    url: str = ""  # the next step: the course, the guideline, the mission
    kind: str = ""  # "missions", "course" or "guidelines"


def promotion_requirements(*, ambassador: Ambassador) -> list[Requirement]:
    """What it takes to leave the person's stage, each with whether it is met.

    Labels are lazy: they read in the language active where they are shown.
    """
    return path_requirements(ambassador=ambassador).get(ambassador.stage, [])


def path_requirements(*, ambassador: Ambassador) -> dict[int, list[Requirement]]:
    """For the person's stage and every stage after it that has a growth rule: what it takes
    to move on from there, each requirement with whether it is met and its next step.

    The one place the growth rules are read: the promotion and the path page use it.
    A fixed number of queries whatever the number of stages, courses or missions.
    """
    rules = {
        rule.from_stage: rule
        for rule in GrowthRule.objects.filter(from_stage__gte=ambassador.stage)
    }
    if not rules:
        return {}
    user = ambassador.user
    approved = dict(
        Assignment.objects.filter(user=user, state=S.APPROVED, mission__stage__in=list(rules))
        .values("mission__stage")
        .annotate(n=Count("id"))
        .values_list("mission__stage", "n")
        .order_by()
    )
    course_stages = [stage for stage, rule in rules.items() if rule.require_courses]
    courses = required_courses(ambassador, course_stages) if course_stages else {}
    guidelines_url, guidelines_done = "", True
    if any(rule.require_guidelines for rule in rules.values()):
        missing = guidelines_to_acknowledge(user)
        guidelines_done = not missing
        page = guideline_to_read(missing)
        guidelines_url = page.get_url() if page is not None else ""
    mission_url = reverse("missions:list")
    if ambassador.stage in rules:
        # The mission on the person's plate, if any: that is their next step.
        doing = (
            Assignment.objects.filter(user=user, mission__stage=ambassador.stage)
            .current()
            .order_by("due_at", "pk")
            .values_list("pk", flat=True)
            .first()
        )
        if doing is not None:
            mission_url = reverse("missions:assignment", args=[doing])
    requirements: dict[int, list[Requirement]] = {}
    for stage, rule in sorted(rules.items()):
        count = approved.get(stage, 0)
        needed = [
            Requirement(
                label=lazy_text(
                    gettext_lazy("%(done)s of %(needed)s missions of this stage approved"),
                    done=min(count, rule.approved_missions),
                    needed=rule.approved_missions,
                ),
                done=count >= rule.approved_missions,
                url=mission_url if stage == ambassador.stage else "",
                kind="missions",
            )
        ]
        for course, done in courses.get(stage, []):
            needed.append(
                Requirement(
                    label=lazy_text(
                        gettext_lazy("course “%(title)s” completed"), title=course.title
                    ),
                    done=done,
                    url=course.get_url() or "",
                    kind="course",
                )
            )
        if rule.require_guidelines:
            needed.append(
                Requirement(
                    label=gettext_lazy("current guidelines acknowledged"),
                    done=guidelines_done,
                    url=guidelines_url,
                    kind="guidelines",
                )
            )
        requirements[stage] = needed
    return requirements


# --- campaigns and reminders ----------------------------------------------------------------


def campaign_segment(*, campaign: Campaign) -> QuerySet[Ambassador]:
    """Participants the campaign is for: its segment, in a stage one of its missions fits."""
    stages = set(campaign.missions.values_list("stage", flat=True))
    if campaign.stage:
        stages &= {campaign.stage}
    people = Ambassador.objects.participating().filter(stage__in=stages)
    if campaign.department_id:
        people = people.filter(department_id=campaign.department_id)
    if campaign.language:
        people = people.filter(language=campaign.language)
    topic_ids = list(campaign.topics.values_list("pk", flat=True))
    if topic_ids:
        people = people.filter(topics__in=topic_ids).distinct()
    return people.select_related("user")


def campaigns_due(*, now: dt.datetime | None = None) -> list[int]:
    """Campaigns whose start has come and that were not planned yet."""
    now = now or timezone.now()
    return list(
        Campaign.objects.filter(starts_at__lte=now, planned_at__isnull=True).values_list(
            "pk", flat=True
        )
    )


def inactive_ambassadors(*, now: dt.datetime | None = None) -> QuerySet[Ambassador]:
    """Taking part, not every channel paused, no sign of life in 30 days, not told so this
    month. (Whether their choices let a reminder reach them beyond the platform is for the
    caller: see `Ambassador.channels_for`.)"""
    now = now or timezone.now()
    since = now - INACTIVE_AFTER
    return (
        Ambassador.objects.participating()
        .filter(channels_paused=False, consented_at__lt=since)
        .filter(Q(user__last_login__lt=since) | Q(user__last_login__isnull=True))
        .exclude(user__assignments__submitted_at__gte=since)
        .exclude(user__notifications__kind="miss_you", user__notifications__created_at__gte=since)
        .distinct()
    )


# --- the leaderboard ------------------------------------------------------------------------


@dataclass
class LeaderboardRow:
    rank: int
    name: str
    department: str
    points: int
    is_me: bool


def _participants_per_department(department_ids: set[int | None]) -> dict[int | None, int]:
    """How many people take part in each of these departments (None: without one)."""
    if not department_ids:
        return {}
    wanted = Q(department_id__in=[pk for pk in department_ids if pk is not None])
    if None in department_ids:
        wanted |= Q(department__isnull=True)
    counts = (
        Ambassador.objects.participating()
        .filter(wanted)
        .values("department_id")
        .annotate(people=Count("pk"))
        .order_by()
    )
    return {row["department_id"]: row["people"] for row in counts}


def leaderboard(*, ambassador: Ambassador, scope: str, limit: int = 20) -> list[LeaderboardRow]:
    """Only people who opted in appear; those who asked for it without their name.

    The rule of five holds for what identifies an anonymous entry: its department is shown
    only when at least five people take part in it, and a department's own list (where the
    department goes without saying) leaves other people's anonymous entries out when fewer
    than five take part there.
    """
    totals = (
        PointsEntry.objects.filter(user=OuterRef("user"))
        .values("user")
        .annotate(total=Sum("points"))
        .values("total")
    )
    people = Ambassador.objects.participating().filter(leaderboard_visible=True)
    if scope == "team":
        people = people.filter(department_id=ambassador.department_id)
        sizes = _participants_per_department({ambassador.department_id})
        if sizes.get(ambassador.department_id, 0) < MINIMUM_GROUP:
            people = people.exclude(Q(leaderboard_anonymous=True) & ~Q(pk=ambassador.pk))
    people = list(
        people.select_related("user", "department")
        .annotate(points=Coalesce(Subquery(totals, output_field=IntegerField()), 0))
        .order_by("-points", "pk")[:limit]
    )
    if scope != "team":
        sizes = _participants_per_department(
            {person.department_id for person in people if person.leaderboard_anonymous}
        )
    rows = []
    for rank, person in enumerate(people, start=1):
        anonymous = person.leaderboard_anonymous
        name = (
            gettext("An ambassador")
            if anonymous
            else (person.user.get_full_name() or person.user.username)
        )
        department = str(person.department or "")
        if anonymous and sizes.get(person.department_id, 0) < MINIMUM_GROUP:
            department = ""
        rows.append(
            LeaderboardRow(
                rank=rank,
                name=name,
                department=department,
                points=person.points,
                is_me=person.pk == ambassador.pk,
            )
        )
    return rows


# --- for other systems (the API): missions and assignments ------------------------------


def missions_list(*, active: bool | None = None, at: dt.datetime | None = None):
    """Every mission, oldest first; `active` keeps those open (or closed) at `at` (now)."""
    missions = Mission.objects.all()
    if active is not None:
        open_now = Mission.objects.active(at=at).values("pk")
        missions = missions.filter(pk__in=open_now) if active else missions.exclude(pk__in=open_now)
    return missions.order_by("pk")


def assignments_list(
    *,
    mission_id: int | None = None,
    state: str | None = None,
    since: dt.datetime | None = None,
):
    """Assignments of people who joined the programme, in the order they were offered, with
    the mission, the person and their department; `since` keeps those offered from then."""
    # Superusers are out of other systems' reach, as in the API's /people and SCIM.
    found = Assignment.objects.filter(
        user__ambassador__consented_at__isnull=False, user__is_superuser=False
    )
    if mission_id is not None:
        found = found.filter(mission_id=mission_id)
    if state:
        found = found.filter(state=state)
    if since is not None:
        found = found.filter(offered_at__gte=since)
    return found.select_related("mission", "user__ambassador__department").order_by(
        "offered_at", "pk"
    )
