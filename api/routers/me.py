"""/me: a personal token reads its own person's data, and nobody else's.

The same selectors as the person's own pages (course catalogue, guideline statuses, my
reach), in the person's language for titles.
"""

import datetime as dt
import uuid
from typing import Literal

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from ninja import Field, Router, Schema

from ambassadors.models import Ambassador
from ambassadors.pages import page_in_active_language
from courses.models import CourseIndexPage
from courses.selectors import catalogue_for
from guidelines.models import GuidelineIndexPage
from guidelines.selectors import guideline_pages, statuses_for
from sharing.selectors import my_reach

from ..auth import Token, token_of

router = Router(tags=["me"], auth=Token(personal=True))


class MeOut(Schema):
    id: int
    username: str
    email: str
    first_name: str
    last_name: str
    status: Literal["invited", "active", "paused", "left"]
    stage: int = Field(ge=1, le=3)
    department: str | None
    language: Literal["nl", "en"]
    joined_at: dt.datetime | None


class CourseProgressOut(Schema):
    course_key: uuid.UUID
    title: str
    stage: int
    started: bool
    completed: bool
    completed_at: dt.datetime | None
    percent: int = Field(ge=0, le=100)
    required_lessons: int
    required_lessons_done: int
    certificate_url: str | None = Field(description="The certificate's page once completed.")


class AcknowledgementOut(Schema):
    guideline_key: uuid.UUID
    title: str
    current_version: int
    status: Literal["current", "outdated", "missing"]
    acknowledged_version: int | None
    acknowledged_at: dt.datetime | None


class ShareReachOut(Schema):
    item: str
    network: str
    shared_at: dt.datetime
    clicks: int
    visitors: int
    estimated_audience: int


class ReachTotalsOut(Schema):
    shares: int
    clicks: int
    visitors: int
    estimated_audience: int
    clicks_per_share: float


class ReachOut(Schema):
    totals: ReachTotalsOut
    shares: list[ShareReachOut]


def _ambassador(request: HttpRequest) -> Ambassador:
    """The person's profile; an unsaved default one if they have none yet (no write on GET)."""
    user: User = token_of(request).user
    ambassador = Ambassador.objects.select_related("department").filter(user=user).first()
    ambassador = ambassador or Ambassador(user=user)
    ambassador.user = user
    return ambassador


@router.get("", response=MeOut, operation_id="me_get", url_name="me", summary="Me")
def me_get(request: HttpRequest):
    """The token's person: name, participation status and stage."""
    ambassador = _ambassador(request)
    user = ambassador.user
    return {
        "id": user.pk,
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "status": ambassador.status,
        "stage": ambassador.stage,
        "department": ambassador.department.name if ambassador.department_id else None,
        "language": ambassador.language,
        "joined_at": ambassador.consented_at,
    }


@router.get(
    "/progress",
    response=list[CourseProgressOut],
    operation_id="me_progress",
    url_name="me-progress",
    summary="My course progress",
)
def me_progress(request: HttpRequest):
    """Every course of the catalogue: how far the person is, completions and certificates."""
    ambassador = _ambassador(request)
    with translation.override(ambassador.language):
        index = page_in_active_language(CourseIndexPage)
        sections = catalogue_for(ambassador=ambassador, index=index) if index else []
    result = []
    for section in sections:
        for status in section.courses:
            enrolment = status.enrolment
            code = enrolment.certificate_code if status.completed else None
            result.append(
                {
                    "course_key": status.course.translation_key,
                    "title": status.course.title,
                    "stage": status.course.stage,
                    "started": status.started,
                    "completed": status.completed,
                    "completed_at": enrolment.completed_at if enrolment else None,
                    "percent": status.percent,
                    "required_lessons": status.required_total,
                    "required_lessons_done": status.required_done,
                    "certificate_url": (
                        request.build_absolute_uri(reverse("courses:certificate", args=[code]))
                        if code
                        else None
                    ),
                }
            )
    return result


@router.get(
    "/acknowledgements",
    response=list[AcknowledgementOut],
    operation_id="me_acknowledgements",
    url_name="me-acknowledgements",
    summary="My guideline acknowledgements",
)
def me_acknowledgements(request: HttpRequest):
    """Each guideline: its current version and which version the person acknowledged."""
    ambassador = _ambassador(request)
    with translation.override(ambassador.language):
        index = page_in_active_language(GuidelineIndexPage)
        pages = guideline_pages(index) if index else []
    return [
        {
            "guideline_key": status.page.translation_key,
            "title": status.page.title,
            "current_version": status.page.version,
            "status": status.status,
            "acknowledged_version": status.last.version if status.last else None,
            "acknowledged_at": status.last.acknowledged_at if status.last else None,
        }
        for status in statuses_for(ambassador.user, pages)
    ]


@router.get(
    "/reach",
    response=ReachOut,
    operation_id="me_reach",
    url_name="me-reach",
    summary="My shares and their reach",
)
def me_reach(request: HttpRequest):
    """The person's shares with clicks (bots left out), unique visitors and estimated reach."""
    rows, totals = my_reach(ambassador=_ambassador(request))
    return {
        "totals": {key: totals[key] for key in ReachTotalsOut.model_fields},
        "shares": [
            {
                "item": row.share.item.title,
                "network": row.share.network,
                "shared_at": row.share.created_at,
                "clicks": row.clicks,
                "visitors": row.visitors,
                "estimated_audience": row.estimated_audience,
            }
            for row in rows
        ],
    }
