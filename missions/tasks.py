"""django-q2 tasks for the growth path: thin and idempotent."""

from __future__ import annotations

from django.utils import timezone

from core import versions
from core.queue import enqueue

from . import services
from .models import Campaign
from .selectors import campaigns_due


def plan_campaign(campaign_id: int) -> int:
    """Offer a campaign's missions; running it again keeps every existing offer."""
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return 0
    try:
        return services.campaign_plan(campaign=campaign).offered
    except services.MissionError:
        Campaign.objects.filter(pk=campaign_id).update(planned_at=timezone.now())
        versions.move(versions.PROGRAMME)
        return 0


def hourly() -> dict:
    """Periodic: start campaigns whose time has come, end overdue missions, remind."""
    for campaign_id in campaigns_due():
        enqueue("missions.tasks.plan_campaign", campaign_id)
    return {
        "expired": services.assignments_expire(),
        "reminded": services.reminders_send(),
    }


def miss_you() -> int:
    """Periodic (daily): at most one friendly note a month to people who went quiet."""
    return services.miss_you_send()
