"""Signed webhooks: administrators subscribe an address to events; each event becomes one
delivery row per subscription that wants it (the outbox), sent and retried by
`integrations.webhooks.services`."""

from __future__ import annotations

import base64
import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.outbound import public_url

# The events a subscription can ask for (Standard Webhooks style: `noun.past_tense`).
EVENTS = {
    "person.joined": _("A person joined the programme (gave consent)"),
    "person.left": _("A person left the programme"),
    "course.completed": _("A person completed a course"),
    "mission.approved": _("A mission of a person was approved"),
    "guideline.acknowledged": _("A person acknowledged a guideline version"),
    "request.resolved": _("A request to the mentor desk was resolved"),
}
# Sent only on an administrator's request, to the one subscription, whatever its events.
PING = "ping"

SECRET_PREFIX = "whsec_"  # noqa: S105  (a prefix, not a secret)
SECRET_BYTES = 32  # Standard Webhooks: at least 24 bytes of randomness

ERROR_UNKNOWN_EVENT = _("Unknown event: %(event)s.")
ERROR_NO_EVENTS = _("Choose at least one event.")


def new_secret() -> str:
    """A fresh signing secret as Standard Webhooks writes it: `whsec_` and base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def validate_events(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(ERROR_NO_EVENTS, code="required")
    for event in value:
        if event not in EVENTS:
            raise ValidationError(ERROR_UNKNOWN_EVENT, code="invalid", params={"event": event})


class WebhookSubscription(models.Model):
    """An address that hears about some events, signed with its own secret."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(
        _("address"),
        max_length=2000,
        validators=[public_url],
        help_text=_("The https address of the receiving system. Internal addresses are refused."),
    )
    events = models.JSONField(_("events"), default=list, validators=[validate_events])
    # Readable, as it signs every delivery; shown in the CMS once (at creation and rotation),
    # never listed, exported, logged or audited.
    secret = models.CharField(max_length=100, default=new_secret, editable=False)
    # The secret before the last rotation: deliveries carry a signature with it too for a
    # day, so a receiver can switch over without losing a delivery.
    previous_secret = models.CharField(max_length=100, blank=True, editable=False)
    previous_secret_until = models.DateTimeField(null=True, blank=True, editable=False)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Switched off, the subscription gets no new events and its queue waits."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    disabled_at = models.DateTimeField(_("switched off by the platform"), null=True, blank=True)
    # Deliveries given up on in a row: many mean the receiver is gone for good.
    failures_in_a_row = models.PositiveIntegerField(_("failures in a row"), default=0)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self) -> str:
        return self.name

    def signing_secrets(self, now: dt.datetime) -> list[str]:
        """The secrets a delivery is signed with now: the current one, and the one before
        the last rotation while it is still honoured."""
        found = [self.secret]
        if self.previous_secret and self.previous_secret_until and now < self.previous_secret_until:
            found.append(self.previous_secret)
        return found

    def wants(self, event: str) -> bool:
        return self.active and event in self.events


class WebhookDeliveryQuerySet(models.QuerySet):
    def due(self, now: dt.datetime, lease: dt.timedelta):
        """Deliveries to send now: waiting, due, for an active subscription, and not claimed
        by a live worker."""
        return self.filter(
            status__in=(WebhookDelivery.Status.PENDING, WebhookDelivery.Status.FAILED),
            next_attempt_at__lte=now,
            subscription__active=True,
        ).filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - lease))


class WebhookDelivery(models.Model):
    """One event for one subscription: the outbox row, and the log the CMS shows."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed, will retry")
        GIVEN_UP = "given_up", _("Given up")

    subscription = models.ForeignKey(
        WebhookSubscription,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscription"),
    )
    event = models.CharField(_("event"), max_length=40)
    # The `webhook-id`: the same on every attempt, so a receiver drops a repeat.
    event_id = models.UUIDField(_("event id"))
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event_id"], name="webhook_event_once_per_subscription"
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["pending", "failed"]),
                name="webhook_delivery_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.event_id}"
