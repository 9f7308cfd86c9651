"""Reads for other systems: missions and assignments."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from missions import selectors
from missions.models import Assignment
from tests.factories import make_user
from tests.factories.missions import AssignmentFactory, mission

pytestmark = pytest.mark.django_db


def test_missions_open_now_or_not():
    """All missions, or those open now, or those closed."""
    now = timezone.now()
    open_one = mission()
    ended = mission(active_until=now - dt.timedelta(days=1))
    assert list(selectors.missions_list()) == [open_one, ended]
    assert list(selectors.missions_list(active=True)) == [open_one]
    assert list(selectors.missions_list(active=False)) == [ended]


def test_assignments_of_people_who_joined_with_filters():
    """Assignments in the order offered, only of people who joined; filters narrow them."""
    now = timezone.now()
    task, other = mission(), mission()
    anna = make_user()
    old = AssignmentFactory(mission=task, user=anna, offered_at=now - dt.timedelta(days=9))
    new = AssignmentFactory(
        mission=other,
        user=anna,
        offered_at=now,
        accepted_at=now,
        submitted_at=now,
        reviewed_at=now,
        state=Assignment.State.APPROVED,
    )
    AssignmentFactory(mission=task, user=make_user(joined=False))
    assert list(selectors.assignments_list()) == [old, new]
    assert list(selectors.assignments_list(mission_id=task.pk)) == [old]
    assert list(selectors.assignments_list(state="approved")) == [new]
    assert list(selectors.assignments_list(since=now - dt.timedelta(days=1))) == [new]


def test_assignments_read_in_fixed_queries():
    """Assignments with their mission, person and department cost the same at two sizes."""

    def count():
        with CaptureQueriesContext(connection) as captured:
            rows = list(selectors.assignments_list())
            [(row.mission.title, row.user.ambassador.department) for row in rows]
        return len(captured)

    AssignmentFactory(user=make_user())
    small = count()
    for _n in range(5):
        AssignmentFactory(user=make_user())
    assert count() == small
