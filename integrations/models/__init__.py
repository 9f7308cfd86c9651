"""What goes out to other systems, as outbox rows: xAPI statements (`xapi.py`) and webhook
subscriptions with their deliveries (`webhooks.py`)."""

from .xapi import XapiStatement  # noqa: F401
