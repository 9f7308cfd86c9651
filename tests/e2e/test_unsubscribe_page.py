"""The unsubscribe link opened in a real browser on a phone: the page says what stops, its
button works without JavaScript, and afterwards it says how to switch e-mail back on."""

import pytest

from ambassadors.channels import EMAIL, Category
from ambassadors.models import Ambassador
from ambassadors.services import unsubscribe_token
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_unsubscribes_on_their_phone(live_server, browser, tmp_path):
    """390 px, JavaScript off, not signed in: GET shows, the button posts, e-mail stops."""
    user = make_user(language="en")
    token = unsubscribe_token(user_id=user.pk, category=Category.MISSIONS)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=False, locale="nl-NL"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/unsubscribe/{token}/")
    assert page.get_by_role("heading", name="Unsubscribe from these e-mails?").is_visible()
    assert "Mission offers and reminders" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert EMAIL in Ambassador.objects.get(user=user).channels_for("mission_offer")
    page.screenshot(path=str(tmp_path / "unsubscribe-390.png"), full_page=True)

    page.get_by_role("button", name="Unsubscribe").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="You are unsubscribed").is_visible()
    assert page.get_by_role("link", name="Go to your profile").is_visible()
    page.screenshot(path=str(tmp_path / "unsubscribed-390.png"), full_page=True)
    choices = Ambassador.objects.get(user=user).channel_choices
    assert choices == {Category.MISSIONS: []}
    context.close()
