"""The thread of a request: replies, internal notes, waiting for the employee, drafts."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambassadors.services import lazy_text
from core.sanitise import clean_text

from ..models import Draft, Message, Ticket
from .base import _tell, desk_link, event, help_link, locked, require_worker
from .clock import clock_pause, clock_resume
from .errors import (
    ERROR_ALREADY_WAITING,
    ERROR_CLOSED,
    ERROR_EMPTY,
    ERROR_QUEUED,
    ERROR_WAIT_FIRST,
    DeskError,
)
from .tickets import attachments_clean, attachments_store

T = Ticket.State


def ticket_reply(
    *,
    ticket: Ticket,
    author: User,
    body: str,
    internal: bool = False,
    files=None,
    then_wait: bool = False,
) -> Message:
    """Add to the thread. Employees write public messages only; mentors may add internal
    notes, which the employee never sees, and may then wait for the employee (a public
    reply only: the same transaction, so a refused wait stores nothing)."""
    body = clean_text(body, max_length=10_000).strip()
    cleaned = attachments_clean(files)
    if not body and not cleaned:
        raise DeskError(ERROR_EMPTY)
    if then_wait and internal:
        raise DeskError(ERROR_WAIT_FIRST)
    now = timezone.now()
    with transaction.atomic():
        ticket = locked(ticket)
        if ticket.state == T.RESOLVED:
            raise DeskError(ERROR_CLOSED)
        from_requester = author.pk == ticket.requester_id
        if not from_requester:
            require_worker(author, ticket)
        internal = internal and not from_requester
        message = Message.objects.create(ticket=ticket, author=author, body=body, internal=internal)
        attachments_store(ticket, message, author, cleaned)
        if from_requester:
            if ticket.state == T.WAITING:
                clock_resume(ticket, now)
                ticket.state = T.ASSIGNED if ticket.assignee_id else T.QUEUED
                event(ticket, "answered", actor=author)
            ticket.save()
            if ticket.assignee_id:
                _tell(
                    ticket.assignee,
                    kind="ticket_reply",
                    key=f"ticket:{ticket.pk}:message:{message.pk}",
                    subject=lazy_text(_("New reply on: %(subject)s"), subject=ticket.subject),
                    link=desk_link(ticket),
                    ticket=ticket,
                )
            return message
        ticket.touched_at = now
        if not internal:
            if ticket.first_response_at is None:
                ticket.first_response_at = now
                # A miss the sweep already recorded stays a miss.
                ticket.response_breached = ticket.response_breached or bool(
                    ticket.response_due_at and now > ticket.response_due_at
                )
                ticket.response_due_at = ticket.response_warn_at = None
            _tell(
                ticket.requester,
                kind="ticket_reply",
                key=f"ticket:{ticket.pk}:message:{message.pk}",
                subject=lazy_text(_("Your mentor replied: %(subject)s"), subject=ticket.subject),
                body=body[:300],
                link=help_link(ticket),
            )
        ticket.save()
        if then_wait:
            _wait(ticket, author)
    return message


@transaction.atomic
def ticket_wait(*, ticket: Ticket, mentor: User) -> Ticket:
    """Waiting on the employee: the SLA clock pauses until they answer."""
    ticket = locked(ticket)
    require_worker(mentor, ticket)
    _wait(ticket, mentor)
    return ticket


def _wait(ticket: Ticket, mentor: User) -> None:
    """Pause a locked ticket for the employee; only when the last public word in the thread
    is the desk's (a question or an answer the employee has not replied to yet), so the
    first-response clock cannot be paused before anyone answered."""
    if ticket.state != T.ASSIGNED:
        raise DeskError(
            {
                T.RESOLVED: ERROR_CLOSED,
                T.WAITING: ERROR_ALREADY_WAITING,
                T.QUEUED: ERROR_QUEUED,
            }[ticket.state]
        )
    last_public = (
        ticket.messages.filter(internal=False)
        .order_by("-created_at", "-pk")
        .values_list("author_id", flat=True)
        .first()
    )
    if ticket.first_response_at is None or last_public in (None, ticket.requester_id):
        raise DeskError(ERROR_WAIT_FIRST)
    now = timezone.now()
    clock_pause(ticket, now)
    ticket.state = T.WAITING
    ticket.touched_at = now
    ticket.save()
    event(ticket, "waiting", actor=mentor)


@transaction.atomic
def draft_add(*, ticket: Ticket, mentor: User, text: str) -> Draft:
    """A ghostwritten or edited text returned to the employee as a draft."""
    text = clean_text(text, max_length=20_000).strip()
    if not text:
        raise DeskError(ERROR_EMPTY)
    ticket = locked(ticket)
    require_worker(mentor, ticket)
    if ticket.state == T.RESOLVED:
        raise DeskError(ERROR_CLOSED)
    draft = Draft.objects.create(ticket=ticket, author=mentor, text=text)
    ticket.touched_at = timezone.now()
    ticket.save(update_fields=["touched_at", "updated_at"])
    _tell(
        ticket.requester,
        kind="ticket_draft",
        key=f"ticket:{ticket.pk}:draft:{draft.pk}",
        subject=lazy_text(_("A draft for you: %(subject)s"), subject=ticket.subject),
        link=help_link(ticket),
    )
    return draft
