"""Provisioning writes: connections and their tokens, people and departments on a SCIM
client's word, through ambassadors' services (person_create, person_update,
person_deactivate, person_reactivate).

Who SCIM reaches: every account except superusers (a provisioning mistake must not lock the
administrators out) and erased accounts. An account is matched on its user name or its
e-mail address, as Entra ID expects: a client that asks for a userName finds the account the
person already has (made by hand, by the employee import or by sign-in), and a create or a
rename that would give a second account someone's user name or address is a conflict.

DELETE switches the account off like `active: false` and lets go of the client's id for it:
erasing is the person's or an administrator's decision, never a provisioning client's.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from ambassadors.models import Ambassador, Department, Source
from ambassadors.services import (
    ERROR_USERNAME_TAKEN,
    PersonError,
    person_create,
    person_deactivate,
    person_names_taken,
    person_reactivate,
    person_update,
)
from core import tokens, versions
from core.audit import record

from ..models import ExternalIdentity, ScimConnection
from .protocol import (
    GroupChanges,
    ScimError,
    UserChanges,
    conflict,
    invalid_value,
    not_found,
    resource_id,
)

TOKEN_PREFIX = "aa-scim-"  # noqa: S105 (a marker, not a secret)
# The detail of a 409 for a user name or e-mail address another account has (protocol text,
# in English like every SCIM answer).
TAKEN = "Another account already has this userName or e-mail address."
# last_used_at is written at most this often, so a burst of calls is not a burst of updates.
LAST_USED_GRANULARITY = dt.timedelta(minutes=1)


def token_new() -> str:
    """A bearer token for a provisioning connection (`core.tokens`)."""
    return tokens.token_new(TOKEN_PREFIX)


def scim_connection_slug(name: str) -> str:
    """A free short name made from `name`: contoso-entra-id, else contoso-entra-id-2, -3..."""
    max_length = ScimConnection._meta.get_field("slug").max_length
    base = slugify(name)[:max_length].strip("-") or "connection"
    slug, number = base, 1
    while ScimConnection.objects.filter(slug=slug).exists():
        number += 1
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
    return slug


@transaction.atomic
def scim_connection_create(
    *, name: str, slug: str, created_by: User | None
) -> tuple[ScimConnection, str]:
    """A new connection and its token; the token is returned once and kept only as a hash."""
    token = token_new()
    connection = ScimConnection(
        name=name, slug=slug, token_hash=tokens.token_hash(token), created_by=created_by
    )
    connection.full_clean()
    connection.save()
    return connection, token


@transaction.atomic
def scim_connection_revoke(*, connection: ScimConnection, by: User) -> ScimConnection:
    """The token stops working at once; the people it provisioned stay as they are."""
    connection = ScimConnection.objects.select_for_update().get(pk=connection.pk)
    if connection.revoked_at is None:
        connection.revoked_at = timezone.now()
        connection.save(update_fields=["revoked_at"])
        record(connection, "academy.scim_revoke", user=by)
    return connection


def scim_connection_for_token(token: str) -> ScimConnection | None:
    """The usable connection this bearer token belongs to.

    Looked up by the token's hash, so no secret is compared character by character."""
    if not token:
        return None
    connection = ScimConnection.objects.filter(token_hash=tokens.token_hash(token)).first()
    if connection is None or connection.revoked_at is not None:
        return connection
    now = timezone.now()
    if connection.last_used_at is None or now - connection.last_used_at > LAST_USED_GRANULARITY:
        ScimConnection.objects.filter(pk=connection.pk).update(last_used_at=now)
        connection.last_used_at = now
    return connection


# --- people ---------------------------------------------------------------------------------


def scim_users(connection: ScimConnection) -> QuerySet[User]:
    """The accounts SCIM may see and change, with what their representation needs."""
    return (
        User.objects.filter(is_superuser=False)
        .exclude(username__startswith="erased-", is_active=False)
        .select_related("ambassador__department")
        .prefetch_related(
            Prefetch(
                "external_identities",
                queryset=ExternalIdentity.objects.filter(
                    protocol=ExternalIdentity.Protocol.SCIM, connection=connection.slug
                ),
                to_attr="scim_identities",
            )
        )
        .order_by("pk")
    )


