"""A person answers a refresher on a phone: the card on the path, a wrong answer, the link to
the guideline section, no sideways scrolling at 390 px, all by keyboard."""

import os
import shutil

import pytest

from ambassadors.roles import Role
from tests.factories import PASSWORD, make_user
from tests.factories.guidelines import acknowledge, build_guidelines
from tests.factories.refreshers import made_due, make_question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_refresher_answered_wrongly_on_a_phone_links_to_the_section(
    live_server, browser, tmp_path
):
    guidelines = build_guidelines()
    person = make_user(Role.EMPLOYEE, language="en")
    question = make_question(guidelines.main, language="en")
    acknowledge(person, guidelines.main)
    made_due(person)

    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=username]").fill(person.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(f"{live_server.url}/path/")

    card = page.locator("section.refresher-panel")
    assert "Do you say that you work here" in card.inner_text()
    card.get_by_label("Only when asked").focus()
    page.keyboard.press("Space")
    card.get_by_role("button").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/refreshers/")

    result = page.locator("section.refresher-result")
    assert "Say it in your profile or in the post." in result.inner_text()
    link = result.get_by_role("link", name="Heated discussions")
    assert link.get_attribute("href").endswith(f"#section-{question.section_id}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / "refreshers-390.png"), full_page=True)
    shots = os.environ.get("SHOTS_DIR")
    if shots:
        shutil.copy(tmp_path / "refreshers-390.png", os.path.join(shots, "refreshers-390.png"))
    link.click()
    page.wait_for_url(f"**{guidelines.main.url}#section-{question.section_id}")
    context.close()
