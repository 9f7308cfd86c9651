"""Sign-in with OpenID Connect: the authorization code flow with PKCE, one connection per slug.

mozilla-django-oidc does the protocol work: state, nonce and PKCE verifier kept in the session
(`oidc_states`), the code exchanged at the token endpoint, the ID token's signature and nonce
checked, userinfo fetched. Its views and backend read global OIDC_* settings and reverse one
callback URL without arguments; here each connection is an `identity.providers.Provider`, so
the subclasses below answer `get_settings` from the connection and build the slug's own
redirect URI.

What the library leaves out, and this module adds (checked in its 5.0.2 source):
- the ID token's issuer and audience: it decodes with `verify_aud=False` and no `issuer`;
  `_verify_jws` here requires `iss` == the configured issuer, `aud` containing the client id,
  `azp` == the client id when there are several audiences (or an `azp` at all), and `exp`,
  `iat` (and `nbf` when present) within ACADEMY_OIDC_CLOCK_SKEW_SECONDS;
- endpoints from the provider's discovery document (`<issuer>/.well-known/openid-configuration`,
  whose `issuer` must be the configured one), cached, each overridable per connection;
- the JWKS cached, fetched again once when a token names a key it does not hold (rotation);
- a timeout on every request to the provider (the library's default is none);
- a page in the person's language for every failure, instead of a redirect or a bare 400.
"""

from __future__ import annotations

import hashlib
import logging
import time
from typing import Any
from urllib.parse import urlencode, urlsplit

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core import checks
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import (
    add_state_and_verifier_and_nonce_to_session,
    generate_code_challenge,
)
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from core.backends import user_of_session

from .providers import Claims, Provider, provider, providers
from .services import SignInRefused, person_sign_in
from .sessions import local_path, next_or_start, organisation_sign_in_complete
from .two_factor import confirmed_user

logger = logging.getLogger(__name__)

DEFAULT_SCOPES = "openid email profile"
# How a session remembers the way its person signed in: "sso:<slug>" here; the two-factor
# step skips people who signed in through their organisation (their IdP asked for its own).
BACKEND = "identity.oidc.OIDCBackend"
# A sign-in started longer ago than this is not finished: start again.
STATE_MAX_AGE_SECONDS = 15 * 60
ENDPOINTS = ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri")
# Errors a provider returns when the person (or the organisation's policy) said no.
REFUSALS = {"access_denied", "consent_required", "login_required", "interaction_required"}

ERROR_STATE = gettext_lazy(
    "This sign-in was already used or took too long. Start again from the sign-in page."
)
ERROR_CANCELLED = gettext_lazy(
    "Your organisation's sign-in did not let you in: you cancelled, or your account may not "
    "use this site. Try again, or ask your IT department for access."
)
ERROR_PROVIDER = gettext_lazy(
    "Your organisation's sign-in reported a problem. Try again; if it happens again, ask "
    "your IT department to check the connection."
)
ERROR_TOKEN = gettext_lazy(
    "The answer from your organisation's sign-in could not be trusted, so you were not "
    "logged in. Try again; if it happens again, ask your IT department to check the "
    "connection."
)
ERROR_EXPIRED = gettext_lazy(
    "The answer from your organisation's sign-in had expired. Start again from the sign-in page."
)
ERROR_UNREACHABLE = gettext_lazy(
    "Your organisation's sign-in could not be reached. Try again in a few minutes."
)
ERROR_WRONG_DOMAIN = gettext_lazy(
    "This account is not one of your organisation's. Log in with your work account."
)


class SignInFailed(Exception):
    """The sign-in went wrong: `reason` for the log, `message` for the person."""

    def __init__(self, reason: str, message: str, status: int = 400):
        super().__init__(reason)
        self.reason = reason
        self.message = message
        self.status = status


def _get(url: str) -> dict[str, Any]:
    try:
        response = requests.get(url, timeout=settings.ACADEMY_OIDC_TIMEOUT_SECONDS)
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as error:
        raise SignInFailed(f"GET {url}: {error}", ERROR_UNREACHABLE, 502) from error


def _cache_key(url: str) -> str:
    return "identity:oidc:" + hashlib.sha256(url.encode()).hexdigest()


