"""Reads for other systems: the compliance export and coverage per guideline."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ambassadors.models import Department
from guidelines import selectors
from tests.factories import make_user
from tests.factories.guidelines import acknowledge, major_change

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def team(name, size):
    department = Department.objects.create(name=name)
    return department, [make_user(department=department) for _ in range(size)]


def queries(read) -> int:
    selectors.current_versions()  # cached as on a running server
    with CaptureQueriesContext(connection) as captured:
        read()
    return len(captured)


def test_acknowledgements_per_version_with_filters(guidelines):
    """Each acknowledgement of a version, of people who joined; filters narrow them."""
    sales, (anna, bart) = team("Sales", 2)
    invited = make_user(joined=False)
    first = acknowledge(anna, guidelines.main)
    major_change(guidelines.main, "Never share customer names.")
    second = acknowledge(anna, guidelines.main)
    other = acknowledge(bart, guidelines.privacy)
    acknowledge(invited, guidelines.main)
    key = guidelines.main.translation_key
    assert list(selectors.acknowledgements(guideline=key)) == [first, second]
    assert list(selectors.acknowledgements(guideline=key, version=2)) == [second]
    assert list(selectors.acknowledgements(current=True)) == [second, other]
    assert list(selectors.acknowledgements(current=False)) == [first]
    assert list(selectors.acknowledgements(department_id=sales.pk)) == [first, second, other]
    assert selectors.acknowledgements(guideline=key)[0].guideline_title == "Social media guidelines"


def test_acknowledgements_read_in_fixed_queries(guidelines):
    """The export with people and departments costs the same at two sizes."""

    def read():
        return [
            (row.user.ambassador.department, row.version) for row in selectors.acknowledgements()
        ]

    _sales, people = team("Sales", 1)
    acknowledge(people[0], guidelines.main)
    small = queries(read)
    _it, more = team("IT", 5)
    for person in more:
        acknowledge(person, guidelines.main)
    assert queries(read) == small


def test_coverage_per_guideline_and_department(guidelines):
    """Current, behind and never read per guideline, in total and per department."""
    _sales, sales = team("Sales", 6)
    _it, it = team("IT", 5)
    for person in sales[:4]:
        acknowledge(person, guidelines.main)
    major_change(guidelines.main, "Never share customer names.")
    acknowledge(sales[0], guidelines.main)
    acknowledge(it[0], guidelines.main)
    coverage = {row.title: row for row in selectors.coverage_per_guideline()}
    main = coverage["Social media guidelines"]
    assert main.version == 2
    groups = {group.department: group for group in main.departments}
    sales_row = groups["Sales"]
    assert (sales_row.people, sales_row.current, sales_row.outdated, sales_row.missing) == (
        6,
        1,
        3,
        2,
    )
    assert (groups["IT"].current, groups["IT"].missing) == (1, 4)
    assert (main.total.people, main.total.current, main.total.outdated) == (11, 2, 3)
    assert coverage["Privacy and photos"].total.missing == 11


def test_a_department_of_four_is_withheld_and_cannot_be_subtracted(guidelines):
    """A department under five shows no counts, and neither does the smallest other one,
    so the total less the shown departments does not give it away."""
    team("Sales", 6)
    team("IT", 5)
    team("Legal", 4)
    main = next(row for row in selectors.coverage_per_guideline() if row.title.startswith("Social"))
    groups = {group.department: group for group in main.departments}
    assert groups["Legal"].withheld
    assert groups["Legal"].missing is None
    assert groups["IT"].withheld
    assert groups["Sales"].people == 6
    assert main.total.people == 15


def test_coverage_reads_in_fixed_queries(guidelines):
    """Coverage costs the same with few and many people."""
    team("Sales", 1)
    small = queries(selectors.coverage_per_guideline)
    _it, people = team("IT", 6)
    for person in people:
        acknowledge(person, guidelines.privacy)
    assert queries(selectors.coverage_per_guideline) == small
