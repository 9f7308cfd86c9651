"""Role-aware homes in a real browser, with the issue's click targets counted (clicks after
signing in; filling a field is not a click):
- a mentor takes an urgent mediation and sends a first reply: at most 3 clicks;
- comms staff push an item to a segment and see its progress: at most 5 clicks, starting
  from the programme overview they land on."""

import re

import pytest
from playwright.sync_api import expect

from ambassadors.roles import Role
from core import provisioning
from mentors.models import Kind, Ticket
from sharing.models import Push
from tests.e2e.test_accessibility import AXE, _axe_violations
from tests.factories import PASSWORD, make_user
from tests.factories.mentors import file_request, make_mentor
from tests.factories.sharing import make_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Clicks:
    """Clicks the test makes, counted."""

    def __init__(self):
        self.count = 0

    def __call__(self, locator):
        self.count += 1
        locator.click()


def _sign_in(browser, base, user, landing, width=1280):
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}{landing}")
    return page


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_mentor_takes_urgent_mediation_and_replies_in_three_clicks(live_server, browser):
    provisioning.wagtail_site_ensure()  # an earlier browser test flushed the page tree
    make_mentor(Kind.MEDIATION)  # the request is routed to this one, who is not around
    mediator = make_mentor(Kind.MEDIATION)
    questions = make_mentor(Kind.QUESTION)
    ticket = file_request(kind=Kind.MEDIATION, subject="Angry comments under my post")
    base = live_server.url
    click = Clicks()

    desk = _sign_in(browser, base, mediator, "/desk/")
    banner = desk.locator(".urgent-banner")
    expect(banner).to_contain_text("Angry comments under my post")
    urgent = desk.locator(".desk-urgent")
    expect(urgent).to_contain_text("Angry comments under my post")  # above every queue
    click(banner.get_by_role("button", name=re.compile("^Take it")))
    desk.wait_for_url(re.compile(rf"/desk/{ticket.pk}/"))
    expect(desk.get_by_label("Message")).to_be_focused()
    desk.keyboard.type("I am on it. Please do not reply for now; I will contact them.")
    click(desk.get_by_role("button", name="Send", exact=True))
    expect(desk.get_by_text("I am on it. Please do not reply for now")).to_be_visible()
    expect(desk.locator(".urgent-banner")).to_have_count(0)  # gone once taken
    assert click.count <= 3
    ticket.refresh_from_db()
    assert ticket.assignee == mediator
    assert ticket.first_response_at is not None

    # A mentor who does not handle mediation never sees the banner.
    other = _sign_in(browser, base, questions, "/desk/")
    expect(other.locator(".urgent-banner")).to_have_count(0)


def test_the_desk_reads_at_390_px_with_the_banner(live_server, browser):
    provisioning.wagtail_site_ensure()
    mediator = make_mentor(Kind.MEDIATION)
    for n in range(3):
        file_request(kind=Kind.QUESTION, subject=f"A question about posting number {n}")
    file_request(kind=Kind.MEDIATION, subject="Heated thread under our vacancy post")
    page = _sign_in(browser, live_server.url, mediator, "/desk/", width=390)
    take = page.locator(".urgent-banner").get_by_role("button", name=re.compile("^Take it"))
    box = take.bounding_box()
    assert box["height"] >= 44
    _no_sideways_scroll(page)
    page.goto(f"{live_server.url}/desk/?view=all")
    _no_sideways_scroll(page)
    if AXE.exists():
        assert _axe_violations(page) == []
    assert Ticket.objects.filter(kind=Kind.MEDIATION, assignee=mediator).exists()


def test_comms_push_an_item_to_a_segment_and_see_its_progress_in_five_clicks(live_server, browser):
    provisioning.wagtail_site_ensure()
    provisioning.roles_sync()  # the flush before this test took the roles' permissions
    item = make_item(title="Our new heat pump range", language="en")
    for _ in range(5):  # five and more: the push page shows counts under five as "fewer than 5"
        make_user(Role.EMPLOYEE, language="en")
    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="en")
    base = live_server.url
    click = Clicks()

    page = _sign_in(browser, base, comms, "/programme/")
    expect(page.get_by_role("heading", name="Programme overview", level=1)).to_be_visible()
    ready = page.locator("section", has=page.get_by_role("heading", name="Ready to push"))
    click(ready.get_by_role("link", name=re.compile(r"^Push\W+Our new heat pump range")))
    page.wait_for_url(re.compile(rf"/cms/sharing/push/{item.pk}/"))
    # The CMS speaks its own (default, Dutch) language: fields by their ids.
    page.locator("#id_stage").select_option("1")  # the segment: stage 1 (filling, no click)
    click(page.locator("main form button[type=submit]:not([name=preview])"))  # not the preview
    page.wait_for_url(re.compile(r"/cms/sharing/pushes/\d+/"))
    push = Push.objects.get(item=item)
    progress = page.locator("table.listing tbody td").first  # planned, delivered, opened, shared
    expect(progress).to_have_text(str(push.planned))
    assert push.planned == 6  # the five employees and comms staff, who take part too
    assert click.count <= 5

    # Back on the overview, the push shows with its progress.
    page.goto(f"{base}/programme/")
    pushes = page.locator("section", has=page.get_by_role("heading", name="Pushes this week"))
    expect(pushes).to_contain_text("Our new heat pump range")


def test_the_overview_reads_at_390_px(live_server, browser):
    provisioning.wagtail_site_ensure()
    provisioning.roles_sync()
    make_item(title="A long title of an item that wraps on a small phone screen")
    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="nl")
    page = _sign_in(browser, live_server.url, comms, "/programme/", width=390)
    expect(page.get_by_role("heading", name="Programma-overzicht", level=1)).to_be_visible()
    _no_sideways_scroll(page)
    for button in page.locator("main .button").all():
        box = button.bounding_box()
        if box:
            assert box["height"] >= 44, button.inner_text()
    if AXE.exists():
        assert _axe_violations(page) == []
