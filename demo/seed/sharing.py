"""The demo content library (content/sharing/library.toml), and shares and clicks over the
last ninety days (story.toml) so the figures mean something."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.models import User
from django.utils import timezone

from ambassadors.models import Ambassador, Network, Topic
from sharing.models import Click, ContentItem, Share, TextVariant
from sharing.services import visitor_hash

from .files import content, story


def seed() -> None:
    library = content("sharing/library.toml")
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    now = timezone.now()
    created = []
    for data in library["items"]:
        for language in data["languages"]:
            url = data["url"].format(language=language)
            if ContentItem.objects.filter(url=url).exists():
                continue
            title = data["title"][language]
            expired = data.get("expired_days_ago")
            item = ContentItem(
                url=url,
                title=title,
                summary="",
                kind=data["kind"],
                min_stage=data["min_stage"],
                language=language,
                publish_from=now - dt.timedelta(days=data["published_days_ago"]),
                expires_at=None if expired is None else now - dt.timedelta(days=expired),
                disclosure=library["corporate_disclosure"][language]
                if data["kind"] == "corporate"
                else "",
                preview_status=ContentItem.Preview.FETCHED,
            )
            item.variants = [
                TextVariant(network=network, text=text[language].format(title=title))
                for network, texts in library["variants"].items()
                for text in texts
            ]
            item.topics = [topics[slug] for slug in data["topics"] if slug in topics]
            item.save()
            created.append(item)
    if created:
        _shares_and_clicks(created)


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
            text = (variants[0].text if variants else item.title) + (
                told["edited_addition"] if edited else ""
            )
            when = now - dt.timedelta(days=rng.randint(1, 88), hours=rng.randint(0, 23))
            share, _created = Share.objects.get_or_create(
                user=user,
                item=item,
                network=network,
                defaults={"text": text, "edited": edited, "created_at": when, "variant": None},
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
