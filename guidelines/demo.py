"""Demo guidelines and content strategy in Dutch and English, and demo acknowledgements:
some people current, some behind after a major change, some who never acknowledged."""

from __future__ import annotations

from django.contrib.auth.models import User
from wagtail.models import Locale, Page

from ambassadors import provisioning
from ambassadors.models import Topic
from core.streamfield import stream_value

from . import services
from .blocks import GuidelineStreamBlock
from .demo_content import GUIDELINES, STRATEGY
from .models import ContentStrategyPage, ContentStrategyTheme, GuidelineIndexPage, GuidelinePage

INDEX = {
    "nl": {
        "slug": "richtlijnen",
        "title": "Richtlijnen en strategie",
        "intro": "<p>Zo gaan we samen om met sociale media. Lees de richtlijnen voordat je "
        "je eerste missie doet of iets deelt, en bevestig dat je ze hebt gelezen.</p>",
    },
    "en": {
        "slug": "guidelines",
        "title": "Guidelines and strategy",
        "intro": "<p>How we use social media together. Read the guidelines before your first "
        "mission or share, and confirm that you have read them.</p>",
    },
}
# The English pages' own slugs (by the Dutch one): English addresses for English readers.
EN_SLUGS = {
    "social-media-richtlijnen": "social-media-guidelines",
    "privacy-en-beeldmateriaal": "privacy-and-photos",
    "contentstrategie": "content-strategy",
}
# Who acknowledged what in the demo.
CURRENT = ["daan", "fatima", "lisa", "lucas", "sophie", "jesse", "femke", "pieter"]
BEHIND = ["tom", "mohamed", "noah", "milan"]  # acknowledged version 1 of the main guideline

MAJOR_CHANGE = {
    "nl": (
        "Nieuw: deel nooit beelden van een installatie bij een klant zonder dat de klant "
        "daar schriftelijk mee heeft ingestemd.",
        "Beelden van installaties bij klanten alleen met schriftelijke toestemming van de klant.",
    ),
    "en": (
        "New: never share pictures of an installation at a customer's site unless the "
        "customer agreed in writing.",
        "Pictures of installations at customers' sites only with the customer's written consent.",
    ),
}


def _publish(page: Page):
    return page.save_revision().publish()


def seed() -> None:
    home = provisioning.wagtail_site_ensure()
    dutch = Locale.objects.get(language_code="nl")
    english, _created = Locale.objects.get_or_create(language_code="en")
    index = GuidelineIndexPage.objects.filter(locale=dutch).first()
    if index is not None:
        return  # the demo guidelines are there already
    index = GuidelineIndexPage(**INDEX["nl"])
    home.add_child(instance=index)
    _publish(index)
    index_en = _translation(index, english, INDEX["en"])
    pages = []
    for data in GUIDELINES:
        page = GuidelinePage(
            title=data["nl"]["title"],
            slug=data["slug"],
            intro=data["nl"]["intro"],
            body=stream_value(GuidelineStreamBlock(), data["nl"]["sections"]),
        )
        index.add_child(instance=page)
        _publish(page)
        translation = _translation(
            page,
            english,
            {
                "title": data["en"]["title"],
                "slug": EN_SLUGS[data["slug"]],
                "intro": data["en"]["intro"],
                "body": stream_value(GuidelineStreamBlock(), data["en"]["sections"]),
            },
        )
        pages.append((GuidelinePage.objects.get(pk=page.pk), translation))
    _strategy(index, index_en, english)
    _acknowledgements(pages)


def _translation(page: Page, locale: Locale, fields: dict) -> Page:
    translation = page.specific.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    _publish(translation)
    return type(translation).objects.get(pk=translation.pk)


def _strategy(index, index_en, english) -> None:
    topics = {topic.slug: topic for topic in Topic.objects.all()}

    def fill(page, data):
        page.title = data["title"]
        page.intro = data["intro"]
        page.goals = data["goals"]
        page.audiences = stream_value(
            ContentStrategyPage._meta.get_field("audiences").stream_block,
            [("audience", audience) for audience in data["audiences"]],
        )
        for field in (
            "value_proposition",
            "market_positioning",
            "identity",
            "promise",
            "tone_of_voice",
            "visual_language",
        ):
            setattr(page, field, data[field])
        page.themes = [
            ContentStrategyTheme(topic=topics[theme["topic"]], explanation=theme["explanation"])
            for theme in data["themes"]
            if theme["topic"] in topics
        ]

    strategy = ContentStrategyPage(slug=STRATEGY["slug"])
    fill(strategy, STRATEGY["nl"])
    index.add_child(instance=strategy)
    _publish(strategy)
    translation = strategy.copy_for_translation(english)
    fill(translation, STRATEGY["en"])
    translation.slug = EN_SLUGS[STRATEGY["slug"]]
    translation.save()
    _publish(translation)


def _acknowledgements(pages) -> None:
    main_nl, main_en = pages[0]
    people = {user.username: user for user in User.objects.filter(username__in=CURRENT + BEHIND)}
    for username in BEHIND:
        if username in people:
            services.guideline_acknowledge(user=people[username], page=main_nl, version=1)
    # Comms publish a major change to the main guideline: those people are now behind.
    for page, language in ((main_nl, "nl"), (main_en, "en")):
        summary, tip = MAJOR_CHANGE[language]
        page = GuidelinePage.objects.get(pk=page.pk)
        body = list(page.body.raw_data)
        for block in body:
            if block["type"] == "dos_and_donts":
                block["value"]["donts"].append({"type": "item", "value": tip, "id": None})
        page.body = GuidelineStreamBlock().to_python(body)
        page.major_change = True
        page.change_summary = summary
        _publish(page)
    for username in CURRENT:
        if username not in people:
            continue
        for nl_page, _en_page in pages:
            current = GuidelinePage.objects.get(pk=nl_page.pk)
            services.guideline_acknowledge(
                user=people[username], page=current, version=current.version
            )
