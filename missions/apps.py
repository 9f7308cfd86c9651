from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    name = "missions"
    verbose_name = _("Missions")

    def ready(self):
        from . import (  # noqa: F401 (registers the dashboard panel)
            dashboard_panels,
            departure,  # noqa: F401 (withdraws open offers when an account is switched off)
            personal_data,  # noqa: F401 (registers its part of the data export)
            receivers,
        )

        receivers.connect()

        from ambassadors.channels import Category, notification_kinds_category

        notification_kinds_category(
            Category.MISSIONS,
            "mission_offer",
            "mission_reminder",
            "miss_you",
            "promotion_invitation",
            "rubric_feedback",
        )

        from ambassadors import personal

        from .models import (
            Assignment,
            Campaign,
            GrowthRule,
            Mission,
            PointsEntry,
            PromotionInvitation,
        )

        # The path and missions pages, cached per person (ambassadors/personal.py).
        for model in (Assignment, PointsEntry, PromotionInvitation):
            personal.follow(model)
        for model in (Mission, Campaign, GrowthRule):
            personal.follow_shared(model)

        from mentors.selectors import draft_origins, draft_text

        from .drafts import register_draft_source

        # Drafts the mentor desk wrote or edited can start a production mission's text.
        register_draft_source(draft_text, describe=draft_origins)
