from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "integrations"
    verbose_name = _("Integrations")

    def ready(self):
        from ambassadors.channels import Category, ChannelOffer, channel_offer

        from .channels import receivers as channel_receivers
        from .channels import teams as teams_channel
        from .channels.base import sender_register
        from .teams import admin as teams_admin  # noqa: F401 (registers the CMS page)
        from .teams import personal_data as teams_personal_data  # noqa: F401
        from .teams import receivers as teams_receivers
        from .webhooks import receivers as webhook_receivers
        from .xapi import (
            admin,  # noqa: F401 (registers the CMS status page)
            personal_data,  # noqa: F401 (registers its part of the export and the eraser)
        )
        from .xapi import receivers as xapi_receivers

        channel_receivers.connect()
        webhook_receivers.connect()
        xapi_receivers.connect()
        teams_receivers.connect()
        sender_register(teams_channel.sender)
        channel_offer(
            ChannelOffer(
                code=teams_channel.CODE,
                label="Teams",
                available=lambda: teams_channel.sender.available(),
                reaches=lambda user: bool(teams_channel.sender.reachable([user.pk])),
                manage_url_name="teams:link",
                manage_label=_("Link your Teams account"),
                categories=(
                    Category.SUGGESTIONS,
                    Category.MISSIONS,
                    Category.MENTOR,
                    Category.OTHER,
                ),
            )
        )
