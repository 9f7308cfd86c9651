"""What ends when the organisation switches a person's account off (SCIM, an administrator).

A switched-off person is not erased: their history, points and certificates stay, and they
may come back. What must end is everything still *ahead* of them: suggestions not shown yet,
open offers, e-mails not sent. `ambassadors` ends its own (participation, nudges, pending
e-mails) in `person_deactivate`; a higher app that plans something for a person registers
what it withdraws from its AppConfig.ready(), as with the erasers (`erasure.py`), so
ambassadors imports no higher app.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User

_departures: dict[str, Callable[[User], None]] = {}


def register_departure(name: str):
    """Decorator: `function(user)` withdraws what this app still had planned for the person."""

    def decorator(function):
        _departures[name] = function
        return function

    return decorator


def departures_run(user: User) -> None:
    """Every app's withdrawal, in name order, inside the caller's transaction."""
    for _name, withdraw in sorted(_departures.items()):
        withdraw(user)
