"""Pages run a fixed number of queries whatever the data size."""

import pytest

from ambassadors import services
from ambassadors.models import SocialProfile, Topic
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def _grow(user, size: int) -> None:
    ambassador = user.ambassador
    for number in range(size):
        services.notify(recipient=user, kind="t", key=f"{user.pk}-{number}", subject=f"N {number}")
    topics = [
        Topic.objects.create(slug=f"t{user.pk}-{n}", name_nl="T", name_en="T")
        for n in range(size // 5 + 1)
    ]
    ambassador.topics.set(topics)
    SocialProfile.objects.get_or_create(ambassador=ambassador, network="linkedin")


@pytest.mark.parametrize("path", ["/path/", "/notifications/", "/profile/"])
def test_query_count_does_not_grow(path, client_for, employee, other_employee):
    """The same page for a person with 3 and with 60 notifications costs the same queries."""
    _grow(employee, 3)
    _grow(other_employee, 60)
    small = page_queries(client_for(employee), path)
    large = page_queries(client_for(other_employee), path)
    assert small == large
