"""What missions withdraws when a person's account is switched off (ambassadors.departure)."""

from django.contrib.auth.models import User
from django.utils import timezone

from ambassadors import personal
from ambassadors.departure import register_departure

from .models import Assignment


@register_departure("missions")
def withdraw_open_offers(user: User) -> None:
    """Offers not shown yet go, like the nudges that would have shown them; offers already
    shown end as expired, so a campaign's figures keep what it offered. Accepted and
    submitted work stays: it is the person's history (the hourly expiry ends it on time)."""
    now = timezone.now()
    offers = Assignment.objects.filter(user=user, state=Assignment.State.OFFERED)
    offers.filter(offered_at__gt=now).delete()
    offers.update(state=Assignment.TRANSITIONS["expire"][1])
    personal.forget([user.pk])
