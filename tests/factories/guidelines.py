"""Guideline pages: an overview, guideline pages with sections, a content strategy; major
changes and acknowledgements."""

from __future__ import annotations

from dataclasses import dataclass

import factory

from core import provisioning
from core.streamfield import stream_value
from guidelines import services
from guidelines.blocks import GuidelineStreamBlock
from guidelines.models import (
    ContentStrategyPage,
    ContentStrategyTheme,
    GuidelineIndexPage,
    GuidelinePage,
)

from .ambassadors import TopicFactory
from .pages import PageFactory, publish

SECTIONS = [
    (
        "principles",
        {"heading": "Principles", "items": [{"title": "Voluntary", "text": "Nobody must."}]},
    ),
    ("dos_and_donts", {"heading": "Do and don't", "dos": ["Be yourself"], "donts": ["Spam"]}),
    (
        "negative_reactions",
        {"heading": "Heated discussions", "text": "<p>Stay calm.</p>", "steps": ["Breathe"]},
    ),
]


class GuidelineIndexPageFactory(PageFactory):
    class Meta:
        model = GuidelineIndexPage

    title = "Richtlijnen"
    slug = "richtlijnen"


class GuidelinePageFactory(PageFactory):
    """A guideline under `parent` (an overview); `sections` are its body as (block type,
    plain value) pairs, SECTIONS by default."""

    class Meta:
        model = GuidelinePage

    class Params:
        sections = SECTIONS

    title = factory.Sequence(lambda n: f"Guideline {n + 1}")
    intro = factory.LazyAttribute(lambda page: f"About {page.title}")
    body = factory.LazyAttribute(
        lambda page: stream_value(GuidelineStreamBlock(), list(page.sections))
    )


class ContentStrategyPageFactory(PageFactory):
    """The strategy under `parent` (an overview), with one theme (`theme_topic`, a Topic)."""

    class Meta:
        model = ContentStrategyPage

    class Params:
        theme_topic = factory.SubFactory(
            TopicFactory, slug="duurzaamheid", name_nl="Duurzaamheid", name_en="Sustainability"
        )

    title = "Content strategy"
    slug = "content-strategy"
    intro = "Where we are going."
    goals = "<p>Grow trust.</p>"
    value_proposition = "<p>Warm homes.</p>"
    market_positioning = "<p>Regional expert.</p>"
    identity = "<p>Craft.</p>"
    promise = "<p>We keep our word.</p>"
    tone_of_voice = "<p>Friendly.</p>"
    visual_language = "<p>Real people.</p>"
    themes = factory.LazyAttribute(
        lambda page: [
            ContentStrategyTheme(topic=page.theme_topic, explanation="Heat pumps and solar.")
        ]
    )


def add_guideline(index, title, sections=SECTIONS) -> GuidelinePage:
    return GuidelinePageFactory(parent=index, title=title, sections=sections)


def major_change(page, extra_dont: str, summary="Something important changed."):
    """Publish a revision of `page` with one more don't, marked as a major change."""
    page = GuidelinePage.objects.get(pk=page.pk)
    body = list(page.body.raw_data)
    for block in body:
        if block["type"] == "dos_and_donts":
            block["value"]["donts"].append({"type": "item", "value": extra_dont, "id": None})
    page.body = GuidelineStreamBlock().to_python(body)
    page.major_change = True
    page.change_summary = summary
    return publish(page)


def acknowledge(user, page):
    """`user` accepts the current version of the guideline `page`."""
    page = GuidelinePage.objects.get(pk=page.pk)
    return services.guideline_acknowledge(user=user, page=page, version=page.version)


@dataclass
class Guidelines:
    index: GuidelineIndexPage
    main: GuidelinePage
    privacy: GuidelinePage
    strategy: ContentStrategyPage


def build_guidelines() -> Guidelines:
    index = GuidelineIndexPageFactory(parent=provisioning.wagtail_site_ensure())
    main = add_guideline(index, "Social media guidelines")
    privacy = add_guideline(index, "Privacy and photos", SECTIONS[:1])
    strategy = ContentStrategyPageFactory(parent=index)
    return Guidelines(index=index, main=main, privacy=privacy, strategy=strategy)
