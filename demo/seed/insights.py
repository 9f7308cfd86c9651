"""Roll the demo organisation's last months up, so the dashboard has figures at once; and
plan a busy week for the attention calendar: pushes on top of the campaigns, and reminders."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.utils import timezone

from insights import rollups
from missions.services import reminders_send
from sharing.models import ContentItem, Push
from sharing.services import SharingError, push_plan

from .files import story


def seed() -> None:
    today = timezone.localdate()
    days = story()["insights"]["rollup_days"]
    rollups.rollup_range(first=today - dt.timedelta(days=days), last=today)
    rollups.snapshot_funnel(day=today)
    rollups.snapshot_desk(day=today)
    _busy_week()


def _busy_week() -> None:
    """The reminders of missions ending this week (planned as the daily run will plan them,
    first: they matter most), then pushes of three Dutch items to everyone they suit, spread
    over two to six days: with the campaigns, a week in which several people's attention
    budgets are full (the calendar shows how many). Once only."""
    if Push.objects.exists():
        return
    now = timezone.now()
    for day in range(7):
        reminders_send(now=now + dt.timedelta(days=day))
    told = story()["insights"]["pushes"]
    comms = User.objects.filter(username=story()["comms"][0]["username"]).first()
    items = {item.url: item for item in ContentItem.objects.shareable().filter(language="nl")}
    for data in told:
        item = next((i for url, i in items.items() if data["url_contains"] in url), None)
        if item is None:
            continue
        push = Push.objects.create(item=item, created_by=comms, window_hours=data["window_hours"])
        try:
            push_plan(push=push)
        except SharingError:
            push.delete()  # nobody it suits: no push to show