def _cached(url: str, *, fresh: bool = False) -> dict[str, Any]:
    """A provider's document (discovery, keys), kept OIDC_CACHE_SECONDS unless `fresh`."""
    document = None if fresh else cache.get(_cache_key(url))
    if document is None:
        document = _get(url)
        cache.set(_cache_key(url), document, settings.ACADEMY_OIDC_CACHE_SECONDS)
    return document


class Connection:
    """One OpenID provider as this site uses it: the Provider's options with their defaults."""

    def __init__(self, provider: Provider):
        self.provider = provider
        self.issuer = provider.required("issuer")
        self.client_id = provider.required("client_id")
        self.client_secret = provider.option("client_secret")
        self.scopes = provider.option("scopes", DEFAULT_SCOPES)
        self.sign_algo = provider.option("sign_algo", "RS256")
        self.hosted_domain = provider.option("hosted_domain")
        scheme, host = urlsplit(self.issuer).scheme, urlsplit(self.issuer).hostname
        if scheme != "https" and host not in ("127.0.0.1", "localhost", "::1"):
            variable = f"SSO_{provider.slug.upper().replace('-', '_')}_ISSUER"
            raise ImproperlyConfigured(f"{variable} must be an https URL.")

    @property
    def discovery_url(self) -> str:
        default = self.issuer.rstrip("/") + "/.well-known/openid-configuration"
        return self.provider.option("discovery_url", default)

    @cached_property
    def discovery(self) -> dict[str, Any]:
        document = _cached(self.discovery_url)
        if document.get("issuer") != self.issuer:
            raise SignInFailed(
                f"discovery names issuer {document.get('issuer')!r}, not {self.issuer!r}",
                ERROR_PROVIDER,
                502,
            )
        return document

    def endpoint(self, name: str) -> str:
        """An endpoint as configured (SSO_<SLUG>_TOKEN_ENDPOINT...) or as discovery says."""
        url = self.provider.option(name) or self.discovery.get(name, "")
        if not url and name != "userinfo_endpoint":
            raise SignInFailed(f"no {name} in discovery", ERROR_PROVIDER, 502)
        return url

    def jwks(self, *, fresh: bool = False) -> dict[str, Any]:
        return _cached(self.endpoint("jwks_uri"), fresh=fresh)

    def redirect_uri(self, request: HttpRequest) -> str:
        return request.build_absolute_uri(
            reverse("identity:oidc-callback", args=[self.provider.slug])
        )

    def setting(self, name: str, *default: Any) -> Any:
        """What the library asks of settings, from this connection."""
        values = {
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_RP_SIGN_ALGO": self.sign_algo,
            "OIDC_RP_SCOPES": self.scopes,
            "OIDC_USE_NONCE": True,
            "OIDC_USE_PKCE": True,
            "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
            "OIDC_ALLOW_UNSECURED_JWT": False,
            "OIDC_VERIFY_SSL": True,
            "OIDC_TIMEOUT": settings.ACADEMY_OIDC_TIMEOUT_SECONDS,
            "OIDC_PROXY": None,
            "OIDC_TOKEN_USE_BASIC_AUTH": self.provider.option("token_auth") == "basic",
            "OIDC_STORE_ACCESS_TOKEN": False,
            "OIDC_STORE_ID_TOKEN": False,
        }
        if name in values:
            return values[name]
        if default:
            return default[0]
        raise ImproperlyConfigured(f"{name} has no value for the connection {self.provider.slug}")


