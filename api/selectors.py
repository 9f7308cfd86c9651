"""Reads the API shares between its routers."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import QuerySet


def people_reachable() -> QuerySet[User]:
    """The accounts the API sees and changes: like SCIM, no superusers (a mistake must not
    lock the administrators out) and no erased accounts; each with its ambassador row."""
    return (
        User.objects.filter(is_superuser=False, ambassador__isnull=False)
        .exclude(username__startswith="erased-", is_active=False)
        .select_related("ambassador__department")
    )
