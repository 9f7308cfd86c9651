"""Accounts that another system keeps up to date: created, updated and given roles on its word.

Single sign-on and provisioning (the identity app) call these; the employee import has its
own bulk path. A person created here is *invited*: nothing is recorded about them until they
join on the consent page themselves.

Switching an account off (`person_deactivate`) ends what is ahead of the person — sessions,
participation, suggestions and offers not shown yet — and keeps what is behind them (history,
points, certificates). Switching it on again (`person_reactivate`) gives back the account,
not the participation: whoever had joined gives consent again on the consent page.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group, User
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.errors import Refusal
from core.sanitise import strip_controls

from .. import personal
from ..departure import departures_run
from ..models import Ambassador, Department, Language, Notification, Source
from ..roles import Role
from .participation import ambassador_leave

ERROR_NO_EMAIL = gettext_lazy("An account needs an e-mail address.")
ERROR_USERNAME_TAKEN = gettext_lazy("Another account already uses this user name.")

# Roles another system may grant or take away; Employees is everyone's and stays.
MANAGED_ROLES = (Role.MENTOR, Role.COMMS, Role.ADMIN)


class PersonError(Refusal):
    """An account cannot be created or changed this way (the message says why)."""


def _text(value: str, limit: int = 150) -> str:
    """What another system sends, as we keep it: no control characters (PostgreSQL refuses
    NUL), no surrounding spaces, within the field's limit."""
    return strip_controls(value).strip()[:limit]


def _check(user: User) -> None:
    """The account's fields as Django checks them (an e-mail address that is none, say)."""
    try:
        user.full_clean(exclude=["password"], validate_unique=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise PersonError(messages[0], field=field) from error


def person_names_taken(values: list[str], *, but: User | None = None) -> bool:
    """Whether any other account (superusers too) has one of these values as its user name or
    e-mail address, in any case; one query. Systems that create people (SCIM, the API) refuse
    such a create or rename as a conflict: an address names one person."""
    taken = Q()
    for value in {value.strip() for value in values} - {""}:
        taken |= Q(username__iexact=value) | Q(email__iexact=value)
    if not taken:
        return False
    others = User.objects.filter(taken)
    if but is not None:
        others = others.exclude(pk=but.pk)
    return others.exists()


def _department(name: str) -> Department | None:
    name = _text(name, Department._meta.get_field("name").max_length)
    if not name:
        return None
    found = Department.objects.filter(name__iexact=name).order_by("pk").first()
    return found or Department.objects.create(name=name)


def _language(value: str) -> str | None:
    """`nl`, `en`, `en-GB`, `nl_NL`... as one of the platform's languages, else None."""
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code in Language.values else None


@transaction.atomic
def person_create(
    *,
    email: str,
    username: str = "",
    first_name: str = "",
    last_name: str = "",
    department: str = "",
    language: str = "",
    source: Source,
    source_name: str = "",
) -> User:
    """A new, invited person with the Employees role and no password of their own."""
    email = _text(email, 254)
    if not email:
        raise PersonError(ERROR_NO_EMAIL, field="email")
    username = _text(username or email)
    if User.objects.filter(username__iexact=username).exists():
        raise PersonError(ERROR_USERNAME_TAKEN, field="username")
    user = User(
        username=username,
        email=email,
        first_name=_text(first_name),
        last_name=_text(last_name),
    )
    user.set_unusable_password()
    _check(user)
    user.save()
    user.groups.add(Group.objects.get_or_create(name=Role.EMPLOYEE.value)[0])
    Ambassador.objects.create(
        user=user,
        department=_department(department),
        language=_language(language) or Language.DUTCH,
        source=source,
        source_name=source_name[:80],
    )
    return user


@transaction.atomic
def person_update(
    *,
    user: User,
    username: str | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
    email: str | None = None,
    department: str | None = None,
    language: str | None = None,
    source: Source | None = None,
    source_name: str | None = None,
) -> User:
    """Change what the other system knows; None leaves a value as it is.

    The language follows the other system only until the person joins: then it is theirs.
    """
    user_fields = []
    if username is not None and _text(username) != user.username:
        username = _text(username)
        taken = User.objects.filter(username__iexact=username).exclude(pk=user.pk).exists()
        if taken:
            raise PersonError(ERROR_USERNAME_TAKEN, field="username")
        user.username = username
        user_fields.append("username")
    for field, value in (("first_name", first_name), ("last_name", last_name), ("email", email)):
        if value is not None and getattr(user, field) != _text(value):
            setattr(user, field, _text(value))
            user_fields.append(field)
    if user_fields:
        _check(user)
        user.save(update_fields=user_fields)
    ambassador, _created = Ambassador.objects.get_or_create(user=user)
    fields = []
    if department is not None:
        ambassador.department = _department(department)
        fields.append("department")
    if (
        language is not None
        and _language(language)
        and ambassador.status == Ambassador.Status.INVITED
    ):
        ambassador.language = _language(language)
        fields.append("language")
    if source is not None:
        ambassador.source = source
        fields.append("source")
    if source_name is not None:
        ambassador.source_name = source_name[:80]
        fields.append("source_name")
    if fields:
        ambassador.save(update_fields=fields)
    user.ambassador = ambassador
    return user


@transaction.atomic
def person_roles_set(
    *, user: User, roles: set[Role], managed: frozenset[Role] | set[Role] = MANAGED_ROLES
) -> None:
    """Give exactly these of the `managed` roles (some of mentor, comms, admin); roles outside
    `managed` and Employees stay as they are."""
    managed = {role for role in managed if role in MANAGED_ROLES}
    wanted = {role for role in roles if role in managed} | {Role.EMPLOYEE}
    groups = {
        group.name: group for group in Group.objects.filter(name__in=[role.value for role in Role])
    }
    for role in Role:
        if role.value not in groups:
            groups[role.value] = Group.objects.create(name=role.value)
    current = {
        Role(name)
        for name in user.groups.filter(name__in=[r.value for r in Role]).values_list(
            "name", flat=True
        )
    }
    user.groups.add(*(groups[r.value] for r in wanted - current))
    user.groups.remove(*(groups[r.value] for r in (current & managed) - wanted))
    for kept in ("_academy_roles", "_academy_frame"):  # read again on this object too
        user.__dict__.pop(kept, None)


# Session engines whose sessions are rows we can find and delete (signed cookies are not).
_DATABASE_SESSIONS = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
)


