"""Microsoft Teams: the organisation's connection (a channel's Workflows webhook and a bot for
direct messages), people's linked Teams accounts, and the channel announcements of pushes
and campaigns (one row each, so an announcement is posted once)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.outbound import public_url


def partly(secret: str, shown: int = 4) -> str:
    """A secret as the CMS shows it after saving: its last characters only."""
    return f"…{secret[-shown:]}" if len(secret) > shown * 3 else "…" if secret else ""


class TeamsConnection(models.Model):
    """The one Teams connection of the organisation (row 1), set up by comms staff."""

    SINGLETON = 1

    webhook_url = models.CharField(
        _("channel webhook address"),
        max_length=2000,
        blank=True,
        validators=[public_url],
        help_text=_(
            "The address of a Teams workflow “Post to a channel when a webhook request is "
            "received”. It is a secret: after saving, only its end is shown."
        ),
    )
    announce_pushes = models.BooleanField(_("announce pushes in the channel"), default=False)
    announce_campaigns = models.BooleanField(_("announce campaigns in the channel"), default=False)
    webhook_broken = models.CharField(_("channel problem"), max_length=300, blank=True)
    app_id = models.CharField(_("bot app (client) id"), max_length=100, blank=True)
    app_secret = models.CharField(_("bot client secret"), max_length=500, blank=True)
    tenant_id = models.CharField(_("directory (tenant) id"), max_length=100, blank=True)
    bot_broken = models.CharField(_("bot problem"), max_length=300, blank=True)
    broken_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Teams connection")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="teams_connection_one_row"),
        ]

    def __str__(self) -> str:
        return "Microsoft Teams"

    @classmethod
    def load(cls) -> TeamsConnection:
        """The connection as saved, or an empty one (not saved: reading writes nothing)."""
        return cls.objects.filter(pk=cls.SINGLETON).first() or cls(pk=cls.SINGLETON)

    @property
    def bot_configured(self) -> bool:
        return bool(self.app_id and self.app_secret and self.tenant_id)

    @property
    def bot_ready(self) -> bool:
        return self.bot_configured and not self.bot_broken

    @property
    def webhook_ready(self) -> bool:
        return bool(self.webhook_url) and not self.webhook_broken

    @property
    def webhook_shown(self) -> str:
        return partly(self.webhook_url, 6)

    @property
    def app_secret_shown(self) -> str:
        return partly(self.app_secret)


class TeamsAccount(models.Model):
    """A person's Teams account, linked by their work e-mail and confirmed with a code sent
    to them in Teams; only a confirmed one receives messages."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="teams_account"
    )
    email = models.EmailField(_("work e-mail"), max_length=254)
    aad_object_id = models.CharField(max_length=64)
    conversation_id = models.CharField(max_length=500)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    code_hash = models.CharField(max_length=64, blank=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    tries = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Teams account")

    def __str__(self) -> str:
        return f"Teams account of {self.user_id}"


class TeamsAnnouncement(models.Model):
    """A push or campaign announced in the Teams channel: one row per push or campaign."""

    class Kind(models.TextChoices):
        PUSH = "push", _("Push")
        CAMPAIGN = "campaign", _("Campaign")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Not sent")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    send_after = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Teams announcement")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="teams_announce_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
