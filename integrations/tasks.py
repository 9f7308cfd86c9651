"""django-q2 tasks of the integrations: thin, idempotent, taking ids."""

from .webhooks import services as webhooks


def webhook_deliver(delivery_id: int) -> bool:
    return webhooks.webhook_deliver(delivery_id=delivery_id)


def webhooks_sweep() -> int:
    """Periodic: send the retries that are due and what a lost or crashed task left."""
    return webhooks.webhooks_sweep()
