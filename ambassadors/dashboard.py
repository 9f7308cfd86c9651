"""Panels that other apps add to the personal dashboard ("my path").

The dashboard belongs to `ambassadors`, which imports no other app. An app that has
something to show there registers a panel from its AppConfig.ready(); the dashboard
renders every panel with the context its function returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from .models import Ambassador


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
