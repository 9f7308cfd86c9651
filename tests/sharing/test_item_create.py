"""item_create: the one way another system puts an item with its texts into the library."""

import datetime as dt

import pytest
from django.utils import timezone

from ambassadors.models import Network
from sharing import services
from sharing.models import NETWORK_LIMITS, ContentItem, TextVariant, text_length
from tests.factories.sharing import make_item

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = "https://news.example/heat-pumps"


def create(**fields):
    values = {
        "url": URL,
        "title": "Heat pumps in schools",
        "variants": [(Network.LINKEDIN, "Quiet and warm classrooms."), (Network.X, "Quiet.")],
    }
    return services.item_create(**{**values, **fields})


def test_item_with_texts_per_network_and_topics(
    topic, monkeypatch, django_capture_on_commit_callbacks
):
    """The item, its texts per network and its topics are stored; the preview is queued
    for after the commit."""
    queued = []
    monkeypatch.setattr("sharing.tasks.fetch_preview", lambda item_id: queued.append(item_id))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        item = create(
            summary="Schools <b>switch</b>",
            topics=[topic.slug],
            kind=ContentItem.Kind.NEWS,
            language="en",
            min_stage=2,
            disclosure="I work at Vermeer",
        )
    assert queued == []
    for callback in callbacks:
        callback()
    item = ContentItem.objects.get(pk=item.pk)
    assert item.summary == "Schools switch"
    assert (item.kind, item.language, item.min_stage) == ("news", "en", 2)
    assert item.status == ContentItem.Status.PUBLISHED
    assert sorted(item.variants.values_list("network", "text")) == [
        ("linkedin", "Quiet and warm classrooms."),
        ("x", "Quiet."),
    ]
    assert list(item.topics.values_list("slug", flat=True)) == [topic.slug]
    assert item.preview_status == ContentItem.Preview.PENDING
    assert queued == [item.pk]


def test_text_too_long_for_its_network_writes_nothing():
    """An X text over 280 with the link is refused with the field named; no item is left."""
    limit = NETWORK_LIMITS[Network.X]
    too_long = "x" * (limit - text_length(Network.X, "") + 1)
    with pytest.raises(services.SharingError, match="Too long for X") as refused:
        create(variants=[(Network.LINKEDIN, "Fine"), (Network.X, too_long)])
    assert refused.value.field == "variants[1].text"
    assert not ContentItem.objects.exists()
    assert not TextVariant.objects.exists()


def test_text_that_just_fits_is_kept_whole():
    """A text exactly at the network's limit (with the link) is stored uncut."""
    fits = "y" * (NETWORK_LIMITS[Network.X] - text_length(Network.X, ""))
    item = create(variants=[(Network.X, fits)])
    assert item.variants.get().text == fits


def test_duplicate_address_is_refused():
    """An address already in the library is refused with the library's own message."""
    make_item(url=URL)
    with pytest.raises(services.SharingError) as refused:
        create()
    assert refused.value.message is services.ERROR_ALREADY_IN_LIBRARY
    assert ContentItem.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"url": "http://127.0.0.1/admin"}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"variants": []}, "variants"),
        ({"variants": [("myspace", "Hello")]}, "variants[0].network"),
        ({"variants": [(Network.LINKEDIN, "<script></script>")]}, "variants[0].text"),
        ({"title": "   "}, "title"),
        ({"title": "t" * 201}, "title"),
        ({"kind": "advert"}, "kind"),
        ({"min_stage": 7}, "min_stage"),
        ({"topics": ["no-such-topic"]}, "topics"),
        ({"status": "secret"}, "status"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(fields, field):
    """Each bad field is refused with its name; no item or text is written."""
    with pytest.raises(services.SharingError) as refused:
        create(**fields)
    assert refused.value.field == field
    assert not ContentItem.objects.exists()


def test_expiry_before_start_is_refused():
    """An item cannot expire before it becomes available."""
    now = timezone.now()
    with pytest.raises(services.SharingError, match="expiry") as refused:
        create(publish_from=now, expires_at=now - dt.timedelta(hours=1))
    assert refused.value.field == "expires_at"
    assert not ContentItem.objects.exists()


def test_markup_in_texts_is_removed():
    """Texts are plain text as everywhere in the library."""
    item = create(variants=[(Network.LINKEDIN, "Read <a href='x'>this</a> &amp; share")])
    assert item.variants.get().text == "Read this & share"
