"""What the API keeps about a person: their personal tokens (never the token itself)."""

from ambassadors.erasure import register_eraser
from ambassadors.personal_data import register_section, rows

from .models import ApiToken


@register_section("api_tokens")
def api_tokens_data(user) -> list[dict]:
    tokens = ApiToken.objects.filter(user=user)
    return rows(tokens, exclude=["user", "token_hash", "created_by"])


@register_eraser("api")
def erase_api_tokens(user) -> None:
    """Their personal tokens go: nothing reads the erased account's data any more."""
    ApiToken.objects.filter(user=user).delete()
