"""The demo content library (content/sharing/library.toml), and shares and clicks over the
last ninety days (story.toml) so the figures mean something."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.models import User
from django.utils import timezone

from ambassadors.models import Ambassador, Network, Topic
from sharing.coach import rewritten
from sharing.models import Click, ClickDay, ContentItem, Share, TextVariant
from sharing.services import variant_retire, visitor_hash

from .files import content, story
from .pictures import picture

# Every item offers colleagues texts for every network (content/sharing/items/<slug>.toml).
NETWORKS = (Network.LINKEDIN, Network.X, Network.FACEBOOK, Network.INSTAGRAM)


def seed() -> None:
    library = content("sharing/library.toml")
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    now = timezone.now()
    created = []
    for data in library["items"]:
        texts = content(f"sharing/items/{data['slug']}.toml")
        for language in data["languages"]:
            url = data["url"].format(language=language)
            title = data["title"][language]
            existing = ContentItem.objects.filter(url=url).first()
            if existing is not None:
                _bring_up_to_date(existing, data, texts, topics)
                continue
            expired = data.get("expired_days_ago")
            item = ContentItem(
                url=url,
                title=title,
                summary=texts["summary"][language],
                kind=data["kind"],
                min_stage=data["min_stage"],
                language=language,
                publish_from=now - dt.timedelta(days=data["published_days_ago"]),
                expires_at=None if expired is None else now - dt.timedelta(days=expired),
                disclosure=library["corporate_disclosure"][language]
                if data["kind"] == "corporate"
                else "",
                preview_status=ContentItem.Preview.FETCHED,
                image=_picture(data, language, topics),
            )
            item.variants = _variants(texts, language)
            item.topics = [topics[slug] for slug in data["topics"] if slug in topics]
            item.save()
            created.append(item)
    if created:
        _shares_and_clicks(created)
    _measured_texts(library)


def _variants(texts: dict, language: str) -> list[TextVariant]:
    """The item's suggested texts in its language, each checked against its network's limit."""
    variants = []
    for network in NETWORKS:
        for text in texts[network]:
            variant = TextVariant(network=network, text=text[language].strip())
            variant.clean()
            variants.append(variant)
    return variants


def _picture(data: dict, language: str, topics: dict[str, Topic]):
    """The item's link-card illustration: its first topic's name on shapes of that topic."""
    topic = topics.get(data["topics"][0])
    label = "" if topic is None else getattr(topic, f"name_{language}")
    return picture(
        key=f"{data['slug']}-{language}",
        motif=data["topics"][0],
        label=label,
        size=(1200, 630),
        title=f"Illustration: {data['title'][language]}",
    )


def _bring_up_to_date(item: ContentItem, data: dict, texts: dict, topics) -> None:
    """A database seeded by an earlier version of the demo gets today's texts and picture
    (nothing changes when they are there already)."""
    wanted = _variants(texts, item.language)
    current = [(v.network, v.text) for v in item.variants.order_by("sort_order", "pk")]
    if current != [(v.network, v.text) for v in wanted]:
        item.variants = wanted
        item.save()
    if item.image_id is None or not item.summary:
        ContentItem.objects.filter(pk=item.pk).update(
            image=item.image or _picture(data, item.language, topics),
            summary=item.summary or texts["summary"][item.language],
        )


def _shares_and_clicks(items: list[ContentItem]) -> None:
    """Shares by demo ambassadors over the last 90 days, with clicks and a few bot visits."""
    told = story()["sharing"]
    rng = random.Random(told["random_seed"])  # noqa: S311 (the same demo every time)
    people = list(
        User.objects.filter(ambassador__status=Ambassador.Status.ACTIVE)
        .select_related("ambassador")
        .order_by("pk")
    )
    now = timezone.now()
    for item in items:
        sharers = [p for p in people if p.ambassador.stage >= item.min_stage]
        for user in rng.sample(sharers, k=min(len(sharers), rng.randint(0, 6))):
            if user.username in told["not_sharing_yet"]:
                continue
            network = rng.choice([Network.LINKEDIN, Network.LINKEDIN, Network.X, Network.FACEBOOK])
            variants = [v for v in item.variants.all() if v.network == network]
            edited = rng.random() < 0.4
            # Each colleague starts from a different suggestion, as the feed offers them.
            variant = variants[user.pk % len(variants)] if variants else None
            text = (variant.text if variant else item.title) + (
                told["edited_addition"][item.language] if edited else ""
            )
            when = now - dt.timedelta(days=rng.randint(1, 88), hours=rng.randint(0, 23))
            share, _created = Share.objects.get_or_create(
                user=user,
                item=item,
                network=network,
                defaults={
                    "text": text,
                    "edited": edited,
                    "created_at": when,
                    "variant": variant,
                    "rewritten": _rewritten(text, item, variant),
                },
            )
            clicks = []
            for visit in range(rng.randint(0, 25)):
                at = when + dt.timedelta(hours=rng.randint(1, 96))
                if at > now:
                    continue
                day = at.date()
                clicks.append(
                    Click(
                        share=share,
                        day=day,
                        visitor=visitor_hash(ip=f"198.51.100.{visit % 40}", day=day),
                        is_bot=visit % 9 == 0,
                        at=at,
                    )
                )
            Click.objects.bulk_create(clicks)


def _rewritten(text: str, item: ContentItem, variant: TextVariant | None) -> int | None:
    return rewritten(text, item=item, suggestion=variant.text) if variant else None


def _measured_texts(library: dict) -> None:
    """Shares of some items' texts in numbers that tell a story on the item's "Texts and
    figures" page (content/sharing/variants.toml): a clear winner, a retired text. Only
    people without a share of the item on the network share; running again adds nothing."""
    told = content("sharing/variants.toml")
    not_yet = set(story()["sharing"]["not_sharing_yet"])
    urls = {data["slug"]: data["url"] for data in library["items"]}
    people = list(
        User.objects.filter(ambassador__status=Ambassador.Status.ACTIVE)
        .exclude(username__in=not_yet)
        .order_by("pk")
    )
    rng = random.Random(23)  # noqa: S311 (the same demo every time)
    now = timezone.now()
    for measured in told["measured"]:
        item = ContentItem.objects.filter(
            url=urls[measured["item"]].format(language=measured["language"])
        ).first()
        if item is None:
            continue
        network = measured["network"]
        variants = list(item.variants.filter(network=network).order_by("sort_order", "pk"))
        done = set(
            Share.objects.filter(item=item, network=network).values_list("user_id", flat=True)
        )
        free = iter(person for person in people if person.pk not in done)
        for variant, count, reached in zip(
            variants, measured["shares"], measured["reached"], strict=False
        ):
            for n in range(count):
                user = next(free, None)
                if user is None:
                    break
                when = now - dt.timedelta(days=rng.randint(10, 60), hours=rng.randint(0, 23))
                share = Share.objects.create(
                    user=user,
                    item=item,
                    network=network,
                    variant=variant,
                    text=variant.text,
                    rewritten=0,
                    created_at=when,
                )
                if n < reached:
                    ClickDay.objects.create(
                        share=share,
                        day=(when + dt.timedelta(days=1)).date(),
                        clicks=rng.randint(3, 9),
                        visitors=rng.randint(1, 3),
                        bot_clicks=rng.randint(0, 2),
                    )
        retirer = User.objects.filter(username=measured.get("retired_by", "")).first()
        for place in measured.get("retired", []):
            variant = variants[place - 1] if place <= len(variants) else None
            if variant is not None and variant.retired_at is None and retirer is not None:
                variant_retire(variant=variant, user=retirer)
