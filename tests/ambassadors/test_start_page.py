"""Where people land: one rule (ambassadors.start) for the home page and every sign-in."""

import pytest

from ambassadors.roles import Role
from ambassadors.start import start_page_for
from mentors.models import Kind
from tests.factories import PASSWORD, make_user
from tests.factories.mentors import file_request, make_mentor

pytestmark = pytest.mark.django_db


def sign_in(client, user, next_url=None):
    data = {"username": user.username, "password": PASSWORD}
    url = "/accounts/login/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data)


@pytest.mark.parametrize(
    ("roles", "landing"),
    [
        ((Role.EMPLOYEE,), "/path/"),
        ((Role.EMPLOYEE, Role.MENTOR), "/desk/"),
        ((Role.EMPLOYEE, Role.COMMS), "/programme/"),
        ((Role.ADMIN,), "/programme/"),
    ],
)
def test_password_sign_in_lands_on_the_roles_start_page(client, roles, landing):
    """Employees on their path, mentors on the desk, comms staff on the programme overview."""
    user = make_user(*roles)
    response = sign_in(client, user)
    assert response.status_code == 302
    assert response["Location"] == landing
    assert client.get("/")["Location"] == landing  # the home page follows the same rule


def test_a_local_next_page_wins_over_the_start_page(client):
    mentor = make_mentor(Kind.MEDIATION)
    assert sign_in(client, mentor, "/missions/")["Location"] == "/missions/"


def test_a_next_to_another_site_falls_back_to_the_start_page(client):
    mentor = make_mentor(Kind.QUESTION)
    assert sign_in(client, mentor, "https://evil.example/")["Location"] == "/desk/"


def test_mentor_and_comms_start_on_the_desk_only_while_urgent_mediation_waits():
    """Both roles: the overview, unless an urgent mediation nobody has taken waits for them."""
    both = make_mentor(Kind.MEDIATION)
    both.groups.add(*type(both.groups.first()).objects.filter(name=Role.COMMS.value))
    both = type(both).objects.get(pk=both.pk)
    assert start_page_for(both) == "/programme/"
    # Routed to `both` (the only mediator), not picked up yet: urgent.
    file_request(kind=Kind.MEDIATION)
    both = type(both).objects.get(pk=both.pk)
    assert start_page_for(both) == "/desk/"


def test_the_home_page_stays_the_front_page_for_visitors(client):
    response = client.get("/")
    assert response.status_code == 200
