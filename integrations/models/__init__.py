"""What goes out to other systems, as outbox rows: xAPI statements (`xapi.py`) and webhook
subscriptions with their deliveries (`webhooks.py`)."""

from .webhooks import WebhookDelivery, WebhookSubscription  # noqa: F401
from .xapi import XapiStatement  # noqa: F401
