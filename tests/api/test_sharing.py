"""/sharing/daily and /content-items/{id}/figures: totals from the rollups, never a click."""

import datetime as dt

import pytest
from django.utils import timezone

from ambassadors.models import Department, Network
from insights import rollups
from sharing.models import Click, Share
from tests.api.calls import Caller, personal_get, problem
from tests.factories import make_user
from tests.factories.sharing import make_item

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def team(name, size):
    department = Department.objects.create(name=name)
    return [make_user(department=department) for _ in range(size)]


@pytest.fixture
def shared():
    """Seven in Sales, six in IT, four in Legal; Sales and Legal share an item, clicked."""
    sales = team("Sales", 7)
    team("IT", 6)
    lawyers = team("Legal", 4)
    item = make_item(title="Quiet heat pumps")
    today = timezone.localdate()
    shares = [
        Share.objects.create(user=person, item=item, network=Network.LINKEDIN, text="t")
        for person in (*sales[:3], lawyers[0])
    ]
    Share.objects.create(user=sales[3], item=item, network=Network.X, text="t")
    Click.objects.create(share=shares[0], day=today, visitor="a")
    Click.objects.create(share=shares[0], day=today, visitor="b")
    rollups.refresh(today)
    return item, today


@pytest.fixture
def bi():
    return Caller("sharing:read")


def test_daily_totals_per_network(bi, shared):
    """Everyone's shares and clicks per day and network; no person in sight."""
    _item, today = shared
    body = bi.get("/api/v1/sharing/daily").json()
    assert body["withheld"] is None
    rows = {row["network"]: row for row in body["days"] if row["day"] == today.isoformat()}
    assert (rows["linkedin"]["shares"], rows["linkedin"]["clicks"]) == (4, 2)
    assert rows["x"]["shares"] == 1
    assert set(rows["x"]) == {
        "day",
        "network",
        "shares",
        "own_words",
        "clicks",
        "unique_clicks",
        "estimated_reach",
    }


def test_a_department_of_four_is_withheld(bi, shared):
    """Legal (four people) gets no rows and the reason; Sales (seven) its own totals."""
    body = bi.get("/api/v1/sharing/daily", department="Legal").json()
    assert body["days"] == []
    assert "Fewer than 5" in body["withheld"]
    sales = bi.get("/api/v1/sharing/daily", department="Sales", network="x").json()
    assert [row["shares"] for row in sales["days"]] == [1]


def test_an_unknown_department_is_404_not_everyone(bi, shared):
    problem(bi.get("/api/v1/sharing/daily", department="Nowhere"), 404)


def test_a_day_long_ago_is_read_as_1970(bi, shared):
    """30 days before 0001-01-05 would overflow: the day is read as 1970-01-01 instead."""
    body = bi.get("/api/v1/sharing/daily", until="0001-01-05").json()
    assert (body["until"], body["days"]) == ("1970-01-01", [])


def test_an_items_figures(bi, shared):
    item, today = shared
    body = bi.get(f"/api/v1/content-items/{item.pk}/figures").json()
    assert {(row["network"], row["shares"]) for row in body["days"]} == {("linkedin", 4), ("x", 1)}
    problem(bi.get("/api/v1/content-items/999999/figures"), 404)


@pytest.mark.parametrize(
    "query",
    [
        {"since": "2020-01-01", "until": "2026-01-01"},  # too long a period
        {"since": "2026-02-01", "until": "2026-01-01"},  # backwards
        {"since": "yesterday"},
        {"until": "0"},  # a number is not a day
        {"network": "myspace"},
    ],
)
def test_bad_periods_and_filters_are_422(bi, query):
    problem(bi.get("/api/v1/sharing/daily", **query), 422)


def test_daily_totals_cost_the_same_with_more_sharing(bi, shared):
    item, today = shared
    small = bi.queries("/api/v1/sharing/daily")
    figures = bi.queries(f"/api/v1/content-items/{item.pk}/figures")
    for person in team("Ops", 6):
        Share.objects.create(user=person, item=make_item(), network=Network.FACEBOOK, text="t")
    rollups.refresh(today - dt.timedelta(days=0))
    assert bi.queries("/api/v1/sharing/daily") == small
    assert bi.queries(f"/api/v1/content-items/{item.pk}/figures") == figures


def test_a_personal_token_cannot_read_sharing_totals():
    problem(personal_get(make_user(), "/api/v1/sharing/daily"), 403)
