"""What becomes an xAPI statement, in what shape, and what never does."""

import json
import uuid

import pytest
from django.conf import settings

from ambassadors.models import Ambassador
from ambassadors.roles import Role
from ambassadors.services import ambassador_leave
from courses import services as courses
from courses.models import Enrolment
from integrations.models import XapiStatement
from integrations.xapi import statements
from missions import services as missions
from sharing import services as sharing
from tests.factories import make_user
from tests.factories.courses import answers, build_tree, complete_basics, pass_quiz
from tests.factories.guidelines import acknowledge, build_guidelines, major_change
from tests.factories.missions import submitted
from tests.factories.sharing import make_item

pytestmark = pytest.mark.django_db

ENDPOINT = "http://127.0.0.1:9/xAPI"


@pytest.fixture
def lrs_configured(settings):
    settings.XAPI_ENDPOINT = ENDPOINT
    settings.XAPI_USERNAME = "academy"
    settings.XAPI_PASSWORD = "s3cret"


def bodies(user, verb=None) -> list[dict]:
    rows = XapiStatement.objects.filter(user=user).order_by("pk")
    if verb:
        rows = rows.filter(verb=verb)
    return [row.body for row in rows]


def assert_private(body: dict, user) -> None:
    """The actor is an account on the site; no name or e-mail address of the person."""
    assert body["actor"] == {
        "objectType": "Agent",
        "account": {"homePage": settings.SITE_URL, "name": str(user.pk)},
    }
    text = json.dumps(body)
    assert user.email not in text
    assert "mbox" not in text
    if user.last_name:
        assert user.last_name not in text


