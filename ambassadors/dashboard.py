"""Panels that other apps add to the personal dashboard ("my path").

The dashboard belongs to `ambassadors`, which imports no other app. An app that has
something to show there registers a panel from its AppConfig.ready(); the dashboard
renders every panel with the context its function returns.

The panels' contexts, the recent notifications and the attention budget are the person's
own data: computed once and cached per person (ambassadors/personal.py) until one of their
writes, a staff change, a publication or a moment one of them names (a panel's "until").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Min
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language

from . import personal, selectors
from .models import Ambassador, Notification


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable[[HttpRequest, Ambassador], dict | None]
    order: int


_panels: list[Panel] = []


def register_panel(template: str, order: int = 100):
    """Decorator: `context(request, ambassador)` returns the panel's context, or None to hide it."""

    def decorator(function):
        _panels.append(Panel(template=template, context=function, order=order))
        _panels.sort(key=lambda panel: panel.order)
        return function

    return decorator


def panels_for(request: HttpRequest, ambassador: Ambassador) -> list[tuple[str, dict]]:
    rendered = []
    for panel in _panels:
        context = panel.context(request, ambassador)
        if context is not None:
            rendered.append((panel.template, context))
    return rendered


RECENT_NOTIFICATIONS = 5


def path_page_data(request: HttpRequest, ambassador: Ambassador) -> dict:
    """What the path page shows of the person: panels, recent notifications, the budget.

    A panel's context may name the moment it stops being right by itself ("until", a
    datetime): the data is computed again then."""
    user_id = ambassador.user_id

    def compute():
        now = timezone.now()
        panels = panels_for(request, ambassador)
        recent = list(selectors.notifications_shown(user=ambassador.user)[:RECENT_NOTIFICATIONS])
        planned = Notification.objects.filter(
            recipient_id=user_id, show_in_app=True, visible_from__gt=now
        ).aggregate(next=Min("visible_from"))["next"]
        budget = selectors.budget_status(ambassador=ambassador, now=now)
        until = personal.earliest(
            selectors.next_week_start(selectors.week_start(now)),
            planned,
            *(panel.pop("until", None) for _template, panel in panels),
        )
        return {"panels": panels, "recent": recent, "budget": budget}, until

    # What the page reads of the profile itself belongs in the name: a change makes a new one.
    name = ":".join(
        str(part)
        for part in (
            "path",
            get_language(),
            ambassador.stage,
            ambassador.status,
            ambassador.max_nudges_per_week,
        )
    )
    return personal.cached(user_id, name, compute, request)
