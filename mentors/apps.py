from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorsConfig(AppConfig):
    name = "mentors"
    verbose_name = _("Mentor desk")

    def ready(self):
        from django.db.models.signals import post_migrate

        from ambassadors.channels import Category, notification_kinds_category
        from ambassadors.roles import Role
        from ambassadors.selectors import notification_kinds_urgent
        from ambassadors.start import register_start_page

        from . import (
            personal_data,  # noqa: F401 (registers its part of the data export)
            tally,
        )
        from .selectors import urgent_untaken

        # Mentors start on the desk; one who is comms staff too only while urgent
        # mediation nobody has taken waits there (see ambassadors.start).
        register_start_page(
            "mentors:desk",
            roles={Role.MENTOR},
            order=20,
            urgent=lambda user: bool(urgent_untaken(user=user, limit=1)),
        )
        notification_kinds_urgent("mediation_alert", "mediation_escalation")
        notification_kinds_category(Category.MENTOR, "ticket_reply", "ticket_draft")
        notification_kinds_category(
            Category.DESK,
            "ticket_assigned",
            "ticket_unassigned",
            "mediation_alert",
            "mediation_escalation",
            "sla_warning",
        )
        post_migrate.connect(tally.ensure_after_migrate, sender=self)

        from ambassadors import personal

        from .models import MentorProfile

        personal.follow(MentorProfile)  # the desk role (skills, team lead) per person

        from . import kept

        kept.connect()
