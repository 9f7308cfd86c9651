"""The second sign-in step: who is asked, what they can reach before it, codes right and wrong,
recovery codes, setting up an app, throttling (identity/two_factor.py, identity/middleware.py)."""

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ambassadors.roles import Role
from identity import two_factor
from tests.factories import PASSWORD, make_user
from tests.factories.identity import app_for, code_from, recovery_codes_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_enforced")]

VERIFY = "/two-factor/"
SETUP = "/two-factor/setup/"


def signed_in(user, language="en") -> Client:
    """A browser that typed the right password on the site's login page."""
    client = Client(headers={"accept-language": language})
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


@pytest.fixture
def comms_user(db):
    return make_user(Role.EMPLOYEE, Role.COMMS, language="en")


@pytest.fixture
def admin_user(db):
    return make_user(Role.ADMIN, superuser=True, joined=False, language="en")


@pytest.mark.parametrize("path", ["/cms/", "/cms/pages/", "/path/", "/profile/", "/insights/"])
def test_comms_with_a_password_reaches_nothing_before_the_code(comms_user, path):
    """Every page, the CMS included, sends them to the code page and back afterwards."""
    app_for(comms_user)
    response = signed_in(comms_user).get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next={path.replace('/', '%2F')}"


def test_a_right_code_lets_them_into_the_cms(comms_user):
    """The code the app shows now confirms the sign-in; the CMS opens, and stays open."""
    device = app_for(comms_user)
    client = signed_in(comms_user)
    response = client.post(VERIFY, {"code": code_from(device), "next": "/cms/"})
    assert response.status_code == 302
    assert response["Location"] == "/cms/"
    assert client.get("/cms/").status_code == 200
    assert client.get("/path/").status_code == 200


def test_a_wrong_code_is_refused_with_a_message(comms_user):
    """A wrong code keeps them on the code page with a message in their language."""
    device = app_for(comms_user)
    wrong = f"{(int(code_from(device)) + 1) % 1_000_000:06d}"
    client = signed_in(comms_user)
    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 400
    assert "This code is not right" in response.content.decode()
    assert client.get("/cms/").status_code == 302


def test_the_message_is_dutch_for_a_dutch_person():
    """Errors are in the person's language."""
    person = make_user(Role.EMPLOYEE, Role.COMMS, language="nl")
    app_for(person)
    client = signed_in(person, language="nl")
    response = client.post(VERIFY, {"code": "000000"})
    assert "Deze code klopt niet" in response.content.decode()


def test_a_recovery_code_works_once_only(comms_user):
    """Each recovery code confirms one sign-in, then is gone."""
    app_for(comms_user)
    codes = recovery_codes_for(comms_user)
    first = signed_in(comms_user)
    response = first.post(VERIFY, {"code": codes[0].upper(), "next": "/cms/"})
    assert response["Location"] == "/cms/"
    assert first.get("/cms/").status_code == 200
    assert StaticToken.objects.filter(device__user=comms_user).count() == 9

    again = signed_in(comms_user)
    response = again.post(VERIFY, {"code": codes[0]})
    assert response.status_code == 400
    assert again.get("/cms/").status_code == 302


def test_someone_without_a_device_is_taken_to_set_one_up(admin_user):
    """No app yet: the set-up page shows the key; a code from it confirms, then recovery codes."""
    client = signed_in(admin_user)
    response = client.get("/cms/")
    assert response["Location"].startswith(SETUP)
    assert client.get(VERIFY)["Location"].startswith(SETUP)
    page = client.get(SETUP + "?next=/cms/")
    assert page.status_code == 200
    assert "otpauth://totp/" in page.content.decode()
    key = client.session["academy_two_factor_setup"]
    # Reading the page twice shows the same key (it lives in the session until confirmed).
    client.get(SETUP)
    assert client.session["academy_two_factor_setup"] == key
    assert two_factor.totp_secret_for_typing(key) in page.content.decode()

    refused = client.post(SETUP, {"name": "Phone", "code": "12345", "next": "/cms/"})
    assert refused.status_code == 400
    assert not TOTPDevice.objects.filter(user=admin_user).exists()

    done = client.post(SETUP, {"name": "Phone", "code": code_from(key), "next": "/cms/"})
    assert done.status_code == 200
    assert len(done.context["codes"]) == 10
    assert done.context["continue_to"] == "/cms/"
    assert TOTPDevice.objects.get(user=admin_user).name == "Phone"
    assert client.get("/cms/").status_code == 200


