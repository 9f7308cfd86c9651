"""The Teams pages in a real browser: the CMS page with its card preview at 1280 and 390 px,
and a person's linking page on a phone, without sideways scrolling. With SHOTS_DIR set, the
screenshots for the README are written there (teams-*.png)."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import timezone
from wagtail.users.models import UserProfile

from ambassadors.roles import Role
from core import provisioning
from integrations.models import TeamsAccount, TeamsConnection
from sharing.models import TextVariant
from tests.e2e.test_insights_layout import _sign_in
from tests.factories import PASSWORD, make_user
from tests.factories.sharing import make_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name: str, tmp_path: Path, selector: str | None = None) -> None:
    folder = Path(os.environ.get("SHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = page.locator(selector) if selector else page
    kwargs = {} if selector else {"full_page": True}
    target.screenshot(path=str(folder / f"teams-{name}.png"), **kwargs)


def test_cms_page_and_card_preview_read_well(live_server, page, tmp_path):
    provisioning.wagtail_site_ensure()
    TeamsConnection.objects.create(
        pk=1,
        webhook_url="https://prod-42.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=Xy12",
        announce_pushes=True,
        app_id="0a1b2c3d-1111-2222-3333-444455556666",
        app_secret="s3cr3t~value.of.the.client.secret",
        tenant_id="72f988bf-86f1-41af-91ab-2d7cd011db47",
    )
    item = make_item(
        title="Our heat pump at the Hoogeveen school: 40% less gas",
        summary="How the installation team replaced two gas boilers in one autumn holiday.",
        language="en",
        variants=0,
    )
    TextVariant.objects.filter(item=item).delete()
    TextVariant.objects.create(
        item=item,
        network="linkedin",
        text="Proud of our team: in one autumn holiday they replaced two gas boilers at a "
        "primary school in Hoogeveen with a heat pump. The children were back in a warm "
        "classroom on Monday.",
    )
    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="en")
    profile = UserProfile.get_for_user(comms)
    profile.preferred_language = "en"
    profile.save()
    _sign_in(page, live_server.url, comms)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/cms/teams/")
    assert page.locator(".teams-preview__card").is_visible()
    assert "s3cr3t" not in page.content()
    _shot(page, "cms-1280", tmp_path)
    _shot(page, "suggestion-preview", tmp_path, ".teams-preview")

    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{live_server.url}/cms/teams/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    card = page.locator(".teams-preview__card").bounding_box()
    assert card["x"] >= 0
    assert card["x"] + card["width"] <= 390
    for button in page.locator(".teams-preview__action").all():
        assert button.bounding_box()["height"] >= 44
    _shot(page, "cms-390", tmp_path)
    _shot(page, "suggestion-preview-390", tmp_path, ".teams-preview")


def test_linking_page_fits_a_phone(live_server, page, tmp_path):
    provisioning.wagtail_site_ensure()
    TeamsConnection.objects.create(
        pk=1, app_id="app", app_secret="secret-value-long", tenant_id="tenant"
    )
    person = make_user(language="en")
    TeamsAccount.objects.create(
        user=person,
        email="sam.jansen@contoso.example",
        aad_object_id="aad",
        conversation_id="a:conv",
        code_hash="x" * 64,
        code_expires_at=timezone.now() + dt.timedelta(minutes=15),
    )
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(person.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/profile/teams/")
    assert page.locator("#id_code").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for button in page.locator("main button").all():
        assert button.bounding_box()["height"] >= 44
    _shot(page, "link-390", tmp_path)
