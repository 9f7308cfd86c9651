import datetime as dt
import itertools

import pytest
from django.utils import timezone

from ambassadors.models import Network, Topic
from sharing.models import ContentItem, TextVariant

_numbers = itertools.count(1)


def make_item(*, topics=(), min_stage=1, language="nl", variants=2, days_old=1, **fields):
    number = next(_numbers)
    fields.setdefault("publish_from", timezone.now() - dt.timedelta(days=days_old))
    item = ContentItem(
        url=fields.pop("url", f"https://news.example/article-{number}?ref=home"),
        title=fields.pop("title", f"Article {number}"),
        summary="Summary",
        min_stage=min_stage,
        language=language,
        **fields,
    )
    item.variants = [
        TextVariant(network=Network.LINKEDIN, text=f"Variant {n} of article {number}")
        for n in range(1, variants + 1)
    ] + [TextVariant(network=Network.X, text=f"Short text {number}")]
    item.topics = list(topics)
    item.save()
    return ContentItem.objects.get(pk=item.pk)


@pytest.fixture
def topic(db):
    return Topic.objects.create(
        slug="duurzaamheid", name_nl="Duurzaamheid", name_en="Sustainability"
    )


@pytest.fixture
def other_topic(db):
    return Topic.objects.create(slug="werken-bij", name_nl="Werken bij", name_en="Working here")
