"""What every receiver of the integrations shares: who may be told about, and a receiver that
is never the sender's problem."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from django.db import transaction

from ambassadors.models import Ambassador

logger = logging.getLogger(__name__)

# Only people in the programme are told about: consented, not left.
TAKING_PART = (Ambassador.Status.ACTIVE, Ambassador.Status.PAUSED)


def taking_part(user_id: int | None) -> bool:
    if user_id is None:
        return False
    return Ambassador.objects.filter(user_id=user_id, status__in=TAKING_PART).exists()


def guarded(function: Callable | None = None, *, enabled: Callable[[], bool] = lambda: True):
    """(receiver decorator) Runs only when `enabled()`; a row that cannot be written is logged,
    never the sender's problem: a savepoint keeps the learner's, reviewer's or mentor's
    transaction usable, and their step goes on."""

    def wrap(receiver):
        @functools.wraps(receiver)
        def receive(sender, **kwargs):
            if not enabled():
                return
            try:
                with transaction.atomic():
                    receiver(sender, **kwargs)
            except Exception:
                logger.exception("%s.%s: nothing recorded", receiver.__module__, receiver.__name__)

        return receive

    return wrap(function) if function is not None else wrap
