"""/missions and /assignments: the growth path's missions and who does which."""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from missions import selectors
from missions.models import Assignment

from ..auth import Token
from ..filters import Moment
from ..pagination import CursorPagination

router = Router(tags=["missions"])


class MissionOut(Schema):
    id: int = Field(alias="pk")
    stage: int
    kind: str
    title_nl: str
    title_en: str
    points: int
    open_to_all: bool
    active_from: dt.datetime | None
    active_until: dt.datetime | None
    created_at: dt.datetime


class MissionFilter(Schema):
    active: bool | None = Field(None, description="Only missions open now (or closed).")


class AssignmentOut(Schema):
    id: int = Field(alias="pk")
    mission: int = Field(alias="mission_id")
    person: int = Field(alias="user_id")
    email: str = Field(alias="user.email")
    department: str | None = Field(alias="user.ambassador.department.name", default=None)
    state: str
    offered_at: dt.datetime
    accepted_at: dt.datetime | None
    due_at: dt.datetime | None
    submitted_at: dt.datetime | None
    reviewed_at: dt.datetime | None


class AssignmentFilter(Schema):
    mission: int | None = None
    state: Assignment.State | None = None
    since: Moment | None = Field(None, description="Offered at or after.")


@router.get(
    "/missions",
    response=list[MissionOut],
    auth=Token("missions:read"),
    operation_id="missions_list",
    url_name="missions",
)
@paginate(CursorPagination)
def missions_list(request: HttpRequest, filters: Query[MissionFilter]):
    """Every mission, oldest first."""
    return selectors.missions_list(active=filters.active)


@router.get(
    "/assignments",
    response=list[AssignmentOut],
    auth=Token("missions:read"),
    operation_id="assignments_list",
    url_name="assignments",
)
@paginate(CursorPagination)
def assignments_list(request: HttpRequest, filters: Query[AssignmentFilter]):
    """Missions offered to people taking part (or who did), in the order offered."""
    return selectors.assignments_list(
        mission_id=filters.mission, state=filters.state, since=filters.since
    )
