"""django-q2 tasks of the integrations: thin, idempotent, taking ids."""

from __future__ import annotations

from .webhooks import services as webhooks
from .xapi import services as xapi


def webhook_deliver(delivery_id: int) -> bool:
    return webhooks.webhook_deliver(delivery_id=delivery_id)


def webhooks_sweep() -> int:
    """Periodic: send the retries that are due and what a lost or crashed task left."""
    return webhooks.webhooks_sweep()


def xapi_statement_send(statement_id: int) -> bool:
    return xapi.statement_send(statement_id=statement_id)


def xapi_statements_sweep() -> int:
    return xapi.statements_sweep()


def channel_deliveries_send() -> int:
    """Send the chat and push deliveries that are due (rung when new ones are due now)."""
    from .channels import outbox

    return outbox.deliveries_sweep()


def channel_deliveries_sweep() -> int:
    """Periodic: planned moments that came, retries, and what a lost or crashed task left."""
    from .channels import outbox

    return outbox.deliveries_sweep()


def slack_announcement_send(announcement_id: int) -> bool:
    from .slack import services as slack

    return slack.announcement_send(announcement_id=announcement_id)


def slack_announcements_sweep() -> int:
    """Periodic: Slack announcements whose retry is due, and what a lost task left."""
    from .slack import services as slack

    return slack.announcements_sweep()


def teams_announcement_send(announcement_id: int) -> bool:
    from .teams import services as teams

    return teams.announcement_send(announcement_id=announcement_id)


def teams_announcements_sweep() -> int:
    """Periodic: announcements a lost task left, and retries."""
    from .teams import services as teams

    return teams.announcements_sweep()


def push_test_send(user_id: int) -> int:
    """The test message of the devices page, to every device of the person."""
    from .webpush import services as webpush

    return webpush.push_test_send(user_id=user_id)


def slack_reply(response_url: str, body: str) -> None:
    """The answer to a Slack button press, posted after its request was answered."""
    from .slack import services as slack

    slack.reply_send(response_url=response_url, body=body)
