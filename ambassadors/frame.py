"""What every signed-in page shows around its content (the frame), from the person's cache.

The header's roles (the staff links, the two-factor rule), the bell's unread count and the
first condition the person has not met yet (the gates) change only when the person's own
data changes: a notification for them arrives or is read, their groups change, they
acknowledge a guideline. So they are one value of the person's page data
(ambassadors/personal.py): computed once, read back until one of the person's writes
forgets it (`forget`), or a change no single person names retires everyone's
(`forget_everyone`: a push planned for thousands, a group renamed, a new guideline version).

Two things age without a write: a planned notification becomes visible at its moment, so
the frame names the moment the next one shows and is computed again then; and the gates
depend on the current guideline versions, so it holds only under the site's structure
version (core/structure.py), as every personal value does.

A frame holds data, never HTML (the header carries a CSRF token).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Count, Min, Q
from django.utils import timezone

from . import personal

forget = personal.forget
forget_everyone = personal.forget_everyone
FORGET_ONE_BY_ONE = personal.FORGET_ONE_BY_ONE


@dataclass(frozen=True)
class Frame:
    roles: frozenset[str]
    unread: int
    gate: str | None


def _compute(user: User) -> tuple[Frame, float | None]:
    from .gates import first_unmet_gate
    from .models import Notification
    from .roles import Role

    now = timezone.now()
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
    frame = Frame(
        roles=frozenset(roles),
        unread=counts["unread"],
        gate=gate.name if gate is not None else None,
    )
    return frame, personal.earliest(counts["next_visible"])


def frame_of(user: User, request=None) -> Frame:
    """The person's frame: once per request (kept on the user object), from their cache
    while it is current, else computed (three queries) and stored."""
    found = getattr(user, "_academy_frame", None)
    if found is None:
        found = user._academy_frame = personal.cached(
            user.pk, "frame", lambda: _compute(user), request
        )
    return found


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
    """The writes a frame depends on that no service call names (AppConfig.ready); the
    notifications saved for a person are followed with the rest of their page data."""
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for signal in (post_save, post_delete):
        signal.connect(forget_everyone, sender=Group, dispatch_uid=f"frame-group-{signal}")
    post_save.connect(_user_saved, sender=User, dispatch_uid="frame-user")
    m2m_changed.connect(_groups_changed, sender=User.groups.through, dispatch_uid="frame-groups")
