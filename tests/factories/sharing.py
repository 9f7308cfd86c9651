"""Library items with their text variants, shares, clicks, pushes, dismissals and feeds."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from ambassadors.models import Network
from sharing.models import Click, ContentItem, Dismissal, NewsFeed, Push, Share, TextVariant

from .ambassadors import UserFactory


class ContentItemFactory(DjangoModelFactory):
    """A library item in the library since `days_old` days, with `variant_count` LinkedIn
    texts and one for X; `topics` a list of Topics."""

    class Meta:
        model = ContentItem

    class Params:
        number = factory.Sequence(lambda n: n + 1)
        days_old = 1
        variant_count = 2

    url = factory.LazyAttribute(lambda item: f"https://news.example/article-{item.number}?ref=home")
    title = factory.LazyAttribute(lambda item: f"Article {item.number}")
    summary = "Summary"
    min_stage = 1
    language = "nl"
    publish_from = factory.LazyAttribute(
        lambda item: timezone.now() - dt.timedelta(days=item.days_old)
    )
    variants = factory.LazyAttribute(
        lambda item: (
            [
                TextVariant(network=Network.LINKEDIN, text=f"Variant {n} of article {item.number}")
                for n in range(1, item.variant_count + 1)
            ]
            + [TextVariant(network=Network.X, text=f"Short text {item.number}")]
        )
    )
    topics = ()

    @classmethod
    def _create(cls, model_class, *args, **fields):
        fields["topics"] = list(fields["topics"])
        item = super()._create(model_class, *args, **fields)
        return model_class.objects.get(pk=item.pk)


def make_item(*, topics=(), min_stage=1, language="nl", variants=2, days_old=1, **fields):
    """A library item (see ContentItemFactory); `variants` is the number of LinkedIn texts."""
    return ContentItemFactory(
        topics=topics,
        min_stage=min_stage,
        language=language,
        variant_count=variants,
        days_old=days_old,
        **fields,
    )


class ShareFactory(DjangoModelFactory):
    """A person shared an item on LinkedIn (with a tracked code of its own)."""

    class Meta:
        model = Share

    user = factory.SubFactory(UserFactory)
    item = factory.SubFactory(ContentItemFactory)
    network = Network.LINKEDIN
    text = "Look"


class ClickFactory(DjangoModelFactory):
    """A person's click on a shared link, today."""

    class Meta:
        model = Click

    share = factory.SubFactory(ShareFactory)
    day = factory.LazyFunction(timezone.localdate)
    visitor = factory.Sequence(lambda n: f"visitor-{n + 1}")


class DismissalFactory(DjangoModelFactory):
    class Meta:
        model = Dismissal

    user = factory.SubFactory(UserFactory)
    item = factory.SubFactory(ContentItemFactory)
    reason = ""


class PushFactory(DjangoModelFactory):
    """Comms staff suggest an item to everyone (no segment), over 48 hours; not planned yet."""

    class Meta:
        model = Push

    item = factory.SubFactory(ContentItemFactory)


class NewsFeedFactory(DjangoModelFactory):
    class Meta:
        model = NewsFeed

    name = factory.Sequence(lambda n: f"Newsroom {n + 1}")
    url = factory.Sequence(lambda n: f"https://news.example/feed-{n + 1}.xml")
