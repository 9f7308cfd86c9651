"""Accounts that another system keeps up to date: created, updated and given roles on its word.

Single sign-on and provisioning (the identity app) call these; the employee import has its
own bulk path. A person created here is *invited*: nothing is recorded about them until they
join on the consent page themselves.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils.translation import gettext_lazy

from core.errors import Refusal

from ..models import Ambassador, Department, Language, Source
from ..roles import Role

ERROR_NO_EMAIL = gettext_lazy("An account needs an e-mail address.")
ERROR_USERNAME_TAKEN = gettext_lazy("Another account already uses this user name.")

# Roles another system may grant or take away; Employees is everyone's and stays.
MANAGED_ROLES = (Role.MENTOR, Role.COMMS, Role.ADMIN)


class PersonError(Refusal):
    """An account cannot be created or changed this way (the message says why)."""


def _department(name: str) -> Department | None:
    name = name.strip()[: Department._meta.get_field("name").max_length]
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
    email = email.strip()
    if not email:
        raise PersonError(ERROR_NO_EMAIL, field="email")
    username = (username or email).strip()[:150]
    if User.objects.filter(username__iexact=username).exists():
        raise PersonError(ERROR_USERNAME_TAKEN, field="username")
    user = User(
        username=username,
        email=email,
        first_name=first_name.strip()[:150],
        last_name=last_name.strip()[:150],
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
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
    for field, value in (("first_name", first_name), ("last_name", last_name), ("email", email)):
        if value is not None and getattr(user, field) != value.strip()[:150]:
            setattr(user, field, value.strip()[:150])
            user_fields.append(field)
    if user_fields:
        user.full_clean(exclude=["password"])
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
def person_roles_set(*, user: User, roles: set[Role]) -> None:
    """Give exactly these of the managed roles (mentor, comms, admin); Employees stays."""
    wanted = {Role.EMPLOYEE, *(role for role in roles if role in MANAGED_ROLES)}
    groups = {
        group.name: group for group in Group.objects.filter(name__in=[role.value for role in Role])
    }
    for role in Role:
        if role.value not in groups:
            groups[role.value] = Group.objects.create(name=role.value)
    current = set(
        user.groups.filter(name__in=[r.value for r in Role]).values_list("name", flat=True)
    )
    user.groups.add(*(groups[r.value] for r in wanted if r.value not in current))
    user.groups.remove(*(groups[n] for n in current if Role(n) not in wanted))
    if hasattr(user, "_academy_roles"):
        del user._academy_roles
