"""/people: the organisation's people, for HR systems that do not speak SCIM."""

import datetime as dt

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from ..auth import Token
from ..pagination import CursorPagination
from ..selectors import people_reachable

router = Router(tags=["people"])


class PersonOut(Schema):
    id: int = Field(alias="pk")
    username: str
    email: str
    first_name: str
    last_name: str
    active: bool = Field(alias="is_active")
    status: str = Field(alias="ambassador.status")
    stage: int = Field(alias="ambassador.stage")
    department: str | None = Field(alias="ambassador.department.name", default=None)
    language: str = Field(alias="ambassador.language")
    source: str = Field(alias="ambassador.source")
    joined_at: dt.datetime | None = Field(alias="ambassador.consented_at")


class PeopleFilter(Schema):
    department: str | None = Field(None, description="Department name (any case).")
    status: str | None = Field(None, description="invited, active, paused or left.")
    email: str | None = Field(None, description="E-mail address (any case).")
    updated_since: dt.datetime | None = None


@router.get(
    "",
    response=list[PersonOut],
    auth=Token("people:read"),
    operation_id="people_list",
    url_name="people",
)
@paginate(CursorPagination)
def people_list(request: HttpRequest, filters: Query[PeopleFilter]) -> QuerySet[User]:
    """People the API reaches (no superusers, no erased accounts), oldest first."""
    people = people_reachable()
    if filters.department:
        people = people.filter(ambassador__department__name__iexact=filters.department)
    if filters.status:
        people = people.filter(ambassador__status=filters.status)
    if filters.email:
        people = people.filter(email__iexact=filters.email)
    return people


@router.get(
    "/{int:person_id}",
    response=PersonOut,
    auth=Token("people:read"),
    operation_id="people_get",
    url_name="person",
)
def people_get(request: HttpRequest, person_id: int):
    return get_object_or_404(people_reachable(), pk=person_id)
