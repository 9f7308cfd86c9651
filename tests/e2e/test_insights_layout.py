"""The insights page reads well in a real browser: chart labels of at least 12 px as drawn,
no sideways scrolling on a phone, and no panel standing half empty beside a tall one."""

import datetime as dt

import pytest
from django.utils import timezone

from ambassadors.models import Department
from ambassadors.roles import Role
from core import provisioning
from insights import rollups
from sharing.models import Click, Share
from tests.e2e.test_accessibility import AXE, _axe_violations
from tests.factories import PASSWORD, make_user
from tests.factories.sharing import make_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Per chart label: its font size as drawn (the SVG scales with its box) and its box height.
LABEL_SIZES = """() => [...document.querySelectorAll('svg.chart')]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .flatMap(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('text')].map(text => ({
      text: text.textContent,
      size: parseFloat(getComputedStyle(text).fontSize) * scale,
      height: text.getBoundingClientRect().height,
    }));
  })"""

# Per row of panels side by side: each panel's height with its own content (not stretched).
ROW_HEIGHTS = """() => [...document.querySelectorAll('.insight-row')]
  .filter(row => row.children.length > 1)
  .map(row => {
    row.style.alignItems = 'start';
    const heights = [...row.children].map(panel => panel.getBoundingClientRect().height);
    const titles = [...row.children].map(panel => panel.querySelector('h2').textContent);
    row.style.alignItems = '';
    return {titles, heights};
  })"""


def _data():
    provisioning.wagtail_site_ensure()
    sales = Department.objects.create(name="Sales")
    people = [make_user(Role.EMPLOYEE, department=sales) for _ in range(8)]
    today = timezone.localdate()
    for number, person in enumerate(people):
        for week in range(6):
            share = Share.objects.create(
                user=person, item=make_item(), network="linkedin", text="t"
            )
            for visitor in range(number + week):
                Click.objects.create(
                    share=share, day=today - dt.timedelta(days=7 * week), visitor=f"v{visitor}"
                )
    rollups.rollup_range(today - dt.timedelta(days=60), today)
    rollups.snapshot_funnel(today)


def _sign_in(page, base, user):
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/programme/")  # where comms staff start


def test_insights_read_well_on_a_phone_and_on_a_wide_screen(live_server, page):
    _data()
    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="en")
    _sign_in(page, live_server.url, comms)

    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{live_server.url}/insights/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    labels = page.evaluate(LABEL_SIZES)
    assert len(labels) > 10
    small = [label for label in labels if label["size"] < 12 or label["height"] < 12]
    assert small == []
    # The filters fit the phone: every control is a full target and inside the screen.
    for box in page.locator(".insight-filters select, .insight-filters button").all():
        bounds = box.bounding_box()
        assert bounds["height"] >= 44
        assert bounds["x"] >= 0
        assert bounds["x"] + bounds["width"] <= 390

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/insights/")
    labels = page.evaluate(LABEL_SIZES)
    assert len(labels) > 10
    assert [label for label in labels if label["size"] < 12] == []
    rows = page.evaluate(ROW_HEIGHTS)
    assert rows, "some panels stand side by side at 1280 px"
    for row in rows:
        assert min(row["heights"]) >= 0.5 * max(row["heights"]), row
    if AXE.exists():
        assert _axe_violations(page) == []
