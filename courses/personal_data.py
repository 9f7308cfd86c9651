"""What courses keep about a person, for the personal data export."""

from wagtail.models import ModelLogEntry

from ambassadors.erasure import register_eraser
from ambassadors.personal_data import register_section, rows

from .models import Enrolment, ExtraAttempts, LessonProgress, QuizAttempt, _certificate_code


@register_section("courses")
def courses_data(user) -> list[dict]:
    return [
        {
            "enrolments": rows(Enrolment.objects.filter(user=user), exclude=["user"]),
            "lessons_done": rows(LessonProgress.objects.filter(user=user), exclude=["user"]),
            "quiz_attempts": rows(QuizAttempt.objects.filter(user=user), exclude=["user"]),
            "extra_quiz_attempts": rows(
                ExtraAttempts.objects.filter(user=user), exclude=["user", "granted_by"]
            ),
        }
    ]


@register_eraser("courses")
def erase_courses(user) -> None:
    """Progress and attempts stay for the course figures; certificates stop verifying: each
    gets a new random code, so the old link (which showed the name) finds nothing."""
    for enrolment in Enrolment.objects.filter(user=user, certificate_code__isnull=False):
        enrolment.certificate_code = _certificate_code()
        enrolment.save(update_fields=["certificate_code"])
    # Extra attempts: the reasons are words about the person, here and in the audit trail.
    ExtraAttempts.objects.filter(user=user).delete()
    entries = ModelLogEntry.objects.filter(action="academy.quiz_attempts", data__person=user.pk)
    for entry in entries:
        entry.data = {key: value for key, value in entry.data.items() if key != "reason"}
        entry.save(update_fields=["data"])
