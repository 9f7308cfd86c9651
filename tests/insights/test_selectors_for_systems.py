"""Reads of the rollups for other systems: aggregates only, the rule of five kept."""

import datetime as dt

import pytest
from django.utils import timezone

from ambassadors.models import Department, Network
from insights import dashboard, rollups, selectors
from sharing.models import Share
from tests.factories import make_user
from tests.factories.sharing import make_item

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def team(name, size):
    department = Department.objects.create(name=name)
    return department, [make_user(department=department) for _ in range(size)]


@pytest.fixture
def shared():
    """Seven in Sales, six in IT and four in Legal; people in Sales and Legal share one item;
    the rollups are up to date."""
    sales, people = team("Sales", 7)
    team("IT", 6)
    legal, lawyers = team("Legal", 4)
    item = make_item(title="Quiet heat pumps")
    for person in people[:3]:
        Share.objects.create(user=person, item=item, network=Network.LINKEDIN, text="t")
    Share.objects.create(user=people[3], item=item, network=Network.X, text="t")
    Share.objects.create(user=lawyers[0], item=item, network=Network.LINKEDIN, text="t")
    today = timezone.localdate()
    rollups.refresh(today)
    return sales, legal, item, today


def test_sharing_per_day_and_network(shared):
    """Shares per day and network for everyone, and for a department of seven."""
    sales, _legal, _item, today = shared
    rows, reason = selectors.sharing_daily(start=today - dt.timedelta(days=6), end=today)
    assert reason == ""
    assert {(row["network"], row["shares"]) for row in rows} == {("linkedin", 4), ("x", 1)}
    rows, reason = selectors.sharing_daily(
        start=today, end=today, network="x", department_id=sales.pk
    )
    assert [(row["day"], row["shares"]) for row in rows] == [(today, 1)]


def test_a_department_of_four_is_withheld(shared):
    """A department under five gets no rows and the reason."""
    _sales, legal, _item, today = shared
    rows, reason = selectors.sharing_daily(start=today, end=today, department_id=legal.pk)
    assert rows == []
    assert reason == dashboard.WITHHELD_SMALL


def test_an_organisation_of_four_is_withheld_without_a_department_too():
    """Fewer than five people taking part in all: the dashboard shows nothing, nor does this."""
    people = [make_user() for _ in range(4)]
    item = make_item(title="Quiet heat pumps")
    Share.objects.create(user=people[0], item=item, network=Network.LINKEDIN, text="t")
    today = timezone.localdate()
    rollups.refresh(today)
    rows, reason = selectors.sharing_daily(start=today, end=today)
    assert (rows, reason) == ([], dashboard.WITHHELD_SMALL)


def test_item_figures_per_day_and_network(shared):
    """An item's shares per network and day, everyone together."""
    _sales, _legal, item, today = shared
    rows = selectors.content_figures(item_id=item.pk, start=today, end=today)
    assert {(row["network"], row["shares"]) for row in rows} == {("linkedin", 4), ("x", 1)}


def test_insight_tables_mark_withheld_counts(shared):
    """The dashboard's tables as the CSV has them; a count under five is marked withheld,
    and a filter on a group of four withholds the person-level tables."""
    _sales, legal, _item, _today = shared
    tables, withheld = selectors.insight_tables({})
    assert withheld == ""
    assert tables["sharing"].rows
    tables, withheld = selectors.insight_tables({"department": str(legal.pk)})
    assert withheld
    assert tables["funnel"].rows == []
    assert isinstance(dashboard.people(3), dashboard.Withheld)
    assert dashboard.people(5) == 5


def test_a_filter_value_the_dashboard_does_not_offer_is_refused(shared):
    """An unknown department is refused rather than read as everyone."""
    with pytest.raises(selectors.FilterRefused) as refused:
        selectors.insight_tables({"department": "99999"})
    assert refused.value.field == "department"
