"""Pushes within the attention budget, spread over the window; link previews without SSRF."""

import datetime as dt
import socket
from collections import Counter

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from ambassadors.models import Ambassador, Notification, ProgrammeSettings
from ambassadors.quiet import is_quiet
from ambassadors.roles import Role
from ambassadors.services import week_start
from sharing import preview, services, tasks
from sharing.models import ContentItem, Push
from tests.factories.sharing import make_item

pytestmark = pytest.mark.django_db


def _ambassadors(count: int) -> None:
    users = User.objects.bulk_create(
        [User(username=f"amb{n}", email=f"amb{n}@example.org") for n in range(count)]
    )
    now = timezone.now()
    Ambassador.objects.bulk_create(
        [Ambassador(user=u, status="active", consented_at=now, language="nl") for u in users]
    )
    Group.objects.get_or_create(name=Role.EMPLOYEE.value)


def test_push_to_500_keeps_every_budget_and_spreads_over_the_window():
    """Four pushes to 500 people: nobody gets more than 3 in any week, hours stay even."""
    _ambassadors(500)
    pushes = []
    for _n in range(4):
        push = Push.objects.create(item=make_item(), window_hours=48)
        services.push_plan(push=push)
        pushes.append(push)
    first = Notification.objects.filter(idempotency_key__startswith=f"push:{pushes[0].pk}:")
    assert first.count() == 500
    # Spread evenly over the hours of the window outside the programme's quiet hours.
    quiet = ProgrammeSettings.load().quiet_hours
    start = Push.objects.get(pk=pushes[0].pk).planned_at
    awake = sum(not is_quiet(start + dt.timedelta(hours=h), quiet) for h in range(48))
    hours = Counter(n.visible_from.replace(minute=0, second=0, microsecond=0) for n in first)
    assert max(hours.values()) <= 500 / awake + 3
    assert not any(is_quiet(n.visible_from, quiet) for n in first)
    per_person_week = Counter(
        (n.recipient_id, week_start(n.visible_from))
        for n in Notification.objects.filter(is_nudge=True)
    )
    assert max(per_person_week.values()) <= 3
    moments: dict[int, list] = {}
    for n in Notification.objects.filter(is_nudge=True).order_by("visible_from"):
        moments.setdefault(n.recipient_id, []).append(n.visible_from)
    for times in moments.values():
        for index, moment in enumerate(times):
            window = [t for t in times[index:] if t < moment + dt.timedelta(days=7)]
            assert len(window) <= 3
            if index:
                assert moment - times[index - 1] >= dt.timedelta(hours=24)


def test_planning_twice_sends_nothing_twice():
    """Running the planning task again keeps one suggestion per person."""
    _ambassadors(20)
    push = Push.objects.create(item=make_item())
    tasks.plan_push(push.pk)
    tasks.plan_push(push.pk)
    assert Notification.objects.filter(idempotency_key__startswith=f"push:{push.pk}:").count() == 20


def test_empty_segment_is_refused():
    """A push nobody matches plans nothing and says so."""
    push = Push.objects.create(item=make_item(language="en"))
    with pytest.raises(services.SharingError):
        services.push_plan(push=push)
    assert not Notification.objects.exists()


def test_push_admin_form(client_for, comms, django_capture_on_commit_callbacks):
    """Comms staff push from the library; the progress page counts the plan."""
    _ambassadors(5)
    item = make_item()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(comms).post(f"/cms/sharing/push/{item.pk}/", {"window_hours": 24})
    assert response.status_code == 302
    push = Push.objects.get()
    page = client_for(comms).get(f"/cms/sharing/pushes/{push.pk}/")
    assert page.context["progress"]["planned"] >= 5


def _fake_dns(monkeypatch, address):
    def getaddrinfo(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "192.168.0.10", "169.254.169.254", "172.16.5.5", "0.0.0.0"],  # noqa: S104
)
def test_preview_refuses_internal_addresses(monkeypatch, address):
    """A name that resolves to a loopback, private or link-local address is not fetched."""
    _fake_dns(monkeypatch, address)
    with pytest.raises(preview.PreviewError):
        preview.fetch_preview("https://innocent.example/page")


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,hi", "ftp://x.example/", "http://"]
)
def test_preview_refuses_other_schemes(url):
    """Only http(s) with a host is fetched."""
    with pytest.raises(preview.PreviewError):
        preview.fetch_preview(url)


def test_preview_parses_open_graph():
    """Title, description and absolute image URL come from the Open Graph tags."""
    html = (
        '<html><head><title>Fallback</title><meta property="og:title" content="Heat pumps">'
        '<meta property="og:description" content="Quiet ones"><meta property="og:image" '
        'content="/img/a.png"></head></html>'
    )
    found = preview.parse_preview(html, "https://news.example/a")
    assert found == {
        "title": "Heat pumps",
        "description": "Quiet ones",
        "image": "https://news.example/img/a.png",
    }


def test_failed_preview_is_stored_for_the_editor(monkeypatch):
    """The task stores the reason and never raises; the item stays saved."""
    _fake_dns(monkeypatch, "10.0.0.1")
    item = make_item()
    assert tasks.fetch_preview(item.pk) == "failed"
    item = ContentItem.objects.get(pk=item.pk)
    assert item.preview_status == ContentItem.Preview.FAILED
    assert item.preview_error
