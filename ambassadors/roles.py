"""Roles are Django groups created by a migration; this module is the one place that names them."""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, User


class Role(StrEnum):
    EMPLOYEE = "Employees"
    MENTOR = "Mentors"
    COMMS = "Comms staff"
    ADMIN = "Administrators"


def roles_of(user: User | AnonymousUser) -> frozenset[Role]:
    """The roles of a user: from their frame (ambassadors/frame.py, cached until their groups
    change), once per request (kept on the user object)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_academy_roles", None)
    if cached is None:
        from .frame import frame_of

        cached = frozenset(Role(value) for value in frame_of(user).roles)
        user._academy_roles = cached
    return cached


def is_mentor(user) -> bool:
    return bool(roles_of(user) & {Role.MENTOR})


def is_comms(user) -> bool:
    return bool(roles_of(user) & {Role.COMMS, Role.ADMIN})