def test_learning_becomes_statements_with_scores_and_certificate(lrs_configured):
    """Lessons experienced and completed, a failed and a passed quiz with their scores, and
    the course completed with its certificate: each one statement, the person an account."""
    user = make_user()
    tree = build_tree()
    courses.lesson_open(user=user, course=tree.basics, lesson=tree.intro)
    courses.lesson_mark_done(user=user, course=tree.basics, lesson=tree.intro)
    quiz = tree.quiz_lesson.quizzes()[0]
    courses.quiz_submit(
        user=user,
        course=tree.basics,
        lesson=tree.quiz_lesson,
        quiz_id=quiz.id,
        answers=answers(tree.quiz_lesson, right=False),
        number=1,
    )
    pass_quiz(user, tree.basics, tree.quiz_lesson, number=2)

    verbs = [body["verb"]["id"] for body in bodies(user)]
    assert verbs == [
        statements.EXPERIENCED,
        statements.COMPLETED,  # the first lesson
        statements.FAILED,
        statements.PASSED,
        statements.COMPLETED,  # the quiz lesson
        statements.COMPLETED,  # the course
    ]
    for body in bodies(user):
        assert_private(body, user)
        row = XapiStatement.objects.get(statement_id=body["id"])
        assert uuid.UUID(body["id"]) == row.statement_id
        assert body["object"]["id"].startswith(f"{settings.SITE_URL}/xapi/activities/")

    experienced = bodies(user, statements.EXPERIENCED)[0]
    assert experienced["object"]["id"] == (
        f"{settings.SITE_URL}/xapi/activities/lesson/{tree.intro.translation_key}"
    )
    assert experienced["object"]["definition"]["type"] == statements.LESSON
    assert experienced["object"]["definition"]["name"]["nl"] == "Your profile"
    assert experienced["context"]["contextActivities"]["parent"][0]["id"].endswith(
        f"/course/{tree.basics.translation_key}"
    )

    failed = bodies(user, statements.FAILED)[0]
    assert failed["result"]["score"] == {"scaled": 0.0, "raw": 0, "min": 0, "max": 100}
    assert failed["result"]["success"] is False
    passed = bodies(user, statements.PASSED)[0]
    assert passed["result"]["score"] == {"scaled": 1.0, "raw": 100, "min": 0, "max": 100}
    assert passed["result"]["success"] is True
    assert passed["object"]["definition"]["type"] == statements.ASSESSMENT
    assert passed["object"]["id"].endswith(f"/quiz/{tree.quiz_lesson.translation_key}/{quiz.id}")

    course = bodies(user, statements.COMPLETED)[-1]
    code = Enrolment.objects.get(user=user, course_key=tree.basics.translation_key)
    assert course["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/course"
    assert course["object"]["definition"]["name"]["nl"] == "Basics"
    assert course["result"]["completion"] is True
    assert course["result"]["extensions"] == {
        f"{settings.SITE_URL}/xapi/extensions/certificate": (
            f"{settings.SITE_URL}/verify/{code.certificate_code}/"
        )
    }


def test_a_lesson_opened_again_is_the_same_statement(lrs_configured):
    user = make_user()
    tree = build_tree()
    for _ in range(3):
        courses.lesson_open(user=user, course=tree.basics, lesson=tree.intro)
    assert len(bodies(user, statements.EXPERIENCED)) == 1


def test_nothing_is_kept_when_no_lrs_is_configured(settings):
    settings.XAPI_ENDPOINT = ""
    user = make_user()
    complete_basics(user, build_tree())
    acknowledge(user, build_guidelines().main)
    assert not XapiStatement.objects.exists()


def test_nothing_about_a_person_who_has_not_joined(lrs_configured):
    """An invited employee may browse a course before consenting: nothing leaves about them."""
    newcomer = make_user(joined=False)
    assert newcomer.ambassador.status == Ambassador.Status.INVITED
    tree = build_tree()
    courses.lesson_open(user=newcomer, course=tree.basics, lesson=tree.intro)
    acknowledge(newcomer, build_guidelines().main)
    assert not XapiStatement.objects.exists()


def test_nothing_about_a_person_who_left(lrs_configured):
    user = make_user()
    ambassador_leave(ambassador=user.ambassador)
    acknowledge(user, build_guidelines().main)
    assert not XapiStatement.objects.exists()


def test_a_guideline_acknowledged_carries_its_version(lrs_configured):
    """Accepting a version is one statement, also when acknowledged twice; a new version is
    another statement, with the version in the activity id and the context."""
    user = make_user()
    guidelines = build_guidelines()
    acknowledge(user, guidelines.main)
    acknowledge(user, guidelines.main)
    major_change(guidelines.main, "No politics.")
    acknowledge(user, guidelines.main)

    accepted = bodies(user, statements.ACCEPTED)
    assert len(accepted) == 2
    key = guidelines.main.translation_key
    versions = [body["context"]["extensions"] for body in accepted]
    first, second = (list(v.values())[0] for v in versions)
    assert second == first + 1
    for body, version in zip(accepted, (first, second), strict=True):
        assert_private(body, user)
        assert body["verb"]["id"] == "http://activitystrea.ms/schema/1.0/accept"
        assert body["object"]["id"] == (
            f"{settings.SITE_URL}/xapi/activities/guideline/{key}/version/{version}"
        )
        assert body["context"]["extensions"] == {
            f"{settings.SITE_URL}/xapi/extensions/version": version
        }
        assert body["object"]["definition"]["name"]["nl"] == "Social media guidelines"


def test_a_mission_approved_is_completed(lrs_configured):
    assignment = submitted(title_nl="Deel een foto", title_en="Share a photo", points=15)
    reviewer = make_user(Role.MENTOR, joined=False)
    missions.assignment_approve(assignment=assignment, reviewer=reviewer)

    [body] = bodies(assignment.user)
    assert_private(body, assignment.user)
    assert body["verb"]["id"] == statements.COMPLETED
    assert body["object"]["id"] == (
        f"{settings.SITE_URL}/xapi/activities/mission/{assignment.mission_id}"
    )
    assert body["object"]["definition"]["name"] == {"nl": "Deel een foto", "en": "Share a photo"}
    assert body["result"]["extensions"] == {f"{settings.SITE_URL}/xapi/extensions/points": 15}
    assert not XapiStatement.objects.filter(user=reviewer).exists()


def test_an_item_shared_names_the_network(lrs_configured):
    user = make_user()
    item = make_item(title="Solar report")
    sharing.share_create(user=user, item=item, network="linkedin", text="Worth reading")
    sharing.share_create(user=user, item=item, network="linkedin", text="Worth reading!")

    [body] = bodies(user)
    assert_private(body, user)
    assert body["verb"]["id"] == "http://activitystrea.ms/schema/1.0/share"
    assert body["object"]["id"] == f"{settings.SITE_URL}/xapi/activities/item/{item.pk}"
    assert body["context"]["extensions"] == {
        f"{settings.SITE_URL}/xapi/extensions/network": "linkedin"
    }


def test_statement_ids_are_stable_and_distinct():
    """The same verb, person and object make the same id; anything else another one."""
    same = statements.statement_uuid(statements.COMPLETED, 7, "lesson:a")
    assert same == statements.statement_uuid(statements.COMPLETED, 7, "lesson:a")
    assert same.version == 5
    assert same != statements.statement_uuid(statements.COMPLETED, 8, "lesson:a")
    assert same != statements.statement_uuid(statements.EXPERIENCED, 7, "lesson:a")
    assert same != statements.statement_uuid(statements.COMPLETED, 7, "lesson:b")


def test_a_statement_that_cannot_be_written_never_stops_the_learner(lrs_configured, monkeypatch):
    """The share is saved and the next statement is written; the broken one is only logged."""

    def broken(**kwargs):
        raise ValueError("bad statement")

    monkeypatch.setattr(statements, "item_shared", broken)
    user = make_user()
    share = sharing.share_create(user=user, item=make_item(), network="x", text="Worth it")
    assert share.pk
    assert not XapiStatement.objects.exists()
    acknowledge(user, build_guidelines().main)
    assert len(bodies(user, statements.ACCEPTED)) == 1
