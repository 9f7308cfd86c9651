"""The texts-and-figures page in a real browser: on a phone (390 px) nothing scrolls
sideways and every row reads as a card with its labels."""

import pytest

from ambassadors.roles import Role
from core import provisioning
from sharing.models import ClickDay, Share
from tests.e2e.test_insights_layout import _sign_in
from tests.factories import make_user
from tests.factories.sharing import make_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_figures_page_fits_a_phone(live_server, page):
    provisioning.wagtail_site_ensure()
    item = make_item(variants=3, language="en")
    good, poor, _unshared = item.variants.filter(network="linkedin").order_by("sort_order", "pk")
    for variant, reached in ((good, 9), (poor, 1)):
        for n in range(10):
            share = Share.objects.create(
                user=make_user(Role.EMPLOYEE),
                item=item,
                network="linkedin",
                variant=variant,
                text=variant.text,
                rewritten=10 * n,
            )
            if n < reached:
                ClickDay.objects.create(share=share, day="2026-10-01", clicks=4, visitors=2)
    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="en")
    _sign_in(page, live_server.url, comms)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{live_server.url}/cms/sharing/items/{item.pk}/texts/")
    assert page.locator(".variant-figures__range").count() == 3  # two texts and the total
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
