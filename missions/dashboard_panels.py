"""The path on the personal dashboard: the stages, what it takes to move on, the invitation."""

from __future__ import annotations

from dataclasses import replace

from django.utils import timezone
from django.utils.translation import gettext_lazy

from ambassadors.dashboard import register_panel
from ambassadors.models import Stage

from .models import PromotionInvitation
from .selectors import (
    current_count,
    next_badge,
    path_requirements,
    plate_changes_at,
    points_total,
)

STAGE_SUMMARIES = {
    Stage.ENGAGEMENT: gettext_lazy(
        "Like, share and briefly comment on posts of the organisation and of colleagues."
    ),
    Stage.CURATION: gettext_lazy(
        "Share articles, reports and news from others that matter in your field, "
        "each with a short comment of your own."
    ),
    Stage.PRODUCTION: gettext_lazy(
        "Make your own content: articles, photos or videos about customer visits, "
        "events, training or your view on the news."
    ),
}


def _step(stage: Stage, current: int, requirements: list) -> dict:
    done = sum(1 for item in requirements if item.done)
    # Texts as they read now: the dashboard keeps this per person and language in the cache
    # (ambassadors/dashboard.py), where lazy texts are slow to read back.
    requirements = [replace(item, label=str(item.label)) for item in requirements]
    return {
        "stage": stage,
        "label": str(stage.label),
        "summary": str(STAGE_SUMMARIES[stage]),
        "done": stage < current,
        "current": stage == current,
        "requirements": requirements,
        "met": done,
        "total": len(requirements),
        "ready": bool(requirements) and done == len(requirements),
    }


@register_panel("missions/dashboard_panel.html", order=0)
def path_panel(request, ambassador):
    now = timezone.now()
    requirements = path_requirements(ambassador=ambassador)
    steps = [_step(stage, ambassador.stage, requirements.get(stage, [])) for stage in Stage]
    current = steps[ambassador.stage - 1]
    last_stage = ambassador.stage >= Stage.PRODUCTION
    # Open until accepted: someone who chose to stay finds it here again.
    invitation = (
        None
        if last_stage
        else PromotionInvitation.objects.open()
        .filter(user=ambassador.user, to_stage=ambassador.stage + 1)
        .first()
    )
    points = points_total(user=ambassador.user)
    return {
        "steps": steps,
        "current": current,
        "requirements": current["requirements"],
        "next_stage": None if last_stage else Stage(ambassador.stage + 1),
        "invitation": invitation,
        # A requirement may have lapsed since the invitation (a new guideline version).
        "ready": current["ready"],
        "points": points,
        "next_badge": next_badge(total=points),
        # The same missions the person's list shows as offered or in progress.
        "open": current_count(user=ambassador.user, now=now),
        # The open count and the next step change by themselves then.
        "until": plate_changes_at(user=ambassador.user, now=now),
    }
