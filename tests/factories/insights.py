"""What the insights pages read besides the other apps' rows: summary subscriptions."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from ambassadors.roles import Role
from insights.models import SummarySubscription

from .ambassadors import make_user


class SummarySubscriptionFactory(DjangoModelFactory):
    """Comms staff (a new comms person unless `user`) who get the weekly summary."""

    class Meta:
        model = SummarySubscription

    user = factory.LazyFunction(lambda: make_user(Role.EMPLOYEE, Role.COMMS))
