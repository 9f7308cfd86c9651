"""PASSWORD_SIGN_IN=administrators: once the organisation's sign-in is configured, only
administrators sign in with a password, on the site and in the CMS, and nobody else gets a
way to set one (password reset, invitation)."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.html import escape
from django.utils.http import urlsafe_base64_encode

from ambassadors import accounts
from ambassadors.forms import ERROR_PASSWORD_SIGN_IN_OFF
from ambassadors.roles import Role
from identity.providers import password_sign_in_for_everyone
from tests.factories import PASSWORD, make_user
from tests.oidc_provider.config import connection

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def administrators_only(settings):
    settings.ACADEMY_SSO_PROVIDERS = [connection("https://login.example.org")]
    settings.ACADEMY_PASSWORD_SIGN_IN = "administrators"


def _sign_in(client, user, language="en", path=LOGIN):
    return client.post(
        path,
        {"username": user.username, "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE=language,
    )


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_group_core_checks_is_the_administrators_role(settings):
    assert Role.ADMIN.value == settings.ACADEMY_ADMINISTRATORS_GROUP


def test_without_sso_the_setting_changes_nothing(settings):
    settings.ACADEMY_SSO_PROVIDERS = []
    settings.ACADEMY_PASSWORD_SIGN_IN = "administrators"
    assert password_sign_in_for_everyone()
    client = Client()
    _sign_in(client, make_user())
    assert _signed_in(client)


def _error_text(response) -> str:
    """The page's error message, as the person reads it."""
    page = response.content.decode()
    start = page.index('role="alert"')
    return page[start : page.index("</div>", start)]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_an_employees_right_and_wrong_password_get_the_same_answer(administrators_only, language):
    """No oracle: the answer never tells whether an employee's password was right."""
    user = make_user(language=language)
    right = _sign_in(Client(), user, language=language)
    wrong = Client().post(
        LOGIN, {"username": user.username, "password": "wrong"}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert right.status_code == wrong.status_code == 200
    assert _error_text(right) == _error_text(wrong)
    with translation.override(language):
        assert escape(str(ERROR_PASSWORD_SIGN_IN_OFF)) in _error_text(right)
    assert "do not match" not in right.content.decode()


def test_the_answer_is_the_same_for_a_name_without_an_account(administrators_only):
    user = make_user()
    known = _sign_in(Client(), user)
    unknown = Client().post(
        LOGIN, {"username": "nobody@example.org", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert _error_text(known) == _error_text(unknown)


def test_an_employee_locked_out_is_sent_to_the_button_not_to_a_password_reset(
    administrators_only, settings
):
    settings.ACADEMY_LOGIN_FAILURES_PER_ACCOUNT = 2
    user = make_user()
    for _attempt in range(2):
        _sign_in(Client(), user)
    text = _error_text(_sign_in(Client(), user))
    assert "Too many failed attempts" in text
    assert "Use the button of your organisation" in text
    assert "reset your password" not in text


def test_without_sso_a_lock_out_still_offers_a_password_reset(settings):
    settings.ACADEMY_SSO_PROVIDERS = []
    settings.ACADEMY_LOGIN_FAILURES_PER_ACCOUNT = 1
    user = make_user()
    Client().post(LOGIN, {"username": user.username, "password": "wrong"})
    assert "reset your password" in _error_text(_sign_in(Client(), user))


def test_a_wrong_password_without_sso_gets_the_usual_answer(settings):
    settings.ACADEMY_SSO_PROVIDERS = []
    user = make_user()
    response = Client().post(
        LOGIN, {"username": user.username, "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "do not match" in _error_text(response)


@pytest.mark.parametrize("superuser", [False, True])
def test_administrators_keep_their_password(administrators_only, superuser):
    user = make_user(superuser=True) if superuser else make_user(Role.ADMIN)
    client = Client()
    response = _sign_in(client, user)
    assert response.status_code == 302
    assert _signed_in(client)


def test_the_cms_login_refuses_comms_staff_but_not_administrators(administrators_only):
    comms, admin = make_user(Role.COMMS), make_user(Role.ADMIN)
    client = Client()
    response = _sign_in(client, comms, path="/cms/login/")
    assert response.status_code == 200
    assert not _signed_in(client)
    _sign_in(client, admin, path="/cms/login/")
    assert _signed_in(client)


def test_a_password_reset_is_not_sent_to_someone_without_password_sign_in(
    administrators_only,
):
    employee, admin = make_user(), make_user(Role.ADMIN)
    for user in (employee, admin):
        response = Client().post(
            "/accounts/password/reset/", {"email": user.email}, HTTP_ACCEPT_LANGUAGE="en"
        )
        assert response["Location"] == "/accounts/password/reset/sent/"  # the same answer
    assert [message.to for message in mail.outbox] == [[admin.email]]


def test_an_earlier_reset_link_no_longer_sets_a_password(administrators_only):
    employee = make_user()
    uid = urlsafe_base64_encode(force_bytes(employee.pk))
    token = default_token_generator.make_token(employee)
    page = Client().get(f"/accounts/password/reset/{uid}/{token}/", follow=True)
    assert page.context["validlink"] is False


def test_the_invitation_leads_to_the_sign_in_page_not_to_a_password(administrators_only):
    employee = make_user(joined=False, language="en")
    employee.set_unusable_password()
    employee.save()
    assert accounts.invitation_send(ambassador_id=employee.ambassador.pk)
    body = mail.outbox[0].body
    assert "/accounts/password/reset/" not in body
    assert "/accounts/login/?lang=en" in body
    assert "through your organisation's sign-in" in body
