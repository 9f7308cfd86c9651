"""What the two-factor pages show: the QR code to scan, only the header a person who still
owes the step can use, and one next step per page (templates/identity/)."""

import re
from base64 import b32encode
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest
import segno
from django.conf import settings
from django.test import Client

from ambassadors.roles import Role
from identity import two_factor
from tests.factories import PASSWORD, make_user
from tests.factories.identity import app_for, code_from

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_enforced")]

SETUP = "/two-factor/setup/"
VERIFY = "/two-factor/"
MANAGE = "/account/two-factor/"


def signed_in(user, language="en") -> Client:
    """A browser that typed the right password on the site's login page."""
    client = Client(headers={"accept-language": language})
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


def verified(user, language="en") -> Client:
    """A browser past the second step with a new app."""
    device = app_for(user)
    client = signed_in(user, language)
    assert client.post(VERIFY, {"code": code_from(device)}).status_code == 302
    return client


def _svg(page: str) -> str:
    match = re.search(r"<svg .*?</svg>", page, re.DOTALL)
    assert match, "no inline SVG on the page"
    return match.group(0)


@pytest.fixture
def admin_user(db):
    return make_user(Role.ADMIN, superuser=True, joined=False, language="en")


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "QR code to add this site to your authenticator app"),
        ("nl", "QR-code om deze site aan je authenticator-app toe te voegen"),
    ],
)
def test_the_setup_page_shows_a_qr_code_of_the_setup_link(language, label):
    """The QR code is segno's drawing of this person's otpauth:// link, labelled in their
    language; the key stays below it in groups of four."""
    admin_user = make_user(Role.ADMIN, superuser=True, joined=False, language=language)
    client = signed_in(admin_user, language)
    response = client.get(SETUP)
    page = response.content.decode()
    key = client.session["academy_two_factor_setup"]
    config_url = two_factor.totp_config_url(user=admin_user, key=key)
    svg = _svg(page)
    assert svg == two_factor.totp_qr_code_svg(config_url=config_url, label=label)
    assert svg == segno.make(config_url, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", title=label, svgclass="qr-code"
    ).replace("<svg ", '<svg role="img" ', 1)
    assert f"<title>{label}</title>" in svg
    assert 'role="img"' in svg
    # The link in the code carries this person's key and the site as issuer.
    query = parse_qs(urlparse(unescape(config_url)).query)
    assert query["secret"] == [b32encode(bytes.fromhex(key)).decode()]
    assert query["issuer"] == [settings.OTP_TOTP_ISSUER]
    assert two_factor.totp_secret_for_typing(key) in page
    assert page.index(svg) < page.index(two_factor.totp_secret_for_typing(key))


def test_another_key_gives_another_qr_code(admin_user):
    first = _svg(signed_in(admin_user).get(SETUP).content.decode())
    second = _svg(signed_in(admin_user).get(SETUP).content.decode())
    assert first != second  # each sign-in gets a new setup key, and its own code


def test_the_qr_code_label_is_escaped():
    svg = two_factor.totp_qr_code_svg(config_url="otpauth://totp/x", label='<b>"&</b>')
    assert "<b>" not in svg
    assert "&lt;b&gt;" in svg


def test_someone_owing_the_step_sees_no_menu_only_logo_language_and_log_out(admin_user):
    page = signed_in(admin_user).get(SETUP).content.decode()
    assert 'href="/path/"' not in page  # "My path"
    assert 'href="/profile/"' not in page
    assert 'class="staff-bar"' not in page
    assert 'class="brand"' in page
    assert 'action="/accounts/logout/"' in page
    assert 'class="language-switcher"' in page


def test_the_code_page_shows_no_menu_either():
    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="en")
    app_for(comms)
    page = signed_in(comms).get(VERIFY).content.decode()
    assert 'href="/profile/"' not in page
    assert 'class="staff-bar"' not in page
    assert 'action="/accounts/logout/"' in page


def test_after_the_step_the_menu_is_back_on_the_setup_page():
    """Adding a second app later (from the two-factor page): the whole site is reachable."""
    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="en")
    client = verified(comms)
    page = client.get(SETUP).content.decode()
    assert 'href="/profile/"' in page
    assert 'class="staff-bar"' in page


def test_the_first_setup_offers_no_link_onward_before_a_passkey_is_added(admin_user):
    """The way on after a passkey shows only once it is added (static/js/passkey-register.js)."""
    page = signed_in(admin_user).get(SETUP).content.decode()
    assert "Done? See your two-factor settings." not in page
    done = re.search(r'<p id="passkey-register-done" hidden>.*?</p>', page, re.DOTALL)
    assert done
    assert f'href="{MANAGE}#codes-heading"' in done.group(0)
    assert page.count("<h2") == 2  # "With an authenticator app", "With a passkey"
    assert "js/passkey-register.js" in page


def test_the_two_factor_page_has_one_heading_for_passkeys_and_no_link_to_itself():
    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="nl")
    page = verified(comms, "nl").get(MANAGE).content.decode()
    assert page.count(">Passkeys</h2>") == 1
    assert "Met een passkey" not in page
    assert f'href="{MANAGE}' not in page
    assert "passkey-register-done" not in page
