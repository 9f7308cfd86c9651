"""A person's linked Slack account in their data export (never the code's hash); erasing
them unlinks it."""

from django.contrib.auth.models import User

from ambassadors.erasure import register_eraser
from ambassadors.personal_data import register_section, rows

from ..models import SlackAccount


@register_section("slack_account")
def _account(user: User) -> list[dict]:
    return rows(
        SlackAccount.objects.filter(user=user),
        exclude=["user", "code_hash", "code_expires_at", "tries"],
    )


@register_eraser("integrations_slack")
def _erase_account(user: User) -> None:
    SlackAccount.objects.filter(user=user).delete()
