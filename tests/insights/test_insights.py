"""Insights: every figure against hand-computed values, rollups against a recount, privacy,
filters, CSV safety, permissions and query counts."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from ambassadors.models import Ambassador, Department, Network, SocialProfile, Stage
from ambassadors.roles import Role
from insights import rollups
from insights.dashboard import Filters
from insights.models import InsightSettings, SharingDaily
from insights.tables import build
from sharing.models import Click, Dismissal, Share
from tests.factories import make_user
from tests.factories.sharing import make_item
from tests.queries import page_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def comms(comms):
    """Pages and messages follow the profile's language; these tests read English."""
    Ambassador.objects.filter(user=comms).update(language="en")
    return comms


def _team(name, size, **profile):
    department = Department.objects.create(name=name)
    return department, [
        make_user(Role.EMPLOYEE, department=department, **profile) for _ in range(size)
    ]


def _share(user, item, network=Network.LINKEDIN, edited=False, at=None):
    share = Share.objects.create(user=user, item=item, network=network, text="t", edited=edited)
    if at:
        Share.objects.filter(pk=share.pk).update(created_at=at)
    return share


def _click(share, visitor, day, bot=False):
    Click.objects.create(share=share, day=day, visitor=visitor, is_bot=bot)


@pytest.fixture
def small_org():
    """Five people in Sales: known shares, clicks, audiences and costs."""
    sales, people = _team("Sales", 5)
    for person in people:
        SocialProfile.objects.create(
            ambassador=person.ambassador, network="linkedin", audience_size=200
        )
    item = make_item(title="Quiet heat pumps")
    today = timezone.localdate()
    first = _share(people[0], item, edited=True)
    second = _share(people[1], item)
    _share(people[2], item, network=Network.X)
    _click(first, "a", today)
    _click(first, "a", today)  # the same visitor again: a click, not a unique click
    _click(first, "b", today)
    _click(second, "c", today)
    _click(second, "bot", today, bot=True)  # never counted
    Dismissal.objects.create(user=people[3], item=make_item(), reason="Not for my network")
    settings = InsightSettings.load()
    settings.cpc_linkedin = Decimal("2.00")
    settings.cpm_linkedin = Decimal("10.00")
    settings.cpc_x = Decimal("1.00")
    settings.impressions_per_audience = Decimal("0.50")
    settings.save()
    rollups.rollup_range(today - dt.timedelta(days=1), today)
    rollups.snapshot_funnel(today)
    return sales, people


def test_sharing_figures_by_hand(small_org):
    sales, _people = small_org
    built = build(Filters.from_query({"department": str(sales.pk)}))
    rows = {row[0]: row for row in built["tables"]["sharing"].rows}
    # network, shares, own words %, clicks, unique, per share, audience, impressions,
    # value of the clicks, value of the impressions
    assert rows["LinkedIn"] == [
        "LinkedIn",
        2,
        50.0,
        4,
        3,
        1.5,
        400,
        200,
        Decimal("6.00"),
        Decimal("2.00"),
    ]
    assert rows["X"][1:6] == [1, 0.0, 0, 0, 0.0]
    # 3 unique clicks × €2 + 200 impressions / 1000 × €10 = €8
    assert built["headline"]["emv"] == 8
    assert built["headline"]["shares"] == 3


def test_rollups_equal_a_recount_and_rolling_up_again_changes_nothing(small_org):
    today = timezone.localdate()
    totals = SharingDaily.objects.filter(day=today, window=0).values_list(
        "shares", "clicks", "unique_clicks"
    )
    shares, clicks, unique = (sum(column) for column in zip(*totals, strict=True))
    assert shares == Share.objects.count()
    assert clicks == Click.objects.filter(is_bot=False).count()
    assert (
        unique == Click.objects.filter(is_bot=False).values("share", "visitor").distinct().count()
    )
    columns = ("window", "network", "shares", "clicks")
    before = sorted(SharingDaily.objects.values_list(*columns))
    rollups.refresh(today)
    after = sorted(SharingDaily.objects.values_list(*columns))
    assert before == after


