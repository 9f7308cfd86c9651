"""The guideline page reads its route, view restrictions and the reader's acknowledgements
from caches: every change must show on the very next view."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.factories.guidelines import acknowledge, add_guideline, major_change
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def seen(client, page):
    return client.get(page.url)


def test_a_guideline_unpublished_after_a_view_is_not_found(client_for, employee, guidelines):
    client = client_for(employee)
    assert seen(client, guidelines.privacy).status_code == 200
    url = guidelines.privacy.url
    guidelines.privacy.unpublish()
    assert client.get(url).status_code == 404


def test_a_new_guideline_is_found_at_once(client_for, employee, guidelines):
    client = client_for(employee)
    assert seen(client, guidelines.main).status_code == 200
    added = add_guideline(guidelines.index, "Video and live streams")
    assert seen(client, added).status_code == 200


def test_a_restriction_added_after_a_view_holds_on_the_next(client_for, employee, guidelines):
    client = client_for(employee)
    assert seen(client, guidelines.privacy).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=guidelines.privacy, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Comms staff")])
    assert seen(client, guidelines.privacy).status_code != 200
    restriction.delete()
    assert seen(client, guidelines.privacy).status_code == 200


ACKNOWLEDGED = "Je hebt deze versie op"  # the Dutch reader's "You acknowledged this version on"


def test_acknowledging_shows_on_the_next_view(client_for, employee, guidelines):
    client = client_for(employee)
    assert ACKNOWLEDGED not in seen(client, guidelines.privacy).content.decode()
    acknowledge(employee, guidelines.privacy)
    assert ACKNOWLEDGED in seen(client, guidelines.privacy).content.decode()
    major_change(guidelines.privacy, "Never film a customer without asking.")
    assert ACKNOWLEDGED not in seen(client, guidelines.privacy).content.decode()


def test_the_print_view_of_the_overview_is_still_its_own(client_for, employee, guidelines):
    response = client_for(employee).get(guidelines.index.url + "print/")
    assert response.status_code == 200


@pytest.mark.parametrize("extra", [0, 12])
def test_the_guideline_page_costs_the_same_with_more_guidelines(
    extra, client_for, employee, guidelines
):
    for number in range(extra):
        acknowledge(employee, add_guideline(guidelines.index, f"Extra {number}"))
    assert page_queries(client_for(employee), guidelines.privacy.url) <= 7
