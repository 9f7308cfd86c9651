"""Writes for learning: opening a lesson, finishing it, grading a quiz, completing a course."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.models import Locale

from ambassadors import personal
from ambassadors.models import Ambassador
from ambassadors.roles import is_comms, is_mentor
from ambassadors.services import lazy_text, notify, recipient_language
from core.audit import record
from core.errors import Refusal
from core.sanitise import clean_text

from .blocks import QuestionBlock
from .models import (
    CoursePage,
    Enrolment,
    ExtraAttempts,
    LessonPage,
    LessonProgress,
    QuizAttempt,
    _certificate_code,
)
from .selectors import course_locked_reason, quiz_extra_attempts
from .signals import course_completed, lesson_completed, lesson_opened, quiz_attempted

ERROR_LESSON_HAS_QUIZ = _("This lesson is finished by passing its quiz.")
ERROR_UNKNOWN_QUIZ = _("This quiz does not belong to this lesson.")
ERROR_FOREIGN_ANSWER = _("An answer does not belong to this quiz. Please reload the page.")
ERROR_MISSING_ANSWER = _("Please answer every question.")
ERROR_ONE_ANSWER = _("Some questions take only one answer: choose one for each of them.")
ERROR_NO_ATTEMPTS_LEFT = _("You have used all attempts for this quiz.")
ERROR_ALREADY_SUBMITTED = _("This attempt was already submitted. Here is its result.")
ERROR_GRANT_NOT_ALLOWED = _("Only mentors and comms staff give extra attempts.")
ERROR_GRANT_OWN = _("Someone else gives you extra attempts.")
ERROR_GRANT_REASON = _("Give the reason for the extra attempts: it is kept in the history.")
ERROR_GRANT_ATTEMPTS = _("Give between 1 and %(most)s extra attempts.")
ERROR_GRANT_NO_LIMIT = _("This lesson has no quiz with a limited number of attempts.")
ERROR_GRANT_NOT_A_LEARNER = _("This person has not joined the programme: they take no quizzes.")
ERROR_ALREADY_PASSED = _("You already passed this quiz.")
ERROR_LESSON_NOT_IN_COURSE = _("This lesson is not part of this course, or not published.")
ERROR_STALE_ATTEMPT = _(
    "This quiz form is out of date. Please answer it again on the page as it is now."
)


class LearningError(Refusal):
    """Something the learner tried that cannot be done; the message says why."""


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    correct: bool
    chosen: list[str]


def _ensure_may_take(*, user: User, course: CoursePage, lesson: LessonPage) -> None:
    """Refuse a lesson that is not a published lesson of `course`, or a course the learner
    may not take yet (a later stage, or prerequisites not completed)."""
    in_course = lesson.path.startswith(course.path) and lesson.depth == course.depth + 1
    if not (in_course and lesson.live):
        raise LearningError(ERROR_LESSON_NOT_IN_COURSE)
    reason = course_locked_reason(user=user, course=course)
    if reason:
        raise LearningError(reason)


def lesson_open(*, user: User, course: CoursePage, lesson: LessonPage) -> Enrolment:
    """Start the course if needed and remember this lesson as the place to resume.

    Idempotent: opening the same lesson again changes nothing.
    """
    _ensure_may_take(user=user, course=course, lesson=lesson)
    enrolment, _created = Enrolment.objects.get_or_create(
        user=user, course_key=course.translation_key
    )
    if enrolment.last_lesson_key != lesson.translation_key:
        enrolment.last_lesson_key = lesson.translation_key
        enrolment.save(update_fields=["last_lesson_key", "last_seen_at"])
    lesson_opened.send(sender=LessonPage, user=user, course=course, lesson=lesson)
    return enrolment


@transaction.atomic
def lesson_mark_done(*, user: User, course: CoursePage, lesson: LessonPage) -> Enrolment | None:
    """Finish a lesson without a quiz. Returns the enrolment if the course is now complete."""
    _ensure_may_take(user=user, course=course, lesson=lesson)
    if lesson.has_quiz:
        raise LearningError(ERROR_LESSON_HAS_QUIZ)
    _lesson_done(user=user, course=course, lesson=lesson)
    return course_completion_check(user=user, course=course)


def _lesson_done(*, user: User, course: CoursePage, lesson: LessonPage) -> None:
    _progress, created = LessonProgress.objects.get_or_create(
        user=user,
        lesson_key=lesson.translation_key,
        defaults={"course_key": course.translation_key},
    )
    Enrolment.objects.get_or_create(user=user, course_key=course.translation_key)
    if created:
        lesson_completed.send(sender=LessonPage, user=user, course=course, lesson=lesson)


def _quiz_block(lesson: LessonPage, quiz_id: str):
    for block in lesson.quizzes():
        if block.id == quiz_id:
            return block
    raise LearningError(ERROR_UNKNOWN_QUIZ)


def quiz_grade(*, quiz_value: Any, answers: dict[str, list[str]]) -> list[QuestionResult]:
    """Check answers against the quiz; raise on tampering or missing answers."""
    questions = {question.id: question.value for question in quiz_value["questions"].bound_blocks}
    if set(answers) - set(questions):
        raise LearningError(ERROR_FOREIGN_ANSWER)
    return [
        question_grade(question_id=question_id, question=question, chosen=answers.get(question_id))
        for question_id, question in questions.items()
    ]


def question_grade(*, question_id: str, question: Any, chosen: list[str] | None) -> QuestionResult:
    """One question (a QuestionBlock's value) against the options chosen: right when exactly
    the correct options were chosen. Raises on a missing answer or a foreign option. The one
    grading rule, used by lesson quizzes and by refreshers (refreshers/services.py)."""
    chosen = chosen or []
    if not chosen:
        raise LearningError(ERROR_MISSING_ANSWER)
    options = {option.id: option.value for option in question["options"].bound_blocks}
    if set(chosen) - set(options):
        raise LearningError(ERROR_FOREIGN_ANSWER)
    if question["kind"] != QuestionBlock.MULTIPLE and len(set(chosen)) != 1:
        raise LearningError(ERROR_ONE_ANSWER)
    correct = {option_id for option_id, option in options.items() if option["correct"]}
    return QuestionResult(
        question_id=question_id, correct=set(chosen) == correct, chosen=sorted(set(chosen))
    )


def quiz_submit(
    *,
    user: User,
    course: CoursePage,
    lesson: LessonPage,
    quiz_id: str,
    answers: dict[str, list[str]],
    number: int,
) -> QuizAttempt:
    """Grade one attempt on the server and store it; a pass may finish the lesson and course.

    `number` is the attempt the form was made for: a replayed or double-clicked form
    gets the stored result, not a second attempt.
    """
    _ensure_may_take(user=user, course=course, lesson=lesson)
    quiz = _quiz_block(lesson, quiz_id)
    with transaction.atomic():
        previous = list(
            QuizAttempt.objects.select_for_update().filter(
                user=user, lesson_key=lesson.translation_key, quiz_id=quiz_id
            )
        )
        existing = next((attempt for attempt in previous if attempt.number == number), None)
        if existing is not None:
            raise AlreadySubmitted(existing)
        if any(attempt.passed for attempt in previous):
            raise LearningError(ERROR_ALREADY_PASSED)
        max_attempts = quiz.value["max_attempts"] or 0
        if max_attempts and len(previous) >= max_attempts + quiz_extra_attempts(
            user=user, lesson=lesson
        ):
            raise LearningError(ERROR_NO_ATTEMPTS_LEFT)
        if number != len(previous) + 1:
            raise LearningError(ERROR_STALE_ATTEMPT)
        results = quiz_grade(quiz_value=quiz.value, answers=answers)
        score = round(100 * sum(result.correct for result in results) / len(results))
        passed = score >= quiz.value["pass_mark"]
        try:
            with transaction.atomic():
                attempt = QuizAttempt.objects.create(
                    user=user,
                    course_key=course.translation_key,
                    lesson_key=lesson.translation_key,
                    quiz_id=quiz_id,
                    number=number,
                    score=score,
                    passed=passed,
                    answers={
                        r.question_id: {"chosen": r.chosen, "correct": r.correct} for r in results
                    },
                )
        except IntegrityError as exc:
            # A concurrent submit of the same attempt won the race.
            raise AlreadySubmitted(
                QuizAttempt.objects.get(
                    user=user, lesson_key=lesson.translation_key, quiz_id=quiz_id, number=number
                )
            ) from exc
        Enrolment.objects.get_or_create(user=user, course_key=course.translation_key)
        quiz_attempted.send(
            sender=LessonPage, user=user, course=course, lesson=lesson, attempt=attempt
        )
        if passed and _all_quizzes_passed(user=user, lesson=lesson):
            _lesson_done(user=user, course=course, lesson=lesson)
            course_completion_check(user=user, course=course)
    return attempt


@transaction.atomic
def quiz_attempts_grant(
    *, learner: User, lesson: LessonPage, attempts: int, reason: str, granted_by: User
) -> ExtraAttempts:
    """A mentor or comms staff gives a learner more attempts at a lesson's quizzes.

    The reason is required and kept, with who gave them, in the audit trail; the learner is
    told. Giving the quiz's own number of attempts again is a fresh start; earlier attempts
    stay in the learner's history.
    """
    if not (is_mentor(granted_by) or is_comms(granted_by)):
        raise LearningError(ERROR_GRANT_NOT_ALLOWED)
    if learner.pk == granted_by.pk:
        raise LearningError(ERROR_GRANT_OWN)
    reason = clean_text(reason or "").strip()[: ExtraAttempts.REASON_MAX_LENGTH]
    if not reason:
        raise LearningError(ERROR_GRANT_REASON)
    if not 1 <= attempts <= ExtraAttempts.MAX_AT_ONCE:
        raise LearningError(ERROR_GRANT_ATTEMPTS % {"most": ExtraAttempts.MAX_AT_ONCE})
    if not any(quiz.value["max_attempts"] for quiz in lesson.quizzes()):
        raise LearningError(ERROR_GRANT_NO_LIMIT)
    ambassador = Ambassador.objects.select_for_update().filter(user=learner).first()
    if ambassador is None:
        raise LearningError(ERROR_GRANT_NOT_A_LEARNER)
    course = lesson.get_parent().specific
    grant = ExtraAttempts.objects.create(
        user=learner,
        course_key=course.translation_key,
        lesson_key=lesson.translation_key,
        attempts=attempts,
        reason=reason,
        granted_by=granted_by,
    )
    record(
        ambassador,
        "academy.quiz_attempts",
        user=granted_by,
        title=learner.get_full_name() or learner.get_username(),
        person=learner,
        lesson=str(lesson.translation_key),
        lesson_title=lesson.title,
        attempts=attempts,
        reason=reason,
    )
    # The learner is pointed to the lesson in their own language, where they take the quiz.
    locale = Locale.objects.filter(language_code=recipient_language(learner)).first()
    translated = lesson.get_translation_or_none(locale) if locale else None
    if translated is not None and translated.live:
        lesson = translated
    notify(
        recipient=learner,
        kind="quiz_attempts_granted",
        key=f"quiz-attempts:{grant.pk}",
        subject=lazy_text(_("You can try the quiz again: %(lesson)s"), lesson=lesson.title),
        body=lazy_text(
            ngettext_lazy(
                "You have %(count)s more attempt at this lesson's quiz.",
                "You have %(count)s more attempts at this lesson's quiz.",
                attempts,
            ),
            count=attempts,
        ),
        link=lesson.get_url() or "",
    )
    return grant


class AlreadySubmitted(LearningError):
    """The attempt was stored before (a replayed form); `attempt` is its result."""

    def __init__(self, attempt: QuizAttempt):
        super().__init__(ERROR_ALREADY_SUBMITTED)
        self.attempt = attempt


def _all_quizzes_passed(*, user: User, lesson: LessonPage) -> bool:
    quiz_ids = {block.id for block in lesson.quizzes()}
    passed = set(
        QuizAttempt.objects.filter(
            user=user, lesson_key=lesson.translation_key, passed=True, quiz_id__in=quiz_ids
        ).values_list("quiz_id", flat=True)
    )
    return quiz_ids <= passed


def course_completion_check(*, user: User, course: CoursePage) -> Enrolment | None:
    """Complete the course when all its required lessons are done; idempotent."""
    required = set(
        LessonPage.objects.live()
        .child_of(course)
        .filter(required=True)
        .values_list("translation_key", flat=True)
    )
    if not required:
        return None
    done = set(
        LessonProgress.objects.filter(user=user, lesson_key__in=required).values_list(
            "lesson_key", flat=True
        )
    )
    if required - done:
        return None
    enrolment, _created = Enrolment.objects.get_or_create(
        user=user, course_key=course.translation_key
    )
    if enrolment.completed_at is None:
        updated = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
            completed_at=timezone.now(), certificate_code=_certificate_code()
        )
        if updated:
            personal.forget([user.pk])
            enrolment.refresh_from_db()
            _congratulate(user=user, course=course, enrolment=enrolment)
            course_completed.send(sender=CoursePage, user=user, course=course, enrolment=enrolment)
    return enrolment


def _congratulate(*, user: User, course: CoursePage, enrolment: Enrolment) -> None:
    notify(
        recipient=user,
        kind="course_completed",
        key=f"course-completed:{user.pk}:{course.translation_key}",
        subject=lazy_text(_("You earned the badge “%(badge)s”"), badge=course.badge_label),
        body=_("Well done! Your certificate is ready to view and print."),
        link=reverse("courses:certificate", args=[enrolment.certificate_code]),
        email=False,
    )
