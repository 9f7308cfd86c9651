"""Reads for other systems: completions with their certificate, a person's progress."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ambassadors.models import Department
from courses import selectors
from tests.factories import make_user
from tests.factories.courses import EnrolmentFactory, build_tree, complete_basics

pytestmark = pytest.mark.django_db


def completed(user, course, days_ago=1, code=None):
    return EnrolmentFactory(
        user=user,
        course=course,
        completed_at=timezone.now() - dt.timedelta(days=days_ago),
        certificate_code=code or f"code-{user.pk}-{course.pk}",
    )


def queries(read) -> int:
    with CaptureQueriesContext(connection) as captured:
        read()
    return len(captured)


def test_completions_of_people_who_joined_with_filters():
    """Completions come oldest first, only of people who joined; filters narrow them."""
    tree = build_tree()
    sales = Department.objects.create(name="Sales")
    anna = make_user(department=sales)
    bart = make_user()
    invited = make_user(joined=False)
    old = completed(anna, tree.basics, days_ago=10)
    new = completed(bart, tree.stage1, days_ago=1)
    completed(invited, tree.basics)
    superuser = make_user(superuser=True)  # out of other systems' reach, as in /people
    completed(superuser, tree.basics)
    EnrolmentFactory(user=anna, course=tree.stage3)  # started, not completed
    assert list(selectors.completions()) == [old, new]
    assert list(selectors.completions(course_key=tree.stage1.translation_key)) == [new]
    assert list(selectors.completions(since=timezone.now() - dt.timedelta(days=5))) == [new]
    assert list(selectors.completions(department_id=sales.pk)) == [old]
    assert [row.course_title for row in selectors.completions()] == ["Basics", "Engagement"]


def test_completions_read_in_fixed_queries():
    """Reading completions with their people and departments costs the same at two sizes."""
    tree = build_tree()

    def read():
        rows = list(selectors.completions())
        return [(row.user.ambassador.department, row.course_title) for row in rows]

    completed(make_user(department=Department.objects.create(name="A")), tree.basics)
    small = queries(read)
    for name in "BCDE":
        completed(make_user(department=Department.objects.create(name=name)), tree.basics)
    assert queries(read) == small


def test_progress_counts_required_lessons_done():
    """A person's progress: lessons done of the required ones per course, completion."""
    tree = build_tree()
    user = make_user()
    complete_basics(user, tree)
    progress = {status.course.title: status for status in selectors.progress_of(user.ambassador)}
    assert (progress["Basics"].required_done, progress["Basics"].required_total) == (2, 2)
    assert progress["Basics"].completed
    assert progress["Engagement"].required_done == 0
    assert not progress["Engagement"].started


def test_progress_reads_in_fixed_queries():
    """Progress costs the same with few and many lessons done."""
    tree = build_tree()
    user = make_user()
    ambassador = user.ambassador
    small = queries(lambda: selectors.progress_of(ambassador))
    complete_basics(user, tree)
    assert queries(lambda: selectors.progress_of(ambassador)) == small


def test_courses_with_their_number_of_lessons():
    """Each course with its number of live lessons, in one query."""
    tree = build_tree()
    with CaptureQueriesContext(connection) as captured:
        counts = {
            course.title: course.lesson_count for course in selectors.courses_in_default_language()
        }
    assert len(captured) <= 2  # the default locale, the courses
    assert counts == {"Basics": 2, "Engagement": 1, "Production": 1}
    assert tree.basics.title == "Basics"
