"""Sign-in throttling: repeated failures block the account and the address for a while."""

import pytest
from django.core import mail
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


def test_username_and_email_count_against_one_account(employee):
    """Typing the username or the e-mail address is the same account: five failures in all,
    however they are split, block it (it used to allow five for each name)."""
    client = Client()
    for _ in range(3):
        _sign_in(client, employee.username, "wrong-password")
    for _ in range(2):
        _sign_in(client, employee.email.upper(), "wrong-password", address="198.51.100.4")
    for name in (employee.username, employee.email):
        response = _sign_in(client, name, PASSWORD, address="198.51.100.5")
        assert not _signed_in(client)
        assert "Too many failed attempts to sign in" in response.content.decode()


def test_a_name_without_an_account_is_counted_as_typed(employee):
    """Guesses at names nobody has block those names, not a real account."""
    client = Client()
    for _ in range(5):
        _sign_in(client, "nobody-here", "wrong-password")
    assert "Too many failed attempts" in _sign_in(client, "nobody-here", "x").content.decode()
    _sign_in(client, employee.username, PASSWORD)
    assert _signed_in(client)


RESET = "/accounts/password/reset/"


def _ask_reset(client, email, address="203.0.113.7"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en")


def test_password_reset_emails_are_limited_per_account(settings, employee):
    """However many addresses ask, one account gets at most the window's number of reset
    e-mails; every request gets the same answer, so nothing tells the account apart."""
    settings.ACADEMY_PASSWORD_RESETS_PER_ACCOUNT = 3
    client = Client()
    for number in range(6):
        response = _ask_reset(client, employee.email, address=f"198.51.100.{number + 1}")
        assert response["Location"] == "/accounts/password/reset/sent/"
    assert [message.to for message in mail.outbox] == [[employee.email]] * 3


def test_password_reset_requests_are_limited_per_address(settings, employee, other_employee):
    """One address asking for resets of many addresses is stopped with a message saying why;
    another address still gets its e-mail."""
    settings.ACADEMY_PASSWORD_RESETS_PER_ADDRESS = 3
    settings.ACADEMY_PASSWORD_RESET_WINDOW_SECONDS = 600
    client = Client()
    for number in range(3):
        _ask_reset(client, f"someone{number}@example.org")
    response = _ask_reset(client, employee.email)
    assert response.status_code == 200
    assert (
        "Too many password resets were asked for from your network. Wait 10 minutes"
        in response.content.decode()
    )
    assert len(mail.outbox) == 0
    _ask_reset(client, other_employee.email, address="198.51.100.9")
    assert [message.to for message in mail.outbox] == [[other_employee.email]]


def test_the_cms_has_no_unlimited_password_reset_of_its_own(client):
    """Wagtail's own reset form (e-mail sent inside the request, no limits) is switched off;
    CMS users reset their password on the site."""
    assert client.get("/cms/password_reset/").status_code == 404
