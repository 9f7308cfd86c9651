"""An e-mail's HTML in a real Chromium, as a phone (390 px) and a desktop mail program
(800 px) show it: no sideways scrolling, a button big enough to tap, readable type, and
nothing that needs an image."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ambassadors import services
from ambassadors.models import Ambassador
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SUBJECT = "New suggestion: our team at the Smart Energy conference in Utrecht"
BODY = (
    "Anna from Communications thinks this fits your network.\n"
    "Share it in your own words, or start from one of the suggested texts."
)


@pytest.fixture
def email_url(db, tmp_path) -> str:
    """A suggestion's e-mail as the person gets it, written to a file (before the browser
    starts: the ORM must not run inside Playwright's loop in a non-transactional test)."""
    user = make_user(language="en", user__first_name="Sanne")
    quiet = timezone.localtime() + dt.timedelta(hours=6)
    Ambassador.objects.filter(user=user).update(
        quiet_hours_start=quiet.time().replace(second=0, microsecond=0),
        quiet_hours_end=(quiet + dt.timedelta(minutes=1)).time().replace(second=0, microsecond=0),
    )
    user = type(user).objects.get(pk=user.pk)
    services.notify(
        recipient=user,
        kind="share_suggestion",
        key="layout",
        subject=SUBJECT,
        body=BODY,
        link=reverse("ambassadors:notifications"),
    )
    assert services.outbox_sweep() == 1
    ((html, content_type),) = mail.outbox[0].alternatives
    assert content_type == "text/html"
    path = tmp_path / "email.html"
    path.write_text(html, encoding="utf-8")
    return path.as_uri()


@pytest.mark.parametrize("width", [390, 800])
def test_the_email_fits_and_its_button_is_easy_to_tap(email_url, browser, tmp_path, width):
    """Within the window at phone and desktop width; a 44 px button; 16 px body text."""
    url = email_url
    context = browser.new_context(viewport={"width": width, "height": 1200})
    page = context.new_page()
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator("img").count() == 0
    button = page.get_by_role("link", name="Open in Ambassador Academy")
    box = button.bounding_box()
    assert box["height"] >= 44
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= width
    heading = page.get_by_role("heading", name=SUBJECT)
    assert heading.is_visible()
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.email-card p:nth-of-type(2)'))"
        ".fontSize)"
    )
    assert size >= 16
    unsubscribe = page.get_by_role("link", name="Unsubscribe from these e-mails")
    assert unsubscribe.is_visible()
    page.screenshot(path=str(tmp_path / f"email-{width}.png"), full_page=True)
    context.close()
