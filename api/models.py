"""The API's data: the tokens machines and people sign in with."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# What a token may be allowed to do. A service token carries some of these; a personal token
# reads only its own person's data (the /me operations), whatever its scopes say.
SCOPES = {
    "people:read": _("Read people"),
    "people:write": _("Create, change and switch off people"),
    "learning:read": _("Read course progress and completions"),
    "acknowledgements:read": _("Read guideline acknowledgements"),
    "missions:read": _("Read missions and assignments"),
    "content:read": _("Read content items"),
    "content:write": _("Create content items"),
    "sharing:read": _("Read shares and clicks (totals)"),
    "insights:read": _("Read insights figures"),
}
TOKEN_LIFETIME = dt.timedelta(days=90)


def default_expiry() -> dt.datetime:
    return timezone.now() + TOKEN_LIFETIME


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    """A bearer token for /api/v1/: a person's own (personal) or an integration's (service).

    Only the token's SHA-256 is kept: the token itself is shown once, when it is made.
    """

    class Kind(models.TextChoices):
        PERSONAL = "personal", _("Personal (one person reads their own data)")
        SERVICE = "service", _("Service (an integration)")

    name = models.CharField(
        _("name"), max_length=80, help_text=_("Who or what calls the API with it.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="academy_api_tokens",
        help_text=_("For a personal token: the person whose data it reads."),
    )
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=default_expiry)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    rate_per_minute = models.PositiveIntegerField(
        _("calls per minute"),
        default=120,
        help_text=_("Calls above this number within a minute are refused until it ends."),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="personal") & Q(user__isnull=False))
                | (Q(kind="service") & Q(user__isnull=True)),
                name="api_token_personal_has_person",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_personal(self) -> bool:
        return self.kind == self.Kind.PERSONAL

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        unknown = set(self.scopes or []) - set(SCOPES)
        if unknown:
            raise ValidationError({"scopes": _("Unknown scopes: %s") % ", ".join(sorted(unknown))})
        if self.kind == self.Kind.PERSONAL and self.user_id is None:
            raise ValidationError({"user": _("A personal token belongs to a person.")})
        if self.kind == self.Kind.SERVICE and self.user_id is not None:
            raise ValidationError({"user": _("A service token belongs to no person.")})
