"""Production settings: `check --deploy` is clean and a missing SECRET_KEY stops start-up."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.settings.env import email_settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-for-the-test-0123456789",
    "ALLOWED_HOSTS": "academy.example.org",
    "SITE_URL": "https://academy.example.org",
    "EMAIL_URL": "smtp://mailer:secret@smtp.example.org:587",
}


def _manage(*args, env):
    clean = {
        k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_SETTINGS_MODULE")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean():
    """With the documented variables set, `check --deploy` reports no issues at all."""
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_missing_secret_key_stops_start_up_with_a_clear_message():
    """Without SECRET_KEY production refuses to start and says what to set."""
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (None, {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        (
            "smtp://user:p%40ss@mail.example.org:2525",
            {
                "EMAIL_HOST": "mail.example.org",
                "EMAIL_PORT": 2525,
                "EMAIL_HOST_USER": "user",
                "EMAIL_HOST_PASSWORD": "p@ss",
                "EMAIL_USE_TLS": True,
            },
        ),
        ("smtps://mail.example.org", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
        ("file:///tmp/mail", {"EMAIL_FILE_PATH": "/tmp/mail"}),
    ],
)
def test_email_url_is_understood(url, expected):
    """EMAIL_URL becomes Django's e-mail settings."""
    result = email_settings(url)
    assert {key: result[key] for key in expected} == expected


def test_unknown_email_scheme_is_a_clear_error():
    """A typo in EMAIL_URL is reported, not silently ignored."""
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="not supported"):
        email_settings("smpt://mail.example.org")


def test_check_deploy_is_clean_with_trusted_proxies():
    """Addresses and networks, IPv4 and IPv6, in TRUSTED_PROXIES keep `check --deploy` clean."""
    env = {**PRODUCTION_ENV, "TRUSTED_PROXIES": "10.0.0.5, 172.16.0.0/12,2001:db8::/64"}
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_a_malformed_trusted_proxy_stops_start_up_with_a_clear_message():
    """A host name (or any non-address) in TRUSTED_PROXIES is named in the error."""
    env = {**PRODUCTION_ENV, "TRUSTED_PROXIES": "10.0.0.5,proxy.internal"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "TRUSTED_PROXIES: 'proxy.internal' is not an IP address or network" in result.stderr


SSO_ENV = {
    "SSO_PROVIDERS": "entra",
    "SSO_ENTRA_PROTOCOL": "oidc",
    "SSO_ENTRA_NAME": "Contoso account",
    "SSO_ENTRA_ISSUER": "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
    "SSO_ENTRA_CLIENT_ID": "11111111-1111-1111-1111-111111111111",
    "SSO_ENTRA_CLIENT_SECRET": "a-client-secret",
    "PASSWORD_SIGN_IN": "administrators",
}


def test_check_deploy_is_clean_with_an_openid_connection():
    """An OpenID Connect connection configured as the README says adds no issue."""
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION_ENV, **SSO_ENV}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_an_openid_issuer_without_https_is_reported():
    """A plain-http issuer (outside loopback) is an error at start-up, naming the variable."""
    env = {**PRODUCTION_ENV, **SSO_ENV, "SSO_ENTRA_ISSUER": "http://login.example.org/v2.0"}
    result = _manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "identity.E010" in result.stderr + result.stdout
    assert "SSO_ENTRA_ISSUER must be an https URL" in result.stderr + result.stdout
