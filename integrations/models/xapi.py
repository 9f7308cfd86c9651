"""xAPI statements on their way to the organisation's learning record store (the outbox)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q


class XapiStatementQuerySet(models.QuerySet):
    def due(self, now: dt.datetime, lease: dt.timedelta):
        """Rows to send now: due, not sent, and not claimed by a live worker."""
        return self.filter(send_after__lte=now, sent_at__isnull=True).filter(
            Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - lease)
        )

    def waiting(self):
        return self.filter(sent_at__isnull=True, send_after__isnull=False)

    def sent(self):
        return self.filter(sent_at__isnull=False)

    def failed(self):
        """Given up on: the LRS refused them, or they failed too often."""
        return self.filter(sent_at__isnull=True, send_after__isnull=True)


class XapiStatement(models.Model):
    """One statement as it is sent, again and again if need be: its id and body never change,
    so a resend is a duplicate the LRS drops."""

    statement_id = models.UUIDField(unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verb = models.CharField(max_length=200)
    body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    # When to try (next); None once sent or given up.
    send_after = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    objects = XapiStatementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["send_after"], condition=Q(sent_at__isnull=True), name="xapi_due_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.verb} {self.statement_id}"
