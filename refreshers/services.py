"""Writes for refreshers: grading an answer and moving the question's schedule, the reminder
choice, the reminders themselves and dropping schedules whose lesson is gone."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Ambassador, Notification
from ambassadors.services import Nudge, nudge_plan_many
from core.errors import Refusal
from core.queue import in_batches
from courses.models import LessonPage
from courses.services import LearningError, question_grade

from . import schedule
from .models import RefresherAnswer, RefresherQuestion, RefresherSettings, ReviewState
from .selectors import (
    DAILY_LIMIT,
    LESSON_PREFIX,
    QUESTION_PREFIX,
    answered_today,
    preferred_pages,
    refreshers_for,
)

ERROR_NOT_DUE = _("You already answered this question. It comes back later.")
ERROR_DAILY_LIMIT = _("That was enough for today. The next question waits until tomorrow.")
REMINDER_KIND = "refresher_reminder"


class RefresherError(Refusal):
    """An answer that cannot be graded; the message says why."""


class UnknownRefresher(Exception):
    """Not a question this person may be asked (someone else's course, a deleted lesson):
    the view answers 404, as for any object that is not theirs."""


@dataclass(frozen=True)
class Graded:
    correct: bool
    chosen: tuple[str, ...]
    correct_options: tuple[str, ...]
    feedback: tuple[str, ...]
    explanation: str
    link_title: str
    link_url: str
    due: dt.datetime


def _lesson_question(ref: str, lessons_allowed: set[str]):
    """(lesson, question block) for a "c<lesson key>:<block id>" reference."""
    lesson_key, _sep, block_id = ref[len(LESSON_PREFIX) :].partition(":")
    if ref not in lessons_allowed:
        raise UnknownRefresher(ref)
    lessons = preferred_pages(LessonPage.objects.live().filter(translation_key=lesson_key))
    lesson = lessons.get(uuid.UUID(lesson_key))
    if lesson is None:
        raise UnknownRefresher(ref)
    for quiz in lesson.quizzes():
        for question in quiz.value["questions"].bound_blocks:
            if question.id == block_id:
                return lesson, question
    raise UnknownRefresher(ref)


@transaction.atomic
def refresher_answer(
    *,
    user: User,
    ref: str,
    chosen: list[str],
    language: str,
    request=None,
    now: dt.datetime | None = None,
) -> Graded:
    """Grade one answer on the server and move the question's schedule.

    Only a question this person may be asked now (else UnknownRefresher), one that is due
    and within today's limit (else RefresherError). The grading rule is the lesson quizzes'
    (courses.services.question_grade): whatever else the form carried counts for nothing."""
    now = now or timezone.now()
    allowed = {
        item.ref: item for item in refreshers_for(user, language=language, request=request, now=now)
    }
    item = allowed.get(ref)
    if item is None:
        raise UnknownRefresher(ref)
    if item.due > now:
        raise RefresherError(ERROR_NOT_DUE)
    if answered_today(user, now=now) >= DAILY_LIMIT:
        raise RefresherError(ERROR_DAILY_LIMIT)

    where: dict = {}
    explanation = ""
    if ref.startswith(QUESTION_PREFIX):
        question = RefresherQuestion.objects.get(pk=int(ref[len(QUESTION_PREFIX) :]))
        block = question.block
        where = {"question": question}
        answer_about = {
            "question": question,
            "guideline_key": question.guideline_key,
            "section_id": question.section_id,
        }
        explanation = question.explanation
        value, block_id = block.value, block.id
    else:
        lesson, block = _lesson_question(ref, set(allowed))
        where = {"lesson_key": lesson.translation_key, "block_id": block.id}
        answer_about = {**where, "course_key": uuid.UUID(item.course_key)}
        value, block_id = block.value, block.id
    try:
        result = question_grade(question_id=block_id, question=value, chosen=chosen)
    except LearningError as error:
        raise RefresherError(error.message, field="choice") from error

    state = ReviewState.objects.select_for_update().filter(user=user, **where).first()
    # Checked again now that the row is locked: a second submit of the same answer (a double
    # click, two tabs) waited here for the first and must not grade again.
    if state is not None and state.due > now:
        raise RefresherError(ERROR_NOT_DUE)
    if answered_today(user, now=now) >= DAILY_LIMIT:
        raise RefresherError(ERROR_DAILY_LIMIT)
    card, due = schedule.review(state.card if state else None, correct=result.correct, at=now)
    if state is None:
        state = ReviewState(user=user, **where)
        if "lesson_key" in where:
            state.course_key = answer_about["course_key"]
    state.card, state.due = card, due
    state.reviews += 1
    state.lapses += 0 if result.correct else 1
    state.last_answered_at, state.last_correct = now, result.correct
    # The "once per person" constraints are left to the database (every one names `user`):
    # a first answer submitted twice at once inserts twice, and the second must be refused,
    # not fail.
    state.full_clean(exclude=["user"])
    try:
        with transaction.atomic():
            state.save()
    except IntegrityError as error:
        raise RefresherError(ERROR_NOT_DUE) from error
    RefresherAnswer.objects.create(
        user=user, chosen=result.chosen, correct=result.correct, answered_at=now, **answer_about
    )
    options = {option.id: option.value for option in value["options"].bound_blocks}
    return Graded(
        correct=result.correct,
        chosen=tuple(result.chosen),
        correct_options=tuple(o for o, option in options.items() if option["correct"]),
        feedback=tuple(options[o]["feedback"] for o in result.chosen if options[o].get("feedback")),
        explanation=explanation,
        link_title=item.link_title,
        link_url=item.link_url,
        due=due,
    )


def reminder_choose(*, user: User, remind: bool) -> RefresherSettings:
    """The person wants (or no longer wants) a reminder when a question is waiting."""
    settings, _created = RefresherSettings.objects.update_or_create(
        user=user, defaults={"remind": remind}
    )
    return settings


def wants_reminder(user: User) -> bool:
    return RefresherSettings.objects.filter(user=user, remind=True).exists()


def _first_due_to_ask(ambassador: Ambassador, *, now: dt.datetime) -> dt.datetime | None:
    """When the first question `ambassador` answered before and may be asked now came back:
    the page's own rule (refreshers_for), in their language, so a schedule left behind (a
    question no longer asked, in the other language, a guideline or course no longer theirs)
    never asks for a reminder the page cannot answer."""
    with translation.override(ambassador.language):
        items = refreshers_for(ambassador.user, language=ambassador.language, now=now)
    return min((item.due for item in items if not item.new and item.due <= now), default=None)


def reminders_plan(*, now: dt.datetime | None = None) -> int:
    """Daily: one nudge, within the attention budget, to each person who asked for reminders
    and has a question coming back. At most one while the same question waits (the nudge's
    key names the first due one the person may be asked), and at most one a week; running
    twice adds nothing. Questions never answered show on the path and ask for no reminder: a
    reminder is about what comes back."""
    now = now or timezone.now()
    something_due = ReviewState.objects.filter(user_id=OuterRef("user_id"), due__lte=now)
    wanting = RefresherSettings.objects.filter(user_id=OuterRef("user_id"), remind=True)
    people = (
        Ambassador.objects.participating()
        .filter(Exists(wanting), Exists(something_due))
        .select_related("user")
        .order_by("pk")
    )
    first_due = {}
    for ambassador in in_batches(people):
        due = _first_due_to_ask(ambassador, now=now)
        if due is not None:
            first_due[ambassador] = due
    nudges = [
        Nudge(
            ambassador_id=ambassador.pk,
            kind=REMINDER_KIND,
            key=f"refresher:{ambassador.user_id}:{due.isoformat()}",
            subject=_("A question to keep it fresh"),
            body=_("A short question on what you learned is waiting for you. It takes a minute."),
            link=reverse("refreshers:page"),
            earliest=now,
            kind_per_week=1,
        )
        for ambassador, due in first_due.items()
    ]
    keys = [nudge.key for nudge in nudges]
    earlier = set(
        Notification.objects.filter(idempotency_key__in=keys).values_list(
            "idempotency_key", flat=True
        )
    )
    planned = nudge_plan_many(nudges)
    # The notifications planned now; one planned on an earlier day under the same key (the
    # same question still waiting) counts for nothing.
    return sum(note is not None and key not in earlier for key, note in planned.items())


def orphans_drop() -> int:
    """Schedules of lesson questions whose lesson is no longer published (a course or lesson
    deleted or withdrawn), and of questions comms no longer ask, are dropped; pages already
    skip them. Their answers stay for the report."""
    live = LessonPage.objects.live().filter(translation_key=OuterRef("lesson_key"))
    lessons_gone, _by_model = (
        ReviewState.objects.filter(lesson_key__isnull=False).exclude(Exists(live)).delete()
    )
    not_asked, _by_model = ReviewState.objects.filter(question__live=False).delete()
    return lessons_gone + not_asked
