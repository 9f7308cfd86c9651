"""What the mentor desk tells the rest of the platform."""

from django.dispatch import Signal

# Sent with `ticket` and `by` (who closed it) when a request is resolved.
request_resolved = Signal()
