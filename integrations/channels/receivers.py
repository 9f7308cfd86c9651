"""New notifications get their chat and push deliveries, in the same transaction."""

from __future__ import annotations

from ambassadors.signals import notifications_planned

from ..receiving import guarded
from . import outbox


@guarded
def _planned(sender, *, notifications, **kwargs) -> None:
    outbox.deliveries_plan(notifications)


def connect() -> None:
    notifications_planned.connect(_planned, dispatch_uid="integrations.channels.planned")
