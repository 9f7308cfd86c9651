"""Routing: who gets a request, handing it over, and back to the queue."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambassadors.services import lazy_text, notifications_settle
from core.audit import record
from core.sanitise import clean_text

from ..models import Kind, MentorProfile, Ticket
from ..selectors import mentors_for
from .base import (
    _tell,
    desk_link,
    event,
    locked,
    require_skill,
    require_worker,
    team_leads,
    ticket_title,
)
from .clock import clock_resume
from .errors import (
    ERROR_CLOSED,
    ERROR_NOT_ASSIGNED,
    ERROR_OWN_REQUEST,
    ERROR_REASON,
    ERROR_TAKEN,
    DeskError,
)

T = Ticket.State


def assign(
    ticket: Ticket,
    mentor: User,
    now: dt.datetime,
    *,
    actor: User | None = None,
    reason: str = "",
    notify: bool = True,
) -> None:
    """Give the (locked, unsaved) request to `mentor`, with its history and audit trail."""
    previous = ticket.assignee
    ticket.assignee = mentor
    ticket.assigned_at = now
    ticket.touched_at = None
    if ticket.state == T.QUEUED:
        ticket.state = T.ASSIGNED
    MentorProfile.objects.filter(user=mentor).update(last_assigned_at=now)
    event(
        ticket,
        "reassigned" if previous else "assigned",
        actor=actor,
        to_user=mentor,
        reason=reason,
    )
    record(
        ticket,
        "academy.ticket_assign",
        user=actor,
        title=ticket_title(ticket),
        person=ticket.requester,
        to=mentor.get_username(),
        previous=previous.get_username() if previous else "",
        reason=reason,
    )
    if not notify:
        return
    _tell(
        mentor,
        kind="ticket_assigned",
        key=f"ticket:{ticket.pk}:assigned:{mentor.pk}:{now:%s%f}",
        subject=lazy_text(_("New request for you: %(subject)s"), subject=ticket.subject),
        link=desk_link(ticket),
        ticket=ticket,
    )


def ticket_route(*, ticket: Ticket, exclude: set[int] | None = None) -> User | None:
    """Give a queued ticket to the best available mentor, or leave it in the queue.

    Fewest open tickets relative to capacity wins; ties go to whoever got one longest ago
    (round robin). Never to the requester (a mentor asking for help themselves), and only
    to people in the Mentors group. Mediation is routed the same way, around the clock;
    its alert goes to the mediator it is routed to and to the team lead, not to every
    mediator.
    """
    now = timezone.now()
    skip = {ticket.requester_id, *(exclude or ())}
    available = mentors_for(kind=ticket.kind, now=now, available_only=True)
    candidates = [m for m in available if m.user_id not in skip]
    if not candidates:
        _queue_alert(ticket)
        return None
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    best = min(
        candidates,
        key=lambda m: (m.open_count / m.capacity, m.last_assigned_at or oldest, m.pk),
    )
    mediation = ticket.kind == Kind.MEDIATION
    assign(ticket, best.user, now, notify=not mediation)
    ticket.save()
    if mediation:
        _mediation_alert(ticket, best.user)
    return best.user


def _mediation_alert(ticket: Ticket, mediator: User) -> None:
    """An urgent alert to the mediator the request was routed to and to the team lead."""
    name = mediator.get_full_name() or mediator.get_username()
    for person in {mediator, *team_leads(ticket)}:
        _tell(
            person,
            kind="mediation_alert",
            key=f"ticket:{ticket.pk}:mediation:{person.pk}:{mediator.pk}",
            subject=lazy_text(_("Urgent mediation request: %(subject)s"), subject=ticket.subject),
            body=lazy_text(_("Routed to %(name)s; the team lead is told as well."), name=name),
            link=desk_link(ticket),
            ticket=ticket,
        )


def _queue_alert(ticket: Ticket) -> None:
    for lead in team_leads(ticket):
        _tell(
            lead,
            kind="ticket_unassigned",
            key=f"ticket:{ticket.pk}:queued:{lead.pk}:{timezone.now():%Y%m%d%H}",
            subject=lazy_text(_("No mentor available for: %(subject)s"), subject=ticket.subject),
            body=_("The request waits in the team queue."),
            link=desk_link(ticket),
            ticket=ticket,
        )


@transaction.atomic
def ticket_take(*, ticket: Ticket, mentor: User) -> Ticket:
    """A mentor with the skill takes a queued request."""
    ticket = locked(ticket)
    if mentor.pk == ticket.requester_id:
        raise DeskError(ERROR_OWN_REQUEST)
    require_skill(mentor, ticket)
    if ticket.state != T.QUEUED:
        raise DeskError(ERROR_TAKEN)
    now = timezone.now()
    assign(ticket, mentor, now, actor=mentor)
    ticket.touched_at = now
    ticket.save()
    return ticket


@transaction.atomic
def ticket_take_urgent(*, ticket: Ticket, mentor: User) -> Ticket:
    """A mediator takes an urgent request nobody has taken yet (the banner's "Take it"):
    from the queue, or from the mediator it was routed to while they have not picked it
    up; for that mediator it is picking it up. The first to take it has it: a second
    mentor is refused with ERROR_TAKEN (the row is locked, so two at once cannot both win).
    """
    ticket = locked(ticket)
    if mentor.pk == ticket.requester_id:
        raise DeskError(ERROR_OWN_REQUEST)
    require_skill(mentor, ticket)
    if not Ticket.objects.filter(pk=ticket.pk).urgent_untaken().exists():
        raise DeskError(ERROR_TAKEN)
    now = timezone.now()
    previous = ticket.assignee_id
    if previous != mentor.pk:
        # History says who took it from whom; the mentor acts themselves: no alert to them.
        assign(ticket, mentor, now, actor=mentor, notify=False)
    if previous is not None and previous != mentor.pk:
        # The mediator it was routed to: their urgent alert is done with (it would stay on
        # top of their list, leading to a request that is no longer theirs).
        notifications_settle(
            user_id=previous, key_prefix=f"ticket:{ticket.pk}:mediation:{previous}:"
        )
    ticket.touched_at = now
    ticket.save()
    return ticket


@transaction.atomic
def ticket_pick_up(*, ticket: Ticket, mentor: User) -> Ticket:
    """The assignee says they are on it: the request no longer returns to the queue."""
    ticket = locked(ticket)
    if ticket.state == T.RESOLVED:
        raise DeskError(ERROR_CLOSED)
    require_worker(mentor, ticket)
    if ticket.assignee_id != mentor.pk:
        raise DeskError(ERROR_NOT_ASSIGNED)
    if ticket.touched_at is None:
        ticket.touched_at = timezone.now()
        ticket.save(update_fields=["touched_at", "updated_at"])
    return ticket


@transaction.atomic
def ticket_reassign(*, ticket: Ticket, to_user: User, actor: User, reason: str) -> Ticket:
    """Hand the request over to another mentor with the skill, with a reason."""
    reason = clean_text(reason, max_length=300).strip()
    if not reason:
        raise DeskError(ERROR_REASON)
    ticket = locked(ticket)
    require_worker(actor, ticket)
    if ticket.state == T.RESOLVED:
        raise DeskError(ERROR_CLOSED)
    require_skill(to_user, ticket)
    assign(ticket, to_user, timezone.now(), actor=actor, reason=reason)
    ticket.save()
    return ticket


def requeue(ticket: Ticket, action: str) -> None:
    """Back to the queue (the clock running again), then routed to anyone but the last
    mentor; `ticket` is locked by the caller."""
    previous = ticket.assignee_id
    clock_resume(ticket, timezone.now())
    ticket.assignee = None
    ticket.state = T.QUEUED
    ticket.save()
    event(ticket, action)
    ticket_route(ticket=ticket, exclude={previous})


@transaction.atomic
def tickets_release(*, mentor: User) -> int:
    """The mentor's open requests go back to the queue and are routed to someone else."""
    released = 0
    for ticket in list(Ticket.objects.held().filter(assignee=mentor)):
        fresh = locked(ticket)
        if fresh.assignee_id == mentor.pk and fresh.state in Ticket.HELD_STATES:
            requeue(fresh, "released")
            released += 1
    return released
