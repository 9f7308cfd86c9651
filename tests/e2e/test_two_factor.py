"""Two-factor sign-in in a real browser: comms staff type the app's code and reach the CMS;
a passkey made and used with Chromium's virtual authenticator (WebAuthn over CDP)."""

import pytest
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from ambassadors.roles import Role
from core import provisioning
from tests.factories import PASSWORD, make_user
from tests.factories.identity import app_for, code_from

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_factor_on(settings, live_server):
    settings.ACADEMY_TWO_FACTOR_ENFORCED = True
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    provisioning.wagtail_site_ensure()
    return live_server.url


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()


def test_comms_types_the_apps_code_and_reaches_the_cms(page, two_factor_on):
    """After the password the code page comes; the CMS only opens after the right code."""
    base = two_factor_on
    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="en")
    device = app_for(comms)
    csp_errors = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security" in m.text else 0)
    sign_in(page, base, comms.username)
    page.wait_for_url(f"{base}/two-factor/?next=%2Fprogramme%2F")
    page.goto(f"{base}/cms/")
    page.wait_for_url(f"{base}/two-factor/?next=%2Fcms%2F")
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()

    page.get_by_label("Code").fill("000000" if code_from(device) != "000000" else "111111")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("This code is not right")).to_be_visible()

    page.wait_for_timeout(1100)  # django-otp's throttle: one second after one wrong code
    page.get_by_label("Code").fill(code_from(device))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(f"{base}/cms/")
    expect(page.locator("body")).to_contain_text("Ambassador Academy")
    assert csp_errors == []


def test_a_passkey_is_made_and_then_confirms_the_sign_in(page, two_factor_on):
    """Set-up offers a passkey; Chromium's virtual authenticator makes one, and at the next
    sign-in the passkey alone confirms it and the CMS opens."""
    base = two_factor_on
    admin = make_user(Role.ADMIN, superuser=True, joined=False, language="en")
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    csp_errors = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security" in m.text else 0)

    sign_in(page, base, admin.username)
    page.wait_for_url(f"{base}/two-factor/setup/?next=%2Fprogramme%2F")
    onward = page.get_by_role("link", name="Passkey added: continue to your recovery codes")
    expect(onward).to_be_hidden()  # nothing to continue to before a passkey is added
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.locator("#passkey-register-status-message")).not_to_be_empty()
    assert WebAuthnCredential.objects.filter(user=admin, confirmed=True).count() == 1
    expect(onward).to_be_visible()
    expect(onward).to_be_focused()
    page.goto(f"{base}/cms/")
    page.wait_for_url(f"{base}/cms/")

    page.context.clear_cookies()  # a new browser session: password, then the passkey
    sign_in(page, base, admin.username)
    page.wait_for_url(f"{base}/two-factor/?next=%2Fprogramme%2F")
    page.goto(f"{base}/two-factor/?next=/cms/")
    page.get_by_role("button", name="Use my passkey").click()
    page.wait_for_url(f"{base}/cms/")
    assert csp_errors == []
