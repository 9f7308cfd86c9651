"""The login page: the organisation's buttons first, the password form after them (or, for
administrators only, behind a disclosure)."""

import re

import pytest
from django.test import Client

from tests.oidc_provider.config import connection

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _page(next_url="", language="en") -> str:
    query = {"next": next_url} if next_url else {}
    return Client().get(LOGIN, query, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_without_connections_only_the_password_form_shows(settings):
    settings.ACADEMY_SSO_PROVIDERS = []
    page = _page()
    assert "Log in with" not in page
    assert 'name="password"' in page
    assert "<details" not in page
    assert "autofocus" in page


def test_each_connection_has_a_button_before_the_password_form(settings):
    settings.ACADEMY_SSO_PROVIDERS = [
        connection("https://login.example.org"),
        {**connection("https://other.example.org"), "slug": "second", "name": "Partner"},
    ]
    page = _page(next_url="/missions/")
    first = page.index('href="/sso/oidc/test/login/?next=/missions/"')
    assert page.index('href="/sso/oidc/second/login/?next=/missions/"') > first
    assert "Log in with Test Organisation" in page
    assert "Sign in" not in page  # the site says "log in" everywhere
    assert page.index("or log in with your password") < page.index('name="password"')
    assert first < page.index('name="password"')
    assert "autofocus" not in page  # focus does not jump past the buttons
    assert "<details" not in page


def test_for_administrators_only_the_password_form_is_behind_a_disclosure(settings):
    settings.ACADEMY_SSO_PROVIDERS = [connection("https://login.example.org")]
    settings.ACADEMY_PASSWORD_SIGN_IN = "administrators"
    page = _page(language="nl")
    assert "Inloggen met Test Organisation" in page
    details = page.index('<details class="sign-in-password">')
    assert page.index("Beheerder? Log in met je wachtwoord") > details
    assert details < page.index('name="password"') < page.index("</details>")
    # The reset link is for administrators: inside the disclosure, not the main path.
    assert details < page.index('href="/accounts/password/reset/"') < page.index("</details>")


def test_the_cms_login_labels_the_password_in_dutch():
    """Wagtail's own form leaves the field unlabelled, so it read "Password" on Dutch pages."""
    page = Client().get("/cms/login/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    label_html = re.search(r'(?s)<label[^>]*for="id_password"[^>]*>(.*?)<', page).group(1)
    assert label_html.strip() == "Wachtwoord"
