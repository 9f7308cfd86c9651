"""Sign-in throttling: repeated failures block an account, and an address, for a while.

Counted in the shared cache (every web process sees the same counts): after
LOGIN_FAILURES_PER_ACCOUNT failed attempts for one account name, or
LOGIN_FAILURES_PER_ADDRESS from one address, further attempts are refused for
LOGIN_BLOCK_SECONDS, right password or not. The site's form says so; the CMS login gets
the same refusal through the authentication backend. A successful sign-in clears the
account's count.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _limits() -> tuple[int, int, int]:
    return (
        settings.ACADEMY_LOGIN_FAILURES_PER_ACCOUNT,
        settings.ACADEMY_LOGIN_FAILURES_PER_ADDRESS,
        settings.ACADEMY_LOGIN_BLOCK_SECONDS,
    )


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"login-failures:{kind}:{digest}"


def client_address(request) -> str:
    """The address the request came from (REMOTE_ADDR: the proxy must pass the client's)."""
    return (request.META.get("REMOTE_ADDR") or "") if request is not None else ""


def is_blocked(username: str, address: str) -> bool:
    per_account, per_address, _seconds = _limits()
    counts = cache.get_many([_key("account", username), _key("address", address)])
    return counts.get(_key("account", username), 0) >= per_account or (
        bool(address) and counts.get(_key("address", address), 0) >= per_address
    )


def record_failure(username: str, address: str) -> None:
    _per_account, _per_address, seconds = _limits()
    for kind, value in (("account", username), ("address", address)):
        if not value:
            continue
        key = _key(kind, value)
        # add() starts the window; incr() counts within it (the window does not slide).
        if not cache.add(key, 1, seconds):
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.add(key, 1, seconds)


def clear(username: str) -> None:
    cache.delete(_key("account", username))


def _failed(sender, credentials, request=None, **kwargs) -> None:
    record_failure(credentials.get("username") or "", client_address(request))


def _succeeded(sender, request, user, **kwargs) -> None:
    clear(user.get_username())
    if user.email:
        clear(user.email)


def connect() -> None:
    """Count failures and clear on success, for every sign-in form (site and CMS)."""
    from django.contrib.auth.signals import user_logged_in, user_login_failed

    user_login_failed.connect(_failed, dispatch_uid="throttle-failed")
    user_logged_in.connect(_succeeded, dispatch_uid="throttle-succeeded")
