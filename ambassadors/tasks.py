"""django-q2 tasks: thin, idempotent, taking ids and refetching."""

from __future__ import annotations

from django.core.management import call_command

from core.queue import enqueue

from . import accounts, importing, services


def deliver_notification_email(notification_id: int) -> bool:
    return services.notification_email_deliver(notification_id=notification_id)


def sweep_outbox() -> int:
    """Periodic: send what is due and what a lost or crashed task left unsent."""
    sent = services.outbox_sweep()
    for ambassador_id in accounts.invitations_pending():
        accounts.invitation_send(ambassador_id=ambassador_id)
    for import_id in importing.imports_stalled():
        enqueue("ambassadors.tasks.apply_employee_import", import_id)
    return sent


def send_weekly_digests() -> int:
    return services.weekly_digest_send()


def send_invitation(ambassador_id: int) -> bool:
    return accounts.invitation_send(ambassador_id=ambassador_id)


def send_invitations(ambassador_ids: list[int]) -> int:
    """A batch of invitations (an import enqueues one task per batch, not per person)."""
    return sum(accounts.invitation_send(ambassador_id=pk) for pk in ambassador_ids)


def apply_employee_import(employee_import_id: int) -> str:
    """Apply an import comms staff asked for; a second run does nothing (see importing)."""
    return importing.employee_import_apply(employee_import_id=employee_import_id).status


def send_password_reset(user_id: int) -> None:
    accounts.password_reset_send(user_id=user_id)


def publish_scheduled() -> None:
    """Periodic: publish and unpublish CMS pages and snippets whose scheduled time has come.

    Wagtail's own command, idempotent: what it published is no longer scheduled.
    """
    call_command("publish_scheduled")
