"""The demo guidelines and content strategy (content/guidelines) in Dutch and English, and
the acknowledgements of story.toml: some people current, some behind after a major change,
some who never acknowledged."""

from __future__ import annotations

from django.contrib.auth.models import User
from wagtail.models import Locale, Page

from ambassadors.models import Topic
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

from .files import CONTENT, blocks, content, localized, story

FOLDER = CONTENT / "guidelines"
STRATEGY_FIELDS = (
    "value_proposition",
    "market_positioning",
    "identity",
    "promise",
    "tone_of_voice",
    "visual_language",
)


def _publish(page: Page):
    return page.save_revision().publish()


def seed() -> None:
    home = provisioning.wagtail_site_ensure()
    dutch = Locale.objects.get(language_code="nl")
    english, _created = Locale.objects.get_or_create(language_code="en")
    index = GuidelineIndexPage.objects.filter(locale=dutch).first()
    if index is not None:
        return  # the demo guidelines are there already
    index_data = content("guidelines/index.toml")
    index = GuidelineIndexPage(**localized(index_data, "nl", FOLDER))
    home.add_child(instance=index)
    _publish(index)
    index_en = _translation(index, english, localized(index_data, "en", FOLDER))
    pages = []
    folders = sorted(path for path in FOLDER.iterdir() if (path / "guideline.toml").exists())
    for folder in folders:
        data = content(f"guidelines/{folder.name}/guideline.toml")
        nl, en = localized(data, "nl", folder), localized(data, "en", folder)
        page = GuidelinePage(
            title=nl["title"],
            slug=nl["slug"],
            intro=nl["intro"],
            body=stream_value(GuidelineStreamBlock(), blocks(nl["sections"])),
        )
        index.add_child(instance=page)
        _publish(page)
        translation = _translation(
            page,
            english,
            {
                "title": en["title"],
                "slug": en["slug"],
                "intro": en["intro"],
                "body": stream_value(GuidelineStreamBlock(), blocks(en["sections"])),
            },
        )
        pages.append((GuidelinePage.objects.get(pk=page.pk), translation, data))
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
    (folder,) = (path for path in FOLDER.iterdir() if (path / "strategy.toml").exists())
    data = content(f"guidelines/{folder.name}/strategy.toml")

    def fill(page, data):
        page.title = data["title"]
        page.intro = data["intro"]
        page.goals = data["goals"]
        page.audiences = stream_value(
            ContentStrategyPage._meta.get_field("audiences").stream_block,
            [("audience", audience) for audience in data["audiences"]],
        )
        for field in STRATEGY_FIELDS:
            setattr(page, field, data[field])
        page.themes = [
            ContentStrategyTheme(topic=topics[theme["topic"]], explanation=theme["explanation"])
            for theme in data["themes"]
            if theme["topic"] in topics
        ]

    nl, en = localized(data, "nl", folder), localized(data, "en", folder)
    strategy = ContentStrategyPage(slug=nl["slug"])
    fill(strategy, nl)
    index.add_child(instance=strategy)
    _publish(strategy)
    translation = strategy.copy_for_translation(english)
    fill(translation, en)
    translation.slug = en["slug"]
    translation.save()
    _publish(translation)


def _acknowledgements(pages) -> None:
    told = story()["guidelines"]
    current, behind = told["current"], told["behind"]
    main_nl, main_en, main_data = pages[0]
    people = {user.username: user for user in User.objects.filter(username__in=current + behind)}
    for username in behind:
        if username in people:
            services.guideline_acknowledge(user=people[username], page=main_nl, version=1)
    # Comms publish a major change to the main guideline: those people are now behind.
    change = main_data["major_change"]
    for page, language in ((main_nl, "nl"), (main_en, "en")):
        page = GuidelinePage.objects.get(pk=page.pk)
        body = list(page.body.raw_data)
        for block in body:
            if block["type"] == "dos_and_donts":
                block["value"]["donts"].append(
                    {"type": "item", "value": change["added_dont"][language], "id": None}
                )
        page.body = GuidelineStreamBlock().to_python(body)
        page.major_change = True
        page.change_summary = change["summary"][language]
        _publish(page)
    for username in current:
        if username not in people:
            continue
        for nl_page, _en_page, _data in pages:
            page = GuidelinePage.objects.get(pk=nl_page.pk)
            services.guideline_acknowledge(user=people[username], page=page, version=page.version)
