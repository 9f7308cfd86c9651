"""The path and missions pages read the person's data from a per-person cache
(ambassadors/personal.py): a fixed, small number of queries whatever the data, and every
write by the person or by comms staff shows on the very next page."""

import datetime as dt

import pytest
from django.utils import timezone

from ambassadors import services as ambassador_services
from ambassadors.models import Stage
from ambassadors.roles import Role
from courses import services as course_services
from missions import services
from missions.models import Assignment, GrowthRule, Mission
from tests.factories import make_user
from tests.factories.courses import add_course, build_tree, complete_basics
from tests.factories.guidelines import acknowledge, build_guidelines
from tests.factories.missions import AssignmentFactory, mission
from tests.factories.sharing import ShareFactory
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

# Warm, a person's page costs the session and the person with their profile, nothing more.
PAGE_QUERIES = {"/path/": 2, "/missions/": 2}


@pytest.fixture
def person(db):
    return make_user(Role.EMPLOYEE, language="en")


def page(client, path="/path/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def _approve(user, reviewer, number: int, stage=Stage.ENGAGEMENT):
    for index in range(number):
        assignment = services.mission_pick(
            user=user, mission=mission(stage=stage, title_en=f"Approved {stage}-{index}")
        )
        services.assignment_submit(user=user, assignment=assignment, link="https://x.example/p")
        services.assignment_approve(assignment=assignment, reviewer=reviewer)


def _grow(user, reviewer, size: int) -> None:
    for number in range(size):
        ambassador_services.notify(
            recipient=user, kind="t", key=f"{user.pk}-{number}", subject=f"N {number}"
        )
        mission(title_en=f"Open {user.pk}-{number}")
        AssignmentFactory(user=user, mission=mission(title_en=f"Offer {user.pk}-{number}"))
        ShareFactory(user=user)
    _approve(user, reviewer, size // 3 + 1)


@pytest.mark.parametrize("path", list(PAGE_QUERIES))
def test_query_count_is_small_and_does_not_grow(path, client_for, comms):
    """Warm, the same few queries for a person with a little and with ten times more data."""
    build_tree()
    guidelines = build_guidelines()
    small_person, large_person = make_user(Role.EMPLOYEE), make_user(Role.EMPLOYEE)
    for person in (small_person, large_person):
        acknowledge(person, guidelines.main)
        acknowledge(person, guidelines.privacy)
    _grow(small_person, comms, 3)
    _grow(large_person, comms, 30)
    small = page_queries(client_for(small_person), path)
    large = page_queries(client_for(large_person), path)
    assert small == large == PAGE_QUERIES[path]


# --- the path: the person's writes ----------------------------------------------------------


def test_a_notification_and_reading_it_show_on_the_next_path(client_for, person):
    ambassador_services.notifications_mark_all_read(user=person)  # the welcome
    client = client_for(person)
    page(client)
    note = ambassador_services.notify(recipient=person, kind="t", key="c-1", subject="Fresh news")
    shown = page(client)
    assert "Fresh news" in shown
    assert shown.count("notification is-unread") == 1
    ambassador_services.notification_mark_read(user=person, notification_id=note.pk)
    assert "notification is-unread" not in page(client)


def test_acknowledging_the_guidelines_shows_on_the_next_path(client_for, person):
    guidelines = build_guidelines()
    client = client_for(person)
    assert "You are up to date with the guidelines" not in page(client)
    acknowledge(person, guidelines.main)
    acknowledge(person, guidelines.privacy)
    assert "You are up to date with the guidelines" in page(client)


def test_learning_shows_on_the_next_path(client_for, person):
    """Opening a lesson makes it the one to continue with; completing the course, a badge."""
    tree = build_tree()
    client = client_for(person)
    assert "Continue where you left off" not in page(client)
    course_services.lesson_open(user=person, course=tree.basics, lesson=tree.intro)
    shown = page(client)
    assert "Continue where you left off" in shown
    assert f'href="{tree.intro.url}"' in shown
    enrolment = complete_basics(person, tree)
    shown = page(client)
    assert f"/certificates/{enrolment.certificate_code}/" in shown
    assert "Course “Basics” completed" in shown


def test_an_approved_mission_and_the_invitation_show_on_the_next_path(client_for, person, comms):
    GrowthRule.objects.filter(from_stage=1).update(
        approved_missions=1, require_courses=False, require_guidelines=False
    )
    client = client_for(person)
    assert "0 of 1 missions of this stage approved" in page(client)
    _approve(person, comms, 1)
    shown = page(client)
    assert "1 of 1 missions of this stage approved" in shown
    assert "Would you like to?" in shown  # the invitation to move on


def test_a_share_shows_on_the_next_path(client_for, person):
    client = client_for(person)
    assert "see your reach" not in page(client)
    ShareFactory(user=person)
    assert "You shared 1 time: see your reach" in page(client)


def test_a_changed_weekly_budget_shows_on_the_next_path(client_for, person):
    client = client_for(person)
    page(client)
    ambassador = person.ambassador
    ambassador.max_nudges_per_week = 1
    ambassador.save()
    assert "out of at most 1." in page(client)


# --- the path: what comms staff change ------------------------------------------------------


def test_a_changed_growth_rule_shows_on_the_next_path(client_for, person):
    client = client_for(person)
    page(client)
    rule = GrowthRule.objects.get(from_stage=1)
    rule.approved_missions = 7
    rule.save()  # as the CMS saves it
    assert "0 of 7 missions of this stage approved" in page(client)


def test_a_newly_published_required_course_shows_on_the_next_path(client_for, person):
    tree = build_tree()
    client = client_for(person)
    assert "Storytelling" not in page(client)
    add_course(tree.index, "Storytelling", 1)  # published as the factory makes it
    assert "Course “Storytelling” completed" in page(client)


# --- the missions page ----------------------------------------------------------------------


def test_picking_a_mission_shows_on_the_next_missions_page(client_for, person):
    offer = mission(title_en="Say hello")
    client = client_for(person)
    assert f"/missions/pick/{offer.pk}/" in page(client, "/missions/")
    assignment = services.mission_pick(user=person, mission=offer)
    shown = page(client, "/missions/")
    assert f"/missions/pick/{offer.pk}/" not in shown
    assert f'href="/missions/{assignment.pk}/">Say hello</a>' in shown


def test_approval_shows_points_on_the_next_missions_page(client_for, person, comms):
    client = client_for(person)
    assert '<p class="stat">0</p>' in page(client, "/missions/")
    _approve(person, comms, 1)
    points = Mission.objects.get(title_en="Approved 1-0").points
    shown = page(client, "/missions/")
    assert f'<p class="stat">{points}</p>' in shown
    assert "Earlier missions" in shown


def test_a_new_or_changed_mission_shows_on_the_next_missions_page(client_for, person):
    """Comms staff add a mission, then rename it: every person's next page shows it."""
    client = client_for(person)
    page(client, "/missions/")
    added = mission(title_en="Brand new")
    assert "Brand new" in page(client, "/missions/")
    added.title_en = "Renamed"
    added.save()
    shown = page(client, "/missions/")
    assert "Renamed" in shown
    assert "Brand new" not in shown


def test_an_offer_shows_when_its_moment_comes(client_for, person, monkeypatch):
    """A staggered offer has no write at the moment it shows: the cached page ends then."""
    now = timezone.now()
    AssignmentFactory(
        user=person,
        mission=mission(title_en="Later offer"),
        offered_at=now + dt.timedelta(hours=1),
        due_at=now + dt.timedelta(days=7),
    )
    client = client_for(person)
    assert "Later offer" not in page(client, "/missions/")
    monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(hours=2))
    assert "Later offer" in page(client, "/missions/")


def test_the_hourly_expiry_shows_on_the_next_missions_page(client_for, person, monkeypatch):
    now = timezone.now()
    offer = AssignmentFactory(
        user=person,
        mission=mission(title_en="Running out"),
        state=Assignment.State.ACCEPTED,
        offered_at=now - dt.timedelta(days=8),
        accepted_at=now - dt.timedelta(days=8),
        due_at=now - dt.timedelta(minutes=1),
    )
    client = client_for(person)
    assert "Earlier missions" not in page(client, "/missions/")
    assert services.assignments_expire() == 1
    shown = page(client, "/missions/")
    assert "Earlier missions" in shown
    assert f'href="/missions/{offer.pk}/">Running out</a>' in shown


def test_a_campaigns_offer_and_nudge_show_on_the_next_pages(
    client_for, person, awake_now, monkeypatch
):
    """Campaign planning writes in bulk (no signals): the offer shows on the missions page
    when its nudge does, and the nudge counts against the week's budget on the path."""
    from ambassadors.selectors import week_start
    from missions.models import Campaign

    client = client_for(person)
    assert "This week we have asked you for something 0 times" in page(client)
    assert "Open day mission" not in page(client, "/missions/")
    made = Campaign.objects.create(name="Open day", starts_at=timezone.now(), window_hours=1)
    made.missions.set([mission(title_en="Open day mission", open_to_all=False)])
    services.campaign_plan(campaign=made)
    offer = Assignment.objects.get(user=person)
    # (In the last hour of a week the nudge may fall in the next one.)
    this_week = week_start(offer.offered_at) == week_start(timezone.now())
    asked = "1 time," if this_week else "0 times,"
    assert f"This week we have asked you for something {asked}" in page(client)
    monkeypatch.setattr(timezone, "now", lambda: offer.offered_at + dt.timedelta(seconds=1))
    assert "Open day mission" in page(client, "/missions/")
