"""API tokens: made (the token returned once, kept as a hash), revoked, and looked up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from ambassadors.models import Source
from ambassadors.services import (
    ERROR_USERNAME_TAKEN,
    PersonError,
    person_create,
    person_deactivate,
    person_names_taken,
    person_reactivate,
    person_update,
)
from core import tokens
from core.audit import record
from core.errors import Refusal
from identity.services import can_reach_cms

from .errors import Conflict, NotAllowed
from .models import ApiToken, default_expiry

TOKEN_PREFIX = "aa-api-"  # noqa: S105 (a marker, not a secret)
# last_used_at is written at most this often, so a burst of calls is not a burst of updates.
LAST_USED_GRANULARITY = dt.timedelta(minutes=1)


@transaction.atomic
def token_create(
    *,
    name: str,
    kind: str,
    scopes: Iterable[str] = (),
    user: User | None = None,
    expires_at: dt.datetime | None = None,
    rate_per_minute: int | None = None,
    created_by: User | None = None,
) -> tuple[ApiToken, str]:
    """A new token; the token itself is returned this once and kept only as a hash."""
    raw = tokens.token_new(TOKEN_PREFIX)
    token = ApiToken(
        name=name,
        kind=kind,
        user=user,
        scopes=sorted(set(scopes)),
        token_hash=tokens.token_hash(raw),
        created_by=created_by,
        expires_at=expires_at or default_expiry(),
    )
    if rate_per_minute is not None:
        token.rate_per_minute = rate_per_minute
    token.full_clean()
    token.save()
    record(token, "academy.api_token_create", user=created_by, person=user, kind=kind)
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, by: User | None) -> ApiToken:
    """The token stops working at once."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(token, "academy.api_token_revoke", user=by, person=token.user)
    return token


def token_for(raw: str) -> ApiToken | None:
    """The token this bearer value belongs to (revoked and expired ones too: the caller says
    which), by its hash; marks it used (at most once a minute)."""
    if not raw:
        return None
    token = (
        ApiToken.objects.select_related("user").filter(token_hash=tokens.token_hash(raw)).first()
    )
    if token is None or token.is_revoked or token.is_expired:
        return token
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def api_write_record(instance, *, token: ApiToken, person: User | None = None, **data) -> None:
    """The audit entry every write through the API leaves: what, about whom, which token."""
    record(
        instance,
        "academy.api_write",
        user=token.user if token.is_personal else None,
        person=person,
        token=token.pk,
        token_name=token.name,
        **data,
    )


# --- people ---------------------------------------------------------------------------------
# The same services as SCIM and the site (ambassadors.services.people); the same reach as SCIM
# (api.selectors.people_reachable); the same conflicts (an address or user name names one
# account). A created person is invited: they join on the consent page themselves.

TAKEN = "Another account already has this user name or e-mail address."
# Whoever holds an HR token must not take over the CMS by changing an editor's address and
# resetting the password, nor lock comms staff and administrators out.
CMS_ACCOUNT = (
    "This account can change the CMS (comms staff or administrator): an administrator changes "
    "it in the CMS, not through the API."
)


def _not_a_cms_account(user: User) -> None:
    if can_reach_cms(user):
        raise NotAllowed(CMS_ACCOUNT)


def _conflict(error: PersonError) -> Refusal:
    return Conflict(TAKEN) if error.message == ERROR_USERNAME_TAKEN else error


@transaction.atomic
def api_person_create(
    *,
    token: ApiToken,
    email: str,
    username: str = "",
    first_name: str = "",
    last_name: str = "",
    department: str = "",
    language: str = "",
) -> User:
    if person_names_taken([username, email]):
        raise Conflict(TAKEN)
    try:
        user = person_create(
            email=email,
            username=username,
            first_name=first_name,
            last_name=last_name,
            department=department,
            language=language,
            source=Source.API,
            source_name=token.name,
        )
    except PersonError as error:
        raise _conflict(error) from error
    api_write_record(user, token=token, person=user, operation="create")
    return user


@transaction.atomic
def api_person_update(*, token: ApiToken, user: User, **changes: str | None) -> User:
    """Change what the caller sends (None leaves a value as it is). An account made by hand or
    by the import is from now on kept up to date by this integration, as with SCIM."""
    _not_a_cms_account(user)
    changing = [
        value
        for field in ("username", "email")
        if (value := changes.get(field)) and value.strip().lower() != getattr(user, field).lower()
    ]
    if person_names_taken(changing, but=user):
        raise Conflict(TAKEN)
    takes_over = user.ambassador.source in (Source.PLATFORM, Source.IMPORT)
    try:
        person_update(
            user=user,
            username=changes.get("username"),
            first_name=changes.get("first_name"),
            last_name=changes.get("last_name"),
            email=changes.get("email") or None,
            department=changes.get("department"),
            language=changes.get("language") or None,
            source=Source.API if takes_over else None,
            source_name=token.name if takes_over else None,
        )
    except PersonError as error:
        raise _conflict(error) from error
    api_write_record(user, token=token, person=user, operation="update", fields=sorted(changes))
    return user


@transaction.atomic
def api_person_deactivate(*, token: ApiToken, user: User) -> User:
    """Switched off (signed out, out of the programme), never erased; idempotent."""
    _not_a_cms_account(user)
    changed = user.is_active
    person_deactivate(user=user)
    api_write_record(user, token=token, person=user, operation="deactivate", changed=changed)
    return user


@transaction.atomic
def api_person_reactivate(*, token: ApiToken, user: User) -> User:
    """Switched on again; whoever had joined gives consent again on the consent page."""
    _not_a_cms_account(user)
    changed = not user.is_active
    person_reactivate(user=user)
    api_write_record(user, token=token, person=user, operation="reactivate", changed=changed)
    return user
