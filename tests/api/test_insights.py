"""/insights/{table}: the dashboard's tables, with its privacy rules kept."""

import pytest
from django.utils import timezone

from ambassadors.models import Ambassador, Department, Stage
from insights import rollups
from missions.services import points_award
from tests.api.calls import Caller, personal_get, problem
from tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def team(name, size, **profile):
    department = Department.objects.create(name=name)
    return department, [make_user(department=department, **profile) for _ in range(size)]


@pytest.fixture
def org():
    """Six in Sales (one of them in the curation stage) and four in Legal."""
    sales, people = team("Sales", 5)
    people.append(make_user(department=sales, stage=Stage.CURATION))
    legal, lawyers = team("Legal", 4)
    rollups.refresh(timezone.localdate())
    return sales, people, legal, lawyers


@pytest.fixture
def bi():
    return Caller("insights:read")


def test_a_small_count_is_null_with_the_reason(bi, org):
    """The funnel: ten taking part; the one person in curation is null, named withheld,
    never a number or the words "fewer than 5" in a number column."""
    body = bi.get("/api/v1/insights/funnel").json()
    assert body["withheld"] is None
    values = {row[0]: row[1] for row in body["rows"]}
    assert values["Taking part"] == 10
    assert values["Curation"] is None
    row = next(i for i, r in enumerate(body["rows"]) if r[0] == "Curation")
    assert {"row": row, "column": 1, "reason": body["withheld_cells"][0]["reason"]} in body[
        "withheld_cells"
    ]


def test_a_group_of_four_is_withheld(bi, org):
    """Filtered on Legal (four people) the table has no rows and says why."""
    _sales, _people, legal, _lawyers = org
    body = bi.get("/api/v1/insights/funnel", department=legal.pk).json()
    assert body["rows"] == []
    assert "Fewer than 5" in body["withheld"]


def test_only_people_who_opted_in_are_leaders(bi, org):
    """An opted-out person is absent; an anonymous one is nameless."""
    _sales, people, _legal, _lawyers = org
    for number, person in enumerate(people):
        points_award(user=person, points=10 + number, reason="t", key=f"p{number}")
    Ambassador.objects.filter(user=people[0]).update(leaderboard_visible=True)
    Ambassador.objects.filter(user=people[1]).update(
        leaderboard_visible=True, leaderboard_anonymous=True
    )
    rows = bi.get("/api/v1/insights/leaders").json()["rows"]
    names = [row[0] for row in rows]
    assert len(rows) == 2
    assert people[0].get_full_name() in names
    assert "An ambassador" in names
    assert all(person.get_full_name() not in names for person in people[1:])


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v1/insights/salaries", {}),
        ("/api/v1/insights/funnel", {"days": "12"}),
        ("/api/v1/insights/funnel", {"stage": "9"}),
        ("/api/v1/insights/funnel", {"department": "99999"}),
        ("/api/v1/insights/funnel", {"topic": "abc"}),
    ],
)
def test_bad_tables_and_filters_are_refused(bi, path, query):
    """An unknown table or filter value is a problem, never the whole organisation."""
    response = bi.get(path, **query)
    assert response.status_code in (404, 422)
    problem(response, response.status_code)


def test_a_table_costs_the_same_with_more_people(bi, org):
    """Counted once the filter bar's lists are cached, as on a running server."""
    bi.queries("/api/v1/insights/sharing")
    small = bi.queries("/api/v1/insights/sharing")
    team("IT", 6)
    rollups.refresh(timezone.localdate())
    bi.queries("/api/v1/insights/sharing")
    assert bi.queries("/api/v1/insights/sharing") == small


def test_a_personal_token_cannot_read_insights():
    problem(personal_get(make_user(), "/api/v1/insights/funnel"), 403)
