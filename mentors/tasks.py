"""django-q2 tasks for the mentor desk: thin and idempotent."""

from __future__ import annotations

from . import services


def sla_sweep() -> dict:
    """Periodic (every 5 minutes): warnings at 75%, escalation on breach, pick-up returns.
    Each warning and escalation is flagged on the ticket, so it is sent once. Then the SLA
    marks of the desk's tally are brought up to date (the desk's pages also do so before
    they count; see `mentors.tally`)."""
    from . import tally

    result = services.sla_sweep()
    result["marked"] = tally.phases_advance()
    return result


def tally_reconcile() -> dict:
    """Periodic (hourly): the desk's tally rebuilt from the requests (idempotent; mends any
    drift, such as rows written while the triggers were missing)."""
    from . import tally

    return tally.reconcile()
