from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timesince, timeuntil
from django.utils.translation import gettext

register = template.Library()


@register.filter
def duration_text(value: dt.timedelta | None) -> str:
    """A duration for people: "45 min", "3 h 10 min", "2 d 4 h"."""
    if value is None:
        return "—"
    minutes = max(int(value.total_seconds() // 60), 0)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return gettext("%(days)s d %(hours)s h") % {"days": days, "hours": hours}
    if hours:
        return gettext("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
    return gettext("%(minutes)s min") % {"minutes": minutes}


@register.simple_tag
def due(ticket, now: dt.datetime) -> str:
    """When a request is due, for people: paused while waiting for the employee, else the
    first answer's target, else the resolution's, in so long or so late (in Python: it is
    drawn on every row of the desk's queue)."""
    if ticket.state == "waiting":
        return format_html(
            '<span class="muted">{}</span>', gettext("paused: waiting for the employee")
        )
    if ticket.response_due_at:
        if ticket.response_due_at <= now:
            late = gettext("first answer %(late)s late") % {
                "late": timesince(ticket.response_due_at, now)
            }
            return format_html('<span class="status-warning">{}</span>', late)
        return gettext("first answer in %(left)s") % {
            "left": timeuntil(ticket.response_due_at, now)
        }
    if ticket.resolution_due_at:
        if ticket.resolution_due_at <= now:
            late = gettext("resolution %(late)s late") % {
                "late": timesince(ticket.resolution_due_at, now)
            }
            return format_html('<span class="status-warning">{}</span>', late)
        return gettext("resolve in %(left)s") % {"left": timeuntil(ticket.resolution_due_at, now)}
    return "—"


@dataclass(frozen=True)
class Due:
    """What `due` reads of a request: kept with a drawn row, so the row itself is drawn once
    and only its due time again for the moment it is shown."""

    state: str
    response_due_at: dt.datetime | None
    resolution_due_at: dt.datetime | None


def queue_rows(tickets) -> list[tuple[SafeString, Due]]:
    """The desk queue's rows (a table that turns into cards on a phone: each cell names its
    column), drawn in Python, not a template per row: the queue is the desk's busiest page.
    Each row up to its due time's cell, with what that cell needs (`with_due`)."""
    labels = {
        "kind": gettext("Kind"),
        "from": gettext("From"),
        "mentor": gettext("Mentor"),
        "status": gettext("Status"),
        "due": gettext("Due"),
    }
    waiting = gettext("Waiting for the employee")
    rows = []
    for ticket in tickets:
        urgent = ticket.kind == "mediation"
        kind = ticket.get_kind_display()
        requester = ticket.requester
        head = format_html(
            '<tr{}><td class="desk-queue-subject"><a href="{}">#{} {}</a></td>'
            '<td data-label="{}">{}</td><td data-label="{}">{}</td><td data-label="{}">{}</td>'
            '<td data-label="{}">{}</td><td data-label="{}">',
            mark_safe(' class="is-urgent"') if urgent else "",  # noqa: S308 (a constant)
            reverse("mentors:desk_ticket", args=[ticket.pk]),
            ticket.pk,
            ticket.subject,
            labels["kind"],
            format_html('<span class="tag tag-urgent">{}</span>', kind) if urgent else kind,
            labels["from"],
            requester.get_full_name() or requester.username,
            labels["mentor"],
            (ticket.assignee.get_full_name() if ticket.assignee else "") or "—",
            labels["status"],
            waiting if ticket.state == "waiting" else ticket.get_state_display(),
            labels["due"],
        )
        rows.append((head, Due(ticket.state, ticket.response_due_at, ticket.resolution_due_at)))
    return rows


def with_due(rows: list[tuple[SafeString, Due]], now: dt.datetime) -> SafeString:
    """The rows of `queue_rows` with their due times at `now`."""
    return mark_safe(  # noqa: S308 (each part escaped: format_html)
        "\n".join(
            head + conditional_escape(due(moments, now)) + "</td></tr>" for head, moments in rows
        )
    )
