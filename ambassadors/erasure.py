"""Erasing a person's account (GDPR art. 17): personal data removed or anonymised, figures kept.

Like the export (`personal_data.py`), each app registers what it does with its own rows from
its AppConfig.ready(): `eraser(user)` removes free text, files and links to the person, and
keeps the anonymous facts the figures are built from (a share happened on a day, a ticket was
answered within its SLA, a quiz was passed). The account itself is anonymised last, in the
same transaction: a failure anywhere leaves everything as it was. Files are deleted only
after the transaction commits.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core.errors import Refusal

_erasers: dict[str, Callable[[User], None]] = {}


class ErasureError(Refusal):
    """The account cannot be erased this way (the message says why, in the user's language)."""


def register_eraser(name: str):
    """Decorator: `function(user)` erases or anonymises this app's data about the person."""

    def decorator(function):
        _erasers[name] = function
        return function

    return decorator


def delete_files_on_commit(field_files) -> None:
    """Delete stored files once the erasure has committed (a rollback keeps them)."""
    stored = [(f.storage, f.name) for f in field_files if f and f.name]

    def delete():
        for storage, name in stored:
            storage.delete(name)

    transaction.on_commit(delete)


def anonymous_username(user: User) -> str:
    return f"erased-{user.pk}"


def is_erased(user: User) -> bool:
    return user.username == anonymous_username(user) and not user.is_active


def account_erase(*, user: User, actor: User | None = None) -> None:
    """Erase `user`'s personal data everywhere; idempotent (erasing twice changes nothing).

    Every session of the person ends with it: the unusable password changes the hash each
    session is bound to, and inactive accounts are not signed in."""
    if user.is_superuser:
        raise ErasureError(
            _("Administrator accounts cannot erase themselves; ask another administrator.")
        )
    from core.audit import forget_person, record

    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        for _name, eraser in sorted(_erasers.items()):
            eraser(user)
        user.username = anonymous_username(user)
        user.first_name = user.last_name = user.email = ""
        user.set_unusable_password()
        user.is_active = user.is_staff = False
        user.last_login = None
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        forget_person(user, user.username)
        # Who erased which account and when; nothing about the person is kept in the entry.
        record(user, "academy.account_erase", user=actor or user, title=user.username)


@register_eraser("ambassadors")
def _ambassadors(user: User) -> None:
    from . import personal
    from .models import Ambassador, EmployeeImport, Notification
    from .services import ambassador_leave

    ambassador = Ambassador.objects.filter(user=user).first()
    if ambassador is not None:
        if ambassador.status in (Ambassador.Status.ACTIVE, Ambassador.Status.PAUSED):
            ambassador = ambassador_leave(ambassador=ambassador)
        ambassador.topics.clear()
        ambassador.leaderboard_visible = False
        ambassador.weekly_digest = False
        ambassador.channels_paused = True
        ambassador.channel_choices = {}
        ambassador.quiet_hours_start = ambassador.quiet_hours_end = None
        ambassador.save()
    # Their own notifications, and every one that names or quotes them in others' inboxes.
    Notification.objects.filter(Q(recipient=user) | Q(about=user)).delete()
    personal.forget_everyone()  # others' bells counted the notifications that named them
    # Imports keep the uploaded CSV and its report: the person's line and entries go.
    if user.email:
        needle = user.email.lower()
        for employee_import in EmployeeImport.objects.filter(content__icontains=needle):
            employee_import.content = "\n".join(
                line for line in employee_import.content.splitlines() if needle not in line.lower()
            )
            employee_import.report = {
                key: [
                    entry
                    for entry in value
                    if not (isinstance(entry, dict) and needle in str(entry).lower())
                ]
                if isinstance(value, list)
                else value
                for key, value in employee_import.report.items()
            }
            employee_import.save(update_fields=["content", "report"])
