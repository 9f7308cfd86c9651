"""Pages run a fixed number of queries whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ambassadors import services
from ambassadors.models import SocialProfile, Topic

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


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["/path/", "/notifications/", "/profile/"])
def test_query_count_does_not_grow(path, client_for, employee, other_employee):
    """The same page for a person with 3 and with 60 notifications costs the same queries."""
    _grow(employee, 3)
    _grow(other_employee, 60)
    small = _queries(client_for(employee), path)
    large = _queries(client_for(other_employee), path)
    assert small == large
