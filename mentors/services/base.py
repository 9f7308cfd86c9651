"""What the desk's services share: locking a request, its history, telling people."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.urls import reverse

from ambassadors.services import notify

from .. import access
from ..models import Kind, Ticket, TicketEvent
from .errors import (
    ERROR_NOT_ASSIGNED,
    ERROR_OWN_REQUEST,
    ERROR_SKILL,
    ERROR_TO_REQUESTER,
    DeskError,
)

T = Ticket.State


def locked(ticket: Ticket) -> Ticket:
    """The request fresh from the database, locked for the rest of the transaction."""
    return Ticket.objects.select_for_update().get(pk=ticket.pk)


def ticket_title(ticket: Ticket) -> str:
    return f"#{ticket.pk} {ticket.get_kind_display()}"


def event(
    ticket: Ticket, action: str, *, actor: User | None = None, to_user=None, reason: str = ""
) -> None:
    TicketEvent.objects.create(
        ticket=ticket, action=action, actor=actor, to_user=to_user, reason=reason[:300]
    )


def desk_link(ticket: Ticket) -> str:
    return reverse("mentors:desk_ticket", args=[ticket.pk])


def help_link(ticket: Ticket) -> str:
    return reverse("mentors:help_ticket", args=[ticket.pk])


def team_leads(ticket: Ticket | None = None):
    """The team leads, but the requester (a lead asking for help is not told about it)."""
    leads = access.team_leads()
    return leads.exclude(pk=ticket.requester_id) if ticket is not None else leads


def _tell(user: User, *, kind: str, key: str, subject, body="", link: str = "", ticket=None):
    """Tell `user` about `ticket`: text that quotes the request names its requester."""
    about = ticket.requester if ticket is not None and ticket.requester_id != user.pk else None
    notify(recipient=user, kind=kind, key=key, subject=subject, body=body, link=link, about=about)


def require_skill(mentor: User, ticket: Ticket) -> None:
    """The person may take (or be given) the request: a mentor with its kind's skill."""
    name = mentor.get_full_name() or mentor.username
    if mentor.pk == ticket.requester_id:
        raise DeskError(ERROR_TO_REQUESTER % {"name": name})
    if not access.can_take(mentor, ticket):
        raise DeskError(ERROR_SKILL % {"name": name, "kind": Kind(ticket.kind).label.lower()})


def require_worker(user: User, ticket: Ticket) -> None:
    """The person may work on the request: its assignee or the team lead (see access)."""
    if user.pk == ticket.requester_id:
        raise DeskError(ERROR_OWN_REQUEST)
    if not access.can_work(user, ticket):
        raise DeskError(ERROR_NOT_ASSIGNED)
