"""axe-core finds no serious or critical WCAG 2 A/AA problems on the main pages, and the
browser reports no Content-Security-Policy violation on any of them."""

import os
from pathlib import Path

import pytest

from ambassadors.roles import Role
from courses import services
from tests.factories import PASSWORD, make_user
from tests.factories.courses import build_tree
from tests.factories.guidelines import build_guidelines
from tests.factories.mentors import file_request, make_mentor
from tests.factories.missions import mission, submitted

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _axe_violations(page) -> list[dict]:
    # Evaluated through the DevTools protocol: the page's CSP (no inline scripts) stays on.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa']})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _login(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def test_main_pages_have_no_serious_accessibility_problems(live_server, page):
    """Login, consent, path, profile, erasing, notifications, catalogue, course, lesson,
    certificate."""
    if not AXE.exists():
        message = "axe-core is not installed (make test runs npm ci)."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    tree = build_tree()
    newcomer = make_user(Role.EMPLOYEE, joined=False)
    learner = make_user(Role.EMPLOYEE)
    services.lesson_mark_done(user=learner, course=tree.basics, lesson=tree.intro)
    mission(title_en="Comment on a colleague's post")
    waiting = submitted(learner)  # before the guidelines exist, so no gate stops it
    guidelines = build_guidelines()
    reviewer = make_mentor("question", "editing")
    request = file_request(learner, kind="editing", body="My first draft.")
    base = live_server.url
    problems = {}
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    page.goto(f"{base}/accounts/login/")
    problems["login"] = _axe_violations(page)
    _login(page, base, newcomer.username)
    problems["welcome"] = _axe_violations(page)
    page.context.clear_cookies()
    _login(page, base, learner.username)
    for name, path in [
        ("path", "/path/"),
        ("profile", "/profile/"),
        ("erase_account", "/profile/erase/"),
        ("notifications", "/notifications/"),
        ("catalogue", tree.index.url),
        ("course", tree.basics.url),
        ("lesson", tree.quiz_lesson.url),
        ("guidelines", guidelines.index.url),
        ("guideline", guidelines.main.url),
        ("strategy", guidelines.strategy.url),
        ("search", "/search/?q=social"),
        ("missions", "/missions/"),
        ("assignment", f"/missions/{waiting.pk}/"),
        ("leaderboard", "/missions/leaderboard/"),
        ("help", "/help/"),
        ("help_new", "/help/new/mediation/"),
        ("help_ticket", f"/help/{request.pk}/"),
    ]:
        page.goto(base + path)
        problems[name] = _axe_violations(page)
    page.context.clear_cookies()
    _login(page, base, reviewer.username)
    for name, path in [
        ("review_queue", "/missions/review/"),
        ("review", f"/missions/review/{waiting.pk}/"),
        ("desk", "/desk/"),
        ("desk_ticket", f"/desk/{request.pk}/"),
        ("desk_figures", "/desk/figures/"),
        ("desk_availability", "/desk/availability/"),
    ]:
        page.goto(base + path)
        problems[name] = _axe_violations(page)
    assert {name: found for name, found in problems.items() if found} == {}
    assert blocked == []
    assert "script-src 'self'" in page.evaluate(
        "async () => (await fetch('/path/')).headers.get('content-security-policy')"
    )
