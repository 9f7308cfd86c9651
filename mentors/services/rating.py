"""The employee's satisfaction rating of a closed request."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from core.sanitise import clean_text

from ..models import Rating, Ticket
from .base import locked
from .errors import ERROR_NOT_CLOSED, ERROR_NOT_YOURS, ERROR_RATING, DeskError


@transaction.atomic
def ticket_rate(*, ticket: Ticket, user: User, satisfaction, comment: str = "") -> Rating:
    """Rate (or rate again) the help: the requester only, once the request is closed."""
    ticket = locked(ticket)
    if user.pk != ticket.requester_id:
        raise DeskError(ERROR_NOT_YOURS)
    if ticket.state != Ticket.State.RESOLVED:
        raise DeskError(ERROR_NOT_CLOSED)
    try:
        score = int(satisfaction)
    except (TypeError, ValueError) as error:
        raise DeskError(ERROR_RATING) from error
    if not 1 <= score <= 5:
        raise DeskError(ERROR_RATING)
    rating, _created = Rating.objects.update_or_create(
        ticket=ticket,
        defaults={"satisfaction": score, "comment": clean_text(comment, max_length=2000).strip()},
    )
    return rating
