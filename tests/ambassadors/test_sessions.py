"""Changing or resetting the password signs the person out everywhere else."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-passphrase-42"


def _signed_in_client(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _is_signed_in(client) -> bool:
    return client.get("/path/").status_code == 200


def test_password_change_keeps_this_session_and_ends_the_others(employee):
    laptop, phone = _signed_in_client(employee), _signed_in_client(employee)
    response = laptop.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert _is_signed_in(laptop)
    assert not _is_signed_in(phone)


def test_password_reset_ends_every_session(employee):
    phone = _signed_in_client(employee)
    employee.refresh_from_db()  # signing in changed last_login, which the token covers
    token = default_token_generator.make_token(employee)
    uid = urlsafe_base64_encode(force_bytes(employee.pk))
    browser = Client()
    form = browser.get(f"/accounts/password/reset/{uid}/{token}/", follow=True)
    response = browser.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert not _is_signed_in(phone)


def test_common_and_short_passwords_are_refused(employee):
    client = _signed_in_client(employee)
    for weak in ("password123", "short"):
        response = client.post(
            "/accounts/password/change/",
            {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["new_password2"]
    assert _is_signed_in(client)