def test_the_setup_page_cannot_skip_the_code_of_an_existing_app(comms_user):
    """Someone with an app cannot add another before passing the step."""
    app_for(comms_user)
    client = signed_in(comms_user)
    assert client.get(SETUP)["Location"].startswith(VERIFY)
    response = client.post(SETUP, {"name": "Mine", "code": "123456"})
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=comms_user).count() == 1


def test_the_cms_login_is_no_way_around_it(comms_user):
    """A password posted to Wagtail's own login page leads to the code page too."""
    app_for(comms_user)
    client = Client()
    response = client.post(
        "/cms/login/", {"username": comms_user.username, "password": PASSWORD, "next": "/cms/"}
    )
    assert response.status_code == 302
    response = client.get("/cms/")
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert client.get("/cms/pages/")["Location"].startswith(VERIFY)


def test_someone_signed_in_through_the_organisation_is_not_asked(comms_user):
    """An SSO sign-in relies on the identity provider's own second factor."""
    app_for(comms_user)
    client = Client()
    client.force_login(comms_user)
    session = client.session
    session["academy_sign_in"] = "sso:entra"
    session.save()
    assert client.get("/cms/").status_code == 200


def test_an_employee_without_cms_access_is_not_asked():
    """Employees and mentors sign in with their password alone, unless they chose otherwise."""
    for person in (make_user(Role.EMPLOYEE), make_user(Role.EMPLOYEE, Role.MENTOR)):
        assert signed_in(person).get("/path/").status_code == 200


def test_an_employee_who_chose_an_app_is_asked():
    """Someone who set up an app of their own accord is asked for it at sign-in."""
    person = make_user(Role.EMPLOYEE)
    app_for(person)
    assert signed_in(person).get("/path/")["Location"].startswith(VERIFY)


def test_wrong_codes_make_them_wait(comms_user):
    """After a wrong code even the right one is refused for a while, with a message to wait."""
    device = app_for(comms_user)
    client = signed_in(comms_user)
    client.post(VERIFY, {"code": "000000" if code_from(device) != "000000" else "111111"})
    response = client.post(VERIFY, {"code": code_from(device)})
    assert response.status_code == 400
    assert "Too many wrong codes. Wait" in response.content.decode()
    assert client.get("/cms/").status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_throttling_is_on():
    """The settings keep django-otp's throttling on for apps and recovery codes."""
    from django.conf import settings

    assert settings.OTP_TOTP_THROTTLE_FACTOR >= 1
    assert settings.OTP_STATIC_THROTTLE_FACTOR >= 1


def test_logging_out_is_possible_before_the_step(comms_user):
    """The person can sign out from the code page."""
    app_for(comms_user)
    client = signed_in(comms_user)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/path/")["Location"].startswith("/accounts/login/")


def test_passkey_endpoints_are_open_during_the_step_but_not_other_json(comms_user):
    """The passkey ceremony can start before the step; registering needs the step first."""
    app_for(comms_user)
    client = signed_in(comms_user)
    begin = client.post("/two-factor/passkeys/authentication/begin/")
    assert begin.status_code == 200
    assert "challenge" in begin.json()
    register = client.post("/two-factor/passkeys/registration/begin/")
    assert register.status_code == 403


def test_an_administrator_reset_sends_them_to_set_up_again(comms_user):
    """A session whose factors were removed meanwhile lands on the set-up page, not in the CMS."""
    device = app_for(comms_user)
    client = signed_in(comms_user)
    client.post(VERIFY, {"code": code_from(device)})
    assert client.get("/cms/").status_code == 200
    two_factor.two_factor_reset(
        person=comms_user, by=make_user(Role.ADMIN, superuser=True, joined=False)
    )
    assert client.get("/cms/")["Location"].startswith(SETUP)


def test_someone_given_cms_access_outside_the_roles_is_asked_in_the_cms():
    """The CMS checks the permission itself, not only the roles that usually carry it."""
    from django.contrib.auth.models import Group, Permission

    editors = Group.objects.create(name="Freelance editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    person = make_user(Role.EMPLOYEE)
    person.groups.add(editors)
    response = signed_in(person).get("/cms/")
    assert response["Location"].startswith(SETUP)
