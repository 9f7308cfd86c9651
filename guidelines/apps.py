from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidelinesConfig(AppConfig):
    name = "guidelines"
    verbose_name = _("Guidelines")

    def ready(self):
        from . import dashboard_panels, signals  # noqa: F401 (registers the dashboard panel)

        signals.connect()
