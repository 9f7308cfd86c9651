"""A guidelines tree built in code: an overview, two guideline pages and a strategy."""

from dataclasses import dataclass

import pytest

from ambassadors.models import Topic
from core import provisioning
from core.streamfield import stream_value
from guidelines.blocks import GuidelineStreamBlock
from guidelines.models import (
    ContentStrategyPage,
    ContentStrategyTheme,
    GuidelineIndexPage,
    GuidelinePage,
)

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


@dataclass
class Guidelines:
    index: GuidelineIndexPage
    main: GuidelinePage
    privacy: GuidelinePage
    strategy: ContentStrategyPage


def publish(page):
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def add_guideline(index, title, sections=SECTIONS):
    page = GuidelinePage(
        title=title, intro=f"About {title}", body=stream_value(GuidelineStreamBlock(), sections)
    )
    index.add_child(instance=page)
    return publish(page)


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


def build_guidelines() -> Guidelines:
    home = provisioning.wagtail_site_ensure()
    index = GuidelineIndexPage(title="Richtlijnen", slug="richtlijnen")
    home.add_child(instance=index)
    index = publish(index)
    main = add_guideline(index, "Social media guidelines")
    privacy = add_guideline(index, "Privacy and photos", SECTIONS[:1])
    topic, _created = Topic.objects.get_or_create(
        slug="duurzaamheid", defaults={"name_nl": "Duurzaamheid", "name_en": "Sustainability"}
    )
    strategy = ContentStrategyPage(
        title="Content strategy",
        slug="content-strategy",
        intro="Where we are going.",
        goals="<p>Grow trust.</p>",
        value_proposition="<p>Warm homes.</p>",
        market_positioning="<p>Regional expert.</p>",
        identity="<p>Craft.</p>",
        promise="<p>We keep our word.</p>",
        tone_of_voice="<p>Friendly.</p>",
        visual_language="<p>Real people.</p>",
    )
    strategy.themes = [ContentStrategyTheme(topic=topic, explanation="Heat pumps and solar.")]
    index.add_child(instance=strategy)
    return Guidelines(index=index, main=main, privacy=privacy, strategy=publish(strategy))


@pytest.fixture
def guidelines(db):
    return build_guidelines()
