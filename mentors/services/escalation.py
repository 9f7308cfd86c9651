"""The periodic sweep: warnings at 75% of a target, escalation on breach, and requests
nobody picked up in time back to the queue. Each step is flagged on the request, so it
happens once however often the sweep runs."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambassadors.services import lazy_text

from ..kept import moved
from ..models import Kind, Ticket
from ..selectors import target_for
from .base import _tell, desk_link, event, locked, team_leads
from .routing import requeue

T = Ticket.State


def sla_sweep(*, now: dt.datetime | None = None) -> dict:
    """Warn at 75% of a target, escalate on breach (once each), return untouched tickets."""
    now = now or timezone.now()
    counts = {"warned": 0, "escalated": 0, "returned": 0}
    for field in ("response", "resolution"):
        warn = (
            Ticket.objects.running()
            .filter(**{f"{field}_warn_at__lte": now, f"{field}_warned": False})
            .select_related("assignee")
        )
        for ticket in list(warn):
            if Ticket.objects.filter(pk=ticket.pk, **{f"{field}_warned": False}).update(
                **{f"{field}_warned": True}
            ):
                moved()
                for person in [ticket.assignee] if ticket.assignee else list(team_leads(ticket)):
                    _tell(
                        person,
                        kind="sla_warning",
                        key=f"ticket:{ticket.pk}:{field}:warned:{person.pk}",
                        subject=lazy_text(_("Due soon: %(subject)s"), subject=ticket.subject),
                        link=desk_link(ticket),
                        ticket=ticket,
                    )
                counts["warned"] += 1
        breach = Ticket.objects.running().filter(
            **{f"{field}_due_at__lte": now, f"{field}_escalated": False}
        )
        for ticket in list(breach):
            if Ticket.objects.filter(pk=ticket.pk, **{f"{field}_escalated": False}).update(
                **{f"{field}_escalated": True, f"{field}_breached": True}
            ):
                moved()
                for lead in team_leads(ticket):
                    _tell(
                        lead,
                        # A missed mediation target is urgent: first in every list.
                        kind="mediation_escalation"
                        if ticket.kind == Kind.MEDIATION
                        else "sla_breach",
                        key=f"ticket:{ticket.pk}:{field}:escalated:{lead.pk}",
                        subject=lazy_text(_("Target missed: %(subject)s"), subject=ticket.subject),
                        link=desk_link(ticket),
                        ticket=ticket,
                    )
                event(ticket, f"escalated_{field}")
                counts["escalated"] += 1
    counts["returned"] = tickets_return_untouched(now=now)
    return counts


def tickets_return_untouched(*, now: dt.datetime | None = None) -> int:
    """A ticket its mentor did not open within the pick-up time goes to someone else."""
    now = now or timezone.now()
    returned = 0
    candidates = Ticket.objects.not_picked_up().select_related("assignee")
    for ticket in list(candidates):
        target = target_for(kind=ticket.kind)
        if ticket.assigned_at + dt.timedelta(minutes=target.pickup_minutes) > now:
            continue
        with transaction.atomic():
            fresh = locked(ticket)
            if fresh.state != T.ASSIGNED or fresh.touched_at is not None:
                continue
            requeue(fresh, "returned")
        returned += 1
    return returned
