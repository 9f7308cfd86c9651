"""Signing in with the organisation's account in Chromium: the site's button, the provider's
own login form (a real django-oauth-toolkit process), and back to the consent page."""

import pytest

from ambassadors.models import Ambassador
from core import provisioning
from identity.models import ExternalIdentity
from tests.oidc_provider.config import PEOPLE, connection, provider_clients
from tests.oidc_provider.process import running_provider
from tests.oidc_provider.serve import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_new_person_signs_in_through_the_organisation_and_lands_on_consent(
    live_server, page, settings, tmp_path
):
    provisioning.roles_sync()  # the flush before this test took the roles with it
    callback = f"{live_server.url}/sso/oidc/test/callback/"
    with running_provider(
        tmp_path / "provider", clients=provider_clients(callback), people=PEOPLE
    ) as provider:
        settings.ACADEMY_SSO_PROVIDERS = [connection(provider.issuer)]
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_role("link", name="Inloggen met Test Organisation").click()

        page.wait_for_url(f"{provider.issuer.removesuffix('/o')}/accounts/login/**")
        page.get_by_label("Username").fill("bram")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()

        page.wait_for_url(f"{live_server.url}/welcome/")
    assert page.locator("html").get_attribute("lang") == "nl"
    ambassador = Ambassador.objects.get(user__email="bram@example.org")
    assert ambassador.status == Ambassador.Status.INVITED
    assert ExternalIdentity.objects.get().user_id == ambassador.user_id
    page.screenshot(path=str(tmp_path / "welcome-after-sso.png"), full_page=True)
