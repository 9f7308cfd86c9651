"""Open the feed, edit the text, share (the network's page opens with text and tracked
link), follow the link, see the click in My reach; and the target of issue 19: from a
suggestion to the network's share page with text and tracked link in 2 clicks (X and
LinkedIn), and Facebook's copy step."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from ambassadors.models import SocialProfile
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
    expect(page.get_by_role("heading", name="Quiet heat pumps")).to_be_visible()
    _share_link(page, "Quiet heat pumps").click()
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


def _share_link(page, title: str):
    """The "Share" button of the feed card of `title`."""
    card = page.locator("article", has=page.get_by_role("heading", name=title))
    return card.get_by_role("link", name=re.compile(r"^Share\b"))


class Clicks:
    """Counts the clicks a person makes (typing is not a click)."""

    def __init__(self):
        self.count = 0

    def click(self, locator):
        self.count += 1
        locator.click()


def _signed_in(browser, live_server, employee, **context):
    context = browser.new_context(user_agent=DESKTOP_BROWSER, locale="en-GB", **context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(employee.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/path/")
    return context, page


@pytest.mark.parametrize(("network", "host"), [("x", "x.com"), ("linkedin", "www.linkedin.com")])
def test_from_a_suggestion_to_the_networks_page_in_two_clicks(
    live_server, browser, settings, network, host
):
    """Feed card "Share", then "Share on …": the network's page opens with the suggested text
    and the tracked link, two clicks from the suggestion."""
    settings.SITE_URL = live_server.url
    provisioning.wagtail_site_ensure()
    item = make_item(language="en", title="Quiet heat pumps")
    employee = make_user(Role.EMPLOYEE, language="en")
    SocialProfile.objects.create(ambassador=employee.ambassador, network=network, audience_size=300)
    context, page = _signed_in(browser, live_server, employee)
    page.route(f"https://{host}/**", lambda route: route.fulfill(body="The network"))
    page.goto(f"{live_server.url}/share/")
    offered = page.locator("article", has_text="Quiet heat pumps").locator("blockquote p").last
    suggested = offered.inner_text().strip()
    assert suggested

    clicks = Clicks()
    clicks.click(_share_link(page, "Quiet heat pumps"))
    expect(page.locator("[data-preview-text]")).to_have_text(suggested)
    label = "Share on X" if network == "x" else "Share on LinkedIn"
    clicks.click(page.get_by_role("button", name=label))
    page.wait_for_url(f"https://{host}/**")

    assert clicks.count == 2
    share = Share.objects.get(user=employee, item=item, network=network)
    tracked = f"{live_server.url}/s/{share.code}"
    query = parse_qs(urlsplit(page.url).query)
    if network == "x":
        assert query["text"] == [suggested]
        assert query["url"] == [tracked]
    else:
        assert query["text"] == [f"{suggested}\n\n{tracked}"]
    context.close()


def test_facebook_copies_the_text_before_its_page_opens(live_server, browser, settings):
    """Facebook takes no text: "Copy text and open Facebook" stores the share and copies the
    text; the copy step says so, and its button opens Facebook with the tracked link."""
    settings.SITE_URL = live_server.url
    provisioning.wagtail_site_ensure()
    item = make_item(language="en", title="Quiet heat pumps")
    employee = make_user(Role.EMPLOYEE, language="en")
    SocialProfile.objects.create(
        ambassador=employee.ambassador, network="facebook", audience_size=300
    )
    context, page = _signed_in(
        browser, live_server, employee, permissions=["clipboard-read", "clipboard-write"]
    )
    page.route("https://www.facebook.com/**", lambda route: route.fulfill(body="Facebook"))
    page.goto(f"{live_server.url}/share/")

    clicks = Clicks()
    clicks.click(_share_link(page, "Quiet heat pumps"))
    page.bring_to_front()  # the clipboard is for the page in front
    text = page.get_by_label("Your text for Facebook")
    text.fill("Our school got the quiet heat pump. I heard the difference myself.")
    clicks.click(page.get_by_role("button", name="Copy text and open Facebook"))
    page.wait_for_url(f"{live_server.url}/share/facebook/**")

    share = Share.objects.get(user=employee, item=item, network="facebook")
    expect(page.get_by_text("Your text is copied to your clipboard.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == share.text
    assert page.get_by_label("Your text").input_value() == share.text
    clicks.click(page.get_by_role("link", name="Open Facebook"))
    page.wait_for_url("https://www.facebook.com/**")
    assert clicks.count == 3
    assert parse_qs(urlsplit(page.url).query) == {"u": [f"{live_server.url}/s/{share.code}"]}
    context.close()


def test_the_composer_previews_counts_and_coaches_while_typing(live_server, browser, settings):
    """Typing updates the preview (as text, markup shown not run), the count with X's link
    rule, and the coach from the server; a hashtag from the item's topics adds itself."""
    from tests.factories.ambassadors import TopicFactory

    settings.SITE_URL = live_server.url
    provisioning.wagtail_site_ensure()
    topic = TopicFactory(slug="duurzaamheid", name_nl="Duurzaamheid", name_en="Sustainability")
    item = make_item(language="en", title="Quiet heat pumps", topics=[topic])
    employee = make_user(Role.EMPLOYEE, language="en")
    context, page = _signed_in(browser, live_server, employee)
    page.goto(f"{live_server.url}/share/{item.pk}/?network=x")
    advice = page.locator("[data-coach-advice]")
    expect(advice).to_contain_text("This is still the suggested text.")

    typed = "<b>I heard one running</b> at our school and could not believe how quiet it was."
    page.get_by_label("Your text for X").fill(typed)
    expect(page.locator("[data-preview-text]")).to_have_text(typed)
    assert page.locator("[data-preview-text] b").count() == 0
    expect(page.locator("#share-count")).to_have_text(
        f"{len(typed) + 24} of 280 characters (with the link)"
    )
    expect(advice).to_have_text("In your own words: that is what makes people read it.")

    page.get_by_role("button", name="#Sustainability").click()
    expect(page.get_by_label("Your text for X")).to_have_value(f"{typed} #Sustainability")
    expect(page.get_by_role("button", name="#Sustainability")).to_have_attribute(
        "aria-pressed", "true"
    )
    context.close()
