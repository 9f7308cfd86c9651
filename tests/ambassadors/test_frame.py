"""The page frame (ambassadors/frame.py): cheap on every page, and never out of date.

The header reads the person's roles, unread count and gates from a per-person cache; every
write those depend on must show on the very next page.
"""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ambassadors import frame, services
from ambassadors.models import Notification
from ambassadors.roles import Role, roles_of
from ambassadors.services import people
from core.backends import user_of_session
from tests.factories.ambassadors import make_user
from tests.factories.guidelines import acknowledge, build_guidelines, major_change

pytestmark = pytest.mark.django_db


def header_of(user) -> tuple[str, int]:
    """The site frame as the person's next page renders it, and its queries."""
    request = RequestFactory().get("/path/")
    request.user = user_of_session(user.pk)  # a fresh request: nothing kept from before
    request.session = {}
    with CaptureQueriesContext(connection) as captured:
        html = render_to_string("base.html", request=request)
    return html, len(captured)


def unread_shown(user) -> int:
    """The bell's count on the person's next page."""
    return frame.frame_of(user_of_session(user.pk)).unread


@pytest.fixture(autouse=True)
def _welcome_read(employee, other_employee):
    """Joining told them something: read, so each test starts at zero."""
    for person in (employee, other_employee):
        services.notifications_mark_all_read(user=person)


def test_a_warm_frame_costs_no_query(employee):
    header_of(employee)
    html, queries = header_of(employee)
    assert queries == 0
    assert "Mijn pad" in html or "My path" in html


@pytest.mark.parametrize("role", ["employee", "mentor", "comms"])
def test_a_whole_page_frame_costs_at_most_four_queries(role, request, client_for):
    """Session, the person with their profile (and a mentor's urgent banner): what every
    signed-in page needs, warm."""
    client = client_for(request.getfixturevalue(role))
    client.get("/notifications/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/notifications/")
    frame_queries = [
        query["sql"]
        for query in captured.captured_queries
        if "ambassadors_notification" not in query["sql"]
    ]
    assert len(frame_queries) <= 4, frame_queries


def test_a_new_notification_shows_on_the_next_page(employee):
    assert unread_shown(employee) == 0
    services.notify(recipient=employee, kind="t", key="frame-1", subject="Hello")
    assert unread_shown(employee) == 1
    html, _queries = header_of(employee)
    assert "1 ongelezen" in html or "1 unread" in html


def test_reading_shows_on_the_next_page(employee):
    note = services.notify(recipient=employee, kind="t", key="frame-2", subject="Hello")
    services.notify(recipient=employee, kind="t", key="frame-3", subject="Again")
    assert unread_shown(employee) == 2
    services.notification_mark_read(user=employee, notification_id=note.pk)
    assert unread_shown(employee) == 1
    services.notifications_mark_all_read(user=employee)
    assert unread_shown(employee) == 0


def test_settling_shows_on_the_next_page(employee):
    services.notify(recipient=employee, kind="t", key="ticket:7:reply", subject="Reply")
    assert unread_shown(employee) == 1
    services.notifications_settle(user_id=employee.pk, key_prefix="ticket:7:")
    assert unread_shown(employee) == 0


def test_a_planned_notification_shows_when_its_moment_comes(employee, monkeypatch):
    """No write happens when a planned nudge becomes visible: the frame knows the moment."""
    later = timezone.now() + dt.timedelta(hours=2)
    services.notify(recipient=employee, kind="t", key="frame-4", subject="Later")
    Notification.objects.filter(idempotency_key="frame-4").update(visible_from=later)
    frame.forget([employee.pk])
    assert unread_shown(employee) == 0
    monkeypatch.setattr(timezone, "now", lambda: later + dt.timedelta(minutes=1))
    assert unread_shown(employee) == 1


def test_a_push_planned_in_bulk_shows(employee, other_employee):
    from ambassadors.services.nudges import Nudge, nudge_plan_many

    assert unread_shown(employee) == 0
    assert unread_shown(other_employee) == 0
    now = timezone.now()
    nudge_plan_many(
        [
            Nudge(
                ambassador_id=person.ambassador.pk,
                kind="share_suggestion",
                key=f"frame-push-{person.pk}",
                subject="Something to share",
                body="",
                link="/share/",
                earliest=now - dt.timedelta(minutes=1),
                latest=now + dt.timedelta(days=7),
            )
            for person in (employee, other_employee)
        ]
    )
    planned = Notification.objects.filter(idempotency_key__startswith="frame-push-")
    assert planned.count() == 2
    for person in (employee, other_employee):
        visible = planned.filter(recipient=person, visible_from__lte=timezone.now()).count()
        assert unread_shown(person) == visible


def test_roles_follow_group_changes_at_once(employee):
    assert roles_of(user_of_session(employee.pk)) == {Role.EMPLOYEE}
    employee.groups.add(Group.objects.get(name=Role.COMMS.value))
    assert Role.COMMS in roles_of(user_of_session(employee.pk))
    html, _queries = header_of(employee)
    assert "/programme/" in html
    employee.groups.remove(Group.objects.get(name=Role.COMMS.value))
    assert Role.COMMS not in roles_of(user_of_session(employee.pk))
    Group.objects.get(name=Role.MENTOR.value).user_set.add(employee)
    assert Role.MENTOR in roles_of(user_of_session(employee.pk))


def test_provisioning_takes_a_role_away_at_once():
    """The identity provider drops someone from comms: their next page has no CMS link."""
    person = make_user(Role.COMMS)
    assert Role.COMMS in roles_of(user_of_session(person.pk))
    people.person_roles_set(user=person, roles=set())
    assert roles_of(user_of_session(person.pk)) == {Role.EMPLOYEE}


def test_the_guidelines_gate_follows_acknowledging_and_new_versions(employee):
    from ambassadors.gates import unmet_gate_shown

    guidelines = build_guidelines()
    assert unmet_gate_shown(user_of_session(employee.pk)) is not None
    acknowledge(employee, guidelines.main)
    assert unmet_gate_shown(user_of_session(employee.pk)) is not None
    acknowledge(employee, guidelines.privacy)
    assert unmet_gate_shown(user_of_session(employee.pk)) is None
    major_change(guidelines.main, "Never post a customer's name.")
    assert unmet_gate_shown(user_of_session(employee.pk)) is not None


def test_everyone_forgotten_at_once_when_many_change(employee, other_employee):
    unread_shown(employee)
    unread_shown(other_employee)
    for person in (employee, other_employee):
        Notification.objects.create(
            recipient=person,
            kind="t",
            idempotency_key=f"raw-{person.pk}",
            visible_from=timezone.now(),
        )
    frame.forget(range(10_000, 10_000 + frame.FORGET_ONE_BY_ONE + 1))
    assert unread_shown(employee) == 1
    assert unread_shown(other_employee) == 1


@pytest.mark.parametrize("size", [2, 40])
def test_the_frame_costs_the_same_with_more_data(size, employee):
    for number in range(size):
        services.notify(recipient=employee, kind="t", key=f"grow-{number}", subject="N")
    header_of(employee)
    _html, queries = header_of(employee)
    assert queries == 0
