"""Filter values the organisation-wide routers share: a department by its name."""

from __future__ import annotations

from ambassadors.models import Department

from .errors import ApiProblem

UNKNOWN_DEPARTMENT = "There is no department named {name}."


def department_id(name: str | None) -> int | None:
    """The department with this name (any case), None for no filter; a name that matches
    none is a 422, never read as "everyone"."""
    if not name:
        return None
    found = Department.objects.filter(name__iexact=name).values_list("pk", flat=True).first()
    if found is None:
        raise ApiProblem(422, UNKNOWN_DEPARTMENT.format(name=name))
    return found
