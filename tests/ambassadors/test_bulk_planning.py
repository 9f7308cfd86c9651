"""Planning many nudges at once: the same rules as one by one, in a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ambassadors import services
from ambassadors.models import Notification, ProgrammeSettings
from ambassadors.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _nudges(people, prefix, earliest=None):
    return [
        services.Nudge(
            ambassador_id=person.ambassador.pk,
            kind="share",
            key=f"{prefix}:{person.pk}",
            subject="Share this",
            earliest=earliest,
        )
        for person in people
    ]


def test_bulk_plan_gives_the_slots_one_by_one_would(awake_now, employee, other_employee):
    """Someone with nudges already planned gets the same slot from both planners."""
    ProgrammeSettings.objects.update_or_create(pk=1, defaults={"max_nudges_per_week": 2})
    for key in ("a", "b"):
        services.nudge_plan(ambassador=employee.ambassador, kind="s", key=key, subject="x")
    one = services.nudge_plan(ambassador=employee.ambassador, kind="s", key="one", subject="x")
    Notification.objects.filter(idempotency_key="one").delete()
    many = services.nudge_plan_many(_nudges([employee, other_employee], "bulk"))
    assert many[f"bulk:{employee.pk}"].visible_from == one.visible_from
    assert many[f"bulk:{other_employee.pk}"].visible_from <= timezone.now() + dt.timedelta(
        seconds=5
    )


def test_two_nudges_for_one_person_in_one_batch_respect_the_gap(employee):
    """Slots taken earlier in the same batch count: the second nudge waits for the gap."""
    nudges = [
        services.Nudge(ambassador_id=employee.ambassador.pk, kind="s", key=key, subject="x")
        for key in ("first", "second")
    ]
    planned = services.nudge_plan_many(nudges)
    gap = planned["second"].visible_from - planned["first"].visible_from
    assert gap >= dt.timedelta(hours=24)


def test_bulk_plan_is_idempotent_and_skips_people_not_taking_part(employee, newcomer):
    """Planning again returns the earlier rows; someone without consent gets nothing."""
    first = services.nudge_plan_many(_nudges([employee, newcomer], "p"))
    again = services.nudge_plan_many(_nudges([employee, newcomer], "p"))
    assert first[f"p:{employee.pk}"].pk == again[f"p:{employee.pk}"].pk
    assert first[f"p:{newcomer.pk}"] is None
    assert Notification.objects.filter(idempotency_key__startswith="p:").count() == 1


def test_bulk_plan_queries_do_not_grow_with_the_people():
    """Five people or fifty: the same number of queries (one batch)."""
    counts = []
    for size, prefix in ((5, "small"), (50, "large")):
        people = [make_user(Role.EMPLOYEE) for _ in range(size)]
        soon = timezone.now() + dt.timedelta(hours=1)
        nudges = _nudges(people, prefix, earliest=soon)
        with CaptureQueriesContext(connection) as captured:
            planned = services.nudge_plan_many(nudges)
        assert all(planned.values())
        counts.append(len(captured))
    assert counts[0] == counts[1]
