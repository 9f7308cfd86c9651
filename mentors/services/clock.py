"""The SLA clock of a request: due and warning moments, paused while it waits on the
employee. These change an unsaved `Ticket` in memory; the caller saves it."""

from __future__ import annotations

import datetime as dt

from ..models import SlaTarget, Ticket
from ..selectors import target_for
from ..sla import Calendar

WARN_AT = 0.75


def calendar_for(target: SlaTarget) -> Calendar:
    return Calendar.load() if target.business_hours else Calendar.around_the_clock()


def clock_set(ticket: Ticket, start: dt.datetime, *, response: float, resolution: float):
    """Due and warning moments from `start`, with `response`/`resolution` minutes left."""
    target = target_for(kind=ticket.kind)
    calendar = calendar_for(target)
    if ticket.first_response_at is None:
        ticket.response_due_at = calendar.add(start, response)
        ticket.response_warn_at = calendar.add(
            start, max(response - (1 - WARN_AT) * target.first_response_minutes, 0)
        )
    ticket.resolution_due_at = calendar.add(start, resolution)
    ticket.resolution_warn_at = calendar.add(
        start, max(resolution - (1 - WARN_AT) * target.resolution_minutes, 0)
    )


def clock_start(ticket: Ticket, now: dt.datetime) -> None:
    target = target_for(kind=ticket.kind)
    clock_set(
        ticket,
        now,
        response=target.first_response_minutes,
        resolution=target.resolution_minutes,
    )


def clock_pause(ticket: Ticket, now: dt.datetime) -> None:
    """Waiting on the employee: keep what is left, clear the due moments."""
    if ticket.paused_at is not None:
        return
    calendar = calendar_for(target_for(kind=ticket.kind))
    if ticket.first_response_at is None and ticket.response_due_at:
        ticket.response_remaining = round(calendar.minutes_between(now, ticket.response_due_at))
    if ticket.resolution_due_at:
        ticket.resolution_remaining = round(calendar.minutes_between(now, ticket.resolution_due_at))
    ticket.paused_at = now
    ticket.response_due_at = ticket.response_warn_at = None
    ticket.resolution_due_at = ticket.resolution_warn_at = None


def clock_resume(ticket: Ticket, now: dt.datetime) -> None:
    if ticket.paused_at is None:
        return
    clock_set(
        ticket,
        now,
        response=ticket.response_remaining or 0,
        resolution=ticket.resolution_remaining or 0,
    )
    ticket.paused_at = None
    ticket.response_remaining = ticket.resolution_remaining = None