def scim_users_named(people: QuerySet[User], name: str) -> QuerySet[User]:
    """The accounts a client means by `userName eq name`: the user name or the e-mail address,
    in any case."""
    name = name.strip()
    if not name:
        return people.none()
    return people.filter(Q(username__iexact=name) | Q(email__iexact=name))


def _taken(values: list[str], *, but: User | None = None) -> bool:
    return person_names_taken(values, but=but)


def scim_user_get(*, connection: ScimConnection, ident: str) -> User:
    pk = resource_id(ident)
    user = scim_users(connection).filter(pk=pk).first() if pk is not None else None
    if user is None:
        raise not_found("User", ident)
    return user


def _refusal(error: PersonError | ValidationError) -> ScimError:
    if isinstance(error, PersonError):
        if error.message == ERROR_USERNAME_TAKEN:
            return conflict(str(error.message))
        return invalid_value(str(error.message))
    return invalid_value(" ".join(error.messages))


def _link(connection: ScimConnection, user: User, external_id: str) -> None:
    """Keep the client's id for the person (externalId), or let go of it when empty."""
    identities = ExternalIdentity.objects.filter(
        protocol=ExternalIdentity.Protocol.SCIM, connection=connection.slug
    )
    known = getattr(user, "scim_identities", None)  # prefetched, or [] for a new account
    if known is None:
        known = list(identities.filter(user=user)[:1])
    current = known[0] if known else None
    if not external_id:
        if current is not None:
            current.delete()
        user.scim_identities = []
        return
    if current is not None and current.subject == external_id:
        return
    if identities.filter(subject=external_id).exclude(user=user).exists():
        raise conflict("Another account already has this externalId.")
    try:
        with transaction.atomic():
            if current is None:
                current = identities.create(
                    user=user,
                    protocol=ExternalIdentity.Protocol.SCIM,
                    connection=connection.slug,
                    subject=external_id,
                )
            else:
                current.subject = external_id
                current.save(update_fields=["subject"])
    except IntegrityError as clash:
        raise conflict("Another account already has this externalId.") from clash
    user.scim_identities = [current]


def _audit(user: User, action: str, connection: ScimConnection) -> None:
    record(
        user,
        action,
        title=user.get_username(),
        person=user,
        connection=connection.slug,
    )


@transaction.atomic
def scim_user_create(*, connection: ScimConnection, changes: UserChanges) -> User:
    """A new, invited person (POST /Users); a userName or address that is already some
    account's user name or address, or a taken externalId, is a conflict (_link checks the
    externalId; the transaction undoes the account then)."""
    if _taken([changes.username or "", changes.email or ""]):
        raise conflict(TAKEN)
    try:
        user = person_create(
            email=changes.email or "",
            username=changes.username or "",
            first_name=changes.first_name or "",
            last_name=changes.last_name or "",
            department=changes.department or "",
            language=changes.language or "",
            source=Source.SCIM,
            source_name=connection.name,
        )
    except (PersonError, ValidationError) as error:
        raise _refusal(error) from error
    user.scim_identities = []
    if changes.external_id:
        _link(connection, user, changes.external_id)
    _audit(user, "academy.scim_create", connection)
    if changes.active is False:
        person_deactivate(user=user)
        user.is_active = False
        _audit(user, "academy.scim_deactivate", connection)
    return user


