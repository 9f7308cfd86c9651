"""/acknowledgements and /acknowledgements/coverage: the compliance export and coverage."""

import pytest

from ambassadors.models import Department
from tests.api.calls import Caller, personal_get, problem
from tests.factories import make_user
from tests.factories.guidelines import acknowledge, build_guidelines, major_change

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def compliance():
    return Caller("acknowledgements:read")


def team(name, size):
    department = Department.objects.create(name=name)
    return [make_user(department=department) for _ in range(size)]


def test_each_version_acknowledged_per_person(compliance):
    """One row per person and version, the older one no longer current; filters narrow."""
    guidelines = build_guidelines()
    (anna,) = team("Sales", 1)
    acknowledge(anna, guidelines.main)
    major_change(guidelines.main, "Never share customer names.")
    acknowledge(anna, guidelines.main)
    acknowledge(make_user(joined=False), guidelines.main)
    items = compliance.get("/api/v1/acknowledgements").json()["items"]
    assert [(row["person"], row["version"], row["current"]) for row in items] == [
        (anna.pk, 1, False),
        (anna.pk, 2, True),
    ]
    assert items[0]["guideline_title"] == "Social media guidelines"
    assert items[0]["department"] == "Sales"
    key = str(guidelines.main.translation_key)
    current = compliance.get("/api/v1/acknowledgements", guideline=key, current="true")
    assert [row["version"] for row in current.json()["items"]] == [2]
    assert compliance.get("/api/v1/acknowledgements", version=1).json()["items"][0]["version"] == 1


@pytest.mark.parametrize(
    "query",
    [{"version": "0"}, {"version": "two"}, {"guideline": "x"}, {"current": "perhaps"}],
)
def test_bad_filters_are_422(compliance, query):
    problem(compliance.get("/api/v1/acknowledgements", **query), 422)


def test_export_queries_do_not_grow(compliance):
    """A page of the export costs the same with 1 or 7 acknowledgements."""
    guidelines = build_guidelines()
    acknowledge(team("Sales", 1)[0], guidelines.main)
    small = compliance.queries("/api/v1/acknowledgements")
    coverage = compliance.queries("/api/v1/acknowledgements/coverage")
    for person in team("IT", 6):
        acknowledge(person, guidelines.main)
    assert compliance.queries("/api/v1/acknowledgements") == small
    assert compliance.queries("/api/v1/acknowledgements/coverage") == coverage


def test_coverage_withholds_a_department_of_four(compliance):
    """A department of four has null counts and the reason, as has the smallest other one
    (or the total would give it away); the larger department and the total show."""
    guidelines = build_guidelines()
    sales = team("Sales", 7)
    team("IT", 5)
    lawyers = team("Legal", 4)
    for person in sales[:3] + lawyers[:1]:
        acknowledge(person, guidelines.main)
    rows = compliance.get("/api/v1/acknowledgements/coverage").json()
    main = next(row for row in rows if row["title"] == "Social media guidelines")
    groups = {group["department"]: group for group in main["departments"]}
    assert groups["Legal"] == {
        "department": "Legal",
        "people": None,
        "current": None,
        "outdated": None,
        "missing": None,
        "withheld": groups["Legal"]["withheld"],
    }
    assert groups["Legal"]["withheld"]
    assert groups["IT"]["people"] is None
    assert (groups["Sales"]["current"], groups["Sales"]["missing"]) == (3, 4)
    assert main["total"]["people"] == 16
    assert main["total"]["current"] == 4


def test_a_personal_token_cannot_read_the_export():
    problem(personal_get(make_user(), "/api/v1/acknowledgements"), 403)
