"""django-q2 tasks for the mentor desk: thin and idempotent."""

from __future__ import annotations

from . import services


def sla_sweep() -> dict:
    """Periodic (every 5 minutes): warnings at 75%, escalation on breach, pick-up returns.
    Each warning and escalation is flagged on the ticket, so it is sent once."""
    return services.sla_sweep()
