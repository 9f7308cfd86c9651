"""An employee acknowledges the guidelines; comms publish a major change; the employee is
asked again, sees what changed and acknowledges the new version."""

import pytest

from ambassadors.roles import Role
from guidelines.models import GuidelinePage
from tests.factories import PASSWORD, make_user
from tests.factories.guidelines import build_guidelines, major_change

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_acknowledge_major_change_and_acknowledge_again(live_server, page):
    """Acknowledge, get asked again after a major change, read the changes, acknowledge."""
    guidelines = build_guidelines()
    employee = make_user(Role.EMPLOYEE, language="en")
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(employee.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/path/")
    assert page.locator("#guidelines-heading").is_visible()

    for guideline in (guidelines.main, guidelines.privacy):
        page.goto(base + guideline.url)
        page.get_by_label("I have read this guideline and will follow it.").check()
        page.get_by_role("button", name="Acknowledge").click()
        page.wait_for_load_state()
    page.goto(f"{base}/path/")
    assert "You are up to date with the guidelines." in page.locator("main").inner_text()

    # Comms staff publish a major change (through Wagtail's publish, as the editor does).
    major_change(guidelines.main, "Never post a customer's site without written consent")

    page.goto(f"{base}/path/")
    assert page.locator(".badge").inner_text().strip() != ""
    page.locator(".header-quick").get_by_role("link", name="Notifications").click()
    page.get_by_role("button", name="Open").first.click()
    page.wait_for_url(f"{base}{guidelines.main.url}changes/")
    assert (
        "Never post a customer's site without written consent"
        in page.locator(".diff").last.inner_text()
    )
    page.get_by_role("link", name="Read and acknowledge the new version").click()
    page.get_by_label("I have read this guideline and will follow it.").check()
    page.get_by_role("button", name="Acknowledge").click()
    page.wait_for_load_state()
    page.goto(f"{base}/path/")
    assert "You are up to date with the guidelines." in page.locator("main").inner_text()
    assert GuidelinePage.objects.get(pk=guidelines.main.pk).version == 2
