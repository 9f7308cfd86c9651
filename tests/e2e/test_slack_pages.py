"""Slack's pages in a real browser: the CMS preview of a suggestion as it arrives, and the
linking page on a phone (no sideways scrolling, no serious accessibility problems).

With SLACK_SHOTS set to a folder, the screenshots for the README are written there."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import timezone
from wagtail.users.models import UserProfile

from ambassadors.models import Network
from ambassadors.roles import Role
from core import provisioning
from integrations.models import SlackAccount, SlackConnection
from sharing.models import TextVariant
from tests.e2e.test_accessibility import _axe_violations
from tests.factories import PASSWORD, make_user
from tests.factories.sharing import make_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shots(tmp_path) -> Path:
    folder = Path(os.environ.get("SLACK_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _sign_in(page, base, user):
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def _connect():
    SlackConnection.objects.create(
        pk=1,
        bot_token="xoxb-0000-0000-notarealtokenAbCd",
        signing_secret="0123456789abcdef0123456789ab9f3e",
        team_id="T0ACME",
        team_name="Acme",
        announcement_channel="C0ANNOUNCE",
        announce_pushes=True,
    )


def test_the_cms_shows_a_suggestion_as_it_arrives_in_slack(live_server, page, tmp_path):
    provisioning.wagtail_site_ensure()
    _connect()
    item = make_item(
        title="Hybrid working: what our 2026 survey found",
        summary="Three in four colleagues work from home two days a week. What it means for teams.",
        language="en",
        variants=1,
    )
    TextVariant.objects.filter(item=item, network=Network.LINKEDIN).update(
        text="Our survey on hybrid working is out: three in four of us work from home two "
        "days a week. What does your team do to stay connected?"
    )
    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="en")
    profile = UserProfile.get_for_user(comms)
    profile.preferred_language = "en"  # the CMS in English, for the README
    profile.save()
    _sign_in(page, live_server.url, comms)
    folder = _shots(tmp_path)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/cms/slack/")
        preview = page.locator(".slack-preview")
        assert "Hybrid working: what our 2026 survey found" in preview.inner_text()
        box = preview.bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= width
        # Styled from its own stylesheet (the CSP allows no inline styles).
        assert preview.evaluate("e => getComputedStyle(e).display") == "grid"
        page.screenshot(path=str(folder / f"slack-cms-{width}.png"), full_page=True)
        preview.screenshot(path=str(folder / f"slack-preview-{width}.png"))


def test_the_linking_page_reads_well_on_a_phone(live_server, page, tmp_path):
    provisioning.wagtail_site_ensure()
    _connect()
    person = make_user(language="en", user__email="ann.devries@example.org")
    SlackAccount.objects.create(
        user=person,
        slack_user_id="U0ANN",
        dm_channel="D0ANN",
        code_hash="x",
        code_expires_at=timezone.now() + dt.timedelta(minutes=15),
    )
    _sign_in(page, live_server.url, person)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/profile/slack/")
    assert page.locator("#id_code").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert _axe_violations(page) == []
    folder = _shots(tmp_path)
    page.screenshot(path=str(folder / "slack-link-390.png"), full_page=True)
    page.locator("#id_code").fill("12345")
    page.locator("form[action$='/confirm/'] button").click()
    page.wait_for_load_state()
    assert page.content().count("Enter the six digits from Slack.") == 1
    page.screenshot(path=str(folder / "slack-link-error-390.png"), full_page=True)
