"""Filter values the organisation-wide routers share: a department by its name, and text
without control characters (PostgreSQL refuses a NUL in a query: a 422, not a 500)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, Field

from ambassadors.models import Department

from .errors import ApiProblem

UNKNOWN_DEPARTMENT = "There is no department named {name}."

Line = Annotated[str, Field(pattern=r"^[^\x00-\x1f\x7f]*$")]
Code = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=60)]

# Moments and days far from now overflow on their way to UTC or in date arithmetic (a 500);
# nothing in the academy lies outside these years.
EARLIEST, LATEST = 1970, 9000
OUT_OF_RANGE = f"Give a moment between the years {EARLIEST} and {LATEST}."


def _in_range(value):
    if not EARLIEST <= value.year <= LATEST:
        raise ValueError(OUT_OF_RANGE)
    return value


Moment = Annotated[dt.datetime, AfterValidator(_in_range)]
Day = Annotated[dt.date, AfterValidator(_in_range)]


def department_id(name: str | None) -> int | None:
    """The department with this name (any case), None for no filter; a name that matches
    none is a 422, never read as "everyone"."""
    if not name:
        return None
    found = Department.objects.filter(name__iexact=name).values_list("pk", flat=True).first()
    if found is None:
        raise ApiProblem(422, UNKNOWN_DEPARTMENT.format(name=name))
    return found
