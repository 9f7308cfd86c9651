from ambassadors.dashboard import register_panel

from .models import PromotionInvitation
from .selectors import current_count, points_total, promotion_requirements


@register_panel("missions/dashboard_panel.html", order=15)
def growth_panel(request, ambassador):
    # Open until accepted: someone who chose to stay finds it here again.
    invitation = (
        PromotionInvitation.objects.open()
        .filter(user=ambassador.user, to_stage=ambassador.stage + 1)
        .first()
    )
    requirements = promotion_requirements(ambassador=ambassador)
    return {
        "requirements": requirements,
        "invitation": invitation,
        # A requirement may have lapsed since (a new guideline version to acknowledge).
        "ready": all(item.done for item in requirements),
        "points": points_total(user=ambassador.user),
        # The same missions the person's list shows as offered or in progress.
        "open": current_count(user=ambassador.user),
    }
