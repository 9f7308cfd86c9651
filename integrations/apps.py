from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "integrations"
    verbose_name = _("Integrations")

    def ready(self):
        from ambassadors.channels import ChannelOffer, channel_offer

        from .channels import base as channel_base
        from .channels import push as push_channel
        from .channels import receivers as channel_receivers
        from .webhooks import receivers as webhook_receivers
        from .webpush import keys as webpush_keys
        from .webpush import (
            personal_data as webpush_personal_data,  # noqa: F401 (export and eraser)
        )
        from .xapi import (
            admin,  # noqa: F401 (registers the CMS status page)
            personal_data,  # noqa: F401 (registers its part of the export and the eraser)
        )
        from .xapi import receivers as xapi_receivers

        channel_base.sender_register(push_channel.sender)
        channel_offer(
            ChannelOffer(
                code=push_channel.CODE,
                label=_("Push"),
                available=webpush_keys.available,
                reaches=lambda user: user.push_subscriptions.exists(),
                manage_url_name="integrations:push_devices",
                manage_label=_("Your devices"),
            )
        )
        channel_receivers.connect()
        webhook_receivers.connect()
        xapi_receivers.connect()
