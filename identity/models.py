"""Which account at the organisation's identity provider is which person here."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalIdentity(models.Model):
    """A person's account at one connection (an OpenID provider, a SAML IdP, a SCIM client).

    `subject` is the connection's stable id for the person (OIDC `sub`, SAML NameID, SCIM
    `externalId`), never the e-mail address, which can change.
    """

    class Protocol(models.TextChoices):
        OIDC = "oidc", _("OpenID Connect")
        SAML = "saml", _("SAML 2.0")
        SCIM = "scim", _("SCIM provisioning")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities"
    )
    protocol = models.CharField(_("protocol"), max_length=4, choices=Protocol.choices)
    connection = models.CharField(_("connection"), max_length=80)
    subject = models.CharField(_("id at the connection"), max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(
                fields=["protocol", "connection", "subject"], name="external_identity_unique"
            ),
            models.UniqueConstraint(
                fields=["protocol", "connection", "user"],
                name="external_identity_one_per_connection",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.connection}: {self.subject}"


class ScimConnectionQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True)


class ScimConnection(models.Model):
    """A provisioning client (Entra ID, Okta...) and the bearer token it calls /scim/v2/ with.

    Only the token's SHA-256 is kept: the token itself is shown once, when it is made.
    """

    name = models.CharField(
        _("name"),
        max_length=80,
        help_text=_("Shown to comms staff as where an account comes from."),
    )
    slug = models.SlugField(
        _("short name"),
        max_length=80,
        unique=True,
        help_text=_("Keys the provisioning client's ids (externalId); do not change it later."),
    )
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
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ScimConnectionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("provisioning connection")
        verbose_name_plural = _("provisioning connections")

    def __str__(self) -> str:
        return self.name

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
