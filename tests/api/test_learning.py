"""/courses, /completions, /people/{id}/progress: what the organisation's LMS gets."""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ambassadors.models import Department
from tests.api.calls import Caller, personal_get, problem
from tests.factories import make_user
from tests.factories.courses import EnrolmentFactory, build_tree, complete_basics

pytestmark = pytest.mark.django_db


@pytest.fixture
def lms():
    return Caller("learning:read")


def completed(user, course, days_ago=1):
    return EnrolmentFactory(
        user=user,
        course=course,
        completed_at=timezone.now() - dt.timedelta(days=days_ago),
        certificate_code=f"code-{user.pk}-{course.pk}",
    )


def test_courses_with_their_lessons(lms):
    """Each live course once (default language), with its stage and number of lessons."""
    tree = build_tree()
    items = lms.get("/api/v1/courses").json()["items"]
    rows = {row["title"]: row for row in items}
    assert rows["Basics"]["lessons"] == 2
    assert rows["Basics"]["key"] == str(tree.basics.translation_key)
    assert rows["Production"]["stage"] == 3


def test_completions_with_certificate_and_filters(lms):
    """Completions of people who joined, with an absolute certificate address; the filters
    narrow them; someone never joined is absent."""
    tree = build_tree()
    sales = Department.objects.create(name="Sales")
    anna = make_user(department=sales)
    bart = make_user()
    completed(anna, tree.basics, days_ago=10)
    completed(bart, tree.stage1, days_ago=1)
    completed(make_user(joined=False), tree.basics)
    items = lms.get("/api/v1/completions").json()["items"]
    assert [(row["person"], row["course_title"]) for row in items] == [
        (anna.pk, "Basics"),
        (bart.pk, "Engagement"),
    ]
    assert items[0]["department"] == "Sales"
    code = f"code-{anna.pk}-{tree.basics.pk}"
    # The public verification page: whoever the LMS shows it to sees name, course and date.
    assert items[0]["certificate_url"] == settings.SITE_URL + reverse("courses:verify", args=[code])
    verified = Client().get(reverse("courses:verify", args=[code]), HTTP_ACCEPT_LANGUAGE="en")
    assert verified.status_code == 200
    assert "Basics" in verified.content.decode()
    since = (timezone.now() - dt.timedelta(days=5)).isoformat()
    assert [
        row["person"] for row in lms.get("/api/v1/completions", since=since).json()["items"]
    ] == [bart.pk]
    course = str(tree.basics.translation_key)
    assert len(lms.get("/api/v1/completions", course=course).json()["items"]) == 1
    assert len(lms.get("/api/v1/completions", department="sales").json()["items"]) == 1


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"since": "last tuesday"}, 422),
        ({"course": "not-a-key"}, 422),
        ({"department": "Nowhere"}, 404),
        ({"department": "Sa\x00les"}, 422),
        ({"since": "0"}, 422),  # a number is not a moment, whatever pydantic would read
        ({"departmnet": "Sales"}, 400),
        ({"page_size": "1000"}, 422),
    ],
)
def test_bad_filters_are_problems(lms, query, status):
    """Wrong types, an unknown department and a mistyped filter are refused, never 'all'."""
    problem(lms.get("/api/v1/completions", **query), status)


def test_a_moment_long_ago_means_from_the_start(lms):
    """A moment that would overflow on its way to UTC is read as 1970, not a 500."""
    tree = build_tree()
    completed(make_user(), tree.basics)
    items = lms.get("/api/v1/completions", since="0001-01-01T00:00:00+05:00").json()["items"]
    assert len(items) == 1


def test_completions_and_courses_queries_do_not_grow(lms):
    """A page of completions (or courses) costs the same with 1 or 6 of them."""
    tree = build_tree()
    completed(make_user(department=Department.objects.create(name="A")), tree.basics)
    small = lms.queries("/api/v1/completions")
    courses = lms.queries("/api/v1/courses")
    for name in "BCDEF":
        completed(make_user(department=Department.objects.create(name=name)), tree.basics)
    assert lms.queries("/api/v1/completions") == small
    assert lms.queries("/api/v1/courses") == courses


def test_a_persons_progress(lms):
    """Required lessons done of all per course, and the certificate once completed."""
    tree = build_tree()
    user = make_user()
    complete_basics(user, tree)
    rows = {
        row["course_title"]: row for row in lms.get(f"/api/v1/people/{user.pk}/progress").json()
    }
    assert (rows["Basics"]["lessons_done"], rows["Basics"]["lessons_total"]) == (2, 2)
    assert rows["Basics"]["percent"] == 100
    assert rows["Basics"]["certificate_url"]
    assert rows["Engagement"]["started_at"] is None
    assert rows["Engagement"]["certificate_url"] is None


def test_progress_of_someone_not_taking_part_is_404(lms):
    """Nothing about a person before they joined, nor about an unknown id."""
    build_tree()
    invited = make_user(joined=False)
    problem(lms.get(f"/api/v1/people/{invited.pk}/progress"), 404)
    problem(lms.get("/api/v1/people/999999/progress"), 404)


def test_a_personal_token_cannot_read_the_organisations_learning():
    """A person's own token reaches /me only, not everyone's completions or progress."""
    build_tree()
    user = make_user()
    problem(personal_get(user, "/api/v1/completions"), 403)
    problem(personal_get(user, f"/api/v1/people/{user.pk}/progress"), 403)
