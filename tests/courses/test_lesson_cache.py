"""The lesson page: the course's outline and the rendered lesson are kept for everyone until
comms staff publish, the learner's progress per person until they write; every change shows
on the very next page, in a fixed, small number of queries."""

import pytest

from ambassadors.roles import Role
from courses import services
from courses.blocks import LessonStreamBlock
from tests.factories import make_user
from tests.factories.courses import add_course, add_lesson, build_tree, pass_quiz, quiz_answers
from tests.factories.pages import publish
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

# Warm: the session, the person with their profile, and Wagtail's own serving (the site, the
# locale, the catalogue's page and its specific type).
LESSON_QUERIES = 6


@pytest.fixture
def learner(db):
    return make_user(Role.EMPLOYEE, language="en")


def page(client, lesson) -> str:
    response = client.get(lesson.url)
    assert response.status_code == 200
    return response.content.decode()


def test_query_count_is_small_and_does_not_grow(client_for):
    """Warm, the same queries for a short course and a learner with no progress, and for a
    course ten times longer and a learner with progress everywhere."""
    tree = build_tree()
    small_learner, large_learner = make_user(Role.EMPLOYEE), make_user(Role.EMPLOYEE)
    # The first view starts the course (a write): counted from the views after it.
    small_client, large_client = client_for(small_learner), client_for(large_learner)
    small_client.get(tree.intro.url)
    small = page_queries(small_client, tree.intro.url)
    for number in range(30):
        lesson = add_lesson(tree.basics, f"More {number}", [("text", "<p>More.</p>")])
        services.lesson_mark_done(user=large_learner, course=tree.basics, lesson=lesson)
    pass_quiz(large_learner, tree.basics, tree.quiz_lesson)
    large_client.get(tree.intro.url)
    large = page_queries(large_client, tree.intro.url)
    assert small == large == LESSON_QUERIES


def test_opening_a_lesson_twice_writes_once(client_for, learner):
    """The place to resume is written when it changes, not on every view."""
    tree = build_tree()
    client = client_for(learner)
    page(client, tree.intro)
    enrolment = learner.course_enrolments.get()
    assert enrolment.last_lesson_key == tree.intro.translation_key
    seen = enrolment.last_seen_at
    page(client, tree.intro)
    assert learner.course_enrolments.get().last_seen_at == seen
    page(client, tree.quiz_lesson)
    assert learner.course_enrolments.get().last_lesson_key == tree.quiz_lesson.translation_key


def test_marking_done_shows_on_the_next_page(client_for, learner):
    tree = build_tree()
    client = client_for(learner)
    assert "You finished this lesson." not in page(client, tree.intro)
    client.post(tree.intro.url, {"action": "done"})
    shown = page(client, tree.intro)
    assert "You finished this lesson." in shown
    assert "50% done" in shown  # one of the course's two lessons


def test_a_quiz_attempt_shows_on_the_next_page(client_for, learner):
    tree = build_tree()
    client = client_for(learner)
    assert "your last score" not in page(client, tree.quiz_lesson)
    client.post(tree.quiz_lesson.url, quiz_answers(tree.quiz_lesson, right=False) | {"attempt": 1})
    assert "Not passed yet — your last score: 0%." in page(client, tree.quiz_lesson)
    client.post(tree.quiz_lesson.url, quiz_answers(tree.quiz_lesson) | {"attempt": 2})
    assert "Passed — your last score: 100%." in page(client, tree.quiz_lesson)


def test_completing_a_prerequisite_elsewhere_unlocks_the_next_course(client_for, learner):
    tree = build_tree()
    client = client_for(learner)
    assert client.get(tree.stage1_lesson.url).status_code == 403
    services.lesson_mark_done(user=learner, course=tree.basics, lesson=tree.intro)
    pass_quiz(learner, tree.basics, tree.quiz_lesson)
    assert client.get(tree.stage1_lesson.url).status_code == 200


def test_a_published_edit_shows_on_the_next_page(client_for, learner):
    tree = build_tree()
    client = client_for(learner)
    assert "Use a recent photo." in page(client, tree.intro)
    lesson = tree.intro
    lesson.body = LessonStreamBlock().to_python(
        [{"type": "text", "value": "<p>Use a friendly photo.</p>"}]
    )
    lesson.title = "Your profile, renewed"
    publish(lesson)
    shown = page(client, lesson)
    assert "Use a friendly photo." in shown
    assert "Use a recent photo." not in shown
    assert "Your profile, renewed" in page(client, tree.quiz_lesson)  # in the course's list


def test_a_new_lesson_shows_in_the_list_on_the_next_page(client_for, learner):
    tree = build_tree()
    client = client_for(learner)
    assert "Bonus round" not in page(client, tree.intro)
    bonus = add_lesson(tree.basics, "Bonus round", [("text", "<p>Extra.</p>")])
    shown = page(client, tree.intro)
    assert f'href="{bonus.url}" >Bonus round</a>' in shown
    assert "Lesson 1 of 3" in shown


def test_an_unpublished_lesson_is_not_found_on_the_next_view(client_for, learner):
    tree = build_tree()
    client = client_for(learner)
    page(client, tree.intro)
    tree.intro.unpublish()
    assert client.get(tree.intro.url).status_code == 404


def test_an_unknown_address_stores_nothing(client_for, learner):
    """Routing keeps the addresses of live lessons, not every address someone asks for."""
    from django.core.cache import cache

    tree = build_tree()
    client = client_for(learner)
    page(client, tree.intro)
    client.get(f"{tree.basics.url}warming-up/")  # the 404 page's own cached parts
    before = len(cache._cache)
    for number in range(5):
        assert client.get(f"{tree.basics.url}nothing-{number}/").status_code == 404
    assert len(cache._cache) == before


def test_a_course_taken_offline_still_leads_to_its_live_lessons(client_for, learner):
    """A course that is not live still leads to its live lessons (Wagtail's own rule)."""
    tree = build_tree()
    hidden = add_course(tree.index, "Hidden", 0)
    lesson = add_lesson(hidden, "Inside", [("text", "<p>Inside.</p>")])
    hidden.unpublish()
    assert "Inside." in page(client_for(learner), lesson)


def test_a_new_view_restriction_shows_on_the_next_view(client_for, learner):
    """Wagtail's check of view restrictions reads them with the structure: a restriction
    comms staff add to the course holds from the very next view."""
    from wagtail.models import PageViewRestriction

    tree = build_tree()
    client = client_for(learner)
    assert "Use a recent photo." in page(client, tree.intro)
    restriction = PageViewRestriction.objects.create(
        page=tree.basics, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert "Use a recent photo." not in client.get(tree.intro.url).content.decode()
    # The CMS refines the same call; that still asks the database.
    lesson = type(tree.intro).objects.get(pk=tree.intro.pk)
    assert lesson.get_view_restrictions().order_by("-page__depth").first() == restriction
    restriction.delete()
    assert "Use a recent photo." in page(client, tree.intro)
