from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = _("Insights")

    def ready(self):
        from ambassadors.roles import Role
        from ambassadors.start import register_start_page

        from . import cache

        cache.connect()

        # Comms staff (and administrators) start on the programme overview.
        register_start_page("insights:programme", roles={Role.COMMS, Role.ADMIN}, order=10)
