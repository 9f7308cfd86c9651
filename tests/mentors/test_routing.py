"""Routing: skills, load against capacity, availability, round robin, mediation alerts,
pick-up timeout, reassignment with a reason; warnings and escalation sent once."""

import datetime as dt

import pytest
from django.utils import timezone

from ambassadors.models import Notification
from mentors import services
from mentors.models import Kind, MentorProfile, Ticket, TicketEvent
from tests.factories.mentors import file_request, make_mentor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
T = Ticket.State


def test_a_request_goes_to_a_mentor_with_the_skill():
    make_mentor(Kind.QUESTION)
    writer = make_mentor(Kind.GHOSTWRITING)
    ticket = file_request(kind=Kind.GHOSTWRITING)
    assert ticket.assignee == writer
    assert ticket.state == T.ASSIGNED
    assert Notification.objects.filter(recipient=writer, kind="ticket_assigned").exists()


def test_fewest_open_relative_to_capacity_then_round_robin():
    busy = make_mentor(Kind.QUESTION, capacity=2)
    roomy = make_mentor(Kind.QUESTION, capacity=10)
    file_request()  # tie at 0/2 vs 0/10: whoever got one longest ago (neither): first made
    first = Ticket.objects.get().assignee
    assert first == busy
    # busy is now 1/2 = 0.5, roomy 0/10 = 0: roomy next, and again (1/10 < 1/2) ...
    assert file_request().assignee == roomy
    assert file_request().assignee == roomy


def test_ties_take_turns():
    mentors = [make_mentor(Kind.QUESTION, capacity=4) for _ in range(3)]
    got = [file_request().assignee for _ in range(6)]
    assert got[:3] == mentors
    assert got[3:] == mentors


def test_away_or_full_mentors_get_nothing_and_the_team_lead_hears_of_it():
    now = timezone.now()
    make_mentor(
        Kind.QUESTION, away_from=now - dt.timedelta(days=1), away_until=now + dt.timedelta(days=1)
    )
    make_mentor(Kind.QUESTION, capacity=0)
    lead = make_mentor(Kind.COACHING, lead=True)
    ticket = file_request()
    assert ticket.state == T.QUEUED
    assert ticket.assignee is None
    assert Notification.objects.filter(recipient=lead, kind="ticket_unassigned").exists()


def test_mediation_alerts_the_routed_mediator_and_the_team_lead_only():
    """A mediation request is routed like any other (around the clock); its urgent alert
    goes to the mediator it was routed to and the team lead, not to every mediator (#16.38)."""
    mediators = [make_mentor(Kind.MEDIATION) for _ in range(3)]
    lead = make_mentor(Kind.QUESTION, lead=True)
    ticket = file_request(kind=Kind.MEDIATION)
    assert ticket.state == T.ASSIGNED
    assert ticket.assignee == mediators[0]
    alerted = set(
        Notification.objects.filter(kind="mediation_alert").values_list("recipient", flat=True)
    )
    assert alerted == {mediators[0].pk, lead.pk}
    # One alert each, no second "new request" notice for the mediator.
    desk = Notification.objects.exclude(kind="welcome")
    assert desk.filter(recipient=mediators[0]).count() == 1
    assert "Routed to" in desk.get(recipient=lead).body
    # The next one goes to the next mediator; the lead hears of each.
    second = file_request(kind=Kind.MEDIATION)
    assert second.assignee == mediators[1]
    assert Notification.objects.filter(kind="mediation_alert", recipient=lead).count() == 2
    assert Notification.objects.filter(kind="mediation_alert").count() == 4


def test_mediation_nobody_available_waits_and_the_team_lead_is_told():
    """Without a mediator with room the request waits in the queue for one to take it."""
    full = make_mentor(Kind.MEDIATION, capacity=0)
    lead = make_mentor(Kind.QUESTION, lead=True)
    ticket = file_request(kind=Kind.MEDIATION)
    assert ticket.state == T.QUEUED
    assert Notification.objects.filter(recipient=lead, kind="ticket_unassigned").exists()
    assert not Notification.objects.filter(recipient=full).exclude(kind="welcome").exists()
    services.ticket_take(ticket=ticket, mentor=full)
    assert Ticket.objects.get(pk=ticket.pk).assignee == full


