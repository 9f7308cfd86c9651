from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RefreshersConfig(AppConfig):
    """Short questions on the guidelines and completed courses that come back at growing
    intervals. Above courses and guidelines (it reads both), beside missions."""

    name = "refreshers"
    verbose_name = _("Refreshers")
