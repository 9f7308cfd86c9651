"""OpenID Connect sign-in without a provider process: what the site does on its own."""

import pytest
from django.utils import translation
from django.utils.html import escape

from identity import oidc, sessions
from tests.oidc_provider.config import connection
from tests.oidc_provider.process import free_port

pytestmark = pytest.mark.django_db

LOGIN = "/sso/oidc/test/login/"
CALLBACK = "/sso/oidc/test/callback/"


def _says(response, message, language) -> bool:
    with translation.override(language):
        return escape(str(message)) in response.content.decode()


def test_an_unknown_connection_is_not_found(client, settings):
    settings.ACADEMY_SSO_PROVIDERS = [connection("https://login.example.org")]
    assert client.get("/sso/oidc/other/login/").status_code == 404
    assert client.get("/sso/oidc/other/callback/").status_code == 404


@pytest.mark.parametrize("language", ["en", "nl"])
def test_an_unreachable_provider_is_explained(client, settings, language):
    settings.ACADEMY_SSO_PROVIDERS = [connection(f"http://127.0.0.1:{free_port()}/o")]
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 502
    assert _says(response, oidc.ERROR_UNREACHABLE, language)
    assert 'href="/accounts/login/"' in response.content.decode()


def test_configured_endpoints_need_no_discovery(client, settings):
    """Endpoints set per connection are used as they are (the issuer is not even asked)."""
    settings.ACADEMY_SSO_PROVIDERS = [
        connection(
            f"http://127.0.0.1:{free_port()}/o",
            authorization_endpoint="https://idp.example.org/authorize",
            token_endpoint="https://idp.example.org/token",
            jwks_uri="https://idp.example.org/keys",
        )
    ]
    response = client.get(LOGIN, {"next": "//evil.example/"})
    assert response.status_code == 302
    assert response["Location"].startswith("https://idp.example.org/authorize?")
    (started,) = client.session["oidc_states"].values()
    assert started["next"] == ""  # not a path of this site
    assert started["code_verifier"]


def test_a_callback_nobody_started_is_refused(client, settings):
    settings.ACADEMY_SSO_PROVIDERS = [connection("https://login.example.org")]
    response = client.get(CALLBACK, {"code": "abc", "state": "xyz"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert _says(response, oidc.ERROR_STATE, "nl")


def test_a_sign_in_started_too_long_ago_is_refused(client, settings):
    settings.ACADEMY_SSO_PROVIDERS = [
        connection(
            f"http://127.0.0.1:{free_port()}/o",
            authorization_endpoint="https://idp.example.org/authorize",
            token_endpoint="https://idp.example.org/token",
            jwks_uri="https://idp.example.org/keys",
        )
    ]
    assert client.get(LOGIN).status_code == 302  # no discovery: nothing to reach
    session = client.session
    state, started = next(iter(session["oidc_states"].items()))
    started["added_on"] -= oidc.STATE_MAX_AGE_SECONDS + 1
    session.save()
    response = client.get(CALLBACK, {"code": "abc", "state": state}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert _says(response, oidc.ERROR_STATE, "en")


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("/missions/?tab=open", "/missions/?tab=open"),
        ("//evil.example/", ""),
        ("https://evil.example/", ""),
        ("/\\evil.example", ""),
        ("missions/", ""),
        ("", ""),
    ],
)
def test_only_a_path_of_this_site_is_kept_as_next(url, kept):
    assert sessions.local_path(None, url) == kept


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ({"kid": "b", "alg": "RS256"}, "b"),
        ({"kid": "c", "alg": "RS256"}, None),
        ({"kid": "a", "alg": "ES256"}, None),  # the key says RS256
        ({"alg": "RS256"}, None),  # no kid, and two keys to choose from
    ],
)
def test_the_signing_key_is_the_one_the_token_names(header, expected):
    jwks = {
        "keys": [
            {"kid": "a", "alg": "RS256", "kty": "RSA"},
            {"kid": "b", "kty": "RSA", "use": "sig"},
            {"kid": "c", "kty": "RSA", "use": "enc"},
        ]
    }
    found = oidc._matching_key(jwks, header)
    assert (found or {}).get("kid") == expected
