"""A learner takes a course in the browser: lesson, quiz, progress bar, certificate."""

import pytest

from ambassadors.roles import Role
from tests.factories import PASSWORD, make_user
from tests.factories.courses import build_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def progress(page) -> int:
    return int(page.locator("aside progress.progress").get_attribute("value"))


def test_learner_finishes_a_lesson_passes_the_quiz_and_gets_a_certificate(live_server, page):
    """Open a course, finish a lesson, pass the quiz, see the progress bar and the certificate."""
    tree = build_tree()
    learner = make_user(Role.EMPLOYEE, language="en")
    page.goto(f"{live_server.url}/accounts/login/")
    # The login page follows the browser (Dutch); after login the profile's English wins.
    page.get_by_label("E-mailadres of gebruikersnaam").fill(learner.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/path/")

    page.get_by_role("link", name="Courses", exact=True).click()
    page.get_by_role("link", name="Basics").click()
    page.get_by_role("link", name="Start the course").click()
    page.wait_for_url(f"{live_server.url}{tree.intro.url}")
    assert progress(page) == 0

    page.get_by_role("button", name="Mark as done").click()
    page.wait_for_url(f"{live_server.url}{tree.quiz_lesson.url}")
    assert progress(page) == 50

    quiz = page.locator("section.quiz")
    quiz.get_by_label("LinkedIn").check()
    quiz.get_by_label("A recent photo").check()
    quiz.get_by_label("Your employer").check()
    quiz.get_by_label("False").check()
    quiz.get_by_role("button", name="Check my answers").click()
    page.wait_for_load_state()
    assert "Passed with 100%" in page.locator(".messages").inner_text()
    assert progress(page) == 100
    assert page.locator(".question.is-correct").count() == 3

    page.locator("aside").get_by_role("link", name="View certificate").click()
    assert page.get_by_role("heading", name="Certificate").is_visible()
    assert learner.get_full_name() in page.locator(".certificate").inner_text()
    assert "Basics" in page.locator(".certificate").inner_text()
