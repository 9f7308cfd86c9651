"""What every signed-in page shows around its content (the frame), read from a per-person cache.

The header's roles (the staff links, the two-factor rule), the bell's unread count and the
first condition the person has not met yet (the gates) change only when the person's own
data changes: a notification for them arrives or is read, their groups change, they
acknowledge a guideline. So they are computed once and kept in the shared cache under the
person's key, and those writes forget the key (`forget`), in the services that make them;
what a process cannot tell person by person (a push planned for thousands, a group renamed)
moves one epoch that retires every person's frame at once (`forget_everyone`).

Two things age without a write: a planned notification becomes visible at its moment, so the
frame holds the moment the next one shows and is recomputed then; and the gates depend on the
current guideline versions, so the frame is stored with the site's structure version
(core/structure.py) and recomputed when comms staff publish.

A frame holds data, never HTML (the header carries a CSRF token). Values expire after
FRAME_TIMEOUT anyway: the bound on staleness should a write ever bypass these calls.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils import timezone

from core import structure

FRAME_TIMEOUT = 600
EPOCH_KEY = "frame:epoch"
# Forgetting more people than this at once moves the epoch instead (one write, not thousands).
FORGET_ONE_BY_ONE = 200


def _cache():
    return caches["frame"]


def _key(user_id: int) -> str:
    return f"frame:person:{user_id}"


@dataclass(frozen=True)
class Frame:
    roles: frozenset[str]
    unread: int
    gate: str | None
    # When the next planned notification shows (epoch seconds), or None.
    next_visible: float | None
    epoch: int
    structure: int


def _now() -> dt.datetime:
    return timezone.now()


def _epoch() -> int:
    current = _cache().get(EPOCH_KEY)
    if current is None:
        _cache().add(EPOCH_KEY, time.time_ns(), None)
        current = _cache().get(EPOCH_KEY)
    return current


def _compute(user: User, epoch: int, structure_version: int) -> Frame:
    from .gates import first_unmet_gate
    from .models import Notification
    from .roles import Role

    now = _now()
    names = set(user.groups.values_list("name", flat=True))
    roles = {role.value for role in Role if role.value in names}
    if user.is_superuser:
        roles.add(Role.ADMIN.value)
    counts = Notification.objects.filter(
        recipient_id=user.pk, show_in_app=True, read_at__isnull=True
    ).aggregate(
        unread=Count("pk", filter=Q(visible_from__lte=now)),
        next_visible=Min("visible_from", filter=Q(visible_from__gt=now)),
    )
    gate = first_unmet_gate(user)
    return Frame(
        roles=frozenset(roles),
        unread=counts["unread"],
        gate=gate.name if gate is not None else None,
        next_visible=counts["next_visible"].timestamp() if counts["next_visible"] else None,
        epoch=epoch,
        structure=structure_version,
    )


def frame_of(user: User, request=None) -> Frame:
    """The person's frame: once per request (kept on the user object), from the shared cache
    while it is current, else computed and stored."""
    found = getattr(user, "_academy_frame", None)
    if found is not None:
        return found
    key = _key(user.pk)
    values = _cache().get_many([key, EPOCH_KEY])
    epoch = values.get(EPOCH_KEY) or _epoch()
    structure_version = structure.version(request)
    found = values.get(key)
    if (
        found is None
        or found.epoch != epoch
        or found.structure != structure_version
        or (found.next_visible is not None and found.next_visible <= _now().timestamp())
    ):
        found = _compute(user, epoch, structure_version)
        _cache().set(key, found, FRAME_TIMEOUT)
    user._academy_frame = found
    return found


def forget(user_ids: Iterable[int | None]) -> None:
    """These people's data changed: their next page computes their frame anew.

    At once, and again when the transaction commits: a page computed in between would
    otherwise keep the state from before the write."""
    wanted = {pk for pk in user_ids if pk is not None}
    if len(wanted) > FORGET_ONE_BY_ONE:
        forget_everyone()
    elif wanted:
        _later(lambda: _cache().delete_many([_key(pk) for pk in wanted]))


def forget_everyone(**_signal_kwargs) -> None:
    _later(lambda: _cache().set(EPOCH_KEY, time.time_ns(), None))


def _later(drop) -> None:
    drop()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(drop)


def _notification_changed(sender, instance, **kwargs) -> None:
    forget([instance.recipient_id])


def _user_saved(sender, instance, **kwargs) -> None:
    forget([instance.pk])  # is_superuser, is_active


def _groups_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if not reverse:
        forget([instance.pk])  # user.groups.add/remove/set/clear
    elif pk_set is not None:
        forget(pk_set)  # group.user_set.add/remove
    else:
        forget_everyone()  # group.user_set.clear()


def connect() -> None:
    """The writes a frame depends on that no service call names (AppConfig.ready)."""
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from .models import Notification

    # Saves only: a receiver of post_delete would make every bulk delete fetch its rows;
    # the services that delete or update notifications in bulk call `forget` themselves.
    post_save.connect(_notification_changed, sender=Notification, dispatch_uid="frame-note")
    for signal in (post_save, post_delete):
        signal.connect(forget_everyone, sender=Group, dispatch_uid=f"frame-group-{signal}")
    post_save.connect(_user_saved, sender=User, dispatch_uid="frame-user")
    m2m_changed.connect(_groups_changed, sender=User.groups.through, dispatch_uid="frame-groups")
