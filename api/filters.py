"""Filter values the organisation-wide routers share: a department by its name, and text
without control characters (PostgreSQL refuses a NUL in a query: a 422, not a 500)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from ambassadors.models import Department

from .errors import ApiProblem

UNKNOWN_DEPARTMENT = "There is no department named {name}."

Line = Annotated[str, Field(pattern=r"^[^\x00-\x1f\x7f]*$")]
Code = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=60)]

# Moments and days are ISO 8601 text, as the schema says: pydantic would also read a number
# as seconds since 1970 ("0"), which the schema does not allow.
ISO_START = re.compile(r"^\d{4}-\d{2}-\d{2}")
NOT_ISO = "Give a date (YYYY-MM-DD) or a moment (YYYY-MM-DDTHH:MM:SS+01:00) as text."
# Far from now a moment overflows on its way to UTC, and a day in date arithmetic (a 500).
# Nothing in the academy lies outside these years: as a filter such a value means the same
# as the nearest one inside; stored (an item's start or expiry) it is refused.
EARLIEST, LATEST = 1970, 9000
OUT_OF_RANGE = f"Give a moment between the years {EARLIEST} and {LATEST}."


def _iso(value):
    if not isinstance(value, str) or not ISO_START.match(value):
        raise ValueError(NOT_ISO)
    return value


def _clamped(value):
    if value.year < EARLIEST:
        value = value.replace(year=EARLIEST, month=1, day=1)
    elif value.year > LATEST:
        value = value.replace(year=LATEST, month=12, day=31)
    return value


def _in_range(value):
    if not EARLIEST <= value.year <= LATEST:
        raise ValueError(OUT_OF_RANGE)
    return value


def _in_utc(value: dt.datetime) -> dt.datetime:
    """ISO 8601 allows offsets PostgreSQL does not (+21:46): the same moment in UTC."""
    return value.astimezone(dt.UTC) if value.tzinfo is not None else value


Moment = Annotated[
    dt.datetime, BeforeValidator(_iso), AfterValidator(_clamped), AfterValidator(_in_utc)
]
Day = Annotated[dt.date, BeforeValidator(_iso), AfterValidator(_clamped)]
StoredMoment = Annotated[
    dt.datetime, BeforeValidator(_iso), AfterValidator(_in_range), AfterValidator(_in_utc)
]


def department_id(name: str | None) -> int | None:
    """The department with this name (any case), None for no filter; a name that matches
    none is a 404 problem, never read as "everyone"."""
    if not name:
        return None
    found = Department.objects.filter(name__iexact=name).values_list("pk", flat=True).first()
    if found is None:
        raise ApiProblem(404, UNKNOWN_DEPARTMENT.format(name=name))
    return found
