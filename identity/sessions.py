"""What a sign-in through the organisation leaves in the session, and where it may lead.

OIDC and SAML finish the same way: the person is logged in, the session is marked as an
organisation sign-in (two-factor sign-in does not ask such a session for the site's own
second step: the IdP has its own), and the browser goes on to a path on this site only.
"""

from __future__ import annotations

from django.contrib import auth
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from ambassadors.start import start_page_for

SIGN_IN_MARK = "academy_sign_in"


def organisation_sign_in_complete(
    request: HttpRequest, user: User, *, connection: str, backend: str
) -> None:
    auth.login(request, user, backend=backend)
    request.session[SIGN_IN_MARK] = f"sso:{connection}"


def signed_in_through_organisation(session) -> bool:
    return str(session.get(SIGN_IN_MARK, "")).startswith("sso:")


def local_path(request: HttpRequest | None, url: str | None) -> str:
    """`url` when it is a path on this site (never another host, not even //host), else ''."""
    if not url or not url.startswith("/"):
        return ""
    allowed = {request.get_host()} if request is not None else None
    secure = request.is_secure() if request is not None else False
    if url_has_allowed_host_and_scheme(url, allowed_hosts=allowed, require_https=secure):
        return url
    return ""


def next_or_start(request: HttpRequest, url: str | None, user: User | None = None) -> str:
    """Where to go after signing in: `url` when local, else the start page of `user` (the
    request's by default; see ambassadors.start)."""
    return local_path(request, url) or start_page_for(user or request.user)
