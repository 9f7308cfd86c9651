"""Web push: one subscription per browser on a device, made when the person turns push on
there (integrations/webpush); the push service's address and the keys to encrypt for it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

ENDPOINT_MAX_LENGTH = 2000


class PushSubscription(models.Model):
    """A browser that may show this person's notifications (the Push API's subscription).

    `endpoint` is the push service's address for this browser (unique: a browser turned on
    by someone else moves to them); `p256dh` and `auth` are its encryption keys (RFC 8291),
    base64url as the browser gives them.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.CharField(_("push service address"), max_length=ENDPOINT_MAX_LENGTH)
    p256dh = models.CharField(max_length=100)
    auth = models.CharField(max_length=40)
    label = models.CharField(_("device"), max_length=80)
    created_at = models.DateTimeField(_("turned on"), auto_now_add=True)
    last_sent_at = models.DateTimeField(_("last notification"), null=True, blank=True)

    class Meta:
        verbose_name = _("push subscription")
        verbose_name_plural = _("push subscriptions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint"], name="push_subscription_endpoint_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.label} · {self.user_id}"
