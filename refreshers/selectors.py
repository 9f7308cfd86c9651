"""Reads for refreshers: which questions a person may be asked and when, and the comms report.

Every read runs a fixed number of queries, whatever the number of courses, questions or
answers: the person's completed courses, their lessons, their acknowledgements, the
questions on those guidelines, their review states and the guideline pages, each once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ambassadors.models import FEWER_THAN_FIVE, MINIMUM_GROUP
from core.structure import active_locale_id
from courses.models import CoursePage, Enrolment, LessonPage
from guidelines.models import Acknowledgement, GuidelinePage

from .models import RefresherAnswer, RefresherQuestion, ReviewState
from .schedule import first_due

# At most this many refreshers a day: a refresher is a moment's thought, not homework.
DAILY_LIMIT = 3
REF_MAX_LENGTH = 120
QUESTION_PREFIX, LESSON_PREFIX = "g", "c"
WITHHELD_NEAR = _("withheld, so a smaller group can't be worked out")


@dataclass(frozen=True)
class Option:
    id: str
    text: str


@dataclass(frozen=True)
class Refresher:
    """One question a person may be asked, as plain data (the path keeps it in the cache)."""

    ref: str  # "g<question pk>" or "c<lesson key>:<question block id>"
    text: str
    multiple: bool
    options: tuple[Option, ...]
    due: dt.datetime
    new: bool
    link_title: str
    link_url: str
    course_key: str = ""  # a lesson question's course


def page_language() -> str:
    """The language of the page being shown: questions are asked in it."""
    return (get_language() or "nl")[:2]


def question_ref(question_id: int) -> str:
    return f"{QUESTION_PREFIX}{question_id}"


def lesson_ref(lesson_key: uuid.UUID | str, block_id: str) -> str:
    return f"{LESSON_PREFIX}{lesson_key}:{block_id}"


def preferred_pages(pages, key=lambda page: page.translation_key) -> dict:
    """One page per translation key: the one in the active language where there is one."""
    active = active_locale_id()
    chosen: dict = {}
    for page in pages:
        if key(page) not in chosen or page.locale_id == active:
            chosen[key(page)] = page
    return chosen


def _completed_lessons(user: User) -> tuple[dict, dict]:
    """Live lessons of the courses `user` completed (one per translation key, in the active
    language where there is one) and when each course was completed. Deleted or unpublished
    courses and lessons are simply not there."""
    completed = dict(
        Enrolment.objects.completed().filter(user=user).values_list("course_key", "completed_at")
    )
    if not completed:
        return {}, {}
    courses = list(
        CoursePage.objects.live()
        .filter(translation_key__in=completed)
        .only("id", "path", "depth", "translation_key", "locale_id")
    )
    if not courses:
        return {}, {}
    within = Q()
    for course in courses:
        within |= Q(path__startswith=course.path, depth=course.depth + 1)
    course_of_path = {course.path: course.translation_key for course in courses}
    lessons = (
        LessonPage.objects.live()
        .filter(within)
        .only("id", "title", "url_path", "path", "depth", "translation_key", "locale_id", "body")
        .order_by("path")
    )
    for lesson in lessons:
        lesson.course_key = course_of_path[lesson.path[: -LessonPage.steplen]]
    return preferred_pages(lessons), completed


def _raw_quiz_questions(lesson: LessonPage):
    """(block id, question value) of every quiz question in the lesson, from the raw data:
    no block is made, no image fetched."""
    for raw in lesson.body.raw_data:
        if raw["type"] != "quiz":
            continue
        for item in raw["value"].get("questions", []):
            if item.get("id"):
                yield item["id"], item["value"]


def _options(raw_options) -> tuple[Option, ...]:
    return tuple(
        Option(id=item["id"], text=item["value"]["text"]) for item in raw_options if item.get("id")
    )


def guideline_pages(keys) -> dict:
    """Every live guideline page (all languages) of these translation keys, by key: one query.
    A section's id belongs to one language's page (each translation has its own blocks)."""
    if not keys:
        return {}
    found: dict = {}
    pages = (
        GuidelinePage.objects.live()
        .filter(translation_key__in=keys)
        .only("id", "title", "url_path", "translation_key", "locale_id", "body")
    )
    for page in pages:
        found.setdefault(page.translation_key, []).append(page)
    return found


def page_with_section(pages: list, section_id: str) -> GuidelinePage | None:
    """The page holding the section (in the active language when translations share the
    section's id, as copies for translation do), else the one in the active language, else
    any."""
    if not pages:
        return None
    holding = [
        page
        for page in pages
        if section_id and any(raw.get("id") == section_id for raw in page.body.raw_data)
    ]
    return preferred_pages(holding or pages).popitem()[1]


def section_heading(page: GuidelinePage | None, section_id: str) -> str:
    if page is None:
        return ""
    for raw in page.body.raw_data:
        if raw.get("id") == section_id:
            return raw["value"].get("heading", "")
    return ""


def section_url(page: GuidelinePage, section_id: str, request=None) -> str:
    url = page.get_url(request=request) or ""
    return f"{url}#section-{section_id}" if url and section_id else url


def refreshers_for(
    user: User, *, language: str, request=None, now: dt.datetime | None = None
) -> list[Refresher]:
    """Every question `user` may be asked, soonest due first (due ones first of all)."""
    now = now or timezone.now()
    lessons, completed = _completed_lessons(user)
    acknowledged = dict(
        Acknowledgement.objects.filter(user=user)
        .values_list("translation_key")
        .annotate(first=Min("acknowledged_at"))
    )
    questions = []
    if acknowledged:
        questions = list(
            RefresherQuestion.objects.live()
            .filter(language=language)
            .filter(Q(guideline_key__in=acknowledged) | Q(guideline_key__isnull=True))
        )
    states = {
        (state.question_id or (state.lesson_key, state.block_id)): state
        for state in ReviewState.objects.filter(user=user)
    }
    pages_by_key = guideline_pages(
        {question.guideline_key for question in questions if question.guideline_key}
    )

    found = []
    for lesson in lessons.values():
        since = completed[lesson.course_key]
        link = lesson.get_url(request=request) or ""
        for block_id, value in _raw_quiz_questions(lesson):
            state = states.get((lesson.translation_key, block_id))
            found.append(
                Refresher(
                    ref=lesson_ref(lesson.translation_key, block_id),
                    text=value.get("text", ""),
                    multiple=value.get("kind") == "multiple",
                    options=_options(value.get("options", [])),
                    due=state.due if state else first_due(since),
                    new=state is None,
                    link_title=lesson.title,
                    link_url=link,
                    course_key=str(lesson.course_key),
                )
            )
    first_acknowledged = min(acknowledged.values()) if acknowledged else None
    for question in questions:
        if not len(question.question.raw_data):
            continue
        page = page_with_section(pages_by_key.get(question.guideline_key, []), question.section_id)
        state = states.get(question.pk)
        since = max(
            acknowledged.get(question.guideline_key, first_acknowledged), question.created_at
        )
        raw = question.question.raw_data[0]["value"]
        found.append(
            Refresher(
                ref=question_ref(question.pk),
                text=raw.get("text", ""),
                multiple=raw.get("kind") == "multiple",
                options=_options(raw.get("options", [])),
                due=state.due if state else first_due(since),
                new=state is None,
                link_title=(section_heading(page, question.section_id) or page.title)
                if page
                else "",
                link_url=section_url(page, question.section_id, request) if page else "",
            )
        )
    found.sort(key=lambda item: (item.due, item.ref))
    return found


def day_start(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def answered_today(user: User, *, now: dt.datetime) -> int:
    return RefresherAnswer.objects.filter(user=user, answered_at__gte=day_start(now)).count()


@dataclass
class Waiting:
    """What a person may answer now: the due questions (within today's limit), and when the
    next one is due otherwise."""

    due: list[Refresher] = field(default_factory=list)
    left_today: int = 0
    next_due: dt.datetime | None = None
    any_questions: bool = False


def waiting_for(
    user: User, *, language: str, request=None, now: dt.datetime | None = None
) -> Waiting:
    now = now or timezone.now()
    every = refreshers_for(user, language=language, request=request, now=now)
    left = max(DAILY_LIMIT - answered_today(user, now=now), 0)
    due = [item for item in every if item.due <= now]
    later = [item.due for item in every if item.due > now]
    next_due = min(later) if later else None
    if due and not left:
        # Today's share is done: the rest waits for tomorrow.
        next_due = day_start(now) + dt.timedelta(days=1)
    return Waiting(due=due[:left], left_today=left, next_due=next_due, any_questions=bool(every))


# --- the comms report ----------------------------------------------------------------------


@dataclass
class ReportRow:
    kind: str  # "guideline" or "lesson"
    title: str
    where: str
    people: int
    answers: int | None
    wrong: int | None
    edit_url: str = ""
    # Another period offered differs from this one by fewer than five people: comparing the
    # two would show that small group's answers.
    near_other_period: bool = False

    @property
    def shown(self) -> bool:
        return self.people >= MINIMUM_GROUP and not self.near_other_period

    @property
    def withheld_label(self):
        return WITHHELD_NEAR if self.people >= MINIMUM_GROUP else FEWER_THAN_FIVE

    @property
    def wrong_share(self) -> float | None:
        if not self.shown or not self.answers:
            return None
        return 100 * self.wrong / self.answers


def _edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk]) if page is not None else ""


def _near_other_period(group: dict, days: int, periods) -> bool:
    """The differencing rule of the insights dashboard (insights.dashboard.withhold_reason):
    withheld when another offered period's people count differs by 1 to 4."""
    people = group[f"people_{days}"]
    return any(
        0 < abs(people - group[f"people_{other}"]) < MINIMUM_GROUP
        for other in periods
        if other != days
    )


def wrong_answers_report(
    *, days: int, periods=(), now: dt.datetime | None = None
) -> list[ReportRow]:
    """Guideline sections and lessons by share of wrong answers over the last `days` days.

    Only groups of MINIMUM_GROUP people or more show their figures; smaller ones say "fewer
    than 5" and nothing else, so nobody's answers can be picked out. The other `periods`
    offered (in days) overlap this one: where one of them differs from it by fewer than five
    people, this period's figures are withheld too, or subtracting the two would show that
    small group's. All periods are counted in one grouped query; three queries in all."""
    now = now or timezone.now()
    periods = sorted({days, *periods})
    counted = {}
    for period in periods:
        within = Q(answered_at__gte=now - dt.timedelta(days=period))
        counted[f"people_{period}"] = Count("user", distinct=True, filter=within)
        counted[f"answers_{period}"] = Count("id", filter=within)
        counted[f"wrong_{period}"] = Count("id", filter=within & Q(correct=False))
    groups = [
        group
        for group in RefresherAnswer.objects.filter(
            answered_at__gte=now - dt.timedelta(days=max(periods))
        )
        .values("guideline_key", "section_id", "lesson_key")
        .annotate(**counted)
        .order_by()
        if group[f"people_{days}"]
    ]
    guideline_keys = {row["guideline_key"] for row in groups if row["guideline_key"]}
    lesson_keys = {row["lesson_key"] for row in groups if row["lesson_key"]}
    guidelines = guideline_pages(guideline_keys)
    lessons = (
        preferred_pages(
            LessonPage.objects.filter(translation_key__in=lesson_keys).only(
                "id", "title", "translation_key", "locale_id"
            )
        )
        if lesson_keys
        else {}
    )
    rows = []
    for group in groups:
        near = _near_other_period(group, days, periods)
        shown = group[f"people_{days}"] >= MINIMUM_GROUP and not near
        figures = {
            "people": group[f"people_{days}"],
            "answers": group[f"answers_{days}"] if shown else None,
            "wrong": group[f"wrong_{days}"] if shown else None,
            "near_other_period": near,
        }
        if group["lesson_key"]:
            lesson = lessons.get(group["lesson_key"])
            rows.append(
                ReportRow(
                    kind="lesson",
                    title=lesson.title if lesson else str(_("(deleted lesson)")),
                    where=str(_("Lesson")),
                    edit_url=_edit_url(lesson),
                    **figures,
                )
            )
        elif group["guideline_key"]:
            page = page_with_section(
                guidelines.get(group["guideline_key"], []), group["section_id"]
            )
            heading = section_heading(page, group["section_id"])
            rows.append(
                ReportRow(
                    kind="guideline",
                    title=heading or (page.title if page else str(_("(deleted guideline)"))),
                    where=page.title if page else str(_("Guideline")),
                    edit_url=_edit_url(page),
                    **figures,
                )
            )
    # Most often wrong first; the groups too small to show at the end.
    rows.sort(key=lambda row: (not row.shown, -(row.wrong_share or 0), row.title))
    return rows
