"""The growth path listens to courses and guidelines: points, and a check for promotion."""

from __future__ import annotations

from courses.signals import course_completed
from guidelines.signals import guideline_acknowledged

from . import services
from .models import COURSE_POINTS


def on_course_completed(sender, user, course, **kwargs):
    services.points_award(
        user=user,
        points=COURSE_POINTS,
        reason=f"course:{course.translation_key}",
        key=f"course:{user.pk}:{course.translation_key}",
    )
    _check(user)


def on_guideline_acknowledged(sender, user, **kwargs):
    _check(user)


def _check(user) -> None:
    from ambassadors.models import Ambassador

    ambassador = Ambassador.objects.filter(user=user).first()
    if ambassador is not None and ambassador.status == Ambassador.Status.ACTIVE:
        services.promotion_check(ambassador=ambassador)


def connect() -> None:
    course_completed.connect(on_course_completed, dispatch_uid="missions-course-points")
    guideline_acknowledged.connect(on_guideline_acknowledged, dispatch_uid="missions-guidelines")
