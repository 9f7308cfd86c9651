"""/courses, /completions, /people/{id}/progress: learning, for the organisation's LMS."""

import datetime as dt
import uuid

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from courses import selectors

from ..auth import Token
from ..filters import Line, Moment, department_id
from ..pagination import CursorPagination
from ..selectors import people_reachable
from .people import PersonId

router = Router(tags=["learning"])


def certificate_url(code: str | None) -> str | None:
    """The certificate's public verification page at the site's public address: anyone the
    LMS shows it to can check name, course and date (the certificate itself is the learner's
    own page, /me/progress gives that)."""
    if not code:
        return None
    return settings.SITE_URL + reverse("courses:verify", args=[code])


class CourseOut(Schema):
    key: uuid.UUID = Field(alias="translation_key", description="Shared by its translations.")
    title: str
    stage: int = Field(description="0: all stages (the basics); 1-3: the stage it belongs to.")
    required_for_promotion: bool
    estimated_minutes: int
    lessons: int = Field(alias="lesson_count")


class CompletionOut(Schema):
    id: int = Field(alias="pk")
    person: int = Field(alias="user_id")
    email: str = Field(alias="user.email")
    department: str | None = Field(alias="user.ambassador.department.name", default=None)
    course: uuid.UUID = Field(alias="course_key")
    course_title: str | None
    started_at: dt.datetime
    completed_at: dt.datetime
    certificate_code: str
    certificate_url: str | None = None

    @staticmethod
    def resolve_certificate_url(obj, context) -> str | None:
        return certificate_url(obj.certificate_code)


class CompletionFilter(Schema):
    course: uuid.UUID | None = Field(None, description="The course's key.")
    since: Moment | None = Field(None, description="Completed at or after.")
    department: Line | None = Field(None, description="Department name (any case).")


class ProgressOut(Schema):
    course: uuid.UUID
    course_title: str
    lessons_done: int = Field(description="Required lessons done.")
    lessons_total: int = Field(description="Required lessons of the course.")
    percent: int
    started_at: dt.datetime | None
    completed_at: dt.datetime | None
    certificate_url: str | None


@router.get(
    "/courses",
    response=list[CourseOut],
    auth=Token("learning:read"),
    operation_id="courses_list",
    url_name="courses",
)
@paginate(CursorPagination)
def courses_list(request: HttpRequest):
    """The live courses (in the default language), each with its number of lessons."""
    return selectors.courses_in_default_language()


@router.get(
    "/completions",
    response=list[CompletionOut],
    auth=Token("learning:read"),
    operation_id="completions_list",
    url_name="completions",
)
@paginate(CursorPagination)
def completions_list(request: HttpRequest, filters: Query[CompletionFilter]):
    """Completed courses of people taking part (or who did), with their certificate."""
    return selectors.completions(
        course_key=filters.course,
        since=filters.since,
        department_id=department_id(filters.department),
    )


@router.get(
    "/people/{int:person_id}/progress",
    response=list[ProgressOut],
    auth=Token("learning:read"),
    operation_id="person_progress",
    url_name="person-progress",
)
def person_progress(request: HttpRequest, person_id: PersonId):
    """One person's place in every course: required lessons done of all, completion."""
    user = get_object_or_404(
        people_reachable().filter(ambassador__consented_at__isnull=False), pk=person_id
    )
    return [
        {
            "course": status.course.translation_key,
            "course_title": status.course.title,
            "lessons_done": status.required_done,
            "lessons_total": status.required_total,
            "percent": status.percent,
            "started_at": status.enrolment.started_at if status.enrolment else None,
            "completed_at": status.enrolment.completed_at if status.enrolment else None,
            "certificate_url": certificate_url(
                status.enrolment.certificate_code if status.enrolment else None
            ),
        }
        for status in selectors.progress_of(user.ambassador)
    ]
