"""Reads of the content library: the personal feed and "my reach", in fixed queries."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from ambassadors.models import Ambassador, Network, SocialProfile

from .models import ClickDay, ContentItem, Dismissal, Share, TextVariant
from .services import default_variants

CANDIDATES = 200
FRESHNESS_DAYS = 14


@dataclass
class Suggestion:
    item: ContentItem
    score: float
    text: TextVariant | None
    topic_match: int


def primary_network(ambassador: Ambassador) -> str:
    """The network the person uses most (largest audience), LinkedIn when none is set."""
    profile = ambassador.networks.order_by("-audience_size").first()
    return profile.network if profile else Network.LINKEDIN


def feed_for(*, ambassador: Ambassador, network: str | None = None, limit: int = 20):
    """Items for this person, most relevant first.

    Matches their stage and language; leaves out expired, shared and dismissed items.
    Relevance: topics they chose (weighed down by topics they dismissed), freshness, and
    how often people in the same stage shared it lately.
    """
    user = ambassador.user
    now = timezone.now()
    network = network or primary_network(ambassador)
    # Score the candidates from a few plain values, then load only the chosen items whole.
    candidates = list(
        ContentItem.objects.shareable(now)
        .filter(min_stage__lte=ambassador.stage, language=ambassador.language)
        .exclude(shares__user=user)
        .exclude(dismissals__user=user)
        .order_by("-created_at")
        .values_list("pk", "created_at", "publish_from")[:CANDIDATES]
    )
    # Shares by people in the same stage lately, counted for the candidates only.
    peers = dict(
        Share.objects.filter(
            item_id__in=[pk for pk, *_rest in candidates],
            created_at__gte=now - dt.timedelta(days=30),
            user__ambassador__stage=ambassador.stage,
        )
        .values("item_id")
        .annotate(n=Count("id"))
        .values_list("item_id", "n")
        .order_by()
    )
    topics_of: dict[int, set[int]] = {}
    for item_id, topic_id in ContentItem.topics.through.objects.filter(
        contentitem_id__in=[pk for pk, *_rest in candidates]
    ).values_list("contentitem_id", "topic_id"):
        topics_of.setdefault(item_id, set()).add(topic_id)
    mine = set(ambassador.topics.values_list("pk", flat=True))
    dismissed = Counter(Dismissal.objects.filter(user=user).values_list("item__topics", flat=True))
    scored = []
    for pk, created_at, publish_from in candidates:
        topics = topics_of.get(pk, set())
        match = len(topics & mine)
        penalty = sum(dismissed[topic] for topic in topics)
        age = max((now - (publish_from or created_at)).total_seconds() / 86400, 0)
        freshness = 2 * math.exp(-age / FRESHNESS_DAYS)
        score = 3 * match - 1.5 * penalty + freshness + math.log1p(peers.get(pk, 0))
        scored.append((-score, -pk, match))
    scored.sort()
    chosen_ids = [-negative_pk for _score, negative_pk, _match in scored[:limit]]
    items = ContentItem.objects.select_related("image").prefetch_related("topics", "variants")
    loaded = items.in_bulk(chosen_ids)
    chosen = [
        Suggestion(item=loaded[-negative_pk], score=-score, text=None, topic_match=match)
        for score, negative_pk, match in scored[:limit]
    ]
    defaults = default_variants(user=user, items=[s.item for s in chosen], network=network)
    for suggestion in chosen:
        suggestion.text = defaults.get(suggestion.item.pk)
    return chosen, network


def click_totals() -> dict:
    """Annotations for a Share queryset: `human_clicks` and `visitors` (bots and bursts left
    out) and `burst_clicks` (people's clicks in bursts from one network), from the raw clicks
    still kept plus the daily counts of days past retention (`ClickDay`)."""

    def archived(field):
        rows = (
            ClickDay.objects.filter(share=OuterRef("pk"))
            .values("share")
            .annotate(n=Sum(field))
            .values("n")
        )
        return Coalesce(Subquery(rows), 0)

    human = Q(clicks__is_bot=False, clicks__is_burst=False)
    burst = Q(clicks__is_bot=False, clicks__is_burst=True)
    return {
        "human_clicks": Count("clicks", filter=human) + archived("clicks"),
        "visitors": Count("clicks__visitor", filter=human, distinct=True) + archived("visitors"),
        "burst_clicks": Count("clicks", filter=burst) + archived("burst_clicks"),
    }


@dataclass
class ReachRow:
    share: Share
    clicks: int
    visitors: int
    estimated_audience: int
    burst_clicks: int = 0


def my_reach(*, ambassador: Ambassador) -> tuple[list[ReachRow], dict]:
    """The person's shares with clicks (bots left out), unique visitors and estimated reach."""
    shares = list(
        Share.objects.filter(user=ambassador.user)
        .select_related("item")
        .annotate(**click_totals())
        .order_by("-created_at")
    )
    audience = dict(
        SocialProfile.objects.filter(ambassador=ambassador).values_list("network", "audience_size")
    )
    rows = [
        ReachRow(
            share=share,
            clicks=share.human_clicks,
            visitors=share.visitors,
            burst_clicks=share.burst_clicks,
            estimated_audience=audience.get(share.network, 0),
        )
        for share in shares
    ]
    totals = {
        "shares": len(rows),
        "clicks": sum(row.clicks for row in rows),
        "visitors": sum(row.visitors for row in rows),
        "burst_clicks": sum(row.burst_clicks for row in rows),
        "estimated_audience": sum(row.estimated_audience for row in rows),
        "clicks_per_share": round(sum(row.clicks for row in rows) / len(rows), 1) if rows else 0,
    }
    return rows, totals
