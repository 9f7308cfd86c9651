"""Chat and push deliveries of notifications: one outbox row per notification and channel
beside e-mail, sent and retried by `integrations.channels.outbox`."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ChannelDeliveryQuerySet(models.QuerySet):
    def due(self, now: dt.datetime, lease: dt.timedelta):
        """Pending rows whose moment has come, not claimed by a live worker."""
        return self.filter(status=ChannelDelivery.Status.PENDING, send_after__lte=now).filter(
            Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - lease)
        )


class ChannelDelivery(models.Model):
    """One notification on one channel (web push, Slack, Teams) for its recipient.

    The notification is the nudge, counted once against the attention budget; this row is
    only one more way for it to arrive. It shows in-app whatever happens here: a delivery
    that cannot be made falls back to that, and is never made twice.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Not delivered (shown in the platform only)")
        CANCELLED = "cancelled", _("Not needed any more")

    notification = models.ForeignKey(
        "ambassadors.Notification", on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=20)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    send_after = models.DateTimeField(_("send after"))
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.CharField(_("last error"), max_length=300, blank=True)
    # What the channel needs to act on the message later (a Slack channel and timestamp).
    reference = models.JSONField(default=dict, blank=True)

    objects = ChannelDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("channel delivery")
        verbose_name_plural = _("channel deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="channel_delivery_once_per_channel"
            ),
        ]
        indexes = [
            models.Index(
                fields=["send_after"],
                name="channel_delivery_due_idx",
                condition=Q(status="pending"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} · {self.notification_id}"
