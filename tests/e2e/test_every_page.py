"""Every main page of every role, in a real browser at 1280 and 390 px: no serious or
critical axe problem (WCAG 2.1 AA), no sideways scrolling on a phone, no Content-Security-
Policy violation, and on a phone the menu button opens the navigation (issue 19's targets).

One browser, one signed-in context per role; each page is loaded once per width.
"""

from __future__ import annotations

import os

import pytest

from ambassadors.models import Network
from ambassadors.roles import Role
from tests.factories import PASSWORD, make_user
from tests.factories.courses import build_tree, complete_basics
from tests.factories.guidelines import acknowledge, build_guidelines
from tests.factories.mentors import CannedResponseFactory, file_request, make_mentor
from tests.factories.missions import mission, submitted
from tests.factories.sharing import ShareFactory, make_item

from .test_accessibility import AXE, _axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (1280, 390)
PHONE = 390
# Pages another part of issue 19 is redesigning at the same time (their templates are theirs
# to change): only their width at 390 px is tolerated here, each with where the fix belongs.
# Drop a line once that fix is merged.


def _sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def _menu_problem(page, width: int) -> str | None:
    """On a phone the menu button opens the navigation; on a wide screen it is shown."""
    navigation = page.locator("nav.main-nav")
    if width > PHONE:
        return None if navigation.is_visible() else "navigation not shown"
    toggle = page.locator("button.nav-toggle")
    if not toggle.is_visible():
        return "no menu button"
    if navigation.is_visible():
        return "navigation shown before the menu opens"
    toggle.click()
    shown = navigation.is_visible() and navigation.get_by_role("link").first.is_visible()
    expanded = toggle.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    if not (shown and expanded):
        return "the menu button does not show the navigation"
    return None


def _check(page, base: str, path: str, *, signed_in: bool, blocked: list[str]) -> dict:
    """What is wrong with one page at both widths (empty when nothing is)."""
    found: dict[str, object] = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        blocked.clear()
        response = page.goto(base + path)
        status = response.status if response else 0
        if status >= 500:
            found[f"status {width}"] = status
            continue
        violations = _axe_violations(page)
        if violations:
            found[f"axe {width}"] = violations
        if width == PHONE:
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > PHONE:
                found["scroll width at 390"] = scroll
        if signed_in and (problem := _menu_problem(page, width)):
            found[f"menu {width}"] = problem
        if blocked:
            found[f"csp {width}"] = list(blocked)
    return found


def test_every_main_page_of_every_role_reads_well_at_1280_and_390(live_server, browser):
    """Anonymous visitor, newcomer, employee, mentor and comms staff: every main page."""
    if not AXE.exists():
        message = "axe-core is not installed (make test runs npm ci)."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    tree = build_tree()
    newcomer = make_user(Role.EMPLOYEE, joined=False)
    employee = make_user(Role.EMPLOYEE, leaderboard_visible=True)
    certificate = complete_basics(employee, tree)
    mission(title_en="Comment on a colleague's post")
    waiting = submitted(employee)  # before the guidelines exist, so no gate stops it
    guidelines = build_guidelines()
    acknowledge(employee, guidelines.main)
    item = make_item(title="Onze warmtepomp in het stadhuis")
    make_item(title="Een tweede verhaal om te delen")
    on_instagram = ShareFactory(user=employee, item=item, network=Network.INSTAGRAM)
    mentor = make_mentor("question", "editing", "mediation", lead=True)
    CannedResponseFactory()
    request = file_request(employee, kind="editing", body="My first draft.")
    comms = make_user(Role.EMPLOYEE, Role.COMMS)

    pages_by_role: dict[str, tuple[object | None, list[tuple[str, str]]]] = {
        "visitor": (
            None,
            [
                ("start", "/"),
                ("login", "/accounts/login/"),
                ("password reset", "/accounts/password/reset/"),
                ("not found", "/no-such-page/"),
            ],
        ),
        "newcomer": (newcomer, [("welcome", "/welcome/")]),
        "employee": (
            employee,
            [
                ("path", "/path/"),
                ("feed", "/share/"),
                ("composer", f"/share/{item.pk}/"),
                ("instagram", f"/share/instagram/{on_instagram.code}/"),
                ("reach", "/share/reach/"),
                ("propose", "/share/propose/"),
                ("my post", "/share/my-post/"),
                ("missions", "/missions/"),
                ("assignment", f"/missions/{waiting.pk}/"),
                ("leaderboard", "/missions/leaderboard/"),
                ("catalogue", tree.index.url),
                ("course", tree.basics.url),
                ("lesson", tree.quiz_lesson.url),
                ("certificate", f"/certificates/{certificate.certificate_code}/"),
                ("guidelines", guidelines.index.url),
                ("guideline", guidelines.privacy.url),
                ("strategy", guidelines.strategy.url),
                ("search", "/search/?q=social"),
                ("help", "/help/"),
                ("help new", "/help/new/mediation/"),
                ("help request", f"/help/{request.pk}/"),
                ("notifications", "/notifications/"),
                ("profile", "/profile/"),
                ("devices", "/profile/devices/"),
                ("offline", "/offline/"),
                ("erase", "/profile/erase/"),
                ("two-factor", "/account/two-factor/"),
                ("password change", "/accounts/password/change/"),
            ],
        ),
        "mentor": (
            mentor,
            [
                ("home", "/"),
                ("desk", "/desk/"),
                ("desk request", f"/desk/{request.pk}/"),
                ("figures", "/desk/figures/"),
                ("canned", "/desk/canned/"),
                ("availability", "/desk/availability/"),
                ("quizzes", "/desk/quizzes/"),
                ("review queue", "/missions/review/"),
                ("review", f"/missions/review/{waiting.pk}/"),
            ],
        ),
        "comms": (
            comms,
            [
                # "/" is the comms home: the programme overview where it exists.
                ("home", "/"),
                ("insights", "/insights/"),
                ("review queue", "/missions/review/"),
            ],
        ),
    }
    base = live_server.url
    problems: dict[str, dict] = {}
    for role, (user, pages) in pages_by_role.items():
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        blocked: list[str] = []
        page.on(
            "console",
            lambda message, blocked=blocked: (
                blocked.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        if user is not None:
            _sign_in(page, base, user.username)
        for name, path in pages:
            found = _check(page, base, path, signed_in=user is not None, blocked=blocked)
            if found:
                problems[f"{role}: {name} ({path})"] = found
        context.close()
    assert problems == {}
