"""The installable app in a real Chromium: the manifest is valid (Chrome's own reading of
it), the service worker registers and controls the page, a page that cannot be reached
shows the offline page, a lesson opened before is readable offline, and after signing out
the device keeps no lesson."""

import json

import pytest

from tests.factories import PASSWORD, make_user
from tests.factories.courses import build_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def english_page(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def controlled(page) -> None:
    """Wait until the service worker is active and controls this page."""
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller")


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{base}/path/")


def test_the_manifest_is_valid_for_chrome(live_server, english_page):
    """Chrome reads the manifest without errors: name, standalone display, the icons."""
    page = english_page
    page.goto(f"{live_server.url}/accounts/login/")
    cdp = page.context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"] == f"{live_server.url}/manifest.webmanifest"
    assert manifest["errors"] == []
    data = json.loads(manifest["data"])
    assert data["name"] == "Ambassador Academy"
    assert data["display"] == "standalone"
    for icon in data["icons"]:
        assert page.request.get(live_server.url + icon["src"]).status == 200
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}


def test_offline_page_and_lessons_opened_before(live_server, english_page):
    """Registered and in control; offline, an unknown page shows the offline page listing
    the lesson opened before, and that lesson reads as it did; signed out, it is gone."""
    page = english_page
    base = live_server.url
    tree = build_tree()
    learner = make_user(language="en")
    sign_in(page, base, learner.username)
    controlled(page)
    scope = page.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)")
    assert scope == f"{base}/"
    cdp = page.context.new_cdp_session(page)
    installability = cdp.send("Page.getInstallabilityErrors")
    # Playwright's contexts are incognito windows, where nothing installs; nothing else.
    errors = [error["errorId"] for error in installability["installabilityErrors"]]
    assert errors in ([], ["in-incognito"])

    page.goto(f"{base}{tree.intro.url}")
    lesson_text = page.locator("main").inner_text()
    assert "Use a recent photo." in lesson_text
    page.wait_for_function(
        "caches.open('academy-lessons').then((c) => c.keys()).then((k) => k.length === 1)"
    )

    page.context.set_offline(True)
    page.goto(f"{base}/missions/")
    assert page.get_by_role("heading", name="You are offline").is_visible()
    lessons = page.locator("[data-offline-lessons] a")
    lessons.first.wait_for()
    assert lessons.all_inner_texts() == ["Your profile"]
    assert page.locator("[data-offline-none]").is_hidden()

    page.goto(f"{base}{tree.intro.url}")
    assert "Use a recent photo." in page.locator("main").inner_text()

    # Back online: signing out makes the device forget the lesson.
    page.context.set_offline(False)
    page.goto(f"{base}/path/")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    page.wait_for_function("caches.has('academy-lessons').then((kept) => !kept)")
    page.context.set_offline(True)
    page.goto(f"{base}{tree.intro.url}")
    assert page.get_by_role("heading", name="You are offline").is_visible()
    assert "Use a recent photo." not in page.locator("main").inner_text()
