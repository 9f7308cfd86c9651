from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "integrations"
    verbose_name = _("Integrations")

    def ready(self):
        from .channels import push as push_channel
        from .channels import receivers as channel_receivers
        from .channels import slack as slack_channel
        from .channels import teams as teams_channel
        from .slack import personal_data as slack_personal_data  # noqa: F401 (registers)
        from .slack import receivers as slack_receivers
        from .teams import admin as teams_admin  # noqa: F401 (registers the CMS page)
        from .teams import personal_data as teams_personal_data  # noqa: F401
        from .teams import receivers as teams_receivers
        from .webhooks import receivers as webhook_receivers
        from .webpush import (
            personal_data as webpush_personal_data,  # noqa: F401 (export and eraser)
        )
        from .xapi import (
            admin,  # noqa: F401 (registers the CMS status page)
            personal_data,  # noqa: F401 (registers its part of the export and the eraser)
        )
        from .xapi import receivers as xapi_receivers

        channel_receivers.connect()
        webhook_receivers.connect()
        xapi_receivers.connect()
        slack_channel.register()
        slack_receivers.connect()
        teams_receivers.connect()
        teams_channel.register()
        push_channel.register()
