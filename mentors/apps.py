from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorsConfig(AppConfig):
    name = "mentors"
    verbose_name = _("Mentor desk")

    def ready(self):
        from . import personal_data  # noqa: F401 (registers its part of the data export)
