"""The catalogue and a lesson page cost the same queries at 5 and at 50 courses and learners."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ambassadors.roles import Role
from courses import services
from tests.factories import make_user
from tests.factories.courses import add_course, add_lesson, build_tree

pytestmark = pytest.mark.django_db


def _grow(tree, size: int) -> None:
    for number in range(size):
        course = add_course(tree.index, f"Extra {number}", number % 4, prerequisites=[tree.basics])
        add_lesson(course, f"Lesson {number}", [("text", "<p>Text</p>")])
        add_lesson(tree.basics if number % 10 == 0 else course, f"More {number}", [])
    for _number in range(size):
        learner = make_user(Role.EMPLOYEE)
        services.lesson_open(user=learner, course=tree.basics, lesson=tree.intro)
        services.lesson_mark_done(user=learner, course=tree.basics, lesson=tree.intro)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["catalogue", "lesson", "course"])
def test_query_count_does_not_grow(client_for, page):
    """Same queries for a small and a ten times larger catalogue with ten times more learners."""
    tree = build_tree()
    learner = make_user(Role.EMPLOYEE)
    client = client_for(learner)
    url = {"catalogue": tree.index.url, "lesson": tree.intro.url, "course": tree.basics.url}[page]
    client.get(url)  # warm up: renditions and caches that are made once
    _grow(tree, 5)
    small = _count(client, url)
    _grow(tree, 45)
    large = _count(client, url)
    assert small == large
