"""A planned push or campaign is announced in the Teams channel when comms staff want it:
one row each (the signals may fire twice), sent by a task after the commit."""

from __future__ import annotations

from missions.signals import campaign_planned
from sharing.signals import push_planned

from ..receiving import guarded
from . import services


@guarded
def _push_planned(sender, *, push, **kwargs) -> None:
    services.announcement_plan(kind="push", object_id=push.pk)


@guarded
def _campaign_planned(sender, *, campaign, **kwargs) -> None:
    services.announcement_plan(kind="campaign", object_id=campaign.pk)


def connect() -> None:
    push_planned.connect(_push_planned, dispatch_uid="integrations.teams.push")
    campaign_planned.connect(_campaign_planned, dispatch_uid="integrations.teams.campaign")
