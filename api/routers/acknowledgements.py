"""/acknowledgements: who accepted which version of which guideline (the compliance export),
and coverage per guideline and department under the rule of five."""

import datetime as dt
import uuid

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from guidelines import selectors

from ..auth import Token
from ..filters import Line, department_id
from ..pagination import CursorPagination

router = Router(tags=["acknowledgements"])

WITHHELD = "Fewer than 5 people take part in this group, or the others would show it: withheld."


class AcknowledgementOut(Schema):
    id: int = Field(alias="pk")
    person: int = Field(alias="user_id")
    email: str = Field(alias="user.email")
    department: str | None = Field(alias="user.ambassador.department.name", default=None)
    guideline: uuid.UUID = Field(alias="translation_key")
    guideline_title: str | None
    version: int
    current: bool = Field(alias="is_current", description="For the guideline's current version.")
    acknowledged_at: dt.datetime


class AcknowledgementFilter(Schema):
    guideline: uuid.UUID | None = Field(None, description="The guideline's key.")
    version: int | None = Field(None, ge=1)
    current: bool | None = Field(None, description="Only for the current version (or not).")
    department: Line | None = Field(None, description="Department name (any case).")


class GroupOut(Schema):
    department: str | None = Field(description="null for the total.")
    people: int | None
    current: int | None
    outdated: int | None
    missing: int | None
    withheld: str | None = Field(None, description="Why the counts are null, if they are.")


class CoverageOut(Schema):
    guideline: uuid.UUID
    title: str
    version: int
    total: GroupOut
    departments: list[GroupOut]


def _group(group, *, total: bool = False) -> dict:
    return {
        "department": None if total else group.department,
        "people": group.people,
        "current": group.current,
        "outdated": group.outdated,
        "missing": group.missing,
        "withheld": WITHHELD if group.withheld else None,
    }


@router.get(
    "",
    response=list[AcknowledgementOut],
    auth=Token("acknowledgements:read"),
    operation_id="acknowledgements_list",
    url_name="acknowledgements",
)
@paginate(CursorPagination)
def acknowledgements_list(request: HttpRequest, filters: Query[AcknowledgementFilter]):
    """Each acknowledgement of a version by a person taking part (or who did)."""
    return selectors.acknowledgements(
        guideline=filters.guideline,
        version=filters.version,
        current=filters.current,
        department_id=department_id(filters.department),
    )


@router.get(
    "/coverage",
    response=list[CoverageOut],
    auth=Token("acknowledgements:read"),
    operation_id="acknowledgements_coverage",
    url_name="acknowledgements-coverage",
)
def acknowledgements_coverage(request: HttpRequest):
    """Per published guideline: people taking part current, behind, or never read, in total
    and per department; a department under five (and what would give it away) is withheld."""
    return [
        {
            "guideline": coverage.key,
            "title": coverage.title,
            "version": coverage.version,
            "total": _group(coverage.total, total=True),
            "departments": [_group(group) for group in coverage.departments],
        }
        for coverage in selectors.coverage_per_guideline()
    ]
