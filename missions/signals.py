"""What the missions app tells the rest of the platform."""

from django.dispatch import Signal

# Sent with `assignment` when a reviewer approves it: the mission is completed.
assignment_approved = Signal()
# Sent with `campaign` each time its offers are planned (again: a listener is idempotent).
campaign_planned = Signal()