@transaction.atomic
def scim_user_update(*, connection: ScimConnection, user: User, changes: UserChanges) -> User:
    """Bring a person up to date (PUT, PATCH); `active` switches the account off or on.

    A new userName or address that is another account's user name or address is a conflict.
    An account made by hand or by the import is from now on kept up to date by this
    connection (as single sign-on takes one over); one from sign-in or another connection
    keeps its source."""
    changing = [
        value
        for value, current in ((changes.username, user.username), (changes.email, user.email))
        if value and value.strip().lower() != current.lower()
    ]
    if _taken(changing, but=user):
        raise conflict(TAKEN)
    try:
        source = user.ambassador.source
    except Ambassador.DoesNotExist:
        source = Source.PLATFORM  # person_update makes the profile, as the platform would
    takes_over = source in (Source.PLATFORM, Source.IMPORT)
    try:
        person_update(
            user=user,
            username=changes.username,
            first_name=changes.first_name,
            last_name=changes.last_name,
            email=changes.email or None,
            department=changes.department,
            language=changes.language or None,
            source=Source.SCIM if takes_over else None,
            source_name=connection.name if takes_over else None,
        )
    except (PersonError, ValidationError) as error:
        raise _refusal(error) from error
    if changes.external_id is not None:
        _link(connection, user, changes.external_id)
    if changes.active is False and user.is_active:
        person_deactivate(user=user)
        user.is_active = False
        _audit(user, "academy.scim_deactivate", connection)
    elif changes.active is True and not user.is_active:
        person_reactivate(user=user)
        user.is_active = True
        _audit(user, "academy.scim_reactivate", connection)
    if changes.active is False:
        user.ambassador = Ambassador.objects.select_related("department").get(user=user)
    return user


@transaction.atomic
def scim_user_delete(*, connection: ScimConnection, user: User) -> None:
    """Switched off, never erased; the client's id for the person is let go."""
    if user.is_active:
        person_deactivate(user=user)
        _audit(user, "academy.scim_deactivate", connection)
    _link(connection, user, "")


# --- departments ----------------------------------------------------------------------------


def scim_groups(connection: ScimConnection, *, members: bool = True) -> QuerySet[Department]:
    departments = Department.objects.order_by("pk")
    if members:
        visible = Ambassador.objects.filter(user__is_superuser=False).only(
            "pk", "user_id", "department_id"
        )
        departments = departments.prefetch_related(
            Prefetch("ambassadors", queryset=visible.order_by("user_id"), to_attr="scim_members")
        )
    return departments


def scim_group_get(*, connection: ScimConnection, ident: str, members: bool = True) -> Department:
    pk = resource_id(ident)
    group = scim_groups(connection, members=members).filter(pk=pk).first() if pk else None
    if group is None:
        raise not_found("Group", ident)
    return group


def _ambassadors(ids: set[str], *, all_known: bool = True) -> QuerySet[Ambassador]:
    """The people these member ids name; for adding, every id must be one of them."""
    keys = [resource_id(ident) for ident in ids]
    if None in keys:
        raise invalid_value("members must be ids of users.")
    found = Ambassador.objects.filter(user_id__in=keys, user__is_superuser=False)
    if all_known and found.count() != len(ids):
        raise invalid_value("One or more members are not users here.")
    return found


def _rename(department: Department, name: str) -> None:
    name = name[: Department._meta.get_field("name").max_length]
    if Department.objects.filter(name__iexact=name).exclude(pk=department.pk).exists():
        raise conflict("Another group already has this displayName.")
    department.name = name


@transaction.atomic
def scim_group_create(*, connection: ScimConnection, changes: GroupChanges) -> Department:
    department = Department()
    _rename(department, changes.display_name or "")
    department.save()
    scim_group_update(connection=connection, department=department, changes=changes)
    return department


@transaction.atomic
def scim_group_update(
    *, connection: ScimConnection, department: Department, changes: GroupChanges
) -> Department:
    """Rename, and put people in (or out of) the department: a person is in one at a time."""
    if changes.display_name is not None and changes.display_name != department.name:
        _rename(department, changes.display_name)
        department.save(update_fields=["name"])
    in_department = Ambassador.objects.filter(department=department, user__is_superuser=False)
    if changes.members is not None:
        wanted = _ambassadors(changes.members)
        in_department.exclude(pk__in=wanted.values("pk")).update(department=None)
        wanted.update(department=department)
    if changes.remove_all:
        in_department.update(department=None)
    if changes.remove:
        leaving = _ambassadors(changes.remove, all_known=False)
        in_department.filter(pk__in=leaving.values("pk")).update(department=None)
    if changes.add:
        _ambassadors(changes.add).update(department=department)
    # Members moved in bulk: what is shown of people by department (the leaderboard).
    versions.move(versions.PEOPLE)
    return department


@transaction.atomic
def scim_group_delete(*, connection: ScimConnection, department: Department) -> None:
    """The department goes; its people stay, without a department."""
    department.delete()
