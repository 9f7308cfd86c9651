"""Erasing a person removes the webhook deliveries about them (payloads hold only their id,
but the log of who did what when goes with the account)."""

from django.contrib.auth.models import User

from ambassadors.erasure import register_eraser
from integrations.models.webhooks import WebhookDelivery


@register_eraser("webhooks")
def _webhooks(user: User) -> None:
    WebhookDelivery.objects.filter(payload__data__person__id=user.pk).delete()
