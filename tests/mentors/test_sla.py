"""Business-time arithmetic and the SLA clock: opening hours, holidays, pauses."""

import datetime as dt

import pytest
from django.utils import timezone

from mentors import services
from mentors.models import Holiday, Kind, Ticket
from mentors.sla import Calendar
from tests.factories.mentors import file_request, make_mentor

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


def test_waiting_for_the_employee_only_after_a_public_reply(client_for, english):
    """Before any public reply (or after an internal note only, or when the employee spoke
    last) the request cannot wait for them: the first-response clock keeps running (#16.19)."""
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request()
    url = f"/desk/{ticket.pk}/"
    client = client_for(mentor)

    response = client.post(url, {"action": "wait"})
    assert response.status_code == 400
    assert "Reply to the employee first" in response.content.decode()
    client.post(url, {"action": "reply", "body": "Asking legal.", "internal": "on"})
    response = client.post(
        url, {"action": "reply", "body": "Note two", "internal": "on", "then": "wait"}
    )
    assert response.status_code == 400
    assert not ticket.messages.filter(body="Note two").exists()
    with pytest.raises(services.DeskError, match="Reply to the employee first"):
        services.ticket_wait(ticket=ticket, mentor=mentor)
    unchanged = Ticket.objects.get(pk=ticket.pk)
    assert unchanged.state == Ticket.State.ASSIGNED
    assert unchanged.response_due_at is not None
    assert unchanged.paused_at is None

    client.post(url, {"action": "reply", "body": "Which post?", "then": "wait"})
    assert Ticket.objects.get(pk=ticket.pk).state == Ticket.State.WAITING
    services.ticket_reply(ticket=ticket, author=ticket.requester, body="The one from Monday.")
    # The employee answered last: reply before waiting again.
    with pytest.raises(services.DeskError, match="Reply to the employee first"):
        services.ticket_wait(ticket=ticket, mentor=mentor)


def test_the_history_records_the_employee_reply_that_restarted_the_clock(client_for, english):
    """The reply that ends a wait is in the history, with the employee as its actor (#16.20)."""
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request()
    services.ticket_reply(ticket=ticket, author=mentor, body="Which post?", then_wait=True)
    services.ticket_reply(ticket=ticket, author=ticket.requester, body="Monday's.")
    event = ticket.events.get(action="answered")
    assert event.actor == ticket.requester
    assert list(ticket.events.values_list("action", flat=True))[-2:] == ["waiting", "answered"]
    # A reply while the request was not waiting restarts nothing and records nothing more.
    services.ticket_reply(ticket=ticket, author=ticket.requester, body="And another thing.")
    assert ticket.events.filter(action="answered").count() == 1
    page = client_for(mentor).get(f"/desk/{ticket.pk}/").content.decode()
    history = page.split('class="small event-list"', 1)[1].split("</ul>", 1)[0]
    assert "the employee replied: the clock runs again" in history
    assert ticket.requester.get_full_name() in history


def test_a_missed_target_stays_missed_when_closed_while_waiting(monkeypatch):
    """The sweep records a missed resolution target; waiting on the employee and closing
    afterwards does not turn it into "in time" (#16.22)."""
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request()
    services.ticket_pick_up(ticket=ticket, mentor=mentor)
    services.ticket_reply(ticket=ticket, author=mentor, body="Which post?")
    due = Ticket.objects.get(pk=ticket.pk).resolution_due_at
    services.sla_sweep(now=due + dt.timedelta(minutes=1))
    assert Ticket.objects.get(pk=ticket.pk).resolution_breached
    services.ticket_wait(ticket=ticket, mentor=mentor)
    services.ticket_resolve(ticket=ticket, by=mentor)
    assert Ticket.objects.get(pk=ticket.pk).resolution_breached


def test_waiting_twice_or_on_a_queued_request_says_why(english):
    """'Wait' on a request that already waits, or still waits in the queue, says so (it
    used to say another mentor had taken it)."""
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request()
    services.ticket_reply(ticket=ticket, author=mentor, body="Which post?")
    services.ticket_wait(ticket=ticket, mentor=mentor)
    with pytest.raises(services.DeskError, match="already waits for the employee"):
        services.ticket_wait(ticket=ticket, mentor=mentor)

    lead = make_mentor(lead=True)  # handles nothing: the next request stays in the queue
    queued = file_request(kind=Kind.COACHING)
    assert Ticket.objects.get(pk=queued.pk).state == Ticket.State.QUEUED
    with pytest.raises(services.DeskError, match="take it first"):
        services.ticket_wait(ticket=queued, mentor=lead)
