"""Certificates, public verification and Open Badges 2.0 hosted assertions."""

import hashlib

import pytest

from courses import services
from courses.models import Enrolment
from tests.factories.courses import complete_basics

pytestmark = pytest.mark.django_db


def test_owner_sees_a_printable_certificate(client_for, employee, other_employee, tree):
    """The learner opens their certificate; another employee gets 404 for the same code."""
    enrolment = complete_basics(employee, tree)
    url = f"/certificates/{enrolment.certificate_code}/"
    response = client_for(employee).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert employee.get_full_name() in html
    assert "Basics" in html
    assert f"/verify/{enrolment.certificate_code}/" in html
    assert client_for(other_employee).get(url).status_code == 404


def test_verification_shows_name_course_and_date_only(client_for, employee, tree):
    """Anyone can verify; the page holds the name, course and date, not the e-mail address."""
    enrolment = complete_basics(employee, tree)
    response = client_for().get(f"/verify/{enrolment.certificate_code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert employee.get_full_name() in html
    assert "Basics" in html
    assert employee.email not in html
    assert employee.username not in html


def test_open_badges_assertion_class_and_issuer(client_for, employee, tree, settings):
    """The hosted assertion points to the badge class and issuer, with a hashed e-mail."""
    enrolment = complete_basics(employee, tree)
    client = client_for()
    assertion = client.get(f"/badges/assertions/{enrolment.certificate_code}.json").json()
    assert assertion["type"] == "Assertion"
    assert assertion["verification"] == {"type": "HostedBadge"}
    assert assertion["id"].endswith(f"/badges/assertions/{enrolment.certificate_code}.json")
    recipient = assertion["recipient"]
    expected = hashlib.sha256((employee.email + recipient["salt"]).encode()).hexdigest()
    assert recipient["identity"] == f"sha256${expected}"
    assert employee.email not in str(assertion)
    badge_path = assertion["badge"].removeprefix(settings.SITE_URL)
    badge = client.get(badge_path).json()
    assert badge["type"] == "BadgeClass"
    assert badge["name"] == "Basics"
    assert client.get(badge["image"].removeprefix(settings.SITE_URL))["Content-Type"].startswith(
        "image/svg+xml"
    )
    issuer = client.get(badge["issuer"].removeprefix(settings.SITE_URL)).json()
    assert issuer["type"] == "Issuer"


def test_unfinished_course_has_no_certificate(client_for, employee, tree):
    """Halfway through, there is no certificate code to open."""
    services.lesson_mark_done(user=employee, course=tree.basics, lesson=tree.intro)
    enrolment = Enrolment.objects.get(user=employee)
    assert enrolment.certificate_code is None
    assert client_for(employee).get("/certificates/None/").status_code == 404