def test_funnel_learning_and_attention(small_org):
    sales, people = small_org
    Ambassador.objects.filter(user=people[4]).update(status=Ambassador.Status.PAUSED)
    rollups.snapshot_funnel(timezone.localdate())
    built = build(Filters.from_query({"department": str(sales.pk)}))
    funnel = dict(built["tables"]["funnel"].rows)
    assert funnel["Employees"] == 5
    assert funnel["Taking part"] == 5  # paused people still take part
    assert funnel["Engagement"] == 5
    attention = dict(built["tables"]["attention"].rows)
    assert attention["Paused now"] == "fewer than 5"


def test_a_group_of_fewer_than_five_is_withheld(small_org, client_for, comms):
    tiny, _people = _team("Legal", 3)
    rollups.refresh(timezone.localdate())
    built = build(Filters.from_query({"department": str(tiny.pk)}))
    assert built["withheld"]
    assert built["tables"]["funnel"].rows == []
    assert built["tables"]["sharing"].rows == []
    page = client_for(comms).get(f"/insights/?department={tiny.pk}").content.decode()
    assert "Fewer than 5 people match these filters" in page


def test_filters_narrow_the_figures(small_org):
    _sales, _people = small_org
    other, colleagues = _team("IT", 5, stage=Stage.CURATION)
    _share(colleagues[0], make_item())
    rollups.refresh(timezone.localdate())
    everyone = build(Filters.from_query({}))["headline"]["shares"]
    it_only = build(Filters.from_query({"department": str(other.pk)}))["headline"]["shares"]
    curation = build(Filters.from_query({"stage": "2"}))["headline"]["shares"]
    x_only = build(Filters.from_query({"network": "x"}))["headline"]["shares"]
    assert (everyone, it_only, curation, x_only) == (4, 1, 1, 1)


def test_individuals_appear_only_when_they_opted_in(small_org):
    _sales, people = small_org
    from missions.services import points_award

    for number, person in enumerate(people):
        points_award(user=person, points=10 + number, reason="t", key=f"p{number}")
    Ambassador.objects.filter(user=people[0]).update(leaderboard_visible=True)
    Ambassador.objects.filter(user=people[1]).update(
        leaderboard_visible=True, leaderboard_anonymous=True
    )
    leaders = build(Filters.from_query({}))["tables"]["leaders"].rows
    names = [row[0] for row in leaders]
    assert people[0].get_full_name() in names
    assert "An ambassador" in names
    assert all(person.get_full_name() not in names for person in people[1:])
    assert len(leaders) == 2


def test_csv_export_is_complete_and_safe(small_org, client_for, comms):
    make_item(title='=HYPERLINK("http://evil.example")')
    evil = make_item(title="@SUM(1+1)")
    _share(small_org[1][0], evil)
    rollups.refresh(timezone.localdate())
    response = client_for(comms).get("/insights/export/content.csv?days=30")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Item", "Shares", "Unique clicks"]
    titles = [row[0] for row in rows[1:]]
    assert "'@SUM(1+1)" in titles
    assert not any(title.startswith(("=", "+", "-", "@")) for title in titles)
    assert client_for(comms).get("/insights/export/nothing.csv").status_code == 404


def test_only_comms_staff_see_insights(client_for, employee, mentor, comms, administrator):
    assert client_for(employee).get("/insights/").status_code == 403
    assert client_for(mentor).get("/insights/").status_code == 403
    assert client_for(employee).get("/insights/export/sharing.csv").status_code == 403
    assert client_for(comms).get("/insights/").status_code == 200
    assert client_for(administrator).get("/insights/").status_code == 200


def test_dashboard_queries_do_not_grow(client_for, comms):
    def grow(size, name):
        department, team = _team(name, 5)
        for number in range(size):
            share = _share(team[number % 5], make_item())
            _click(share, f"v{number}", timezone.localdate())
        rollups.rollup_range(timezone.localdate() - dt.timedelta(days=2), timezone.localdate())
        rollups.snapshot_funnel(timezone.localdate())

    client = client_for(comms)
    InsightSettings.load()  # made on first use; not part of what a page costs

    def count():
        return page_queries(client, "/insights/")

    grow(3, "Small")
    small = count()
    grow(120, "Large")
    assert count() == small


