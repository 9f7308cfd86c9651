"""django-q2 tasks for the mentor desk: thin and idempotent."""

from __future__ import annotations

from . import services


def sla_sweep() -> dict:
    """Periodic (every 5 minutes): warnings at 75%, escalation on breach, pick-up returns.
    Each warning and escalation is flagged on the ticket, so it is sent once."""
    return services.sla_sweep()


def tally_advance() -> int:
    """Periodic (every minute): requests that became due soon or late since, moved in the
    desk's tally (the tab counts and figures read it)."""
    from . import tally

    return tally.phases_advance()


def tally_reconcile() -> dict:
    """Periodic (hourly): the desk's tally rebuilt from the requests (idempotent; mends any
    drift, such as rows written while the triggers were missing)."""
    from . import tally

    return tally.reconcile()
