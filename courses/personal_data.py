"""What courses keep about a person, for the personal data export."""

from ambassadors.personal_data import register_section, rows

from .models import Enrolment, LessonProgress, QuizAttempt


@register_section("courses")
def courses_data(user) -> list[dict]:
    return [
        {
            "enrolments": rows(Enrolment.objects.filter(user=user), exclude=["user"]),
            "lessons_done": rows(LessonProgress.objects.filter(user=user), exclude=["user"]),
            "quiz_attempts": rows(QuizAttempt.objects.filter(user=user), exclude=["user"]),
        }
    ]
