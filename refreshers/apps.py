from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RefreshersConfig(AppConfig):
    """Short questions on the guidelines and completed courses that come back at growing
    intervals. Above courses and guidelines (it reads both), beside missions."""

    name = "refreshers"
    verbose_name = _("Refreshers")

    def ready(self):
        from ambassadors import personal
        from ambassadors.channels import Category, notification_kinds_category

        from . import (  # noqa: F401 (registers the dashboard panel)
            dashboard_panels,
            personal_data,  # noqa: F401 (registers its part of the data export and erasure)
        )
        from .models import RefresherAnswer, RefresherQuestion, RefresherSettings, ReviewState
        from .services import REMINDER_KIND

        # A reminder to learn: it belongs with the learning messages if there is such a
        # category; there is not, so it is filed under everything else.
        notification_kinds_category(Category.OTHER, REMINDER_KIND)

        # The path's card, cached per person (ambassadors/personal.py).
        for model in (ReviewState, RefresherAnswer, RefresherSettings):
            personal.follow(model)
        personal.follow_shared(RefresherQuestion)
