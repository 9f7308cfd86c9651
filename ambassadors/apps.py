from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmbassadorsConfig(AppConfig):
    name = "ambassadors"
    verbose_name = _("Ambassadors")

    def ready(self):
        from . import frame, personal
        from .models import Ambassador, Notification, ProgrammeSettings

        frame.connect()
        # Saves only: bulk deletes of notifications call `personal.forget` themselves.
        personal.follow(Notification, "recipient_id", deletes=False)
        personal.follow(Ambassador, deletes=False)
        personal.follow_shared(ProgrammeSettings)
