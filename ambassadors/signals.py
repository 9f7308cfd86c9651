"""What the ambassadors app tells the rest of the platform."""

from django.dispatch import Signal

# Sent with `ambassador` and `first_time` when a person gives consent: joins or rejoins.
person_joined = Signal()
# Sent with `ambassador` when a person leaves the programme (or is switched off).
person_left = Signal()
# Sent with `notifications` (a list of new Notification rows, saved, in one transaction)
# when notifications or nudges are made, inside that transaction: a listener that writes
# its own outbox rows (chat, push) writes them all or none with the notifications.
notifications_planned = Signal()
