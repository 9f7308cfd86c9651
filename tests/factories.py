"""Small factories for the tests: people in each role, with or without a joined profile."""

from __future__ import annotations

import itertools

from django.contrib.auth.models import Group, User

from ambassadors import services
from ambassadors.models import Ambassador, Stage
from ambassadors.roles import Role

PASSWORD = "a-long-test-password"
_numbers = itertools.count(1)


def make_user(
    *roles: Role,
    joined: bool = True,
    stage: int = Stage.ENGAGEMENT,
    language: str = "nl",
    superuser: bool = False,
    **profile,
) -> User:
    number = next(_numbers)
    user = User.objects.create_user(
        username=f"person{number}",
        email=f"person{number}@example.org",
        password=PASSWORD,
        first_name=f"Person{number}",
        last_name="Tester",
        is_superuser=superuser,
    )
    for role in roles or (Role.EMPLOYEE,):
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    ambassador = Ambassador.objects.create(user=user, stage=stage, language=language, **profile)
    if joined:
        services.ambassador_join(ambassador=ambassador)
    return User.objects.get(pk=user.pk)
