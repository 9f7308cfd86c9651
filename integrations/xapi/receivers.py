"""The apps' named signals become xAPI statements: one outbox row each, sent after the commit.

Nothing is written when no LRS is configured, and nothing about a person who has not joined
the programme (consented) or has left it. Receivers are idempotent: a signal sent twice, or a
retried request, records the same statement once.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from courses.signals import course_completed, lesson_completed, lesson_opened, quiz_attempted
from guidelines.signals import guideline_acknowledged
from missions.signals import assignment_approved
from sharing.signals import item_shared

from ..receiving import guarded, taking_part
from . import services, statements

LANGUAGES = ("nl", "en")


def statement_receiver(function):
    """Only with an LRS configured; a statement that cannot be written is logged, never the
    learner's problem."""
    return guarded(function, enabled=services.configured)


def _wanted(user) -> bool:
    """The person is in the programme (consented, not left)."""
    return user is not None and taking_part(user.pk)


def _page_names(translation_key) -> dict[str, str]:
    """A page's title in Dutch and English (its translations), in one query."""
    return dict(
        Page.objects.filter(
            translation_key=translation_key, locale__language_code__in=LANGUAGES
        ).values_list("locale__language_code", "title")
    )


@statement_receiver
def on_lesson_opened(sender, user, course, lesson, **kwargs):
    if not _wanted(user):
        return
    body = statements.lesson_experienced(
        user_id=user.pk,
        course_key=course.translation_key,
        lesson_key=lesson.translation_key,
        names={},
        timestamp=timezone.now(),
    )
    # Opened each time, recorded once: skip the names query when the row is there.
    from ..models import XapiStatement

    if XapiStatement.objects.filter(statement_id=body["id"]).exists():
        return
    body["object"] = statements.lesson_activity(
        lesson.translation_key, _page_names(lesson.translation_key)
    )
    services.statement_record(user=user, body=body)


@statement_receiver
def on_lesson_completed(sender, user, course, lesson, **kwargs):
    if not _wanted(user):
        return
    services.statement_record(
        user=user,
        body=statements.lesson_completed(
            user_id=user.pk,
            course_key=course.translation_key,
            lesson_key=lesson.translation_key,
            names=_page_names(lesson.translation_key),
            timestamp=timezone.now(),
        ),
    )


@statement_receiver
def on_quiz_attempted(sender, user, course, lesson, attempt, **kwargs):
    if not _wanted(user):
        return
    services.statement_record(
        user=user,
        body=statements.quiz_attempted(
            user_id=user.pk,
            course_key=course.translation_key,
            lesson_key=lesson.translation_key,
            quiz_id=attempt.quiz_id,
            number=attempt.number,
            score=attempt.score,
            passed=attempt.passed,
            names=_page_names(lesson.translation_key),
            timestamp=attempt.created_at,
        ),
    )


@statement_receiver
def on_course_completed(sender, user, course, enrolment, **kwargs):
    if not _wanted(user):
        return
    certificate = ""
    if enrolment.certificate_code:
        # The public verification page: whoever reads the LRS can check the certificate.
        certificate = statements.site_url() + reverse(
            "courses:verify", args=[enrolment.certificate_code]
        )
    services.statement_record(
        user=user,
        body=statements.course_completed(
            user_id=user.pk,
            course_key=course.translation_key,
            names=_page_names(course.translation_key),
            certificate_url=certificate,
            timestamp=enrolment.completed_at or timezone.now(),
        ),
    )


@statement_receiver
def on_guideline_acknowledged(sender, user, acknowledgement, **kwargs):
    if not _wanted(user):
        return
    services.statement_record(
        user=user,
        body=statements.guideline_acknowledged(
            user_id=user.pk,
            guideline_key=acknowledgement.translation_key,
            version=acknowledgement.version,
            names=_page_names(acknowledgement.translation_key),
            timestamp=acknowledgement.acknowledged_at or timezone.now(),
        ),
    )


@statement_receiver
def on_assignment_approved(sender, assignment, **kwargs):
    user = assignment.user
    if not _wanted(user):
        return
    mission = assignment.mission
    services.statement_record(
        user=user,
        body=statements.mission_completed(
            user_id=user.pk,
            mission_id=mission.pk,
            assignment_id=assignment.pk,
            names={"nl": mission.title_nl, "en": mission.title_en},
            points=mission.points,
            timestamp=assignment.reviewed_at or timezone.now(),
        ),
    )


@statement_receiver
def on_item_shared(sender, share, **kwargs):
    user = share.user
    if not _wanted(user):
        return
    item = share.item
    services.statement_record(
        user=user,
        body=statements.item_shared(
            user_id=user.pk,
            item_id=item.pk,
            network=share.network,
            names={item.language or "nl": item.title},
            timestamp=share.created_at,
        ),
    )


def connect() -> None:
    for signal, receiver in (
        (lesson_opened, on_lesson_opened),
        (lesson_completed, on_lesson_completed),
        (quiz_attempted, on_quiz_attempted),
        (course_completed, on_course_completed),
        (guideline_acknowledged, on_guideline_acknowledged),
        (assignment_approved, on_assignment_approved),
        (item_shared, on_item_shared),
    ):
        signal.connect(receiver, dispatch_uid=f"integrations.xapi.{receiver.__name__}")
