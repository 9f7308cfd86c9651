"""The desk's rules hold for every caller, not only the pages: services called directly
(as a task, the CMS or an API would) refuse what `mentors.access` does not allow, and the
named states of a request are defined once on its QuerySet."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from ambassadors.models import Notification
from ambassadors.roles import Role
from mentors import selectors, services
from mentors.models import CannedResponse, Kind, MentorProfile, Ticket
from tests.factories import make_user
from tests.factories.mentors import file_request, make_mentor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
T = Ticket.State


def _answered(employee):
    """A question with its mentor's public reply."""
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request(employee)
    services.ticket_reply(ticket=ticket, author=mentor, body="Which post?")
    return mentor, Ticket.objects.get(pk=ticket.pk)


def test_another_mentor_cannot_act_on_a_request_that_is_not_theirs(employee):
    """Reply, note, draft, wait, close, keep and hand-over: only for its mentor (or the lead)."""
    mentor, ticket = _answered(employee)
    colleague = make_mentor(Kind.QUESTION, capacity=0)
    attempts = [
        lambda: services.ticket_reply(ticket=ticket, author=colleague, body="Me too"),
        lambda: services.ticket_reply(ticket=ticket, author=colleague, body="Note", internal=True),
        lambda: services.draft_add(ticket=ticket, mentor=colleague, text="A draft"),
        lambda: services.ticket_wait(ticket=ticket, mentor=colleague),
        lambda: services.ticket_resolve(ticket=ticket, by=colleague),
        lambda: services.ticket_keep(ticket=ticket, mentor=colleague, reason="Law"),
        lambda: services.ticket_reassign(
            ticket=ticket, to_user=colleague, actor=colleague, reason="Mine now"
        ),
        lambda: services.ticket_pick_up(ticket=ticket, mentor=colleague),
    ]
    for attempt in attempts:
        with pytest.raises(services.DeskError) as refused:
            attempt()
        assert str(refused.value) == str(services.ERROR_NOT_ASSIGNED)
    fresh = Ticket.objects.get(pk=ticket.pk)
    assert (fresh.state, fresh.assignee, fresh.keep_reason) == (T.ASSIGNED, mentor, "")
    assert fresh.messages.count() == 1
    assert not fresh.drafts.exists()


def test_an_employee_cannot_act_on_someone_elses_request(employee, other_employee):
    """Replying, closing, reopening and rating are for the requester only."""
    _mentor, ticket = _answered(employee)
    with pytest.raises(services.DeskError):
        services.ticket_reply(ticket=ticket, author=other_employee, body="Hello")
    with pytest.raises(services.DeskError):
        services.ticket_resolve(ticket=ticket, by=other_employee)
    services.ticket_resolve(ticket=ticket, by=employee)
    with pytest.raises(services.DeskError, match="not yours"):
        services.ticket_rate(ticket=ticket, user=other_employee, satisfaction=1)
    with pytest.raises(services.DeskError, match="not yours"):
        services.ticket_reopen(ticket=ticket, user=other_employee)
    assert Ticket.objects.get(pk=ticket.pk).state == T.RESOLVED
    assert not hasattr(Ticket.objects.get(pk=ticket.pk), "rating")


def test_a_mentor_out_of_the_mentors_group_can_no_longer_pick_up(employee):
    """Picking up follows `access` like every other action: a former mentor who still is the
    assignee cannot stop the request from returning to the queue (found in review)."""
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request(employee)
    assert ticket.assignee == mentor
    mentor.groups.remove(Group.objects.get(name=Role.MENTOR.value))
    mentor = type(mentor).objects.get(pk=mentor.pk)
    with pytest.raises(services.DeskError):
        services.ticket_pick_up(ticket=ticket, mentor=mentor)
    assert Ticket.objects.get(pk=ticket.pk).touched_at is None


def test_only_mentors_keep_canned_responses_and_availability(employee):
    """The desk's own data is for mentors, whoever calls the service."""
    with pytest.raises(services.DeskError):
        services.canned_create(user=employee, title="Hi", body="Hello there")
    canned = CannedResponse.objects.create(title="Thanks", body="Thank you.")
    with pytest.raises(services.DeskError):
        services.canned_delete(user=employee, canned=canned)
    with pytest.raises(services.DeskError):
        services.availability_set(user=employee, capacity=9, away_from=None, away_until=None)
    assert CannedResponse.objects.filter(pk=canned.pk).exists()
    assert not MentorProfile.objects.filter(user=employee).exists()

    mentor = make_mentor(Kind.QUESTION)
    made = services.canned_create(user=mentor, title=" Hi ", body="<b>Hello</b>", kind="")
    assert (made.title, made.kind) == ("Hi", "")
    start = timezone.now() + dt.timedelta(days=1)
    services.availability_set(
        user=mentor, capacity=2, away_from=start, away_until=start + dt.timedelta(days=2)
    )
    assert MentorProfile.objects.get(user=mentor).capacity == 2


def test_named_states_are_one_definition():
    """open / held / running / not picked up: the QuerySet methods every caller uses."""
    mentor = make_mentor(Kind.QUESTION, capacity=1)
    assigned = file_request()
    queued = file_request()
    closed = file_request()
    Ticket.objects.filter(pk=closed.pk).update(state=T.RESOLVED, open_since=None, assignee=None)
    assert assigned.assignee == mentor
    assert queued.assignee is None
    assert set(Ticket.objects.open()) == {assigned, queued}
    assert set(Ticket.objects.closed()) == {Ticket.objects.get(pk=closed.pk)}
    assert set(Ticket.objects.held()) == {assigned}
    assert set(Ticket.objects.running()) == {assigned, queued}
    assert set(Ticket.objects.not_picked_up()) == {assigned}
    profile = selectors.mentors_for(kind=Kind.QUESTION).get(user=mentor)
    assert profile.open_count == 1
    assert not selectors.mentors_for(kind=Kind.QUESTION, available_only=True).exists()


def test_notification_links_are_the_named_pages(employee):
    """Links in what the desk tells people are built from URL names."""
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request(employee)
    services.ticket_reply(ticket=ticket, author=mentor, body="Hello")
    to_mentor = Notification.objects.get(recipient=mentor, kind="ticket_assigned")
    to_employee = Notification.objects.get(recipient=employee, kind="ticket_reply")
    assert to_mentor.link == reverse("mentors:desk_ticket", args=[ticket.pk])
    assert to_employee.link == reverse("mentors:help_ticket", args=[ticket.pk])


def test_opening_a_request_on_the_desk_writes_nothing(client_for, employee):
    """No writes on GET: the page is read-only; picking up is a button."""
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request(employee)
    before = Ticket.objects.filter(pk=ticket.pk).values().get()
    events = ticket.events.count()
    page = client_for(mentor).get(reverse("mentors:desk_ticket", args=[ticket.pk]))
    assert page.status_code == 200
    assert 'value="pickup"' in page.content.decode()
    assert Ticket.objects.filter(pk=ticket.pk).values().get() == before
    assert ticket.events.count() == events


def test_a_lead_requester_is_not_told_about_their_own_request():
    """Team leads are told when nobody has room, but not about what they asked themselves."""
    lead = make_mentor(Kind.COACHING, lead=True)
    ticket = file_request(lead)
    assert ticket.assignee is None
    assert not Notification.objects.filter(recipient=lead, kind="ticket_unassigned").exists()
    other = make_user(Role.EMPLOYEE)
    file_request(other)
    assert Notification.objects.filter(recipient=lead, kind="ticket_unassigned").exists()
