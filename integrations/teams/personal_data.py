"""A person's linked Teams account in their data export (erasing the person removes it)."""

from django.contrib.auth.models import User

from ambassadors.erasure import register_eraser
from ambassadors.personal_data import register_section, rows

from ..models import TeamsAccount


@register_section("teams_account")
def _account(user: User) -> list[dict]:
    return rows(
        TeamsAccount.objects.filter(user=user),
        exclude=["user", "code_hash", "code_expires_at", "tries"],
    )


@register_eraser("integrations_teams")
def _erase_account(user: User) -> None:
    TeamsAccount.objects.filter(user=user).delete()
