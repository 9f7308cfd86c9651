from django.utils import timezone

from ambassadors.dashboard import register_panel

from .models import Assignment, PromotionInvitation
from .services import points_total, promotion_requirements


@register_panel("missions/dashboard_panel.html", order=15)
def growth_panel(request, ambassador):
    invitation = PromotionInvitation.objects.filter(
        user=ambassador.user, to_stage=ambassador.stage + 1, answered_at__isnull=True
    ).first()
    return {
        "requirements": promotion_requirements(ambassador),
        "invitation": invitation,
        "points": points_total(ambassador.user),
        "open": Assignment.objects.filter(
            user=ambassador.user,
            state__in=Assignment.OPEN_STATES,
            offered_at__lte=timezone.now(),
        ).count(),
    }
