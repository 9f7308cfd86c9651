"""What the insights pages show, computed once for every comms person and kept in the shared
cache under the versions of the data it was computed from (core/versions.py).

The versions:
- ROLLUPS moves when the rollup tasks rewrite a rollup table or a snapshot, and when the
  insight settings, a department or a topic change (their names and the value per click);
- PROGRAMME moves when a push, a campaign, an assignment or a library item changes: saved
  anywhere (services, the CMS), or in bulk by the services that plan pushes and campaigns,
  which move it themselves;
- PEOPLE moves when what the opted-in leaderboard may show changes: a profile's opt-in, status
  or department, a name, points, an erasure;
- PERMISSIONS moves when who holds which permission changes (`has_perm`, per person).

The dashboard's figures are stored under ROLLUPS and PEOPLE, the programme overview's under
ROLLUPS and PROGRAMME. Some figures age without any of those writes: a planned suggestion
becomes sent at its moment, a person opens one or shares, an item's date starts or ends its
time in the library. So every value also expires after TIMEOUT (the programme overview keeps
its two parts for half of it each, see programme.cached_overview): the page says when its
figures were counted ("figures as of"), and they are never older than that.

What is stored is the output of the pages' own code, after the privacy rules were applied
(groups under five withheld, people only where they opted in); never HTML with a CSRF token.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache

from core import versions

ROLLUPS = "rollups"
PROGRAMME = versions.PROGRAMME
PEOPLE = versions.PEOPLE
# Who holds which permission: a group's permissions, a person's groups or own permissions, a
# person made (or no longer) a superuser or deactivated.
PERMISSIONS = "permissions"
TIMEOUT = 300  # seconds: the bound on staleness the pages state
_MISSING = object()


def cached(
    name: str, depends_on: tuple[str, ...], compute: Callable[[], Any], *, timeout: int = TIMEOUT
) -> Any:
    """`compute()`'s value for the current versions of `depends_on`, at most `timeout` seconds
    old: two reads of the cache when it is there, else computed once and stored."""
    numbers = versions.current(*depends_on)
    key = f"insights:{settings.ACADEMY_RELEASE}:{name}:" + ":".join(str(n) for n in numbers)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout)
    return value


def has_perm(user, permission: str) -> bool:
    """`user.has_perm(permission)`, kept per person until a permission, group or person
    changes: reading it costs two queries and their compiling, more than the rest of the
    programme overview once its figures are cached."""
    return cached(f"perm:{user.pk}:{permission}", (PERMISSIONS,), lambda: user.has_perm(permission))


def rollups_changed(**_signal_kwargs) -> None:
    versions.move(ROLLUPS)


def programme_changed(**_signal_kwargs) -> None:
    versions.move(PROGRAMME)


def people_changed(**_signal_kwargs) -> None:
    versions.move(PEOPLE)


def permissions_changed(**_signal_kwargs) -> None:
    versions.move(PERMISSIONS)


def _user_saved(sender, instance, update_fields=None, **kwargs) -> None:
    # Signing in saves the last login only: nothing the leaderboard shows, no permission.
    if update_fields is None or set(update_fields) != {"last_login"}:
        people_changed()
        permissions_changed()


def _permissions_changed(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        permissions_changed()


def connect() -> None:
    """The saves that change what the pages show (AppConfig.ready). Deletions only where they
    come one at a time: a receiver of post_delete makes every bulk delete fetch its rows, and
    the bulk writes move their version themselves."""
    from django.contrib.auth.models import Group, User
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from ambassadors.models import Ambassador, Department, Topic
    from missions.models import Assignment, Campaign, PointsEntry
    from sharing.models import ContentItem, Push

    from .models import InsightSettings

    saved = {
        rollups_changed: (InsightSettings, Department, Topic),
        programme_changed: (Push, Campaign, Assignment, ContentItem),
        people_changed: (Ambassador, PointsEntry),
    }
    for receiver, models in saved.items():
        for model in models:
            uid = f"insights-{model.__name__}"
            post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-saved")
    for receiver, model in (
        (rollups_changed, Department),
        (rollups_changed, Topic),
        (programme_changed, Push),
        (programme_changed, Campaign),
        (programme_changed, ContentItem),
    ):
        post_delete.connect(receiver, sender=model, dispatch_uid=f"insights-{model.__name__}-gone")
    post_save.connect(_user_saved, sender=User, dispatch_uid="insights-user")
    for through in (Group.permissions.through, User.groups.through, User.user_permissions.through):
        m2m_changed.connect(
            _permissions_changed, sender=through, dispatch_uid=f"insights-{through.__name__}"
        )
    post_delete.connect(permissions_changed, sender=Group, dispatch_uid="insights-group-gone")
