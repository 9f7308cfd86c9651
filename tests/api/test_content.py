"""/content-items: another system adds items with texts per network, and reads the library."""

import pytest
from wagtail.models import ModelLogEntry

from ambassadors.models import Network
from sharing.models import NETWORK_LIMITS, ContentItem, TextVariant, text_length
from tests.api.calls import Caller, personal_get, problem
from tests.factories import make_user
from tests.factories.ambassadors import TopicFactory
from tests.factories.sharing import make_item

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = "https://news.example/heat-pumps"


def body(**fields):
    return {
        "url": URL,
        "title": "Heat pumps in schools",
        "variants": [
            {"network": "linkedin", "text": "Quiet and warm classrooms."},
            {"network": "x", "text": "Quiet."},
        ],
        **fields,
    }


@pytest.fixture
def cms():
    return Caller("content:write", "content:read")


def test_an_item_with_texts_per_network_is_added_and_audited(cms):
    """201 with the item as stored; its texts and topic; an audit entry naming the token."""
    topic = TopicFactory(slug="energy")
    response = cms.post("/api/v1/content-items", body(topics=["energy"], kind="news"))
    assert response.status_code == 201, response.content
    item = response.json()
    assert item["topics"] == ["energy"]
    assert sorted((v["network"], v["text"]) for v in item["variants"]) == [
        ("linkedin", "Quiet and warm classrooms."),
        ("x", "Quiet."),
    ]
    stored = ContentItem.objects.get(pk=item["id"])
    assert (stored.url, stored.kind, stored.status) == (URL, "news", "published")
    assert list(stored.topics.all()) == [topic]
    entry = ModelLogEntry.objects.get(action="academy.api_write")
    assert entry.object_id == str(stored.pk)
    assert entry.data["token"] == cms.token.pk


def test_a_text_too_long_for_its_network_writes_nothing(cms):
    """An X text over its limit (with the link) is a 422 naming the text; nothing stored."""
    too_long = "x" * (NETWORK_LIMITS[Network.X] - text_length(Network.X, "") + 1)
    response = cms.post(
        "/api/v1/content-items",
        body(
            variants=[{"network": "linkedin", "text": "Fine"}, {"network": "x", "text": too_long}]
        ),
    )
    found = problem(response, 422)
    assert found["errors"][0]["loc"] == ["body", "variants", 1, "text"]
    assert "Too long for X" in found["errors"][0]["msg"]
    assert not ContentItem.objects.exists()
    assert not TextVariant.objects.exists()
    assert not ModelLogEntry.objects.filter(action="academy.api_write").exists()


def test_a_duplicate_address_is_409(cms):
    make_item(url=URL)
    problem(cms.post("/api/v1/content-items", body()), 409)
    assert ContentItem.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        (body(colour="red"), 422),  # unknown field
        (body(variants=[{"network": "x", "text": "a", "mood": "happy"}]), 422),
        (body(min_stage="two"), 422),  # wrong type
        (body(variants="text"), 422),
        (body(variants=[]), 422),
        (body(variants=[{"network": "myspace", "text": "Hello"}]), 422),
        (body(status="rejected"), 422),
        (body(url="http://127.0.0.1/admin"), 422),  # not a public address
        (body(topics=["no-such-topic"]), 422),
        (body(topics=["a\x00b"]), 422),  # PostgreSQL refuses a NUL: never a 500
        (body(url="https://news.example/\x00"), 422),
        (body(title=""), 422),
        (body(publish_from=0), 422),  # a number is not a moment
        (body(publish_from="0001-01-01T00:00:00+05:00"), 422),  # stored: refused, not moved
        (body(publish_from="2027-01-02T00:00:00Z", expires_at="2027-01-01T00:00:00Z"), 422),
        ({"url": URL}, 422),  # missing fields
        ("{not json", 400),
    ],
)
def test_bad_input_is_a_problem_and_nothing_is_written(cms, payload, status):
    problem(cms.post("/api/v1/content-items", payload), status)
    assert not ContentItem.objects.exists()


def test_reading_needs_its_own_scope():
    """A token that may only write cannot list the library, and the other way round."""
    writer, reader = Caller("content:write"), Caller("content:read")
    problem(writer.get("/api/v1/content-items"), 403)
    problem(reader.post("/api/v1/content-items", body()), 403)
    problem(personal_get(make_user(), "/api/v1/content-items"), 403)
    assert not ContentItem.objects.exists()


def test_the_library_with_texts_and_topics_in_flat_queries(cms):
    """A page of items with their texts and topics costs the same with 1 or 6 items."""
    topic = TopicFactory(slug="energy")
    make_item(topics=[topic])
    rows = cms.get("/api/v1/content-items").json()["items"]
    assert rows[0]["topics"] == ["energy"]
    assert len(rows[0]["variants"]) == 3
    small = cms.queries("/api/v1/content-items")
    for _n in range(5):
        make_item(topics=[topic])
    assert cms.queries("/api/v1/content-items") == small
    assert len(cms.get("/api/v1/content-items", status="published").json()["items"]) == 6
    assert cms.get("/api/v1/content-items", status="proposed").json()["items"] == []
