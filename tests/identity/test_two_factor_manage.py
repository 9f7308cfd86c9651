"""Managing one's second factors (apps, passkeys, recovery codes) and an administrator's reset
in the CMS (identity/views.py, identity/admin_views.py)."""

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.models import ModelLogEntry

from ambassadors.roles import Role
from identity import two_factor
from identity.models import ExternalIdentity
from tests.factories import make_user
from tests.factories.identity import app_for, code_from, recovery_codes_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_enforced")]

MANAGE = "/account/two-factor/"
CODES = "/account/two-factor/recovery-codes/"


def verified(user, device=None) -> Client:
    """A browser whose sign-in passed the second step with this app."""
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    if device is not None:
        response = client.post("/two-factor/", {"code": code_from(device)})
        assert response.status_code == 302, response.content
    return client


@pytest.fixture
def comms_user(db):
    return make_user(Role.EMPLOYEE, Role.COMMS, language="en")


def test_the_profile_links_to_the_two_factor_page(employee, client_for):
    """The profile page has a two-factor section leading to the management page."""
    page = client_for(employee).get("/profile/").content.decode()
    assert 'href="/account/two-factor/"' in page


def test_the_page_lists_apps_and_recovery_codes(comms_user):
    """The person sees their apps by name and how many recovery codes are left."""
    device = app_for(comms_user, name="Work phone")
    recovery_codes_for(comms_user)
    page = verified(comms_user, device).get(MANAGE).content.decode()
    assert "Work phone" in page
    assert "You have 10 unused recovery codes." in page


def test_new_recovery_codes_need_a_fresh_code(comms_user):
    """Replacing the codes asks for a code; a wrong one changes nothing, a right one does."""
    device = app_for(comms_user)
    old = recovery_codes_for(comms_user)
    client = verified(comms_user, device)
    wrong = f"{(int(code_from(device)) + 1) % 1_000_000:06d}"
    refused = client.post(CODES, {"code": wrong})
    assert refused.status_code == 400
    assert "This code is not right" in refused.content.decode()
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(old)

    # The app now waits after the wrong code; one of the current recovery codes works.
    made = client.post(CODES, {"code": old[0]})
    assert made.status_code == 200
    new = made.context["codes"]
    assert len(new) == 10
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)
    assert not set(new) & set(old)


def test_first_recovery_codes_need_no_code(comms_user):
    """With no recovery codes yet, making them needs no code (there is none to give)."""
    device = app_for(comms_user)
    made = verified(comms_user, device).post(CODES, {})
    assert made.status_code == 200
    assert StaticToken.objects.filter(device__user=comms_user).count() == 10


def test_removing_the_only_app_is_refused_for_comms(comms_user):
    """Comms staff need a second factor: the last one stays, with a message why."""
    device = app_for(comms_user)
    client = verified(comms_user, device)
    response = client.post(f"/account/two-factor/app/{device.pk}/remove/", follow=True)
    assert "your role needs one" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()

    second = app_for(comms_user, name="Spare")
    client.post(f"/account/two-factor/app/{second.pk}/remove/")
    assert not TOTPDevice.objects.filter(pk=second.pk).exists()


def test_an_employee_sets_up_and_removes_an_app_of_their_own_accord(employee):
    """Voluntary: set up from the page, asked at the next sign-in, and removable."""
    client = verified(employee)
    client.get("/two-factor/setup/")
    key = client.session["academy_two_factor_setup"]
    done = client.post("/two-factor/setup/", {"name": "Phone", "code": code_from(key)})
    assert done.status_code == 200
    device = TOTPDevice.objects.get(user=employee)

    again = Client()
    again.force_login(employee)
    assert again.get("/path/")["Location"].startswith("/two-factor/")

    client.post(f"/account/two-factor/app/{device.pk}/remove/")
    assert not TOTPDevice.objects.filter(user=employee).exists()
    assert not StaticToken.objects.filter(device__user=employee).exists()


def test_nobody_removes_another_persons_app(comms_user, employee):
    """Another person's device id is not found."""
    theirs = app_for(employee)
    client = verified(comms_user, app_for(comms_user))
    response = client.post(f"/account/two-factor/app/{theirs.pk}/remove/")
    assert response.status_code == 404
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()


def test_an_administrator_resets_a_persons_second_step_in_the_cms(comms_user):
    """The reset removes apps, passkeys and codes and leaves an audit entry."""
    app_for(comms_user)
    recovery_codes_for(comms_user)
    WebAuthnCredential.objects.create(
        user=comms_user, name="Key", confirmed=True, credential_id=b"x", public_key=b"y"
    )
    admin = make_user(Role.ADMIN, superuser=True, joined=False, language="en")
    client = verified(admin, app_for(admin))
    path = f"/cms/two-factor/reset/{comms_user.pk}/"
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=comms_user).exists()
    assert not WebAuthnCredential.objects.filter(user=comms_user).exists()
    assert not StaticToken.objects.filter(device__user=comms_user).exists()
    entry = ModelLogEntry.objects.get(action="academy.two_factor_reset")
    assert entry.user_id == admin.pk
    assert entry.data["person"] == comms_user.pk


def test_comms_staff_cannot_reset(comms_user):
    """Only administrators reset; the service says so too."""
    other = make_user(Role.EMPLOYEE, Role.COMMS)
    app_for(other)
    client = verified(comms_user, app_for(comms_user))
    client.post(f"/cms/two-factor/reset/{other.pk}/")
    assert TOTPDevice.objects.filter(user=other).exists()
    with pytest.raises(two_factor.TwoFactorRefused):
        two_factor.two_factor_reset(person=other, by=comms_user)
    assert not ModelLogEntry.objects.filter(action="academy.two_factor_reset").exists()


def test_the_user_list_offers_the_reset_to_administrators(comms_user):
    """Settings → Users shows "Reset second step" for each person."""
    admin = make_user(Role.ADMIN, superuser=True, joined=False, language="en")
    client = verified(admin, app_for(admin))
    page = client.get("/cms/users/").content.decode()
    assert f"/cms/two-factor/reset/{comms_user.pk}/" in page


def test_the_cms_account_page_links_to_the_two_factor_page(comms_user):
    """CMS users find their two-factor page from their CMS account too."""
    page = verified(comms_user, app_for(comms_user)).get("/cms/account/").content.decode()
    assert 'href="/account/two-factor/"' in page


def test_the_page_offers_to_link_the_organisations_sign_in_and_shows_it_linked(
    comms_user, settings
):
    """Staff accounts are linked from here, signed in; a linked connection says so instead."""
    settings.ACADEMY_SSO_PROVIDERS = [
        {"slug": "entra", "protocol": "oidc", "name": "Contoso account"},
        {"slug": "adfs", "protocol": "saml", "name": "Contoso ADFS"},
    ]
    ExternalIdentity.objects.create(
        user=comms_user, protocol="saml", connection="adfs", subject="nameid-1"
    )
    client = verified(comms_user, app_for(comms_user))
    page = client.get(MANAGE).content.decode()
    assert "Your organisation's sign-in" in page
    assert 'href="/sso/oidc/entra/login/?next=%2Faccount%2Ftwo-factor%2F"' in page
    assert "Link with Contoso account" in page
    assert "Link with Contoso ADFS" not in page
    assert "Contoso ADFS:" in page


def test_without_connections_the_page_has_no_organisation_section(comms_user):
    client = verified(comms_user, app_for(comms_user))
    assert "Your organisation" not in client.get(MANAGE).content.decode()