def test_a_mentor_without_the_skill_cannot_take_or_be_given_it():
    asker = make_mentor(Kind.QUESTION)
    lead = make_mentor(Kind.QUESTION, lead=True)
    ticket = file_request(kind=Kind.MEDIATION)
    with pytest.raises(services.DeskError, match="does not handle mediation"):
        services.ticket_take(ticket=ticket, mentor=asker)
    question = file_request()
    with pytest.raises(services.DeskError, match="reason"):
        services.ticket_reassign(ticket=question, to_user=lead, actor=lead, reason=" ")
    services.ticket_reassign(ticket=question, to_user=lead, actor=lead, reason="Holiday")
    event = TicketEvent.objects.get(ticket=question, action="reassigned")
    assert (event.to_user, event.reason) == (lead, "Holiday")


def test_untouched_ticket_returns_to_the_queue_and_goes_to_someone_else():
    first = make_mentor(Kind.QUESTION)
    ticket = file_request()
    assert ticket.assignee == first
    second = make_mentor(Kind.QUESTION)
    later = timezone.now() + dt.timedelta(
        minutes=services.target_for(Kind.QUESTION).pickup_minutes + 1
    )
    assert services.tickets_return_untouched(now=later) == 1
    moved = Ticket.objects.get(pk=ticket.pk)
    assert moved.assignee == second
    assert TicketEvent.objects.filter(ticket=ticket, action="returned").exists()


def test_a_picked_up_ticket_stays():
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request()
    services.ticket_pick_up(ticket=ticket, mentor=mentor)
    later = timezone.now() + dt.timedelta(days=2)
    assert services.tickets_return_untouched(now=later) == 0


def test_warning_at_75_percent_and_escalation_on_breach_are_sent_once():
    mentor = make_mentor(Kind.MEDIATION)
    lead = make_mentor(Kind.QUESTION, lead=True)
    ticket = file_request(kind=Kind.MEDIATION)
    assert ticket.assignee == mentor
    services.ticket_pick_up(ticket=ticket, mentor=mentor)
    start = Ticket.objects.get(pk=ticket.pk).created_at

    services.sla_sweep(now=start + dt.timedelta(minutes=30))
    assert not Notification.objects.filter(kind="sla_warning").exists()
    services.sla_sweep(now=start + dt.timedelta(minutes=46))
    services.sla_sweep(now=start + dt.timedelta(minutes=50))
    warnings = Notification.objects.filter(kind="sla_warning", recipient=mentor)
    assert warnings.count() == 1

    services.sla_sweep(now=start + dt.timedelta(minutes=61))
    services.sla_sweep(now=start + dt.timedelta(minutes=70))
    # A missed mediation target is its own, urgent kind (first in the lead's lists).
    assert Notification.objects.filter(kind="mediation_escalation", recipient=lead).count() == 1
    assert Ticket.objects.get(pk=ticket.pk).response_breached


def test_first_public_answer_stops_the_response_clock_an_internal_note_does_not():
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request()
    services.ticket_reply(ticket=ticket, author=mentor, body="Checking with legal.", internal=True)
    assert Ticket.objects.get(pk=ticket.pk).first_response_at is None
    assert not Notification.objects.filter(recipient=ticket.requester, kind="ticket_reply").exists()
    services.ticket_reply(ticket=ticket, author=mentor, body="Here is what I suggest.")
    answered = Ticket.objects.get(pk=ticket.pk)
    assert answered.first_response_at is not None
    assert answered.response_due_at is None
    assert not answered.response_breached


def test_mentor_profiles_are_unique_per_user():
    mentor = make_mentor(Kind.QUESTION)
    assert MentorProfile.objects.filter(user=mentor).count() == 1


def test_opening_a_request_does_not_pick_it_up(client_for):
    """Reading is not a write: the assignee's GET leaves the request untouched, so it still
    returns to the queue; picking it up is an explicit POST (or a reply) (#16.41)."""
    first = make_mentor(Kind.QUESTION)
    ticket = file_request()
    client = client_for(first)
    page = client.get(f"/desk/{ticket.pk}/").content.decode()
    assert 'value="pickup"' in page
    assert Ticket.objects.get(pk=ticket.pk).touched_at is None
    make_mentor(Kind.QUESTION)
    later = timezone.now() + dt.timedelta(
        minutes=services.target_for(Kind.QUESTION).pickup_minutes + 1
    )
    assert services.tickets_return_untouched(now=later) == 1

    second = file_request()
    mentor = second.assignee
    client_for(mentor).post(f"/desk/{second.pk}/", {"action": "pickup"})
    assert Ticket.objects.get(pk=second.pk).touched_at is not None
    assert 'value="pickup"' not in client_for(mentor).get(f"/desk/{second.pk}/").content.decode()
    services.tickets_return_untouched(now=later)
    assert Ticket.objects.get(pk=second.pk).assignee == mentor
    assert not second.events.filter(action="returned").exists()
