from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidelinesConfig(AppConfig):
    name = "guidelines"
    verbose_name = _("Guidelines")

    def ready(self):
        from . import (  # noqa: F401 (registers the dashboard panel)
            dashboard_panels,
            personal_data,  # noqa: F401 (registers its part of the data export)
            signals,
        )

        signals.connect()

        from ambassadors import personal

        from .models import Acknowledgement

        personal.follow(Acknowledgement)  # the path page's guidelines and requirements
        from django.utils.translation import gettext_lazy

        from ambassadors.gates import Gate, register_gate
        from ambassadors.pages import page_url

        from .models import GuidelineIndexPage
        from .selectors import has_acknowledged_current_guidelines

        def guidelines_url() -> str:
            return page_url(GuidelineIndexPage) or "/"

        register_gate(
            Gate(
                name="guidelines",
                is_met=has_acknowledged_current_guidelines,
                message=gettext_lazy(
                    "Before your first share or mission, please read and acknowledge the "
                    "current social media guidelines."
                ),
                url=guidelines_url,
            )
        )
