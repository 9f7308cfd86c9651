"""Accept an offered mission, hand in a link and a screenshot, get asked for a change,
hand in again, get approved: see the points and the invitation to move up."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from ambassadors.models import Ambassador
from ambassadors.roles import Role
from core import provisioning
from missions.models import Assignment, GrowthRule, Mission
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


def _screenshot_file(tmp_path):
    path = tmp_path / "my-post.png"
    output = io.BytesIO()
    Image.new("RGB", (400, 240), "#dde7ee").save(output, format="PNG")
    path.write_bytes(output.getvalue())
    return path


def test_mission_from_offer_to_promotion(live_server, browser, tmp_path):
    provisioning.wagtail_site_ensure()  # an earlier browser test flushed the page tree
    GrowthRule.objects.update_or_create(
        from_stage=1,
        defaults={"approved_missions": 1, "require_courses": False, "require_guidelines": False},
    )
    employee = make_user(Role.EMPLOYEE, language="en")
    reviewer = make_user(Role.EMPLOYEE, Role.MENTOR, language="en")
    mission = Mission.objects.create(
        stage=1,
        kind=Mission.Kind.SHARE,
        title_en="Share the vacancy",
        instructions_en="<p>Share it with one personal sentence.</p>",
        points=15,
        needs_link=True,
        needs_screenshot=True,
    )
    Assignment.objects.create(mission=mission, user=employee)
    base = live_server.url

    me = _log_in(browser, base, employee)
    me.locator("nav.main-nav").get_by_role("link", name="Missions").click()
    offered = me.locator("article", has_text="Share the vacancy")
    offered.get_by_role("button", name="Accept").click()
    expect(me.get_by_role("heading", name="Hand in your evidence")).to_be_visible()
    me.get_by_label("Link to your post").fill("https://www.linkedin.example/posts/me-1")
    me.get_by_label("Screenshot").set_input_files(_screenshot_file(tmp_path))
    me.get_by_role("button", name="Hand in").click()
    expect(me.get_by_text("Thank you!")).to_be_visible()
    expect(me.get_by_alt_text("Screenshot handed in as evidence")).to_be_visible()

    mentor = _log_in(browser, base, reviewer, "/desk/")
    mentor.get_by_role("navigation", name="Work").get_by_role("link", name="Review").click()
    mentor.get_by_role("link", name="Share the vacancy").click()
    expect(mentor.get_by_alt_text("Screenshot handed in as evidence")).to_be_visible()
    mentor.get_by_label("Feedback for the ambassador").fill("Add why you like working here.")
    mentor.get_by_role("button", name="Ask for changes").click()
    expect(mentor.get_by_text("Review saved")).to_be_visible()

    me.reload()
    expect(me.get_by_text("Add why you like working here.")).to_be_visible()
    me.get_by_label("Link to your post").fill("https://www.linkedin.example/posts/me-2")
    me.get_by_label("Screenshot").set_input_files(_screenshot_file(tmp_path))
    me.get_by_role("button", name="Hand in").click()
    expect(me.get_by_text("Thank you!")).to_be_visible()

    mentor.goto(f"{base}/missions/review/")
    mentor.get_by_role("link", name="Share the vacancy").click()
    mentor.get_by_label("Feedback for the ambassador").fill("Great, thank you!")
    mentor.get_by_role("button", name="Approve").click()
    expect(mentor.get_by_text("Nothing waiting")).to_be_visible()

    me.goto(f"{base}/missions/")
    expect(me.locator(".stats .card").first).to_contain_text("15")
    me.locator("nav.main-nav").get_by_role("link", name="My path").click()
    growth = me.locator("section", has=me.get_by_role("heading", name="My path"))
    expect(growth).to_contain_text("move on to Curation")
    growth.get_by_role("button", name="Yes, move up").click()
    expect(me.get_by_text("Welcome to Curation!")).to_be_visible()
    assert Ambassador.objects.get(user=employee).stage == 2
