"""The insights dashboard in a real browser: its charts render, their tables open, a CSV
downloads, and axe-core finds no serious accessibility problem."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ambassadors.models import Department
from ambassadors.roles import Role
from core import provisioning
from insights import rollups
from sharing.models import Click, Share
from tests.e2e.test_accessibility import AXE, _axe_violations
from tests.factories import PASSWORD, make_user
from tests.factories.sharing import make_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboard_renders_its_charts(live_server, page):
    provisioning.wagtail_site_ensure()
    sales = Department.objects.create(name="Sales")
    people = [make_user(Role.EMPLOYEE, department=sales) for _ in range(6)]
    for number, person in enumerate(people):
        share = Share.objects.create(user=person, item=make_item(), network="linkedin", text="t")
        for visitor in range(number + 1):
            Click.objects.create(share=share, day=timezone.localdate(), visitor=f"v{visitor}")
    rollups.rollup_range(timezone.localdate() - dt.timedelta(days=7), timezone.localdate())
    rollups.snapshot_funnel(timezone.localdate())
    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="en")
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(comms.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/programme/")  # comms staff start on the programme overview

    page.get_by_role("navigation", name="Work").get_by_role("link", name="Insights").click()
    expect(page.get_by_role("heading", name="Insights", level=1)).to_be_visible()
    charts = page.locator("svg.chart")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 3
    assert page.locator("svg.chart polyline").count() >= 1
    assert page.locator("svg.chart rect").count() >= 3
    sharing = page.locator("section", has=page.get_by_role("heading", name="Sharing per network"))
    sharing.get_by_text("Table").click()
    expect(sharing.get_by_role("rowheader", name="LinkedIn")).to_be_visible()
    with page.expect_download() as download:
        sharing.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.startswith("insights-sharing-")
    if AXE.exists():
        assert _axe_violations(page) == []
