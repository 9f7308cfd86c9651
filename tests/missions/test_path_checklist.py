"""The path as a checklist: what it takes to move on, from the promotion's own rules."""

import pytest
from django.utils import timezone, translation

from ambassadors import services as ambassador_services
from ambassadors.models import Stage
from ambassadors.roles import Role
from courses import services as course_services
from missions import services
from missions.models import GrowthRule
from missions.selectors import path_requirements, promotion_requirements
from tests.factories import make_user
from tests.factories.courses import build_tree, complete_basics
from tests.factories.guidelines import acknowledge, build_guidelines
from tests.factories.missions import AssignmentFactory, mission
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def _by_kind(requirements):
    return {(item.kind, str(item.label)): item for item in requirements}


def _approve(user, reviewer, number: int, stage=Stage.ENGAGEMENT):
    for index in range(number):
        assignment = services.mission_pick(
            user=user, mission=mission(stage=stage, title_en=f"Mission {stage}-{index}")
        )
        services.assignment_submit(user=user, assignment=assignment, link="https://x.example/p")
        services.assignment_approve(assignment=assignment, reviewer=reviewer)


def test_each_requirement_is_done_at_the_right_moment_with_its_next_step(employee, comms):
    """Missions, each required course and the guidelines flip to done when they are met, and
    each one not met links to where the person does it next."""
    tree = build_tree()
    guidelines = build_guidelines()
    GrowthRule.objects.filter(from_stage=1).update(approved_missions=2)
    ambassador = employee.ambassador

    with translation.override("en"):
        items = promotion_requirements(ambassador=ambassador)
        assert [(item.kind, item.done) for item in items] == [
            ("missions", False),
            ("course", False),
            ("course", False),
            ("guidelines", False),
        ]
        missions_item, basics, stage1, guidelines_item = items
        assert str(missions_item.label) == "0 of 2 missions of this stage approved"
        assert missions_item.url == "/missions/"
        assert str(basics.label) == "course “Basics” completed"
        assert basics.url == tree.basics.url
        assert stage1.url == tree.stage1.url
        assert guidelines_item.url == guidelines.main.url  # the first one still to accept

    acknowledge(employee, guidelines.main)
    guidelines_item = promotion_requirements(ambassador=ambassador)[3]
    assert not guidelines_item.done
    assert guidelines_item.url == guidelines.privacy.url  # the next one to accept
    acknowledge(employee, guidelines.privacy)
    assert promotion_requirements(ambassador=ambassador)[3].done

    # A mission in progress is the next step: the link leads to it.
    doing = services.mission_pick(user=employee, mission=mission(title_en="Doing"))
    assert promotion_requirements(ambassador=ambassador)[0].url == f"/missions/{doing.pk}/"
    _approve(employee, comms, 1)
    assert not promotion_requirements(ambassador=ambassador)[0].done
    _approve(employee, comms, 1)
    assert promotion_requirements(ambassador=ambassador)[0].done

    complete_basics(employee, tree)
    assert [item.done for item in promotion_requirements(ambassador=ambassador)[1:3]] == [
        True,
        False,
    ]
    course_services.lesson_mark_done(user=employee, course=tree.stage1, lesson=tree.stage1_lesson)
    assert all(item.done for item in promotion_requirements(ambassador=ambassador))


def test_the_promotion_and_the_path_read_the_same_rules(employee, comms):
    """The invitation comes exactly when the path shows every requirement done."""
    GrowthRule.objects.filter(from_stage=1).update(
        approved_missions=1, require_courses=False, require_guidelines=False
    )
    ambassador = employee.ambassador
    steps = path_requirements(ambassador=ambassador)
    assert set(steps) == {Stage.ENGAGEMENT, Stage.CURATION}  # this stage and the next
    assert steps[Stage.ENGAGEMENT] == promotion_requirements(ambassador=ambassador)
    assert services.promotion_check(ambassador=ambassador) is None
    _approve(employee, comms, 1)
    assert all(item.done for item in promotion_requirements(ambassador=ambassador))
    assert services.promotion_check(ambassador=ambassador) is not None


def test_the_last_stage_has_no_requirements_but_ways_to_keep_growing(client_for):
    """Production is the last stage: nothing to leave, the path shows what keeps them going."""
    producer = make_user(Role.EMPLOYEE, stage=Stage.PRODUCTION, language="en")
    assert path_requirements(ambassador=producer.ambassador) == {}
    page = client_for(producer).get("/path/").content.decode()
    assert "What keeps you growing" in page
    assert "Not yet" not in page


@pytest.mark.parametrize(
    ("language", "done", "not_yet", "towards"),
    [("en", "Done", "Not yet", "Towards Curation"), ("nl", "Klaar", "Nog niet", "Op weg naar")],
)
def test_the_path_marks_each_requirement_done_or_not_yet(
    client_for, comms, language, done, not_yet, towards
):
    """One requirement met, the others not: the page says so per requirement, with progress."""
    build_tree()
    GrowthRule.objects.filter(from_stage=1).update(approved_missions=1)
    person = make_user(Role.EMPLOYEE, language=language)
    _approve(person, comms, 1)
    response = client_for(person).get("/path/")
    page = response.content.decode()
    assert towards in page
    # The mission is approved, and with no guideline published there is none to accept;
    # the two courses are still to finish.
    checklist = page[page.index(towards) :]
    assert checklist.count('<li class="task is-done">') == 2
    assert checklist.count('<li class="task">') == 2
    assert f'<strong class="task-status is-done">{done}</strong>' in checklist
    assert f'<strong class="task-status">{not_yet}</strong>' in checklist
    assert '<progress class="progress" max="4" value="2"' in page
    assert "/missions/" in page


def _grow(user, tree, size: int) -> None:
    now = timezone.now()
    for number in range(size):
        ambassador_services.notify(
            recipient=user, kind="t", key=f"{user.pk}-{number}", subject=f"N {number}"
        )
    for stage in (Stage.ENGAGEMENT, Stage.CURATION, Stage.PRODUCTION):
        for _number in range(size // 3 + 1):
            AssignmentFactory(
                user=user,
                mission=mission(stage=stage),
                state="approved",
                accepted_at=now,
                submitted_at=now,
                reviewed_at=now,
            )
        AssignmentFactory(
            user=user, mission=mission(stage=stage), state="accepted", accepted_at=now
        )
    complete_basics(user, tree)


@pytest.mark.parametrize("stage", [Stage.ENGAGEMENT, Stage.CURATION, Stage.PRODUCTION])
def test_path_queries_do_not_grow(stage, client_for):
    """The path costs the same queries for a person with little and with a lot behind them."""
    tree = build_tree()
    build_guidelines()
    small = make_user(Role.EMPLOYEE, stage=stage)
    large = make_user(Role.EMPLOYEE, stage=stage)
    _grow(small, tree, 2)
    _grow(large, tree, 30)
    assert page_queries(client_for(small), "/path/") == page_queries(client_for(large), "/path/")
