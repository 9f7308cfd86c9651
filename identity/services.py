"""Signing in through the organisation: the account the IdP's word leads to.

The first sign-in creates the person (invited: they still join on the consent page) or links
the existing account with the same verified e-mail address; every later sign-in brings name,
department and roles up to date. OIDC and SAML both end here, after their library checked the
IdP's signature and conditions.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ambassadors.models import Source
from ambassadors.roles import Role, roles_of
from ambassadors.services import (
    PersonError,
    ambassador_get_or_create,
    person_create,
    person_roles_set,
    person_update,
)
from core.errors import Refusal

from .models import ExternalIdentity
from .providers import Claims, Provider

ERROR_NO_SUBJECT = gettext_lazy(
    "Your organisation's sign-in did not say who you are. Try again, or ask your IT "
    "department to check the connection."
)
ERROR_NO_EMAIL = gettext_lazy(
    "Your organisation's sign-in sent no e-mail address, so no account could be made. Ask "
    "your IT department to send the e-mail claim."
)
ERROR_EMAIL_NOT_VERIFIED = gettext_lazy(
    "An account with this e-mail address already exists, but your organisation's sign-in "
    "did not confirm the address. Log in with your password once, or ask a mentor."
)
ERROR_ACCOUNT_SWITCHED_OFF = gettext_lazy(
    "Your account has been switched off. If you think this is a mistake, ask your "
    "organisation's IT department or the programme team."
)
ERROR_STAFF_ACCOUNT = gettext_lazy(
    "An account with this e-mail address can change the CMS, so it is not linked to your "
    "organisation's sign-in by itself. Log in with your password and second step first, then "
    "link it on your Two-factor sign-in page (under your profile)."
)
ERROR_TAKEN = gettext_lazy(
    "This account is already linked to another sign-in of your organisation. Ask the "
    "programme team to check it."
)


class SignInRefused(Refusal):
    """The IdP's answer was genuine but leads to no account we may sign in."""


def _source(provider: Provider) -> Source:
    return Source.SCIM if provider.protocol == ExternalIdentity.Protocol.SCIM else Source.SSO


def can_reach_cms(user: User) -> bool:
    """An account whose takeover would hand over the CMS: never linked on an e-mail alone."""
    return (
        user.is_superuser
        or user.is_staff
        or bool(roles_of(user) & {Role.COMMS, Role.ADMIN})
        or user.has_perm("wagtailadmin.access_admin")
    )


def _account_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=email).order_by("pk").first() if email else None


@transaction.atomic
def person_sign_in(*, provider: Provider, claims: Claims, signed_in: User | None = None) -> User:
    """The person these claims are, created or linked and brought up to date.

    `signed_in`: who is already signed in on this browser with their own password (and second
    step, where their role needs one). Only they can link an account that can reach the CMS:
    a matching e-mail address is not enough there, as whoever controls an address at the IdP
    would otherwise walk into the CMS past the account's second step.
    """
    if not claims.subject:
        raise SignInRefused(ERROR_NO_SUBJECT)
    now = timezone.now()
    identity = (
        ExternalIdentity.objects.select_related("user")
        .select_for_update()
        .filter(protocol=provider.protocol, connection=provider.slug, subject=claims.subject)
        .first()
    )
    if identity is not None:
        user = identity.user
    else:
        user = _account_by_email(claims.email)
        if user is not None and not claims.email_verified:
            raise SignInRefused(ERROR_EMAIL_NOT_VERIFIED)
        if user is not None and can_reach_cms(user) and user != signed_in:
            raise SignInRefused(ERROR_STAFF_ACCOUNT)
        if user is None:
            if not claims.email:
                raise SignInRefused(ERROR_NO_EMAIL)
            username = claims.username or claims.email
            if User.objects.filter(username__iexact=username).exists():
                username = claims.email
            try:
                user = person_create(
                    email=claims.email,
                    username=username,
                    first_name=claims.first_name,
                    last_name=claims.last_name,
                    department=claims.department or "",
                    language=claims.language,
                    source=_source(provider),
                    source_name=provider.name,
                )
            except PersonError as refusal:
                raise SignInRefused(refusal.message) from refusal
        try:
            with transaction.atomic():
                identity = ExternalIdentity.objects.create(
                    user=user,
                    protocol=provider.protocol,
                    connection=provider.slug,
                    subject=claims.subject,
                )
        except IntegrityError as clash:
            # The account already has another subject at this connection.
            raise SignInRefused(ERROR_TAKEN) from clash
    if not user.is_active:
        raise SignInRefused(ERROR_ACCOUNT_SWITCHED_OFF)
    # An account made by hand or by import is from now on kept up to date by the IdP.
    takes_over = ambassador_get_or_create(user=user).source in (Source.PLATFORM, Source.IMPORT)
    person_update(
        user=user,
        first_name=claims.first_name or None,
        last_name=claims.last_name or None,
        department=claims.department,
        language=claims.language or None,
        source=_source(provider) if takes_over else None,
        source_name=provider.name if takes_over else None,
    )
    roles = claims.roles(provider)
    if roles is not None:
        person_roles_set(user=user, roles=roles, managed=provider.managed_roles)
    identity.last_seen_at = now
    identity.save(update_fields=["last_seen_at"])
    return user
