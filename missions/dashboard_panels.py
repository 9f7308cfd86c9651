from django.utils import timezone

from ambassadors.dashboard import register_panel

from .models import Assignment, PromotionInvitation
from .services import points_total, promotion_requirements


@register_panel("missions/dashboard_panel.html", order=15)
def growth_panel(request, ambassador):
    # Open until accepted: someone who chose to stay finds it here again.
    invitation = (
        PromotionInvitation.objects.open()
        .filter(user=ambassador.user, to_stage=ambassador.stage + 1)
        .first()
    )
    requirements = promotion_requirements(ambassador)
    return {
        "requirements": requirements,
        "invitation": invitation,
        # A requirement may have lapsed since (a new guideline version to acknowledge).
        "ready": all(item.done for item in requirements),
        "points": points_total(ambassador.user),
        "open": Assignment.objects.filter(
            user=ambassador.user,
            state__in=Assignment.OPEN_STATES,
            offered_at__lte=timezone.now(),
        ).count(),
    }
