"""An employee's first visit: log in, give consent, see the path, switch language."""

import re

import pytest
from django.core.management import call_command

from ambassadors.models import Ambassador, ParticipationEvent

# Playwright runs an event loop in this thread, so Django's connection here is not the one
# that holds the serialized test data: seed_demo provisions roles itself.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_employee_logs_in_consents_and_switches_language(live_server, page, tmp_path):
    """A demo employee joins through the consent page and reads the path in Dutch, then English."""
    call_command("seed_demo")
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_label("E-mailadres of gebruikersnaam").fill("sanne")
    page.get_by_label("Wachtwoord").fill("academy-demo")
    page.get_by_role("button", name="Inloggen").click()

    page.wait_for_url(f"{live_server.url}/welcome/")
    consent = page.get_by_role("checkbox")
    assert not Ambassador.objects.get(user__username="sanne").consented_at
    consent.check()
    page.get_by_role("button", name="Meedoen aan het programma").click()

    # The guidelines stand before a first share: joining leads there, the path is one link on.
    page.wait_for_url(re.compile(r".*/richtlijnen/\?next=%2Fshare%2F$"))
    page.locator("nav.main-nav").get_by_role("link", name="Mijn pad").click()
    page.wait_for_url(f"{live_server.url}/path/")
    assert page.get_by_role("heading", name="Mijn pad", exact=True).is_visible()
    assert page.locator('[aria-current="step"]').inner_text().startswith("1")
    assert ParticipationEvent.objects.filter(ambassador__user__username="sanne").count() == 1
    page.screenshot(path=str(tmp_path / "path-nl.png"), full_page=True)

    page.get_by_role("button", name="English").click()
    page.wait_for_url(f"{live_server.url}/path/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="My path", exact=True).is_visible()
    assert Ambassador.objects.get(user__username="sanne").language == "en"

    # The choice sticks: after logging out and in again the interface stays English.
    page.get_by_role("button", name="Log out").click()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail address or username").fill("sanne@demo.ambassador-academy.test")
    page.get_by_label("Password").fill("academy-demo")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/path/")
    assert page.get_by_role("heading", name="My path", exact=True).is_visible()
