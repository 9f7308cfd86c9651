"""What goes out to other systems, as outbox rows: xAPI statements (`xapi.py`), webhook
subscriptions with their deliveries (`webhooks.py`), and notifications by chat and push
(`channels.py`; each channel's own models beside it: `push.py`)."""

from .channels import ChannelDelivery  # noqa: F401
from .push import PushSubscription  # noqa: F401
from .slack import SlackAccount, SlackAnnouncement, SlackConnection  # noqa: F401
from .teams import TeamsAccount, TeamsAnnouncement, TeamsConnection  # noqa: F401
from .webhooks import WebhookDelivery, WebhookSubscription  # noqa: F401
from .xapi import XapiStatement  # noqa: F401
