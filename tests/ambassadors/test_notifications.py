"""The outbox and the attention budget: idempotency, quiet hours, budgets, retries, digests."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from ambassadors import services, tasks
from ambassadors.models import Ambassador, Notification, ProgrammeSettings

pytestmark = pytest.mark.django_db


def _notify(user, key="event-1", **extra):
    return services.notify(
        recipient=user, kind="test", key=key, subject="Your request was answered", **extra
    )


def test_same_event_is_notified_once(employee, django_capture_on_commit_callbacks):
    """Two notifications with one idempotency key give one row and one e-mail."""
    with django_capture_on_commit_callbacks(execute=True):
        first = _notify(employee, link="/path/")
        second = _notify(employee, link="/path/")
    assert first.pk == second.pk
    assert Notification.objects.filter(idempotency_key="event-1").count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [employee.email]
    assert "http://127.0.0.1:8000/path/" in mail.outbox[0].body
    # Delivering again (a retried task) sends nothing more.
    assert tasks.deliver_notification_email(first.pk) is False
    assert tasks.sweep_outbox() == 0
    assert len(mail.outbox) == 1


def test_email_preference_off_means_in_app_only(employee, django_capture_on_commit_callbacks):
    """With e-mail switched off for its kind, the notification shows in-app and no e-mail
    leaves."""
    Ambassador.objects.filter(user=employee).update(channel_choices={"other": []})
    employee.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify(employee)
    assert notification.email_after is None
    assert len(mail.outbox) == 0
    assert Notification.objects.visible().filter(recipient=employee, kind="test").exists()


def test_quiet_hours_hold_the_email_until_they_end(employee, django_capture_on_commit_callbacks):
    """During quiet hours the e-mail waits until the end of them; in-app shows at once."""
    now = timezone.localtime()
    start = (now - dt.timedelta(hours=1)).time().replace(second=0, microsecond=0)
    end = (now + dt.timedelta(hours=2)).time().replace(second=0, microsecond=0)
    Ambassador.objects.filter(user=employee).update(quiet_hours_start=start, quiet_hours_end=end)
    employee = type(employee).objects.get(pk=employee.pk)
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify(employee)
    assert len(mail.outbox) == 0
    assert notification.email_after > timezone.now() + dt.timedelta(minutes=100)
    assert timezone.localtime(notification.email_after).time() == end
    assert notification.visible_from <= timezone.now()
    assert tasks.sweep_outbox() == 0  # not due yet
    Notification.objects.filter(pk=notification.pk).update(email_after=timezone.now())
    # Still inside quiet hours when the sweep comes: postponed again, not sent.
    assert tasks.sweep_outbox() == 0
    assert len(mail.outbox) == 0


def test_quiet_hours_over_midnight():
    """Quiet hours from 22:00 to 07:00 cover 23:30 and 06:59 but not 07:00 or 21:59."""
    ambassador = Ambassador(quiet_hours_start=dt.time(22, 0), quiet_hours_end=dt.time(7, 0))
    day = timezone.localtime().replace(year=2026, month=3, day=10)

    def at(hour, minute):
        return day.replace(hour=hour, minute=minute, second=0, microsecond=0)

    assert ambassador.in_quiet_hours(at(23, 30))
    assert ambassador.in_quiet_hours(at(6, 59))
    assert not ambassador.in_quiet_hours(at(7, 0))
    assert not ambassador.in_quiet_hours(at(21, 59))
    assert ambassador.end_of_quiet_hours(at(23, 30)) == at(7, 0) + dt.timedelta(days=1)
    assert ambassador.end_of_quiet_hours(at(6, 0)) == at(7, 0)


def test_nudges_keep_within_the_weekly_budget(employee):
    """Nudges beyond the weekly budget move to a later week; each week holds at most the budget."""
    settings = ProgrammeSettings.load()
    settings.max_nudges_per_week = 2
    settings.save()
    ambassador = employee.ambassador
    planned = [
        services.nudge_plan(ambassador=ambassador, kind="share", key=f"k{i}", subject=f"Item {i}")
        for i in range(5)
    ]
    assert all(planned)
    weeks = {}
    for nudge in planned:
        weeks.setdefault(services.week_start(nudge.visible_from), []).append(nudge)
    assert all(len(items) <= 2 for items in weeks.values())
    assert len(weeks) >= 3
    moments = sorted(n.visible_from for n in planned)
    gaps = [later - earlier for earlier, later in zip(moments, moments[1:], strict=False)]
    assert min(gaps) >= dt.timedelta(hours=24)
    status = services.budget_status(ambassador=ambassador)
    assert status.used <= status.budget == 2


def test_person_can_lower_but_not_raise_the_budget(employee):
    """A personal limit of 1 allows one nudge a week; zero means none at all."""
    ambassador = employee.ambassador
    ambassador.max_nudges_per_week = 1
    ambassador.save()
    first = services.nudge_plan(ambassador=ambassador, kind="s", key="a", subject="A")
    second = services.nudge_plan(ambassador=ambassador, kind="s", key="b", subject="B")
    assert services.week_start(first.visible_from) != services.week_start(second.visible_from)
    ambassador.max_nudges_per_week = 99
    ambassador.save()
    assert services.weekly_budget(ambassador) == ProgrammeSettings.load().max_nudges_per_week
    ambassador.max_nudges_per_week = 0
    ambassador.save()
    assert services.nudge_plan(ambassador=ambassador, kind="s", key="c", subject="C") is None


def test_nudges_skip_quiet_hours(employee):
    """A nudge planned inside quiet hours is moved to their end."""
    now = timezone.localtime()
    start = (now - dt.timedelta(minutes=30)).time().replace(second=0, microsecond=0)
    end = (now + dt.timedelta(hours=3)).time().replace(second=0, microsecond=0)
    ambassador = employee.ambassador
    ambassador.quiet_hours_start, ambassador.quiet_hours_end = start, end
    ambassador.save()
    nudge = services.nudge_plan(ambassador=ambassador, kind="s", key="q", subject="Q")
    assert not ambassador.in_quiet_hours(nudge.visible_from)
    assert nudge.visible_from >= timezone.now() + dt.timedelta(hours=2)
    # Not yet visible in-app either.
    assert not Notification.objects.visible().filter(pk=nudge.pk).exists()


def test_people_who_do_not_take_part_get_no_nudges(newcomer):
    """No consent, no nudges."""
    assert (
        services.nudge_plan(ambassador=newcomer.ambassador, kind="s", key="x", subject="X") is None
    )


def test_stale_claim_is_taken_over_by_the_sweep(employee):
    """An e-mail claimed by a worker that died is sent by the sweep after the lease."""
    notification = _notify(employee)  # on_commit not run: the task was "lost"
    Notification.objects.filter(pk=notification.pk).update(
        email_claimed_at=timezone.now() - dt.timedelta(minutes=11)
    )
    assert tasks.sweep_outbox() == 1
    assert len(mail.outbox) == 1
    assert Notification.objects.get(pk=notification.pk).email_sent_at is not None


def test_live_claim_is_left_alone(employee):
    """A claim younger than the lease belongs to a worker still sending: no second copy."""
    notification = _notify(employee)
    Notification.objects.filter(pk=notification.pk).update(email_claimed_at=timezone.now())
    assert tasks.sweep_outbox() == 0
    assert len(mail.outbox) == 0


def test_failed_send_is_retried_then_given_up(employee, settings):
    """A refusing mail server releases the claim for a retry, and gives up after five tries."""
    settings.EMAIL_BACKEND = "tests.failing_email.RefusingBackend"
    notification = _notify(employee)
    for _attempt in range(services.MAX_EMAIL_ATTEMPTS):
        assert tasks.deliver_notification_email(notification.pk) is False
    notification.refresh_from_db()
    assert notification.email_attempts == services.MAX_EMAIL_ATTEMPTS
    assert notification.email_after is None
    assert "went away" in notification.email_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert tasks.sweep_outbox() == 0


def test_weekly_digest_bundles_unread_notifications_once(employee):
    """Digest readers get no single e-mails but one weekly summary, once per week."""
    Ambassador.objects.filter(user=employee).update(weekly_digest=True)
    employee = type(employee).objects.get(pk=employee.pk)
    _notify(employee, key="a")
    _notify(employee, key="b")
    assert tasks.sweep_outbox() == 0
    assert services.weekly_digest_send() == 1
    assert services.weekly_digest_send() == 0
    tasks.sweep_outbox()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].body.count("Your request was answered") == 2


@pytest.mark.usefixtures("english")
def test_unsafe_links_are_refused(employee):
    """A notification cannot link off-site."""
    for link in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        with pytest.raises(ValueError, match="page of this site"):
            _notify(employee, key=link, link=link)


def test_reading_notifications(client_for, employee, other_employee):
    """Opening marks read and follows the stored link; someone else's notification is a 404."""
    notification = _notify(employee, link="/profile/")
    client = client_for(employee)
    assert client.get("/notifications/").context["unread_count"] == 2  # welcome + this one
    response = client.post(f"/notifications/{notification.pk}/open/")
    assert response["Location"] == "/profile/"
    assert Notification.objects.get(pk=notification.pk).read_at is not None
    assert (
        client_for(other_employee).post(f"/notifications/{notification.pk}/open/").status_code
        == 404
    )
    client.post("/notifications/read-all/")
    assert Notification.objects.filter(recipient=employee, read_at__isnull=True).count() == 0


def test_future_nudges_are_not_shown_yet(client_for, employee):
    """A nudge planned for next week is not in today's list."""
    nudge = services.nudge_plan(
        ambassador=employee.ambassador,
        kind="s",
        key="later",
        subject="Later",
        earliest=timezone.now() + dt.timedelta(days=8),
    )
    page = client_for(employee).get("/notifications/")
    assert nudge not in page.context["page"].object_list
