from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from ambassadors import personal

        from . import (
            dashboard_panels,  # noqa: F401 (registers the dashboard panel)
            personal_data,  # noqa: F401 (registers its part of the data export)
        )
        from .models import Enrolment, ExtraAttempts, LessonProgress, QuizAttempt

        # The path and lesson pages, cached per person (ambassadors/personal.py).
        for model in (Enrolment, LessonProgress, QuizAttempt, ExtraAttempts):
            personal.follow(model)