def test_weekly_summary_for_those_who_asked(small_org, client_for, comms):
    from ambassadors.models import Notification
    from insights.summary import summaries_send

    other = make_user(Role.EMPLOYEE, Role.COMMS)
    client_for(comms).post("/insights/summary/", {"subscribe": "yes"})
    monday = timezone.localdate()
    assert summaries_send(today=monday) == 1
    assert summaries_send(today=monday) == 1  # sent again the same day: still one message
    note = Notification.objects.get(recipient=comms, kind="insights_summary")
    assert "Shares: 3, unique clicks: 3" in note.body
    assert "People taking part: 5" in note.body
    assert not Notification.objects.filter(recipient=other, kind="insights_summary").exists()
    client_for(comms).post("/insights/summary/", {"subscribe": "no"})
    assert summaries_send(today=monday + dt.timedelta(days=7)) == 0


def test_the_header_marks_insights_not_my_path_as_current(client_for, comms):
    """Both apps name their main view "dashboard"; only the page you are on is current."""
    page = client_for(comms).get("/insights/").content.decode()
    nav = page.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert 'aria-current="page"' not in nav
    path = client_for(comms).get("/path/").content.decode()
    assert 'href="/path/" aria-current="page"' in path


def test_the_rule_of_five_counts_people_taking_part_not_invitations(small_org, client_for, comms):
    """Two taking part among eight invited is a group of two: its figures are withheld."""
    legal, _joined = _team("Legal", 2)
    for _ in range(6):
        make_user(Role.EMPLOYEE, department=legal, joined=False)
    rollups.refresh(timezone.localdate())
    built = build(Filters.from_query({"department": str(legal.pk)}))
    assert built["tables"]["funnel"].rows == []
    assert built["headline"] == {"currency": built["headline"]["currency"]}
    page = client_for(comms).get(f"/insights/?department={legal.pk}").content.decode()
    assert "Fewer than 5 people match these filters" in page


def test_two_views_that_differ_by_fewer_than_five_are_not_both_shown(small_org, client_for, comms):
    """Sales and 'Sales in stage 1' differ by two people: the narrower view is withheld, and so
    is 'stage 1' (everyone minus it is those two); Sales itself and everyone stay visible."""
    sales, _people = small_org
    _it, _colleagues = _team("IT", 5)
    for _ in range(2):
        make_user(Role.EMPLOYEE, department=sales, stage=Stage.CURATION)
    rollups.refresh(timezone.localdate())

    def shown(**query):
        return not build(Filters.from_query({k: str(v) for k, v in query.items()}))["withheld"]

    assert shown()
    assert shown(department=sales.pk)
    assert not shown(department=sales.pk, stage=1)
    assert not shown(stage=1)
    page = client_for(comms).get(f"/insights/?department={sales.pk}&stage=1").content.decode()
    assert "leave out fewer than 5 people of a wider view" in page
    csv_rows = (
        client_for(comms)
        .get(f"/insights/export/funnel.csv?department={sales.pk}&stage=1")
        .content.decode()
    )
    assert csv_rows.strip().count("\n") == 0  # the header only


def test_a_reason_counts_people_not_times(small_org):
    """One person giving a reason six times does not make it appear; five people do."""
    _sales, people = small_org
    for _ in range(6):
        Dismissal.objects.create(user=people[0], item=make_item(), reason="Too salesy")
    for person in people:
        Dismissal.objects.create(user=person, item=make_item(), reason="Not my field ")
    rollups.refresh(timezone.localdate())
    reasons = build(Filters.from_query({"days": "7"}))["tables"]["dismissals"].rows
    assert reasons == [["not my field", 5]]


def test_sibling_views_cannot_be_subtracted_to_show_a_small_group():
    """A department of 6 in stage 1, 5 in stage 2 and 1 in stage 3: the department and its
    stage-1 view are shown, but not also its stage-2 view (department − stage 1 − stage 2
    would be the one person in stage 3)."""
    sales, _ = _team("Sales", 6)
    for _ in range(5):
        make_user(Role.EMPLOYEE, department=sales, stage=Stage.CURATION)
    make_user(Role.EMPLOYEE, department=sales, stage=Stage.PRODUCTION)
    _team("IT", 6)
    rollups.refresh(timezone.localdate())

    def shown(**query):
        return not build(Filters.from_query({k: str(v) for k, v in query.items()}))["withheld"]

    assert shown(department=sales.pk)
    assert not shown(department=sales.pk, stage=3)
    assert [shown(department=sales.pk, stage=1), shown(department=sales.pk, stage=2)] == [
        True,
        False,
    ]
