"""Urgent notifications (an urgent mediation request, its escalation) come first while
unread, in every list, marked; the list's queries stay fixed."""

import datetime as dt

import pytest
from django.utils import timezone

from ambassadors import selectors
from ambassadors.models import Notification
from ambassadors.roles import Role
from tests.factories import make_user
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def note(user, kind, minutes_ago, read=False):
    at = timezone.now() - dt.timedelta(minutes=minutes_ago)
    return Notification.objects.create(
        recipient=user,
        kind=kind,
        idempotency_key=f"{kind}:{user.pk}:{minutes_ago}",
        subject=f"{kind} {minutes_ago}",
        created_at=at,
        visible_from=at,
        read_at=at if read else None,
    )


def test_unread_urgent_notifications_come_first_then_newest_first():
    user = make_user(Role.EMPLOYEE, Role.MENTOR, language="en")
    alert = note(user, "mediation_alert", 300)
    escalation = note(user, "mediation_escalation", 200)
    read_alert = note(user, "mediation_alert", 100, read=True)
    newer = [note(user, "sla_warning", minutes) for minutes in range(1, 60)]
    shown = [n for n in selectors.notifications_shown(user=user) if n.kind != "welcome"]
    assert shown[:2] == [escalation, alert]
    assert shown[2:] == sorted([*newer, read_alert], key=lambda n: n.visible_from, reverse=True)
    assert [n.is_urgent for n in shown[:2]] == [True, True]
    assert next(n for n in shown if n.pk == read_alert.pk).is_urgent


def test_the_lists_mark_urgent_ones_and_show_them_first(client):
    user = make_user(Role.EMPLOYEE, Role.MENTOR, language="en")
    for minutes in range(1, 30):
        note(user, "sla_warning", minutes)
    note(user, "mediation_alert", 500)
    client.force_login(user)
    for path in ("/notifications/", "/path/"):
        html = client.get(path).content.decode()
        first = html.index('<li class="notification')
        assert html[first:].startswith('<li class="notification is-unread is-urgent"'), path
        assert "mediation_alert 500" in html


@pytest.mark.parametrize("path", ["/notifications/", "/path/"])
def test_the_lists_run_a_fixed_number_of_queries(client, path):
    user = make_user(Role.EMPLOYEE, Role.MENTOR, language="en")
    client.force_login(user)
    note(user, "mediation_alert", 500)
    few = page_queries(client, path)
    for minutes in range(1, 40):
        note(user, "sla_warning" if minutes % 2 else "mediation_alert", minutes)
    assert page_queries(client, path) == few


def test_the_weekly_digest_lists_urgent_ones_first():
    from ambassadors.models import Ambassador
    from ambassadors.services import weekly_digest_send

    user = make_user(Role.EMPLOYEE, Role.MENTOR, language="en")
    Ambassador.objects.filter(user=user).update(weekly_digest=True)
    for minutes in range(1, 5):
        note(user, "sla_warning", minutes)
    note(user, "mediation_alert", 3000)
    assert weekly_digest_send() == 1
    digest = Notification.objects.get(recipient=user, kind="digest")
    body = digest.text_in("en").body
    assert body.index("mediation_alert 3000") < body.index("sla_warning")
