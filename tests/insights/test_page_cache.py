"""The insights dashboard and the programme overview computed once per version of their data:
few queries at any data size, every change that must show shows on the next page, and what
comes from the cache equals what is computed fresh (privacy rules included)."""

import datetime as dt
import re

import pytest
from django.core.cache import cache as default_cache
from django.utils import timezone

from ambassadors.models import Ambassador, Department, Network
from ambassadors.roles import Role
from core import versions
from insights import cache, rollups
from insights import programme as programme_overview
from insights.models import InsightSettings
from missions import services as missions
from missions.models import Campaign
from sharing.models import ContentItem, Push, Share
from sharing.services import push_plan
from tests.factories import make_user
from tests.factories.missions import mission, submitted
from tests.factories.sharing import make_item
from tests.queries import page_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "awake_now")]


@pytest.fixture
def comms(comms):
    Ambassador.objects.filter(user=comms).update(language="en")
    return comms


def _team(name, size):
    department = Department.objects.create(name=name)
    return department, [make_user(Role.EMPLOYEE, department=department) for _ in range(size)]


def _shares(people, count):
    """`count` shares by these people, a new item each round (one share per item and person)."""
    item = None
    for number in range(count):
        if number % len(people) == 0:
            item = make_item()
        Share.objects.create(
            user=people[number % len(people)], item=item, network=Network.LINKEDIN, text="t"
        )


def _rolled_up():
    today = timezone.localdate()
    rollups.rollup_range(today - dt.timedelta(days=1), today)
    rollups.snapshot_funnel(today)


def _headline_shares(html: str) -> str:
    found = re.search(r'<p class="stat">([^<]*)</p><p>shares in this period', html)
    return found.group(1) if found else ""


