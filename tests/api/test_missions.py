"""/missions and /assignments: what another system reads of the growth path."""

import datetime as dt

import pytest
from django.utils import timezone

from missions.models import Assignment
from tests.api.calls import Caller, personal_get, problem
from tests.factories import make_user
from tests.factories.missions import AssignmentFactory, mission

pytestmark = pytest.mark.django_db


@pytest.fixture
def system():
    return Caller("missions:read")


def test_missions_and_the_active_filter(system):
    """Every mission, or those open now."""
    open_one = mission(title_en="Comment")
    mission(active_until=timezone.now() - dt.timedelta(days=1))
    assert len(system.get("/api/v1/missions").json()["items"]) == 2
    active = system.get("/api/v1/missions", active="true").json()["items"]
    assert [(row["id"], row["title_en"]) for row in active] == [(open_one.pk, "Comment")]


def test_assignments_with_filters(system):
    """Assignments of people who joined, narrowed by mission, state and time offered."""
    now = timezone.now()
    task, other = mission(), mission()
    anna = make_user()
    AssignmentFactory(mission=task, user=anna, offered_at=now - dt.timedelta(days=9))
    approved = AssignmentFactory(
        mission=other,
        user=anna,
        offered_at=now,
        accepted_at=now,
        submitted_at=now,
        reviewed_at=now,
        state=Assignment.State.APPROVED,
    )
    AssignmentFactory(mission=task, user=make_user(joined=False))
    assert len(system.get("/api/v1/assignments").json()["items"]) == 2
    rows = system.get("/api/v1/assignments", state="approved").json()["items"]
    assert [(row["id"], row["person"], row["state"]) for row in rows] == [
        (approved.pk, anna.pk, "approved")
    ]
    assert len(system.get("/api/v1/assignments", mission=task.pk).json()["items"]) == 1
    since = (now - dt.timedelta(days=1)).isoformat()
    assert len(system.get("/api/v1/assignments", since=since).json()["items"]) == 1
    # An offset PostgreSQL does not take (+21:46) is the same moment in UTC.
    far = (now - dt.timedelta(days=1)).astimezone(dt.timezone(dt.timedelta(hours=21, minutes=46)))
    assert len(system.get("/api/v1/assignments", since=far.isoformat()).json()["items"]) == 1


@pytest.mark.parametrize("query", [{"state": "finished"}, {"mission": "one"}, {"since": "x"}])
def test_bad_filters_are_422(system, query):
    problem(system.get("/api/v1/assignments", **query), 422)


def test_lists_do_not_grow_in_queries(system):
    """A page of assignments (and of missions) costs the same with 1 or 6 rows."""
    AssignmentFactory(user=make_user())
    small = system.queries("/api/v1/assignments")
    missions = system.queries("/api/v1/missions")
    for _n in range(5):
        AssignmentFactory(user=make_user())
    assert system.queries("/api/v1/assignments") == small
    assert system.queries("/api/v1/missions") == missions


def test_pages_follow_the_cursor(system):
    """page_size and next: every assignment once."""
    for _n in range(3):
        AssignmentFactory(user=make_user())
    first = system.get("/api/v1/assignments", page_size=2).json()
    assert len(first["items"]) == 2
    second = system.client.get(first["next"], headers=system.headers).json()
    assert len(second["items"]) == 1
    assert second["next"] is None


def test_a_personal_token_cannot_read_assignments():
    problem(personal_get(make_user(), "/api/v1/assignments"), 403)
