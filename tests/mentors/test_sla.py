"""Business-time arithmetic and the SLA clock: opening hours, holidays, pauses."""

import datetime as dt

import pytest
from django.utils import timezone

from mentors import services
from mentors.models import Holiday, Kind, Ticket
from mentors.sla import Calendar
from tests.mentors.conftest import file_request, make_mentor

pytestmark = pytest.mark.django_db


def at(day, hour, minute=0):
    return timezone.make_aware(dt.datetime(2026, 11, day, hour, minute))


OFFICE = Calendar(hours={d: (dt.time(9), dt.time(17)) for d in range(5)})  # Mon–Fri 9–17


def test_adding_business_time_skips_evenings_and_weekends():
    # 2026-11-20 is a Friday.
    assert OFFICE.add(at(20, 16), 90) == at(23, 9, 30)  # one hour on Friday, then Monday
    assert OFFICE.add(at(21, 12), 30) == at(23, 9, 30)  # Saturday counts from Monday 9:00
    assert OFFICE.add(at(23, 8), 8 * 60) == at(23, 17)
    assert OFFICE.add(at(23, 18), 1) == at(24, 9, 1)


def test_holidays_are_closed():
    calendar = Calendar(hours=OFFICE.hours, holidays={dt.date(2026, 11, 23)})
    assert calendar.add(at(20, 16), 90) == at(24, 9, 30)


def test_minutes_between_counts_only_open_time():
    assert OFFICE.minutes_between(at(20, 16), at(23, 10)) == 120
    assert OFFICE.minutes_between(at(21, 8), at(22, 20)) == 0
    assert OFFICE.minutes_between(at(23, 10), at(23, 9)) == 0


def test_around_the_clock_counts_every_minute():
    always = Calendar.around_the_clock()
    assert always.add(at(21, 23), 60) == at(22, 0)
    assert always.minutes_between(at(21, 23), at(22, 1)) == 120


def test_the_calendar_comes_from_the_admin():
    Holiday.objects.create(date=dt.date(2026, 12, 25), name="Christmas")
    calendar = Calendar.load()
    assert calendar.hours[0] == (dt.time(9), dt.time(17))  # the migration's default week
    assert 5 not in calendar.hours
    assert dt.date(2026, 12, 25) in calendar.holidays


def test_waiting_on_the_employee_pauses_the_clock(monkeypatch):
    mentor = make_mentor(Kind.QUESTION)
    monday = at(23, 10)
    monkeypatch.setattr(timezone, "now", lambda: monday)
    ticket = file_request()
    assert ticket.assignee == mentor
    due = ticket.resolution_due_at
    assert due == Calendar.load().add(monday, services.target_for(Kind.QUESTION).resolution_minutes)

    services.ticket_reply(ticket=ticket, author=mentor, body="Which post do you mean?")
    services.ticket_wait(ticket=ticket, mentor=mentor)
    paused = Ticket.objects.get(pk=ticket.pk)
    assert paused.resolution_due_at is None
    assert paused.resolution_remaining > 0

    # The employee answers a business day later: the deadline moved by that day.
    tuesday = at(24, 10)
    monkeypatch.setattr(timezone, "now", lambda: tuesday)
    services.ticket_reply(ticket=paused, author=paused.requester, body="The one from Monday.")
    resumed = Ticket.objects.get(pk=ticket.pk)
    assert resumed.state == Ticket.State.ASSIGNED
    assert resumed.resolution_due_at == Calendar.load().add(due, 8 * 60)


def test_mediation_runs_around_the_clock(monkeypatch):
    make_mentor(Kind.MEDIATION)
    saturday_night = at(21, 23)
    monkeypatch.setattr(timezone, "now", lambda: saturday_night)
    ticket = file_request(kind=Kind.MEDIATION)
    assert ticket.response_due_at == saturday_night + dt.timedelta(hours=1)
