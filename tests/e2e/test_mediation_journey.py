"""An employee files a mediation request; it is routed to a mediator, who is alerted, picks
it up, adds an internal note and a public answer; the employee sees only the answer, closes
the request and rates the help."""

import pytest
from playwright.sync_api import expect

from ambassadors.roles import Role
from core import provisioning
from mentors.models import Kind, MentorProfile, Ticket
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(browser, base, user, landing="/path/"):
    """Signed in through the form; employees land on their path, mentors on the desk."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}{landing}")
    return page


def test_mediation_from_request_to_rating(live_server, browser):
    provisioning.wagtail_site_ensure()  # an earlier browser test flushed the page tree
    employee = make_user(Role.EMPLOYEE, language="en")
    mediator = make_user(Role.EMPLOYEE, Role.MENTOR, language="en")
    MentorProfile.objects.create(user=mediator, handles_mediation=True, capacity=3)
    base = live_server.url

    me = _log_in(browser, base, employee)
    me.locator("nav.main-nav").get_by_role("link", name="Help").click()
    me.get_by_role("link", name="Get help now").click()
    me.get_by_label("Subject").fill("Angry comments under my post")
    me.get_by_label("Link to the discussion").fill("https://www.linkedin.example/posts/42")
    me.get_by_label("What happened?").fill("A customer accuses us of sloppy work; others join.")
    me.get_by_label("How urgent is it?").select_option("now")
    me.get_by_role("button", name="Alert a mediator").click()
    expect(me.get_by_text("Your request is in.")).to_be_visible()
    ticket = Ticket.objects.get(requester=employee)
    assert ticket.kind == Kind.MEDIATION
    assert ticket.state == Ticket.State.ASSIGNED
    assert ticket.assignee == mediator

    desk = _log_in(browser, base, mediator, "/desk/")
    desk.locator(".header-quick").get_by_role("link", name="Notifications").click()
    expect(
        desk.get_by_text("Urgent mediation request: Angry comments under my post")
    ).to_be_visible()
    desk.goto(f"{base}/desk/?view=mine")
    desk.get_by_role("link", name="Angry comments under my post").click()
    desk.get_by_role("button", name="Pick it up").click()
    desk.get_by_label("Message").fill("Customer is known to sales; checking the order first.")
    desk.get_by_label("Internal note (never shown to the employee)").check()
    desk.get_by_role("button", name="Send", exact=True).click()
    expect(desk.get_by_text("Customer is known to sales")).to_be_visible()
    desk.get_by_label("Message").fill("Please do not reply for now. I will contact the customer.")
    desk.get_by_role("button", name="Send", exact=True).click()
    expect(desk.get_by_text("Please do not reply for now.")).to_be_visible()

    me.reload()
    expect(me.get_by_text("Please do not reply for now.")).to_be_visible()
    expect(me.get_by_text("Customer is known to sales")).to_have_count(0)
    me.get_by_role("button", name="I've been helped: close this request").click()
    me.get_by_label("5").check()
    me.get_by_label("Comment (optional)").fill("Fast and calm, thank you.")
    me.get_by_role("button", name="Rate").click()
    expect(me.get_by_text("Thank you for your rating.")).to_be_visible()
    ticket.refresh_from_db()
    assert ticket.state == Ticket.State.RESOLVED
    assert ticket.rating.satisfaction == 5
    assert ticket.first_response_at is not None
    assert not ticket.response_breached
