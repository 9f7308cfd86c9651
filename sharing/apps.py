from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharingConfig(AppConfig):
    name = "sharing"
    verbose_name = _("Sharing")

    def ready(self):
        from ambassadors import personal
        from ambassadors.channels import Category, notification_kinds_category

        notification_kinds_category(Category.SUGGESTIONS, "share_suggestion")

        from . import (
            dashboard_panels,  # noqa: F401 (registers the dashboard panel)
            personal_data,  # noqa: F401 (registers its part of the data export)
            snapshots,
        )
        from .models import Share

        personal.follow(Share)  # the path page's count of shares
        snapshots.connect()

        from django.db.models.signals import post_save

        from core import structure

        from .models import PostingChecks

        # The composer keeps the posting checks with the site's structure (sharing/checks.py).
        post_save.connect(structure.changed, sender=PostingChecks, dispatch_uid="posting-checks")
