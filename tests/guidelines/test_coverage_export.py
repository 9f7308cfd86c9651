"""Guideline acknowledgements as a Wagtail report: the status filter, CSV and XLSX."""

import csv
import io

import pytest
from openpyxl import load_workbook

from ambassadors.models import Ambassador, Department
from ambassadors.roles import Role
from guidelines import services
from guidelines.models import GuidelinePage
from tests.factories import make_user
from tests.factories.guidelines import major_change

pytestmark = pytest.mark.django_db

# In Dutch, the CMS's language for a user who chose none.
HEADINGS = ("Naam", "Afdeling", "Status")
CURRENT, BEHIND, NEVER = (
    "Actueel",
    "Loopt achter (heeft een oudere versie gelezen)",
    "Nooit bevestigd",
)


def _person(first, department):
    user = make_user(Role.EMPLOYEE)
    user.first_name, user.last_name = first, "Tester"
    user.save()
    Ambassador.objects.filter(user=user).update(department=department)
    return user


def _acknowledge_all(user, guidelines):
    for page in (guidelines.main, guidelines.privacy):
        page = GuidelinePage.objects.get(pk=page.pk)
        services.guideline_acknowledge(user=user, page=page, version=page.version)


@pytest.fixture
def people(guidelines):
    """Ann is current, Bob read an older version, Cas never acknowledged."""
    sales = Department.objects.create(name="Sales")
    ann, bob, cas = (_person(name, sales) for name in ("Ann", "Bob", "Cas"))
    _acknowledge_all(ann, guidelines)
    _acknowledge_all(bob, guidelines)
    major_change(guidelines.main, "New")
    _acknowledge_all(ann, guidelines)
    return ann, bob, cas


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_page_shows_departments_and_people_with_their_status(client_for, comms, people):
    """Percentages by department above; below, each person with their status."""
    response = client_for(comms).get("/cms/guideline-acknowledgements/")
    page = response.content.decode()
    assert "Sales" in page
    assert "33% (1)" in page
    assert "Ann Tester" in page
    assert BEHIND in page
    assert "?export=csv" in page
    assert "?export=xlsx" in page


def test_the_csv_lists_each_person_with_their_status(client_for, comms, people):
    """Name, department and status of everyone taking part (the comms user included)."""
    response = client_for(comms).get("/cms/guideline-acknowledgements/?export=csv")
    assert 'filename="guideline-acknowledgements.csv"' in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0] == list(HEADINGS)
    assert ["Ann Tester", "Sales", CURRENT] in rows
    assert ["Bob Tester", "Sales", BEHIND] in rows
    assert ["Cas Tester", "Sales", NEVER] in rows


def test_the_export_keeps_the_status_filter(client_for, comms, people):
    """Filtered on 'behind', the download holds only the people behind, on page and file."""
    client = client_for(comms)
    page = client.get("/cms/guideline-acknowledgements/?status=outdated")
    assert "Bob Tester" in page.content.decode()
    assert "Cas Tester" not in page.content.decode()
    response = client.get("/cms/guideline-acknowledgements/?status=outdated&export=xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows == [
        HEADINGS,
        ("Bob Tester", "Sales", BEHIND),
    ]


def test_an_unknown_status_lists_everyone(client_for, comms, people):
    """A status that does not exist is ignored, as before: everyone is listed."""
    response = client_for(comms).get("/cms/guideline-acknowledgements/?status=nonsense&export=csv")
    names = {row[0] for row in _csv(response)[1:]}
    assert {"Ann Tester", "Bob Tester", "Cas Tester"} <= names
