"""The programme's default quiet hours hold for everything asked of people without their own."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from ambassadors import services, tasks
from ambassadors.models import Ambassador, Notification, ProgrammeSettings
from ambassadors.quiet import awake_moment, is_quiet

pytestmark = pytest.mark.django_db

DEFAULT = (dt.time(20, 0), dt.time(8, 0))


def _tomorrow(hour: int, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _plan(ambassador, key, earliest):
    return services.nudge_plan(
        ambassador=ambassador, kind="share", key=key, subject="Share this", earliest=earliest
    )


def test_programme_default_is_20_to_8():
    """Out of the box the programme's quiet hours run from 20:00 to 08:00."""
    assert ProgrammeSettings.load().quiet_hours == DEFAULT


def test_nudge_for_someone_without_quiet_hours_waits_for_the_programmes_to_end(employee):
    """A suggestion due at 02:30 for someone who set no quiet hours shows (and mails) at 08:00."""
    nudge = _plan(employee.ambassador, "night", _tomorrow(2, 30))
    assert nudge.visible_from == _tomorrow(8, 0)
    assert nudge.email_after == _tomorrow(8, 0)
    evening = _plan(employee.ambassador, "evening", _tomorrow(21, 0) + dt.timedelta(days=3))
    assert timezone.localtime(evening.visible_from).time() == dt.time(8, 0)


def test_own_quiet_hours_replace_the_programmes(employee):
    """Someone with their own quiet hours (22:00–07:00) can be asked at 21:00 and 07:30."""
    ambassador = employee.ambassador
    ambassador.quiet_hours_start, ambassador.quiet_hours_end = dt.time(22, 0), dt.time(7, 0)
    ambassador.save()
    assert _plan(ambassador, "a", _tomorrow(7, 30)).visible_from == _tomorrow(7, 30)
    later = _tomorrow(21, 0) + dt.timedelta(days=2)
    assert _plan(ambassador, "b", later).visible_from == later
    assert _plan(ambassador, "c", _tomorrow(23, 0) + dt.timedelta(days=4)).visible_from == (
        _tomorrow(7, 0) + dt.timedelta(days=5)
    )


def test_changed_programme_quiet_hours_apply(employee):
    """Comms staff move the default to 22:00–06:00: 21:00 becomes a fine moment."""
    programme = ProgrammeSettings.load()
    programme.default_quiet_hours_start = dt.time(22, 0)
    programme.default_quiet_hours_end = dt.time(6, 0)
    programme.save()
    assert _plan(employee.ambassador, "x", _tomorrow(21, 0)).visible_from == _tomorrow(21, 0)
    assert _plan(employee.ambassador, "y", _tomorrow(5, 0) + dt.timedelta(days=2)).visible_from == (
        _tomorrow(6, 0) + dt.timedelta(days=2)
    )


def test_programme_quiet_hours_must_have_a_length():
    """A default that starts when it ends is refused with the person's rule."""
    from django.core.exceptions import ValidationError

    programme = ProgrammeSettings.load()
    programme.default_quiet_hours_end = programme.default_quiet_hours_start
    with pytest.raises(ValidationError):
        programme.full_clean()


def test_a_late_nudge_email_keeps_the_programmes_quiet_hours(employee):
    """A suggestion's e-mail that comes due inside the default quiet hours (a retry) waits."""
    now = timezone.localtime()
    programme = ProgrammeSettings.load()
    programme.default_quiet_hours_start = (now - dt.timedelta(hours=1)).time().replace(second=0)
    programme.default_quiet_hours_end = (now + dt.timedelta(hours=2)).time().replace(second=0)
    programme.save()
    nudge = Notification.objects.create(
        recipient=employee,
        kind="share_suggestion",
        idempotency_key="late",
        subject="Something to share",
        is_nudge=True,
        visible_from=now - dt.timedelta(hours=2),
        email_after=now - dt.timedelta(hours=2),
    )
    assert tasks.deliver_notification_email(nudge.pk) is False
    assert len(mail.outbox) == 0
    nudge.refresh_from_db()
    assert nudge.email_after > timezone.now() + dt.timedelta(minutes=100)


def test_replies_are_not_held_by_the_programmes_quiet_hours(
    employee, django_capture_on_commit_callbacks
):
    """The default is about what the platform asks; an answer to the person goes at once."""
    now = timezone.localtime()
    programme = ProgrammeSettings.load()
    programme.default_quiet_hours_start = (now - dt.timedelta(hours=1)).time().replace(second=0)
    programme.default_quiet_hours_end = (now + dt.timedelta(hours=2)).time().replace(second=0)
    programme.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(recipient=employee, kind="reply", key="reply", subject="Answered")
    assert len(mail.outbox) == 1


def test_spreading_uses_only_waking_hours():
    """Spread over 48 hours from 19:00: nobody lands in the night, nobody piles up at 08:00."""
    start = _tomorrow(19, 0)
    end = start + dt.timedelta(hours=48)
    moments = [
        awake_moment(start=start, end=end, fraction=n / 100, hours=DEFAULT) for n in range(100)
    ]
    assert not any(is_quiet(moment, DEFAULT) for moment in moments)
    assert len(set(moments)) == 100
    assert moments == sorted(moments)
    assert max(moments) < end
    # A window wholly inside the night moves to the morning, keeping its length.
    night = awake_moment(start=_tomorrow(2), end=_tomorrow(3), fraction=0.5, hours=DEFAULT)
    assert night == _tomorrow(8, 30)


def test_without_quiet_hours_of_their_own_people_keep_none_outside_nudges():
    """The model keeps a person's own hours apart from the programme's default."""
    person = Ambassador()
    assert person.quiet_hours() is None
    assert person.quiet_hours(DEFAULT) == DEFAULT
    assert not person.in_quiet_hours(_tomorrow(3))
    assert person.in_quiet_hours(_tomorrow(3), DEFAULT)


def test_profile_says_which_quiet_hours_apply_when_left_empty(client_for, employee):
    """The profile tells the person the programme's quiet hours hold unless they set theirs."""
    page = client_for(employee).get("/profile/").content.decode()
    assert "20:00–08:00" in page
