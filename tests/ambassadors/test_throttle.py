"""Sign-in throttling: repeated failures block the account and the address for a while."""

import pytest
from django.test import Client

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _sign_in(client, username, password, address="203.0.113.7", path=LOGIN):
    return client.post(
        path,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_five_failures_block_the_account_even_with_the_right_password(settings, employee):
    settings.ACADEMY_LOGIN_BLOCK_SECONDS = 600
    client = Client()
    for _ in range(5):
        assert _sign_in(client, employee.username, "wrong-password").status_code == 200
    response = _sign_in(client, employee.username, PASSWORD)
    assert not _signed_in(client)
    assert "Too many failed attempts to sign in. Wait 10 minutes" in response.content.decode()


def test_a_colleague_on_the_same_address_can_still_sign_in(employee, other_employee):
    client = Client()
    for _ in range(5):
        _sign_in(client, employee.username, "wrong-password")
    _sign_in(client, other_employee.username, PASSWORD)
    assert _signed_in(client)


def test_many_failures_from_one_address_block_that_address(settings, employee, other_employee):
    settings.ACADEMY_LOGIN_FAILURES_PER_ADDRESS = 3
    client = Client()
    for number in range(3):
        _sign_in(client, f"guess{number}", "wrong-password")
    _sign_in(client, other_employee.username, PASSWORD)
    assert not _signed_in(client)
    # From another address the same person signs in.
    _sign_in(client, other_employee.username, PASSWORD, address="198.51.100.2")
    assert _signed_in(client)


def test_success_clears_the_count(employee):
    client = Client()
    for _ in range(4):
        _sign_in(client, employee.username, "wrong-password")
    _sign_in(client, employee.username, PASSWORD)
    assert _signed_in(client)
    client.logout()
    for _ in range(4):
        _sign_in(client, employee.username, "wrong-password")
    _sign_in(client, employee.username, PASSWORD)
    assert _signed_in(client)


def test_the_cms_login_is_throttled_too(administrator):
    client = Client()
    for _ in range(5):
        _sign_in(client, administrator.username, "wrong-password", path="/cms/login/")
    _sign_in(client, administrator.username, PASSWORD, path="/cms/login/")
    assert not _signed_in(client)
