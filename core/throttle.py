"""Throttling of sign-in failures and password-reset e-mails, per account and per address.

Counted in the shared cache (every web process sees the same counts). "Address" is the
client's behind the trusted proxies (core/client_address.py), so people behind one proxy
are counted apart.

Sign-in: after LOGIN_FAILURES_PER_ACCOUNT failed attempts for one account, or
LOGIN_FAILURES_PER_ADDRESS from one address, further attempts are refused for
LOGIN_BLOCK_SECONDS, right password or not. An account is counted once however it is named:
the typed name is resolved to the account it signs in to (username or e-mail address), so
the two names do not give twice the guesses; a name without an account is counted as typed.
The site's form says so; the CMS login gets the same refusal through the authentication
backend. A successful sign-in clears the account's count.

Password reset: at most PASSWORD_RESETS_PER_ACCOUNT e-mails to one account and
PASSWORD_RESETS_PER_ADDRESS requests from one address within PASSWORD_RESET_WINDOW_SECONDS.
Over the address limit the form says so; over an account's limit the request is answered
as usual but nothing is sent, so the answer never tells whether an address has an account.
"""

from __future__ import annotations

import hashlib
import math
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache

# The address counted "per address": the client's behind the trusted proxies, never a header
# the client sets itself. Re-exported, as the throttle's callers ask for it here.
from .client_address import client_address

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _limits() -> tuple[int, int, int]:
    return (
        settings.ACADEMY_LOGIN_FAILURES_PER_ACCOUNT,
        settings.ACADEMY_LOGIN_FAILURES_PER_ADDRESS,
        settings.ACADEMY_LOGIN_BLOCK_SECONDS,
    )


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"throttle:{kind}:{digest}"


def _count(key: str, seconds: int) -> None:
    """One more in a window that starts with the first (the window does not slide)."""
    if not cache.add(key, 1, seconds):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, seconds)


def _of_user(user: User) -> str:
    return f"user:{user.pk}"


def account(name: str) -> str:
    """What a typed name counts against: the account it signs in to, else the name itself."""
    from .backends import account_for  # the backend asks this module first

    user = account_for(name)
    return _of_user(user) if user is not None else f"name:{name.strip().lower()}"


def is_blocked(username: str, address: str) -> bool:
    per_account, per_address, _seconds = _limits()
    account_key = _key("login-account", account(username))
    counts = cache.get_many([account_key, _key("login-address", address)])
    return counts.get(account_key, 0) >= per_account or (
        bool(address) and counts.get(_key("login-address", address), 0) >= per_address
    )


def record_failure(username: str, address: str) -> None:
    _per_account, _per_address, seconds = _limits()
    if username:
        _count(_key("login-account", account(username)), seconds)
    if address:
        _count(_key("login-address", address), seconds)


def clear(user: User) -> None:
    cache.delete(_key("login-account", _of_user(user)))


def password_resets_blocked(address: str) -> bool:
    """This address asked for as many password resets as the window allows."""
    if not address:
        return False
    count = cache.get(_key("reset-address", address), 0)
    return count >= settings.ACADEMY_PASSWORD_RESETS_PER_ADDRESS


def password_reset_requested(address: str) -> None:
    if address:
        _count(_key("reset-address", address), settings.ACADEMY_PASSWORD_RESET_WINDOW_SECONDS)


def password_reset_may_send(user: User) -> bool:
    """Count one reset e-mail to this account; False once the window's number is reached."""
    key = _key("reset-account", _of_user(user))
    if cache.get(key, 0) >= settings.ACADEMY_PASSWORD_RESETS_PER_ACCOUNT:
        return False
    _count(key, settings.ACADEMY_PASSWORD_RESET_WINDOW_SECONDS)
    return True


def _failed(sender, credentials, request=None, **kwargs) -> None:
    record_failure(credentials.get("username") or "", client_address(request))


def _succeeded(sender, request, user, **kwargs) -> None:
    clear(user)


def connect() -> None:
    """Count failures and clear on success, for every sign-in form (site and CMS)."""
    from django.contrib.auth.signals import user_logged_in, user_login_failed

    user_login_failed.connect(_failed, dispatch_uid="throttle-failed")
    user_logged_in.connect(_succeeded, dispatch_uid="throttle-succeeded")


def rate_take(key: str, *, limit: int, seconds: int) -> int | None:
    """Count one call against `key` in a fixed window of `seconds`: None while within `limit`,
    else the whole seconds until the window ends (for a Retry-After header).

    The window starts with its first call and is shared by every web process (the cache)."""
    import time

    cache_key = _key("rate", key)
    window_key = cache_key + ":until"
    now = time.time()
    if cache.add(cache_key, 1, seconds):
        cache.set(window_key, now + seconds, seconds)
        return None
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window ended between add() and incr()
        cache.add(cache_key, 1, seconds)
        cache.set(window_key, now + seconds, seconds)
        return None
    if count <= limit:
        return None
    until = cache.get(window_key) or now + seconds
    return max(1, math.ceil(until - now))
