"""Slack: the organisation's workspace connection, people's linked Slack accounts, and the
announcements of pushes and campaigns in a channel (one row each, so none is made twice)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

CHANNEL_ID = RegexValidator(
    r"^[CG][A-Z0-9]{6,20}$",
    _("Enter a Slack channel id such as C0123ABCD (in Slack: the channel's details, at the end)."),
)


class SlackConnection(models.Model):
    """The one Slack workspace the platform posts to (its row has pk 1).

    The bot token and signing secret are never shown again after saving: the CMS shows only
    their last characters, and they are left out of every list, export and log.
    """

    bot_token = models.CharField(_("bot token"), max_length=255)
    signing_secret = models.CharField(_("signing secret"), max_length=255)
    team_id = models.CharField(max_length=30, blank=True, editable=False)
    team_name = models.CharField(_("workspace"), max_length=200, blank=True, editable=False)
    announcement_channel = models.CharField(
        _("announcement channel"),
        max_length=24,
        blank=True,
        validators=[CHANNEL_ID],
        help_text=_("Optional: the id of the channel where pushes and campaigns are announced."),
    )
    announce_pushes = models.BooleanField(_("announce pushes"), default=False)
    announce_campaigns = models.BooleanField(_("announce campaigns"), default=False)
    # Why Slack refused the token (token_revoked, ...): the connection is not used until
    # someone saves a working token.
    broken_reason = models.CharField(_("broken because"), max_length=60, blank=True)
    broken_at = models.DateTimeField(null=True, blank=True)
    connected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Slack connection")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="slack_connection_one_row"),
        ]

    def __str__(self) -> str:
        return self.team_name or "Slack"

    @property
    def usable(self) -> bool:
        return bool(self.bot_token) and not self.broken_reason

    @property
    def token_hint(self) -> str:
        return f"…{self.bot_token[-4:]}" if self.bot_token else ""

    @property
    def secret_hint(self) -> str:
        return f"…{self.signing_secret[-4:]}" if self.signing_secret else ""


class SlackAccount(models.Model):
    """A person's Slack user, found by their work e-mail and confirmed with a code sent to
    them in Slack. Only a confirmed account receives messages."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="slack_account"
    )
    slack_user_id = models.CharField(max_length=30)
    dm_channel = models.CharField(max_length=30)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    code_hash = models.CharField(max_length=128, blank=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    tries = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Slack account")
        constraints = [
            # One Slack user belongs to one person.
            models.UniqueConstraint(
                fields=["slack_user_id"],
                condition=Q(confirmed_at__isnull=False),
                name="slack_account_user_once",
            ),
        ]

    def __str__(self) -> str:
        return f"Slack · {self.user_id}"


class SlackAnnouncement(models.Model):
    """A push or campaign announced in the announcement channel: one row per push or
    campaign, so a second `planned` signal announces nothing."""

    class Subject(models.TextChoices):
        PUSH = "push", _("Push")
        CAMPAIGN = "campaign", _("Campaign")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Not sent")

    subject = models.CharField(max_length=10, choices=Subject.choices)
    object_id = models.PositiveBigIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    send_after = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    reference = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Slack announcement")
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "object_id"], name="slack_announcement_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.object_id}"