def _without_token(html: str) -> str:
    """A page without what differs per request: the CSRF token and the clock's minute."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r"Figures as of \d\d:\d\d", "", html)


# Query counts at two data sizes.


def test_the_dashboard_runs_the_same_few_queries_at_two_data_sizes(client_for, comms):
    client = client_for(comms)
    InsightSettings.load()
    _department, people = _team("Sales", 5)
    _shares(people, 3)
    _rolled_up()
    small = page_queries(client, "/insights/?days=90")
    for name in ("Support", "Finance", "Legal"):
        _department, more = _team(name, 8)
        _shares(more, 40)
    _rolled_up()
    assert page_queries(client, "/insights/?days=90") == small
    # No figure is read per request: what the person's own frame needs, and their own switch.
    frame_only = page_queries(client, "/profile/")
    assert small <= frame_only + 1


def test_the_overview_runs_the_same_few_queries_at_two_data_sizes(client_for, comms):
    client = client_for(comms)
    _department, people = _team("Sales", 5)
    push_plan(push=Push.objects.create(item=make_item(), created_by=comms, window_hours=1))
    submitted()
    small = page_queries(client, "/programme/")
    for _ in range(10):  # more than each list shows
        push_plan(push=Push.objects.create(item=make_item(), created_by=comms, window_hours=1))
        submitted()
        make_item(status=ContentItem.Status.PROPOSED)
    _department, more = _team("Support", 20)
    _shares(more, 60)
    _rolled_up()
    assert page_queries(client, "/programme/") == small
    # Besides the person's own frame only their right to push is read (their permissions).
    frame_only = page_queries(client, "/profile/")
    assert small <= frame_only + 2


# Changes that must show on the next page.


def test_a_rollup_rebuilt_shows_on_the_next_dashboard_and_overview(client_for, comms):
    client = client_for(comms)
    _department, people = _team("Sales", 5)
    _shares(people, 3)
    _rolled_up()
    assert _headline_shares(client.get("/insights/?days=7").content.decode()) == "3"
    before = client.get("/programme/").context["figures"]["shares"].now
    _shares(people, 2)
    # Raw events alone change nothing on the pages: they read the rollups.
    assert _headline_shares(client.get("/insights/?days=7").content.decode()) == "3"
    rollups.refresh(timezone.localdate())
    assert _headline_shares(client.get("/insights/?days=7").content.decode()) == "5"
    assert client.get("/programme/").context["figures"]["shares"].now == before + 2


def test_a_push_planned_shows_on_the_next_overview(client_for, comms):
    client = client_for(comms)
    _team("Sales", 6)
    push = Push.objects.create(item=make_item(), created_by=comms, window_hours=1)
    rows = client.get("/programme/").context["pushes"]
    assert [(row.push, row.planned) for row in rows] == [(push, 0)]
    push_plan(push=push)  # bulk inserts and an update: no save signal
    rows = client.get("/programme/").context["pushes"]
    assert [(row.push, row.planned) for row in rows] == [(push, push.planned)]
    assert push.planned >= 6


def test_a_campaign_planned_and_a_submission_show_on_the_next_overview(client_for, comms):
    client = client_for(comms)
    _team("Sales", 5)
    campaign = Campaign.objects.create(name="Open day", starts_at=timezone.now(), window_hours=1)
    campaign.missions.set([mission()])
    context = client.get("/programme/").context
    assert [(row.campaign, row.offered) for row in context["campaigns"]] == [(campaign, 0)]
    waiting = context["review"]["count"]
    missions.campaign_plan(campaign=campaign)  # bulk inserts and an update: no save signal
    assert client.get("/programme/").context["campaigns"][0].offered >= 5
    submitted()
    assert client.get("/programme/").context["review"]["count"] == waiting + 1


def test_a_proposal_and_a_library_item_show_on_the_next_overview(client_for, comms):
    client = client_for(comms)
    context = client.get("/programme/").context
    assert context["proposals"]["count"] == 0
    make_item(status=ContentItem.Status.PROPOSED)
    fresh = make_item(title="Brand new in the library")
    context = client.get("/programme/").context
    assert context["proposals"]["count"] == 1
    assert fresh in context["ready"]


def test_the_settings_and_a_renamed_department_show_on_the_next_dashboard(client_for, comms):
    client = client_for(comms)
    department, people = _team("Sales", 5)
    _shares(people, 3)
    _rolled_up()
    assert ">Sales<" in client.get("/insights/").content.decode()
    settings = InsightSettings.load()
    settings.currency = "USD"
    settings.save()
    department.name = "Sales and service"
    department.save()
    html = client.get("/insights/").content.decode()
    assert "USD" in html
    assert ">Sales and service<" in html


def test_leaving_the_leaderboard_shows_at_once(client_for, comms):
    """Privacy: a person who switches the leaderboard off is gone from the next page."""
    client = client_for(comms)
    _department, people = _team("Sales", 5)
    person = people[0]
    missions.points_award(user=person, points=10, reason="t", key="p")
    ambassador = person.ambassador
    ambassador.leaderboard_visible = True
    ambassador.save()
    _rolled_up()
    assert person.get_full_name() in client.get("/insights/").content.decode()
    ambassador.leaderboard_visible = False
    ambassador.save()
    assert person.get_full_name() not in client.get("/insights/").content.decode()


def test_points_and_names_on_the_leaderboard_show_on_the_next_dashboard(client_for, comms):
    client = client_for(comms)
    _department, people = _team("Sales", 5)
    person = people[0]
    Ambassador.objects.filter(user=person).update(leaderboard_visible=True)
    versions.move(cache.PEOPLE)  # a bulk update moves the version itself
    client.get("/insights/")
    missions.points_award(user=person, points=1234, reason="t", key="p")
    person.first_name = "Renamed"
    person.save()
    html = client.get("/insights/").content.decode()
    assert "1,234" in html
    assert person.get_full_name() in html


# Cached figures equal fresh ones.


def test_the_cached_overview_equals_the_overview_computed_fresh(client_for, comms):
    _department, people = _team("Sales", 5)
    push_plan(push=Push.objects.create(item=make_item(), created_by=comms, window_hours=1))
    submitted()
    make_item(status=ContentItem.Status.PROPOSED)
    _shares(people, 4)
    _rolled_up()
    now = timezone.now()
    cached = programme_overview.cached_overview()
    again = programme_overview.cached_overview()  # from the cache
    fresh = programme_overview.overview(now)
    assert again["as_of"] == cached["as_of"]
    for name in ("review", "proposals", "ready"):
        assert again[name] == fresh[name], name
    assert [vars(row) for row in again["pushes"]] == [vars(row) for row in fresh["pushes"]]
    assert [vars(row) for row in again["campaigns"]] == [vars(row) for row in fresh["campaigns"]]
    assert {key: vars(trend) for key, trend in again["figures"].items()} == {
        key: vars(trend) for key, trend in fresh["figures"].items()
    }


@pytest.mark.parametrize("path", ["/insights/?days=90", "/insights/?days=7&department=x"])
def test_the_cached_dashboard_equals_the_dashboard_computed_fresh(client_for, comms, path):
    """Withheld groups and opted-in names included: the cache keeps what the rules let out."""
    client = client_for(comms)
    _big, people = _team("Sales", 6)
    _small, few = _team("Legal", 3)  # under five: withheld when chosen
    _shares(people + few, 9)
    leader = people[0].ambassador
    leader.leaderboard_visible = True
    leader.save()
    _rolled_up()
    first = client.get(path).content.decode()
    cached = client.get(path).content.decode()
    default_cache.clear()
    fresh = client.get(path).content.decode()
    assert _without_token(cached) == _without_token(first) == _without_token(fresh)
    small = client.get(f"/insights/?department={_small.pk}").content.decode()
    assert "Fewer than 5 people match these filters" in small
    assert (
        "Fewer than 5 people match these filters"
        in client.get(f"/insights/?department={_small.pk}").content.decode()
    )


def test_the_overview_says_how_old_its_figures_are(client_for, comms):
    html = client_for(comms).get("/programme/").content.decode()
    assert re.search(r"Figures as of \d\d:\d\d", html)
    assert "at least every 5 minutes" in html
    assert cache.TIMEOUT == 300  # the bound the page states


def test_the_right_to_push_follows_the_group_on_the_next_overview(client_for, comms):
    """The person's right to push is kept per person until a group's permissions change."""
    from django.contrib.auth.models import Group, Permission

    client = client_for(comms)
    make_item(title="Ready to go")
    assert "/cms/sharing/push/" in client.get("/programme/").content.decode()
    push = Permission.objects.get(content_type__app_label="sharing", codename="add_push")
    for group in Group.objects.filter(permissions=push):
        group.permissions.remove(push)
    assert "/cms/sharing/push/" not in client.get("/programme/").content.decode()


def test_a_mission_handed_in_recounts_the_overview_but_not_the_pushes(client_for, comms):
    """Writes that move the programme's version often leave the pushes' progress (the raw
    notifications) to its own short-lived entry; a push planned again is counted anew."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(comms)
    _team("Sales", 5)
    push = Push.objects.create(item=make_item(), created_by=comms, window_hours=1)
    push_plan(push=push)
    waiting = client.get("/programme/").context["review"]["count"]
    submitted()
    with CaptureQueriesContext(connection) as captured:
        context = client.get("/programme/").context
    assert context["review"]["count"] == waiting + 1
    assert not [query for query in captured if "push:" in query["sql"]]
    assert context["as_of"] <= context["computed_at"]
