"""What the sharing app tells the rest of the platform."""

from django.dispatch import Signal

# Sent once per person, item and network, with `share`, when a person shares an item.
item_shared = Signal()
# Sent with `push` each time its suggestions are planned (again: a listener is idempotent).
push_planned = Signal()