@checks.register(checks.Tags.security)
def connections_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Every OIDC connection names an https issuer and a client id (start-up, `check`)."""
    errors = []
    for found in providers("oidc"):
        try:
            Connection(found)
        except ImproperlyConfigured as error:
            errors.append(checks.Error(str(error), id="identity.E010"))
    return errors


def connection_or_404(slug: str) -> Connection:
    found = provider(slug, "oidc")
    if found is None:
        raise Http404("No such OpenID Connect connection.")
    return Connection(found)


def _matching_key(jwks: dict[str, Any], header: dict[str, Any]) -> dict[str, Any] | None:
    keys = [key for key in jwks.get("keys", []) if key.get("use", "sig") == "sig"]
    kid, alg = header.get("kid"), header.get("alg")
    for key in keys:
        if kid is not None and key.get("kid") != kid:
            continue
        if "alg" in key and key["alg"] != alg:
            continue
        if kid is None and len(keys) > 1:
            return None  # no kid and several keys: which one is not ours to guess
        return key
    return None


class OIDCBackend(OIDCAuthenticationBackend):
    """Checks the provider's answer and finds the person it names.

    Listed in AUTHENTICATION_BACKENDS only so a session can name it (and load its user);
    `authenticate` never signs anyone in by itself: the callback view calls `sign_in`.
    """

    def __init__(self, connection: Connection | None = None):
        self.UserModel = get_user_model()
        self.connection = connection
        if connection is not None:
            self.OIDC_RP_CLIENT_ID = connection.client_id
            self.OIDC_RP_CLIENT_SECRET = connection.client_secret
            self.OIDC_RP_SIGN_ALGO = connection.sign_algo
            self.OIDC_RP_IDP_SIGN_KEY = None

    def get_settings(self, attr, *args):
        if self.connection is None:
            raise ImproperlyConfigured("OIDCBackend needs a connection.")
        return self.connection.setting(attr, *args)

    def authenticate(self, request, **kwargs):
        return None

    def get_user(self, user_id):
        # The library's get_user skips the is_active check; Django's (and ours) does not.
        return user_of_session(user_id)

    def retrieve_matching_jwk(self, token):
        header = jwt.get_unverified_header(token)
        for fresh in (False, True):
            key = _matching_key(self.connection.jwks(fresh=fresh), header)
            if key is not None:
                return jwt.PyJWK(key)
        raise SuspiciousOperation("no key of the provider's JWKS matches the token")

    def _verify_jws(self, payload, key):
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"token signed with {header.get('alg')!r}")
        claims = jwt.decode(
            payload,
            key,
            algorithms=[self.OIDC_RP_SIGN_ALGO],
            audience=self.OIDC_RP_CLIENT_ID,
            issuer=self.connection.issuer,
            leeway=settings.ACADEMY_OIDC_CLOCK_SKEW_SECONDS,
            options={"require": ["iss", "sub", "aud", "exp", "iat"]},
        )
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if (len(audiences) > 1 or "azp" in claims) and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation(f"token authorized for {claims.get('azp')!r}")
        return claims

    def sign_in(self, request: HttpRequest, *, code: str, nonce: str, code_verifier: str) -> User:
        """The person the provider's answer to `code` names; SignInFailed or SignInRefused."""
        self.request = request
        connection = self.connection
        self.OIDC_OP_TOKEN_ENDPOINT = connection.endpoint("token_endpoint")
        self.OIDC_OP_USER_ENDPOINT = connection.endpoint("userinfo_endpoint")
        self.OIDC_OP_JWKS_ENDPOINT = connection.endpoint("jwks_uri")
        try:
            tokens = self.get_token(
                {
                    "client_id": connection.client_id,
                    "client_secret": connection.client_secret,
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": connection.redirect_uri(request),
                    "code_verifier": code_verifier,
                }
            )
        except requests.HTTPError as error:
            status = error.response.status_code if error.response is not None else 502
            message = ERROR_TOKEN if 400 <= status < 500 else ERROR_UNREACHABLE
            raise SignInFailed(
                f"token endpoint: {error}", message, 400 if status < 500 else 502
            ) from error
        except (requests.RequestException, ValueError) as error:
            raise SignInFailed(f"token endpoint: {error}", ERROR_UNREACHABLE, 502) from error
        id_token = tokens.get("id_token")
        if not id_token:
            raise SignInFailed("no id_token in the token response", ERROR_TOKEN)
        try:
            claims = self.verify_token(id_token, nonce=nonce)
        except (jwt.ExpiredSignatureError, jwt.ImmatureSignatureError) as error:
            raise SignInFailed(f"ID token: {error}", ERROR_EXPIRED) from error
        except (jwt.PyJWTError, SuspiciousOperation) as error:
            raise SignInFailed(f"ID token: {error}", ERROR_TOKEN) from error
        userinfo = self._userinfo(tokens.get("access_token"), id_token, claims)
        merged = {**claims, **userinfo, "sub": claims["sub"]}
        if connection.hosted_domain and merged.get("hd") != connection.hosted_domain:
            raise SignInFailed(
                f"hosted domain {merged.get('hd')!r}, not {connection.hosted_domain!r}",
                ERROR_WRONG_DOMAIN,
                403,
            )
        return person_sign_in(
            provider=connection.provider,
            claims=Claims.read(connection.provider, str(claims["sub"]), merged),
            signed_in=confirmed_user(request),
        )

    def _userinfo(self, access_token: str | None, id_token: str, claims: dict) -> dict:
        if not self.OIDC_OP_USER_ENDPOINT or not access_token:
            return {}
        try:
            userinfo = self.get_userinfo(access_token, id_token, claims)
        except requests.RequestException as error:
            raise SignInFailed(f"userinfo: {error}", ERROR_UNREACHABLE, 502) from error
        except (jwt.PyJWTError, SuspiciousOperation, ValueError) as error:
            raise SignInFailed(f"userinfo: {error}", ERROR_TOKEN) from error
        if userinfo.get("sub") != claims["sub"]:
            # OpenID Connect Core 5.3.2: a different sub means the answer is not this person's.
            raise SignInFailed("userinfo sub differs from the ID token's", ERROR_TOKEN)
        return userinfo


