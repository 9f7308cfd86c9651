"""A person's statements in their data export; erasing them drops what was not sent yet."""

from django.contrib.auth.models import User

from ambassadors.erasure import register_eraser
from ambassadors.personal_data import register_section, rows

from ..models import XapiStatement


@register_section("learning_record_statements")
def _statements(user: User) -> list[dict]:
    return rows(XapiStatement.objects.filter(user=user), exclude=["user", "claimed_at"])


@register_eraser("integrations_xapi")
def _erase_statements(user: User) -> None:
    # What the LRS has is the organisation's to erase there; what it has not got never goes.
    XapiStatement.objects.filter(user=user, sent_at__isnull=True).delete()
    XapiStatement.objects.filter(user=user).update(user=None)
