"""/people: the organisation's people, for HR systems that do not speak SCIM.

Reads need `people:read`, writes `people:write`. Who is reachable is SCIM's rule (no
superusers, no erased accounts, api.selectors.people_reachable); every other id is a 404.
Writes go through api.services (ambassadors' person services, an audit entry per write).
"""

import datetime as dt
from typing import Annotated, Literal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import AfterValidator, ConfigDict

from .. import services
from ..auth import Token, token_of
from ..filters import Line, Moment
from ..pagination import CursorPagination
from ..selectors import people_reachable

router = Router(tags=["people"])

Participation = Literal["invited", "active", "paused", "left"]
Language = Literal["nl", "en"]


def _email(value: str) -> str:
    try:
        validate_email(value.strip())
    except DjangoValidationError:
        raise ValueError("not an e-mail address") from None
    return value.strip()


PersonId = Annotated[int, Path(ge=1, description="The person's id.")]
# Django's own rule for user names (UnicodeUsernameValidator), said in the schema.
Username = Annotated[str, Field(min_length=1, max_length=150, pattern=r"^[\w.@+-]+$")]
Email = Annotated[
    str,
    Field(min_length=3, max_length=254, json_schema_extra={"format": "email"}),
    AfterValidator(_email),
]
Name = Annotated[Line, Field(max_length=150)]


class PersonOut(Schema):
    id: int = Field(alias="pk")
    username: str
    email: str
    first_name: str
    last_name: str
    active: bool = Field(alias="is_active", description="False: switched off.")
    status: Participation = Field(alias="ambassador.status", description="Participation.")
    stage: int = Field(alias="ambassador.stage", ge=1, le=3)
    department: str | None = Field(None, alias="ambassador.department.name")
    language: Language = Field(alias="ambassador.language")
    source: str = Field(alias="ambassador.source", description="Where the account comes from.")
    joined_at: dt.datetime | None = Field(alias="ambassador.consented_at")


class PeopleFilter(Schema):
    department: Line | None = Field(None, max_length=100, description="Department name, any case.")
    status: Participation | None = None
    email: Line | None = Field(None, max_length=254, description="E-mail address, any case.")
    updated_since: Moment | None = Field(
        None, description="Created, or participation changed, at or after this time."
    )


class PersonIn(Schema):
    model_config = ConfigDict(extra="forbid")

    email: Email
    username: Username | Literal[""] = Field("", description="Defaults to the e-mail address.")
    first_name: Name = ""
    last_name: Name = ""
    department: Name = Field("", description="Department name; made when new.")
    language: Language | Literal[""] = Field("", description="Until the person joins.")


class PersonPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    email: Email | None = None
    username: Username | None = None
    first_name: Name | None = None
    last_name: Name | None = None
    department: Name | None = Field(None, description='"" takes the person out of any.')
    language: Language | None = None


def _person(person_id: int) -> User:
    return get_object_or_404(people_reachable(), pk=person_id)


def _fresh(user: User) -> User:
    return people_reachable().get(pk=user.pk)


@router.get(
    "",
    response=list[PersonOut],
    auth=Token("people:read"),
    operation_id="people_list",
    url_name="people",
    summary="List people",
)
@paginate(CursorPagination)
def people_list(request: HttpRequest, filters: Query[PeopleFilter]) -> QuerySet[User]:
    """People the API reaches, in the order they were added."""
    people = people_reachable()
    if filters.department:
        people = people.filter(ambassador__department__name__iexact=filters.department)
    if filters.status:
        people = people.filter(ambassador__status=filters.status)
    if filters.email:
        people = people.filter(email__iexact=filters.email)
    if filters.updated_since:
        since = filters.updated_since
        people = people.filter(
            Q(ambassador__created_at__gte=since) | Q(ambassador__status_changed_at__gte=since)
        )
    return people


@router.post(
    "",
    response={201: PersonOut},
    auth=Token("people:write"),
    operation_id="people_create",
    url_name="people",
    summary="Create a person",
)
def people_create(request: HttpRequest, person: PersonIn):
    """A new, invited person (they join on the consent page at their first sign-in). An
    e-mail address or user name some account already has is a 409."""
    user = services.api_person_create(token=token_of(request), **person.model_dump())
    return Status(201, _fresh(user))


@router.get(
    "/{int:person_id}",
    response=PersonOut,
    auth=Token("people:read"),
    operation_id="people_get",
    url_name="person",
    summary="Get a person",
)
def people_get(request: HttpRequest, person_id: PersonId):
    return _person(person_id)


@router.patch(
    "/{int:person_id}",
    response=PersonOut,
    auth=Token("people:write"),
    operation_id="people_update",
    url_name="person",
    summary="Change a person",
)
def people_update(request: HttpRequest, person_id: PersonId, changes: PersonPatch):
    """Change the fields sent; the others stay. The language follows only until they join."""
    user = _person(person_id)
    services.api_person_update(
        token=token_of(request), user=user, **changes.model_dump(exclude_unset=True)
    )
    return _fresh(user)


@router.post(
    "/{int:person_id}/deactivate",
    response=PersonOut,
    auth=Token("people:write"),
    operation_id="people_deactivate",
    url_name="person-deactivate",
    summary="Switch a person off",
)
def people_deactivate(request: HttpRequest, person_id: PersonId):
    """Signed out everywhere and out of the programme; history stays. Idempotent."""
    user = _person(person_id)
    services.api_person_deactivate(token=token_of(request), user=user)
    return _fresh(user)


@router.post(
    "/{int:person_id}/reactivate",
    response=PersonOut,
    auth=Token("people:write"),
    operation_id="people_reactivate",
    url_name="person-reactivate",
    summary="Switch a person on again",
)
def people_reactivate(request: HttpRequest, person_id: PersonId):
    """The account works again; whoever had joined gives consent again. Idempotent."""
    user = _person(person_id)
    services.api_person_reactivate(token=token_of(request), user=user)
    return _fresh(user)
