"""The organisation's sign-in connections, from settings.ACADEMY_SSO_PROVIDERS.

Each connection has a slug (in its URLs), a protocol (oidc or saml), a name people see on the
sign-in button, the names of the claims (OIDC) or attributes (SAML) that carry a person's
details, and which of the IdP's groups give which role. Protocol settings (issuer, client id,
metadata...) stay in `options` for the protocol's own module to read.

Configured with environment variables (config/settings/env.py: SSO_PROVIDERS, SSO_<SLUG>_*):

    SSO_<SLUG>_NAME            button text, e.g. "Contoso account"
    SSO_<SLUG>_CLAIM_<FIELD>   claim/attribute name for EMAIL, EMAIL_VERIFIED, FIRST_NAME,
                               LAST_NAME, DEPARTMENT, LANGUAGE, GROUPS, USERNAME
    SSO_<SLUG>_EMAIL_VERIFIED  "claim" (default for OIDC: link an existing account only when the
                               email_verified claim is true) or "always" (the IdP only hands
                               out addresses the organisation owns: Entra ID, ADFS; default
                               for SAML)
    SSO_<SLUG>_ROLE_MENTORS, _ROLE_COMMS, _ROLE_ADMINS
                               comma-separated IdP groups (names or ids) giving that role;
                               everyone gets Employees
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from ambassadors.roles import Role
from core import backends

CLAIM_FIELDS = (
    "email",
    "email_verified",
    "first_name",
    "last_name",
    "department",
    "language",
    "groups",
    "username",
)
DEFAULT_CLAIMS = {
    "oidc": {
        "email": "email",
        "email_verified": "email_verified",
        "first_name": "given_name",
        "last_name": "family_name",
        "department": "department",
        "language": "locale",
        "groups": "groups",
        "username": "preferred_username",
    },
    # The claim types ADFS and Entra ID send (and most IdPs can be set to send).
    "saml": {
        "email": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "email_verified": "",
        "first_name": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
        "last_name": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
        "department": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/department",
        "language": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/locale",
        "groups": "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
        "username": "",
    },
}
ROLE_KEYS = {"role_mentors": Role.MENTOR, "role_comms": Role.COMMS, "role_admins": Role.ADMIN}


@dataclass(frozen=True)
class Provider:
    slug: str
    protocol: str
    name: str
    claims: Mapping[str, str]
    email_always_verified: bool
    role_groups: Mapping[Role, frozenset[str]]
    options: Mapping[str, str] = field(default_factory=dict)

    @property
    def managed_roles(self) -> frozenset[Role]:
        """The roles this connection gives and takes away: those with groups mapped to them.
        Any other role (given in the CMS, or by another connection) it leaves alone."""
        return frozenset(role for role, groups in self.role_groups.items() if groups)

    @property
    def manages_roles(self) -> bool:
        return bool(self.managed_roles)

    @property
    def login_url(self) -> str:
        return reverse(f"identity:{self.protocol}-login", args=[self.slug])

    def option(self, key: str, default: str = "") -> str:
        return self.options.get(key, default)

    def required(self, key: str) -> str:
        value = self.options.get(key, "")
        if not value:
            raise ImproperlyConfigured(
                f"SSO_{self.slug.upper().replace('-', '_')}_{key.upper()} is required for "
                f"a {self.protocol} connection."
            )
        return value


def _provider(config: Mapping[str, str]) -> Provider:
    slug, protocol = config["slug"], config["protocol"]
    claims = dict(DEFAULT_CLAIMS[protocol])
    for name in CLAIM_FIELDS:
        if f"claim_{name}" in config:
            claims[name] = config[f"claim_{name}"]
    verified = config.get("email_verified", "always" if protocol == "saml" else "claim")
    if verified not in ("claim", "always"):
        raise ImproperlyConfigured(
            f"SSO_{slug.upper()}_EMAIL_VERIFIED must be claim or always, not {verified!r}."
        )
    role_groups = {
        role: frozenset(g.strip() for g in config.get(key, "").split(",") if g.strip())
        for key, role in ROLE_KEYS.items()
    }
    known = {"slug", "protocol", "name", "email_verified", *ROLE_KEYS}
    options = {k: v for k, v in config.items() if k not in known and not k.startswith("claim_")}
    return Provider(
        slug=slug,
        protocol=protocol,
        name=config.get("name") or slug,
        claims=claims,
        email_always_verified=verified == "always",
        role_groups=role_groups,
        options=options,
    )


_built: dict[str, tuple[Provider, ...]] = {}


def providers(protocol: str | None = None) -> tuple[Provider, ...]:
    """The configured connections (of one protocol), in the order SSO_PROVIDERS lists them."""
    # Read once per content of the setting, so tests that override it get their own. (Keyed
    # by its id(), a list made after another was freed could reuse the id and read the old.)
    configured = settings.ACADEMY_SSO_PROVIDERS
    key = json.dumps(configured, sort_keys=True, default=repr)
    found = _built.get(key)
    if found is None:
        found = _built[key] = tuple(_provider(config) for config in configured)
    return tuple(p for p in found if protocol is None or p.protocol == protocol)


def provider(slug: str, protocol: str) -> Provider | None:
    return next((p for p in providers(protocol) if p.slug == slug), None)


def password_sign_in_for_everyone() -> bool:
    """False once SSO is configured and PASSWORD_SIGN_IN=administrators (the rule is core's:
    its password backend applies it)."""
    return backends.password_sign_in_for_everyone()


@dataclass(frozen=True)
class Claims:
    """What an IdP says about a person, in the platform's terms."""

    subject: str
    email: str = ""
    email_verified: bool = False
    username: str = ""
    first_name: str = ""
    last_name: str = ""
    department: str | None = None  # None: the IdP sent none, leave it as it is
    language: str = ""
    groups: frozenset[str] | None = None  # None: the IdP sent no groups claim

    @classmethod
    def read(cls, provider: Provider, subject: str, raw: Mapping[str, Any]) -> Claims:
        """From OIDC claims (values) or SAML attributes (lists of values)."""

        def values(name: str) -> list[str] | None:
            key = provider.claims.get(name, "")
            if not key or key not in raw or raw[key] is None:
                return None
            value = raw[key]
            items = value if isinstance(value, list | tuple) else [value]
            return [str(item).strip() for item in items if str(item).strip()]

        def one(name: str) -> str:
            found = values(name)
            return found[0] if found else ""

        verified = one("email_verified").lower() in ("true", "1")
        department = values("department")
        groups = values("groups")
        return cls(
            subject=subject,
            email=one("email"),
            email_verified=provider.email_always_verified or verified,
            username=one("username"),
            first_name=one("first_name"),
            last_name=one("last_name"),
            department=None if department is None else (department[0] if department else ""),
            language=one("language"),
            groups=None if groups is None else frozenset(groups),
        )

    def roles(self, provider: Provider) -> set[Role] | None:
        """The managed roles these groups give, or None when roles are not the IdP's to set."""
        if not provider.manages_roles or self.groups is None:
            return None
        return {role for role, groups in provider.role_groups.items() if groups & self.groups}
