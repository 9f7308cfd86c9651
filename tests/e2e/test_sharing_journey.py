"""Open the feed, edit the text, share (the network's page opens with text and tracked
link), follow the link, see the click in My reach."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from ambassadors.roles import Role
from core import provisioning
from sharing.models import Share
from tests.factories import PASSWORD, make_user
from tests.factories.sharing import make_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP_BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0 Safari/537.36"
)


def test_share_and_see_the_click(live_server, browser, settings):
    """The whole sharing loop in a real browser; outside sites are answered locally."""
    settings.SITE_URL = live_server.url
    provisioning.wagtail_site_ensure()  # an earlier browser test flushed the page tree
    # The article is on a public site (a tracked link never leads to an internal address);
    # the browser's requests to it are answered by the test.
    article = "https://news.example.org/heat-pumps"
    item = make_item(language="en", title="Quiet heat pumps", url=f"{article}?article=1")
    employee = make_user(Role.EMPLOYEE, language="en")
    context = browser.new_context(user_agent=DESKTOP_BROWSER, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    # No internet here: LinkedIn answers from the test itself.
    page.route("https://www.linkedin.com/**", lambda route: route.fulfill(body="LinkedIn"))
    page.route(f"{article}**", lambda route: route.fulfill(body="Quiet heat pumps"))

    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(employee.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/path/")

    page.locator("nav.main-nav").get_by_role("link", name="Share").click()
    assert page.get_by_role("heading", name="Quiet heat pumps").is_visible()
    page.get_by_role("link", name="Share…").click()
    text = page.get_by_label("Your text for LinkedIn")
    assert text.input_value().startswith("Variant")
    text.fill("In my own words: these heat pumps are really quiet.")
    expect(page.locator("#share-count")).to_contain_text("characters (with the link)")
    page.get_by_role("button", name="Share on LinkedIn").click()
    page.wait_for_url("https://www.linkedin.com/**")

    share = Share.objects.get(user=employee, item=item)
    assert share.edited is True
    shared_text = parse_qs(urlsplit(page.url).query)["text"][0]
    assert "In my own words: these heat pumps are really quiet." in shared_text
    assert f"{base}/s/{share.code}" in shared_text

    # The tracked link sends the visitor to the stored article (Playwright answers a redirect's
    # target only when it is opened by itself, so the browser follows it in two steps).
    redirect = page.request.get(f"{base}/s/{share.code}", max_redirects=0)
    assert redirect.status == 302
    target = redirect.headers["location"]
    assert target.startswith(f"{article}?article=1")
    assert "utm_medium=employee-advocacy" in target
    page.goto(target)
    expect(page.locator("body")).to_have_text("Quiet heat pumps")

    page.goto(f"{base}/share/reach/")
    row = page.locator("tbody tr").first.inner_text()
    assert "Quiet heat pumps" in row
    assert row.split("\t")[3].strip() == "1"
    context.close()