def failed(request: HttpRequest, message: str, status: int) -> HttpResponse:
    """The page that says what went wrong and leads back to the sign-in page."""
    return render(
        request,
        "identity/sign_in_failed.html",
        {"message": message, "login_url": reverse("login")},
        status=status,
    )


@method_decorator(never_cache, name="dispatch")
class OIDCLoginView(OIDCAuthenticationRequestView):
    """Sends the person to their organisation's sign-in, with state, nonce and PKCE (S256)."""

    def __init__(self, **kwargs):
        # The library reads global settings here; the connection is known only per request.
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)

    def get_settings(self, attr, *args):
        return self.connection.setting(attr, *args)

    def get(self, request, slug):
        self.connection = connection_or_404(slug)
        try:
            authorization_endpoint = self.connection.endpoint("authorization_endpoint")
        except SignInFailed as failure:
            logger.warning("OIDC sign-in through %s could not start: %s", slug, failure.reason)
            return failed(request, failure.message, failure.status)
        state = get_random_string(32)
        code_verifier = get_random_string(64)
        params = {
            "response_type": "code",
            "scope": self.connection.scopes,
            "client_id": self.connection.client_id,
            "redirect_uri": self.connection.redirect_uri(request),
            "state": state,
            "nonce": get_random_string(32),
            "code_challenge": generate_code_challenge(code_verifier, "S256"),
            "code_challenge_method": "S256",
        }
        if self.connection.hosted_domain:
            params["hd"] = self.connection.hosted_domain  # Google: only this domain's accounts
        add_state_and_verifier_and_nonce_to_session(request, state, params, code_verifier)
        request.session["oidc_states"][state]["next"] = local_path(request, request.GET.get("next"))
        request.session.modified = True
        return redirect(f"{authorization_endpoint}?{urlencode(params)}")


@method_decorator(never_cache, name="dispatch")
class OIDCCallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the person back: check everything, then sign them in."""

    def get(self, request, slug):
        connection = connection_or_404(slug)
        try:
            user, next_url = self._sign_in(request, connection)
        except SignInFailed as failure:
            logger.warning("OIDC sign-in through %s failed: %s", slug, failure.reason)
            return failed(request, failure.message, failure.status)
        except SignInRefused as refusal:
            logger.warning("OIDC sign-in through %s refused: %s", slug, refusal.message)
            return failed(request, refusal.message, 403)
        organisation_sign_in_complete(request, user, connection=slug, backend=BACKEND)
        return redirect(next_or_start(request, next_url, user))

    def _sign_in(self, request: HttpRequest, connection: Connection) -> tuple[User, str]:
        state = request.GET.get("state", "")
        states = request.session.get("oidc_states") or {}
        started = states.pop(state, None) if state else None
        if started is not None:
            # Used once: a replayed callback finds no state.
            request.session.modified = True
            request.session.save()
        error = request.GET.get("error")
        if error:
            description = request.GET.get("error_description", "")
            message = ERROR_CANCELLED if error in REFUSALS else ERROR_PROVIDER
            raise SignInFailed(f"provider answered {error!r}: {description!r}", message, 403)
        if started is None:
            raise SignInFailed("state unknown or already used", ERROR_STATE)
        if time.time() - started.get("added_on", 0) > STATE_MAX_AGE_SECONDS:
            raise SignInFailed("state older than STATE_MAX_AGE_SECONDS", ERROR_STATE)
        code = request.GET.get("code")
        if not code:
            raise SignInFailed("no code in the callback", ERROR_PROVIDER)
        user = OIDCBackend(connection).sign_in(
            request,
            code=code,
            nonce=started["nonce"],
            code_verifier=started["code_verifier"],
        )
        return user, started.get("next", "")
