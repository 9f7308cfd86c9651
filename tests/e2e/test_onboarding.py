"""A new employee's first share: from the sign-in form through consent and the guidelines to
the network's share page with a tracked link, in at most eight clicks (issue 19's target)."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from ambassadors.roles import Role
from core import provisioning
from guidelines.models import Acknowledgement
from sharing.models import Share
from tests.factories import PASSWORD, make_user
from tests.factories.guidelines import build_guidelines
from tests.factories.sharing import make_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MOST_CLICKS = 8


def test_a_new_employee_shares_for_the_first_time_in_eight_clicks(live_server, page, settings):
    """Invited, not joined (like the demo's Sanne): sign in, consent, acknowledge both
    guidelines in one step, pick a suggestion and open LinkedIn with the tracked link."""
    settings.SITE_URL = live_server.url
    provisioning.wagtail_site_ensure()  # an earlier browser test flushed the page tree
    guidelines = build_guidelines()
    item = make_item(title="Onze warmtepomp in het stadhuis")
    newcomer = make_user(Role.EMPLOYEE, joined=False)
    page.route("https://www.linkedin.com/**", lambda route: route.fulfill(body="LinkedIn"))
    clicks = []

    def click(locator) -> None:
        clicks.append(locator)
        locator.click()

    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(newcomer.username)
    page.locator("#id_password").fill(PASSWORD)
    click(page.locator("main button[type=submit]"))
    page.wait_for_url(re.compile(r".*/welcome/"))

    click(page.get_by_role("checkbox"))
    click(page.locator("main form button[type=submit]"))
    # Joining leads to what stands before a first share: the guidelines, one step for all.
    page.wait_for_url(re.compile(re.escape(guidelines.index.url) + r"\?next="))
    form = page.locator("form.acknowledge-all")
    boxes = form.get_by_role("checkbox")
    assert boxes.count() == 2
    for index in range(boxes.count()):
        click(boxes.nth(index))
    click(form.get_by_role("button"))
    page.wait_for_url(f"{base}/share/")
    assert Acknowledgement.objects.filter(user=newcomer).count() == 2

    click(page.locator(".feed-card a.button").first)  # the card's Share / Delen
    click(page.get_by_role("button", name=re.compile(r"^(Share on|Delen op)")))
    page.wait_for_url("https://www.linkedin.com/**")

    share = Share.objects.get(user=newcomer, item=item)
    shared = parse_qs(urlsplit(page.url).query)
    assert any(f"{base}/s/{share.code}" in value for values in shared.values() for value in values)
    assert len(clicks) <= MOST_CLICKS, f"{len(clicks)} clicks"
