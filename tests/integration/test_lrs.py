"""A real learning record store (Ralph, in its own process) takes the site's statements:
they arrive, validate there, and a resend after a lost answer makes no duplicates."""

from collections import Counter

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from ambassadors.roles import Role
from courses import services as courses
from integrations.models import XapiStatement
from integrations.xapi import services, statements
from missions import services as missions
from sharing import services as sharing
from tests.factories import make_user
from tests.factories.courses import build_tree, pass_quiz
from tests.factories.guidelines import acknowledge, build_guidelines
from tests.factories.missions import submitted
from tests.factories.sharing import make_item
from tests.lrs.process import PASSWORD, USERNAME, running_ralph

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def ralph(tmp_path, settings):
    with running_ralph(tmp_path / "ralph") as lrs:
        settings.XAPI_ENDPOINT = lrs.endpoint
        settings.XAPI_USERNAME = USERNAME
        settings.XAPI_PASSWORD = PASSWORD
        yield lrs


@pytest.fixture
def answers(monkeypatch):
    """Every status the LRS answered to the site."""
    seen = []
    real = services.lrs_post

    def lrs_post(bodies):
        answer = real(bodies)
        seen.append(answer.status)
        return answer

    monkeypatch.setattr(services, "lrs_post", lrs_post)
    return seen


def learn_and_share(user):
    """A person's week: a lesson, a quiz passed and so the course, a guideline, a share, a
    mission approved."""
    tree = build_tree()
    courses.lesson_open(user=user, course=tree.basics, lesson=tree.intro)
    courses.lesson_mark_done(user=user, course=tree.basics, lesson=tree.intro)
    pass_quiz(user, tree.basics, tree.quiz_lesson)
    guidelines = build_guidelines()
    acknowledge(user, guidelines.main)
    acknowledge(user, guidelines.privacy)
    sharing.share_create(user=user, item=make_item(), network="linkedin", text="Worth reading")
    assignment = submitted(user)
    missions.assignment_approve(
        assignment=assignment, reviewer=make_user(Role.MENTOR, joined=False)
    )


def stored_ids(ralph) -> Counter:
    response = ralph.get(limit=500)
    assert response.status_code == 200, response.text
    return Counter(statement["id"] for statement in response.json()["statements"])


def test_statements_arrive_validate_and_are_not_duplicated_on_resend(ralph, answers):
    user = make_user()
    learn_and_share(user)
    rows = list(XapiStatement.objects.filter(user=user).order_by("pk"))
    assert {row.verb for row in rows} == {
        statements.EXPERIENCED,
        statements.COMPLETED,
        statements.PASSED,
        statements.ACCEPTED,
        statements.SHARED,
    }
    assert len(rows) == 9  # experienced, 2 lessons, quiz, course, 2 guidelines, share, mission

    assert services.statements_sweep() == len(rows)
    assert answers == [200]  # one batch
    for row in rows:
        response = ralph.get(statementId=str(row.statement_id))
        assert response.status_code == 200, response.text
        found = response.json()
        found = found["statements"][0] if "statements" in found else found
        assert found["id"] == str(row.statement_id)
        assert found["verb"]["id"] == row.verb
        assert found["actor"]["account"] == {
            "homePage": django_settings.SITE_URL,
            "name": str(user.pk),
        }
        assert found["object"] == row.body["object"]

    # The answer was lost: everything is sent again, the same statements.
    XapiStatement.objects.filter(user=user).update(sent_at=None, send_after=timezone.now())
    assert services.statements_sweep() == len(rows)
    assert 409 not in answers
    assert answers[-1] in (200, 204)
    stored = stored_ids(ralph)
    assert stored == Counter({str(row.statement_id): 1 for row in rows})
    assert not XapiStatement.objects.exclude(last_error="").exists()

    # And again one at a time, as the task after a commit sends them.
    XapiStatement.objects.filter(user=user).update(sent_at=None, send_after=timezone.now())
    for row in rows:
        assert services.statement_send(statement_id=row.pk)
    assert 409 not in answers
    assert stored_ids(ralph) == stored


def test_a_changed_statement_with_a_known_id_fails_for_good(ralph, answers):
    """Ralph has the id with another body (409): kept as failed with the error, not retried."""
    user = make_user()
    [row] = [
        services.statement_record(
            user=user,
            body=statements.item_shared(
                user_id=user.pk,
                item_id=1,
                network="x",
                names={"nl": "Een item"},
                timestamp=make_item().created_at,
            ),
        )
    ]
    assert services.statement_send(statement_id=row.pk)
    body = dict(row.body, timestamp="2020-01-01T00:00:00.000+00:00")
    XapiStatement.objects.filter(pk=row.pk).update(
        body=body, sent_at=None, send_after=timezone.now()
    )
    assert services.statements_sweep() == 0
    row.refresh_from_db()
    assert answers == [200, 409]
    assert row.send_after is None
    assert row.sent_at is None
    assert row.last_error.startswith("409 ")
    assert stored_ids(ralph) == Counter({str(row.statement_id): 1})
