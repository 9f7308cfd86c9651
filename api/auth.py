"""Who calls: a bearer token, never the session.

Each operation declares what it needs with its `auth`: `Token("people:read")` for an
organisation-wide operation (a service token with that scope), `Token(personal=True)` for a
/me operation (a personal token; it reads only its own person). The check, in this order:
a token at all (401), a known one (401), not revoked (401), not expired (401), within its
rate (429 with Retry-After), the right kind (403), the scope (403). A browser's session
cookie plays no part, so a signed-in person without a token gets 401 and there is nothing
for a cross-site request to borrow (no CSRF to guard).
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from core.throttle import rate_take

from . import errors, services
from .models import SCOPES, ApiToken

RATE_WINDOW_SECONDS = 60


class Token(HttpBearer):
    def __init__(self, scope: str | None = None, *, personal: bool = False):
        assert personal or scope in SCOPES, scope
        assert not (personal and scope), "a personal token reads its own person, unscoped"
        self.scope = scope
        self.personal = personal
        super().__init__()

    def __call__(self, request: HttpRequest) -> ApiToken:
        scheme, _space, raw = request.headers.get("Authorization", "").strip().partition(" ")
        if scheme.lower() != "bearer" or not raw.strip():
            raise errors.Unauthorized(errors.TOKEN_MISSING)
        return self.authenticate(request, raw.strip())

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found = services.token_for(token)
        if found is None:
            raise errors.Unauthorized(errors.TOKEN_UNKNOWN)
        if found.is_revoked:
            raise errors.Unauthorized(errors.TOKEN_REVOKED)
        if found.is_expired:
            raise errors.Unauthorized(errors.TOKEN_EXPIRED)
        wait = rate_take(
            f"api-token:{found.pk}", limit=found.rate_per_minute, seconds=RATE_WINDOW_SECONDS
        )
        if wait is not None:
            raise errors.RateLimited(wait)
        if self.personal and not found.is_personal:
            raise errors.Forbidden(errors.PERSONAL_ONLY)
        if not self.personal:
            if found.is_personal:
                raise errors.Forbidden(errors.SERVICE_ONLY)
            if self.scope not in found.scopes:
                raise errors.Forbidden(errors.SCOPE_MISSING.format(scope=self.scope))
        request.api_token = found
        return found


def token_of(request: HttpRequest) -> ApiToken:
    """The token this call came with (set by `Token`)."""
    return request.api_token
