"""Acknowledgement coverage for comms staff: by department, in percentages, fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ambassadors.models import Ambassador, Department
from ambassadors.roles import Role
from guidelines import selectors, services
from guidelines.models import GuidelinePage
from tests.factories import make_user
from tests.factories.guidelines import major_change

pytestmark = pytest.mark.django_db


def _people(department, count):
    people = [make_user(Role.EMPLOYEE) for _ in range(count)]
    Ambassador.objects.filter(user__in=people).update(department=department)
    return people


def _acknowledge_all(user, guidelines):
    for page in (guidelines.main, guidelines.privacy):
        page = GuidelinePage.objects.get(pk=page.pk)
        services.guideline_acknowledge(user=user, page=page, version=page.version)


def test_coverage_counts_current_behind_and_missing(guidelines):
    """Per department: current, behind after a major change, and never acknowledged."""
    sales, hr = Department.objects.create(name="Sales"), Department.objects.create(name="HR")
    s1, s2, s3, s4 = _people(sales, 4)
    (h1,) = _people(hr, 1)
    for person in (s1, s2, h1):
        _acknowledge_all(person, guidelines)
    major_change(guidelines.main, "New")
    _acknowledge_all(s1, guidelines)  # s1 read the new version; s2 and h1 are behind
    departments, total = selectors.coverage_by_department()
    rows = {row.department: row for row in departments}
    assert (rows["Sales"].people, rows["Sales"].current, rows["Sales"].outdated) == (4, 1, 1)
    assert rows["Sales"].missing == 2
    assert (rows["Sales"].current_percent, rows["Sales"].missing_percent) == (25, 50)
    assert (rows["HR"].current, rows["HR"].outdated, rows["HR"].missing) == (0, 1, 0)
    behind, _required = selectors.people_by_status(selectors.OUTDATED)
    assert {a.user_id for a in behind} == {s2.pk, h1.pk}


def _count(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/cms/guideline-acknowledgements/").status_code == 200
    return len(captured)


def test_coverage_page_queries_do_not_grow_with_employees(client_for, comms, guidelines):
    """The admin coverage page costs the same queries with 5 and with 50 employees."""
    client = client_for(comms)
    client.get("/cms/guideline-acknowledgements/")
    sales = Department.objects.create(name="Sales")
    for person in _people(sales, 5):
        _acknowledge_all(person, guidelines)
    small = _count(client)
    for number, person in enumerate(_people(Department.objects.create(name="IT"), 45)):
        if number % 2:
            _acknowledge_all(person, guidelines)
    large = _count(client)
    assert small == large
