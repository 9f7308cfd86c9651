"""API tokens for tests, made through api.services (the raw token is what a caller sends)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from api.models import SCOPES, ApiToken
from api.services import token_create


def make_service_token(*scopes: str, all_scopes: bool = False, **kwargs) -> tuple[ApiToken, str]:
    return token_create(
        name=kwargs.pop("name", "HR system"),
        kind=ApiToken.Kind.SERVICE,
        scopes=list(SCOPES) if all_scopes else scopes,
        **kwargs,
    )


def make_personal_token(user, **kwargs) -> tuple[ApiToken, str]:
    return token_create(
        name=kwargs.pop("name", "My phone"), kind=ApiToken.Kind.PERSONAL, user=user, **kwargs
    )


def expire(token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))


def bearer(raw: str) -> dict:
    """Headers for the test client."""
    return {"Authorization": f"Bearer {raw}"}
