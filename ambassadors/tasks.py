"""django-q2 tasks: thin, idempotent, taking ids and refetching."""

from __future__ import annotations

from django.core.management import call_command

from . import accounts, services


def deliver_notification_email(notification_id: int) -> bool:
    return services.notification_email_deliver(notification_id=notification_id)


def sweep_outbox() -> int:
    """Periodic: send what is due and what a lost or crashed task left unsent."""
    sent = services.outbox_sweep()
    for ambassador_id in accounts.invitations_pending():
        accounts.invitation_send(ambassador_id=ambassador_id)
    return sent


def send_weekly_digests() -> int:
    return services.weekly_digest_send()


def send_invitation(ambassador_id: int) -> bool:
    return accounts.invitation_send(ambassador_id=ambassador_id)


def send_password_reset(user_id: int) -> None:
    accounts.password_reset_send(user_id=user_id)


def publish_scheduled() -> None:
    """Periodic: publish and unpublish CMS pages and snippets whose scheduled time has come.

    Wagtail's own command, idempotent: what it published is no longer scheduled.
    """
    call_command("publish_scheduled")
