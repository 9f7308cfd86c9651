"""The personal feed: relevance, exclusions, rotated default texts, fixed queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ambassadors.models import Stage
from sharing import services
from sharing.models import Share
from sharing.selectors import feed_for
from tests.factories.sharing import make_item

pytestmark = pytest.mark.django_db


def _titles(ambassador):
    suggestions, _network = feed_for(ambassador=ambassador)
    return [s.item.title for s in suggestions]


def test_relevance_puts_my_topics_and_fresh_items_first(employee, topic, other_topic):
    """An item on a topic I chose comes before one on another topic; fresher before older."""
    employee.ambassador.topics.set([topic])
    make_item(title="Other topic", topics=[other_topic])
    make_item(title="Mine, old", topics=[topic], days_old=60)
    make_item(title="Mine, new", topics=[topic], days_old=1)
    assert _titles(employee.ambassador) == ["Mine, new", "Mine, old", "Other topic"]


def test_exclusions(employee, topic):
    """Expired, future, later-stage, other-language, shared and dismissed items are left out."""
    ambassador = employee.ambassador
    make_item(title="Fine")
    make_item(title="Expired", expires_at=timezone.now() - dt.timedelta(hours=1))
    make_item(title="Later", publish_from=timezone.now() + dt.timedelta(days=1))
    make_item(title="Stage two", min_stage=Stage.CURATION)
    make_item(title="English", language="en")
    make_item(title="Proposed", status="proposed")
    shared = make_item(title="Shared")
    dismissed = make_item(title="Dismissed")
    Share.objects.create(user=employee, item=shared, network="linkedin", text="x")
    services.item_dismiss(user=employee, item=dismissed, reason="not my field")
    assert _titles(ambassador) == ["Fine"]


def test_dismissing_lowers_the_topic_for_the_person(employee, topic, other_topic):
    """After dismissing an item on a topic, other items on that topic drop below."""
    make_item(title="Topic A 1", topics=[topic], days_old=1)
    make_item(title="Topic B", topics=[other_topic], days_old=2)
    dismissed = make_item(title="Topic A 2", topics=[topic], days_old=3)
    assert _titles(employee.ambassador)[0] == "Topic A 1"
    services.item_dismiss(user=employee, item=dismissed)
    assert _titles(employee.ambassador) == ["Topic B", "Topic A 1"]


def test_two_colleagues_get_different_default_texts(employee, other_employee):
    """With two variants, two colleagues are offered different texts, and keep them."""
    item = make_item(variants=2)
    first, _n = feed_for(ambassador=employee.ambassador, network="linkedin")
    second, _n = feed_for(ambassador=other_employee.ambassador, network="linkedin")
    assert first[0].text.pk != second[0].text.pk
    again, _n = feed_for(ambassador=employee.ambassador, network="linkedin")
    assert again[0].text.pk == first[0].text.pk
    assert item.pk == first[0].item.pk


def _count(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/share/").status_code == 200
    return len(captured)


def test_feed_queries_do_not_grow(client_for, employee, topic):
    """The feed page costs the same queries with 10 and with 500 items."""
    employee.ambassador.topics.set([topic])
    client = client_for(employee)
    for _n in range(10):
        make_item(topics=[topic])
    client.get("/share/")
    small = _count(client)
    for _n in range(490):
        make_item(topics=[topic])
    client.get("/share/")  # the new items get their default texts assigned once
    large = _count(client)
    assert small == large