def _sessions_end(user: User) -> None:
    """End every session of the person, so that switching the account on again revives none.

    Someone without a password of their own (signed in through the organisation, provisioned)
    gets a new unusable one: every session is bound to the password's hash, so all of theirs
    end at once, whatever the session engine, without looking for them. Someone with a
    password keeps it; their stored sessions are found by decoding the live ones (sessions
    are not indexed by user; about 0.5 s per 20,000 live sessions) and deleted. With
    signed-cookie sessions nothing is stored: the inactive account is not loaded any more
    (ModelBackend.get_user), but such a cookie would work again after reactivation.
    """
    if not user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
        return
    if settings.SESSION_ENGINE not in _DATABASE_SESSIONS:
        return
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore
    theirs = []
    live = Session.objects.filter(expire_date__gt=timezone.now())
    for key, data in live.values_list("session_key", "session_data").iterator():
        if store().decode(data).get(SESSION_KEY) == str(user.pk):
            theirs.append(key)
    for key in theirs:
        store(session_key=key).delete()  # also clears cached_db's cache entry


@transaction.atomic
def person_deactivate(*, user: User) -> User:
    """Switch the account off: signed out everywhere, out of the programme, nothing planned.

    Idempotent. History, points and certificates stay; erasing is the person's (or an
    administrator's) separate decision.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    ambassador = Ambassador.objects.filter(user=user).first()
    if ambassador is not None and ambassador.status in (
        Ambassador.Status.ACTIVE,
        Ambassador.Status.PAUSED,
    ):
        ambassador_leave(ambassador=ambassador)
    # Also for people who never joined or left before: nothing more shows or leaves.
    Notification.objects.nudges().filter(recipient=user, visible_from__gt=timezone.now()).delete()
    personal.forget([user.pk])
    Notification.objects.filter(recipient=user, email_sent_at__isnull=True).exclude(
        email_after=None
    ).update(email_after=None)
    departures_run(user)
    # Inside the transaction: database sessions come back with a rollback.
    _sessions_end(user)
    return user


@transaction.atomic
def person_reactivate(*, user: User) -> User:
    """Switch the account on again. Participation does not come back by itself: someone who
    had joined is *left* and gives consent again on the consent page (the rejoin path);
    someone who had not joined yet is still invited."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user
