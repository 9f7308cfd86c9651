"""Pushes and campaigns planned become one announcement each in the Slack channel (when the
connection wants them); planned again, nothing more."""

from __future__ import annotations

from missions.signals import campaign_planned
from sharing.signals import push_planned

from ..models.slack import SlackAnnouncement
from ..receiving import guarded
from . import services


@guarded
def _push_planned(sender, *, push, **kwargs) -> None:
    services.announcement_plan(subject=SlackAnnouncement.Subject.PUSH, object_id=push.pk)


@guarded
def _campaign_planned(sender, *, campaign, **kwargs) -> None:
    services.announcement_plan(subject=SlackAnnouncement.Subject.CAMPAIGN, object_id=campaign.pk)


def connect() -> None:
    push_planned.connect(_push_planned, dispatch_uid="integrations.slack.push_planned")
    campaign_planned.connect(_campaign_planned, dispatch_uid="integrations.slack.campaign_planned")
