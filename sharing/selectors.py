"""Reads of the content library: the offered texts, the personal feed, tracked links,
pushes' segments and progress, and "my reach", in fixed queries. Nothing here writes."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ambassadors.models import Ambassador, Network, Notification, SocialProfile, Stage, Topic
from core.outbound import public_url

from . import snapshots
from .models import (
    NETWORK_LIMITS,
    ClickDay,
    ContentItem,
    Dismissal,
    Push,
    Share,
    TextVariant,
    text_length,
)

CANDIDATES = 200
FRESHNESS_DAYS = 14
LINK_CACHE_SECONDS = 300
SAVED_SHOWN = 50
# When an item has no text for the network, another network's text is offered, in this order.
FALLBACK_ORDER = [Network.LINKEDIN, Network.FACEBOOK, Network.INSTAGRAM, Network.X]

REASON_PUSHED = _("Highlighted by the comms team")
REASON_COLLEAGUE = _("Your colleague's post")
REASON_TOPIC = _("Matches your topic %(topic)s")
REASON_PEERS = ngettext_lazy(
    "Shared by %(count)s colleague in your stage",
    "Shared by %(count)s colleagues in your stage",
    "count",
)
REASON_STAGE = _("Suits your stage: %(stage)s")
REASON_NEW = _("New in the library")
REASON_SAVED = _("You saved this")


# --- who may do what ------------------------------------------------------------------------


def may_propose(ambassador: Ambassador) -> bool:
    """Proposing links to the library opens in the curation stage."""
    return ambassador.stage >= Stage.CURATION


# --- offered texts --------------------------------------------------------------------------


def current_variants(item: ContentItem) -> list[TextVariant]:
    """The item's texts that may be offered (retired ones left out), in their order: every
    read that picks a suggested text starts here. No queries when the variants are
    prefetched."""
    return sorted(
        (variant for variant in item.variants.all() if variant.retired_at is None),
        key=lambda v: (v.sort_order or 0, v.pk),
    )


def _variants_by_network(item: ContentItem) -> dict[str, list[TextVariant]]:
    """The item's offered texts per network, in their order (variants prefetched: no
    queries). A network whose texts are all retired has none, as if it never had any."""
    by_network: dict[str, list[TextVariant]] = {}
    for variant in current_variants(item):
        by_network.setdefault(variant.network, []).append(variant)
    return by_network


def _offered(user: User, item: ContentItem, options: list[TextVariant]) -> TextVariant | None:
    return options[(user.pk + item.pk) % len(options)] if options else None


def offered_variants(
    *, user: User, items: Iterable[ContentItem], network: str
) -> dict[int, TextVariant]:
    """The suggested text each item offers this person first on this network.

    Colleagues are offered the item's variants in turn (by their place in the organisation's
    list of people), and one person always gets the same one: worked out, never stored, so
    showing a page writes nothing. No queries when the items' variants are prefetched.
    """
    offered = {}
    for item in items:
        options = _variants_by_network(item).get(network)
        if options:
            offered[item.pk] = _offered(user, item, options)
    return offered


def best_text(*, user: User, item: ContentItem, network: str) -> str:
    """The text to start from on this network, never empty: the item's text for the network
    offered to this person, else another network's text that fits (LinkedIn's first), else
    the item's title and summary. Items are written in their own language, and a person's
    feed holds only items in theirs. No queries when the item's variants are prefetched."""
    by_network = _variants_by_network(item)
    offered = _offered(user, item, by_network.get(network, []))
    if offered and offered.text.strip():
        return offered.text
    for other in FALLBACK_ORDER:
        variant = _offered(user, item, by_network.get(other, []))
        if variant and variant.text.strip() and fits(network, variant.text):
            return variant.text
    summary = f"{item.title}\n\n{item.summary}".strip() if item.summary else item.title
    return summary if fits(network, summary) else item.title


def fits(network: str, text: str) -> bool:
    """The text and the tracked link fit within the network's limit."""
    return text_length(network, text) <= NETWORK_LIMITS[network]


def hashtag(name: str) -> str:
    """A topic's name as a tidy hashtag: "Werken bij" → "#WerkenBij", "AI & data" → "#AIData"."""
    words = re.findall(r"\w+", name)
    return "#" + "".join(word[:1].upper() + word[1:] for word in words) if words else ""


def hashtags_for(item: ContentItem) -> list[str]:
    """Hashtags from the item's topics, in the item's language (its topics prefetched: no
    queries)."""
    tags = []
    for topic in item.topics.all():
        tag = hashtag(topic.name_en if item.language == "en" else topic.name_nl)
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def networks_for(ambassador: Ambassador, request=None) -> list[str]:
    """Every network, the person's own first (largest audience first)."""
    own = list(snapshots.person_context(ambassador, request).networks)
    return own + [network for network in Network.values if network not in own]


@dataclass
class Suggestion:
    item: ContentItem
    score: float
    text: TextVariant | None
    topic_match: int
    body: str = ""  # the text to start from: never empty (`best_text`)
    reason: str | Promise = ""  # why it is suggested, in a few words
    saved: bool = False
    image: str = ""  # the card image's <img> (snapshots.Library.images), or none

    @property
    def _topic(self) -> Topic | None:
        return next(iter(self.item.topics.all()), None)

    @property
    def initial(self) -> str:
        """The letter of the generated image of an item without one: its topic's, or title's."""
        topic = self._topic
        return ((topic.name if topic else "") or self.item.title)[:1].upper()

    @property
    def domain(self) -> str:
        """Where the item lives, as a card shows it ("vakblad.example")."""
        return (urlsplit(self.item.url).hostname or "").removeprefix("www.")

    @property
    def tone(self) -> int:
        """Which of the four calm tones the generated image takes (one per topic)."""
        topic = self._topic
        return (topic.pk if topic else self.item.pk) % 4


def primary_network(ambassador: Ambassador, request=None) -> str:
    """The network the person uses most (largest audience), LinkedIn when none is set."""
    own = snapshots.person_context(ambassador, request).networks
    return own[0] if own else Network.LINKEDIN


def feed_for(*, ambassador: Ambassador, network: str | None = None, limit: int = 20, request=None):
    """Items for this person, most relevant first.

    Matches their stage and language; leaves out expired, shared and dismissed items.
    Relevance: topics they chose (weighed down by topics they dismissed), freshness, and
    how often people in the same stage shared it lately.

    From the cached library, the person's cached context and the stage's cached shares
    (sharing/snapshots.py): no queries while nothing changed. Which items are shareable and
    how fresh they are is worked out at this moment.
    """
    user = ambassador.user
    now = timezone.now()
    network = network or primary_network(ambassador, request)
    person = snapshots.person_context(ambassador, request)
    shelf = snapshots.library(ambassador.language, request)
    # The CANDIDATES newest shareable items of their stage they neither shared nor hid.
    candidates = []
    for pk, created_at, publish_from, expires_at, min_stage in shelf.order:
        if (
            min_stage <= ambassador.stage
            and (publish_from is None or publish_from <= now)
            and (expires_at is None or expires_at > now)
            and pk not in person.shared
            and pk not in person.dismissed
        ):
            candidates.append((pk, created_at, publish_from))
            if len(candidates) == CANDIDATES:
                break
    # Shares by people in the same stage lately, counted for the candidates only.
    peers = snapshots.peer_counts(ambassador.stage, [pk for pk, *_rest in candidates], now, request)
    mine = person.topics
    dismissed = person.dismissed_topics
    scored = []
    for pk, created_at, publish_from in candidates:
        topics = shelf.topics_of.get(pk, frozenset())
        match = len(topics & mine)
        penalty = sum(dismissed[topic] for topic in topics)
        age = max((now - (publish_from or created_at)).total_seconds() / 86400, 0)
        freshness = 2 * math.exp(-age / FRESHNESS_DAYS)
        score = 3 * match - 1.5 * penalty + freshness + math.log1p(peers.get(pk, 0))
        scored.append((-score, -pk, match))
    scored.sort()
    chosen = [
        Suggestion(item=shelf.items[-negative_pk], score=-score, text=None, topic_match=match)
        for score, negative_pk, match in scored[:limit]
    ]
    saved = set(person.saved)
    offered = offered_variants(user=user, items=[s.item for s in chosen], network=network)
    for suggestion in chosen:
        item = suggestion.item
        suggestion.text = offered.get(item.pk)
        suggestion.body = best_text(user=user, item=item, network=network)
        suggestion.saved = item.pk in saved
        suggestion.image = shelf.images.get(item.pk, "")
        suggestion.reason = _reason(
            item,
            ambassador=ambassador,
            pushed=item.pk in shelf.pushed,
            mine=mine,
            peers=peers.get(item.pk, 0),
            topics=shelf.topics[item.pk],
        )
    return chosen, network


def _reason(
    item: ContentItem,
    *,
    ambassador: Ambassador,
    pushed: bool,
    mine: set[int],
    peers: int,
    topics: Iterable[Topic] | None = None,
) -> str:
    """Why the feed suggests an item, from what the feed weighed (its `topics`, else its
    prefetched ones)."""
    if pushed:
        return str(REASON_PUSHED)
    topics = item.topics.all() if topics is None else topics
    matched: Topic | None = next((t for t in topics if t.pk in mine), None)
    if matched is not None:
        return REASON_TOPIC % {"topic": matched.name}
    if item.kind == ContentItem.Kind.COLLEAGUE:
        return str(REASON_COLLEAGUE)
    if peers:
        return REASON_PEERS % {"count": peers}
    if item.min_stage == ambassador.stage:
        return REASON_STAGE % {"stage": Stage(ambassador.stage).label}
    return str(REASON_NEW)


def _saved_ids(ambassador: Ambassador, request=None) -> list[tuple[int, snapshots.Library]]:
    """The person's saved items still in the library (shareable now), last saved first.

    Items are in the person's language; one saved in another language (before the person
    changed theirs) is read from that language's library."""
    now = timezone.now()
    shelves: dict[str, snapshots.Library] = {}
    found = []
    for item_id in snapshots.person_context(ambassador, request).saved:
        shelf = None
        for language in [ambassador.language, *(code for code, _name in settings.LANGUAGES)]:
            if language not in shelves:
                shelves[language] = snapshots.library(language, request)
            if item_id in shelves[language].items:
                shelf = shelves[language]
                break
        if shelf is not None and shelf.shareable(item_id, now):
            found.append((item_id, shelf))
    return found


def saved_for(*, ambassador: Ambassador, network: str, request=None) -> list[Suggestion]:
    """The person's saved items still in the library, last saved first (their own list)."""
    user = ambassador.user
    suggestions = []
    for item_id, shelf in _saved_ids(ambassador, request)[:SAVED_SHOWN]:
        item = shelf.items[item_id]
        suggestions.append(
            Suggestion(
                item=item,
                score=0,
                text=None,
                topic_match=0,
                body=best_text(user=user, item=item, network=network),
                reason=str(REASON_SAVED),
                saved=True,
                image=shelf.images.get(item_id, ""),
            )
        )
    return suggestions


def saved_count(ambassador: Ambassador, request=None) -> int:
    """How many items the person keeps for later (still in the library)."""
    return len(_saved_ids(ambassador, request))


def primary_network_or(network: str | None, ambassador: Ambassador) -> str:
    """The network asked for when it is one we know, else the person's primary network."""
    return network if network in Network.values else primary_network(ambassador)


# --- shares and tracked links ---------------------------------------------------------------


def share_of(*, user: User, code: str) -> Share | None:
    """A person's own share by its code (with the item's image); nobody else's."""
    return Share.objects.select_related("item__image").filter(code=code, user=user).first()


def tracked_url(share: Share) -> str:
    """The personal tracked link that goes into the shared text."""
    return settings.SITE_URL + reverse("sharing:tracked_link", args=[share.code])


def target_url(share: Share) -> str:
    """The item's stored address with UTM parameters; nothing from the request goes in."""
    parts = urlsplit(share.item.url)
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.startswith("utm_")
    ]
    query += [
        ("utm_source", share.network),
        ("utm_medium", "employee-advocacy"),
        ("utm_campaign", f"item-{share.item_id}"),
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def link_target(code: str) -> tuple[int | None, str]:
    """The share and stored target for a tracked-link code, cached briefly (one query saved
    on the busiest URL); an item's changed address is followed within minutes."""
    key = f"sharing:link:{code}"
    found = cache.get(key)
    if found is None:
        share = Share.objects.select_related("item").filter(code=code).first()
        if share is not None:
            try:
                public_url(share.item.url)  # stored before addresses were read strictly
            except ValidationError:
                share = None
        found = (share.pk, target_url(share)) if share is not None else (None, "")
        cache.set(key, found, LINK_CACHE_SECONDS)
    return found


def intent_url(share: Share) -> str:
    """The network's own share page with the text and the tracked link (no API keys)."""
    link = tracked_url(share)
    if share.network == Network.X:
        return "https://x.com/intent/post?" + urlencode({"text": share.text, "url": link})
    if share.network == Network.FACEBOOK:
        # Facebook takes the link only (its `quote` is ignored since 2022 and its policy
        # forbids prefilled text): the person pastes the text they copied first.
        return "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": link})
    if share.network == Network.LINKEDIN:
        return "https://www.linkedin.com/feed/?" + urlencode(
            {"shareActive": "true", "text": f"{share.text}\n\n{link}"}
        )
    return ""  # Instagram has no web share page: copy the text, download the image


# --- pushes ---------------------------------------------------------------------------------


def push_segment(push: Push) -> QuerySet[Ambassador]:
    """Participants the push is for: the item's stage and language, and the segment."""
    return segment_people(
        item=push.item,
        stage=push.stage,
        department_id=push.department_id,
        language=push.language,
        topic_ids=list(push.topics.values_list("pk", flat=True)),
    )


def segment_people(
    *,
    item: ContentItem,
    stage: int | None = None,
    department_id: int | None = None,
    language: str = "",
    topic_ids: list[int] | tuple[int, ...] = (),
) -> QuerySet[Ambassador]:
    """Participants a push of `item` to this segment is for (saved or not yet: a preview)."""
    people = Ambassador.objects.participating().filter(stage__gte=item.min_stage)
    if stage:
        people = people.filter(stage=stage)
    if department_id:
        people = people.filter(department_id=department_id)
    people = people.filter(language=language or item.language)
    if topic_ids:
        people = people.filter(topics__in=topic_ids).distinct()
    # Never ask again someone who hid the item ("not relevant") or already shared it.
    done = Share.objects.filter(item_id=item.pk).values("user_id")
    hidden = Dismissal.objects.filter(item_id=item.pk).values("user_id")
    people = people.exclude(user_id__in=done).exclude(user_id__in=hidden)
    return people.select_related("user")


def push_progress(push: Push) -> dict:
    """Planned (and how many after the window), delivered, opened and shared for one push,
    and identical texts."""
    now = timezone.now()
    rows = Notification.objects.filter(idempotency_key__startswith=f"push:{push.pk}:")
    window_end = (push.planned_at or now) + dt.timedelta(hours=push.window_hours)
    counts = rows.aggregate(
        planned=Count("id"),
        delivered=Count("id", filter=Q(visible_from__lte=now)),
        opened=Count("id", filter=Q(read_at__isnull=False)),
        after_window=Count("id", filter=Q(visible_from__gt=window_end)),
    )
    counts["window_end"] = window_end
    shares = Share.objects.filter(
        item=push.item, user__in=rows.values("recipient"), created_at__gte=push.created_at
    )
    counts["shared"] = shares.count()
    same_text = (
        Share.objects.filter(item=push.item, edited=False)
        .values("text")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    counts["identical"] = same_text["n"] if same_text else 0
    return counts


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


def library_items(*, status: str | None = None, since=None):
    """Items of the library, oldest first, with their texts and topics for a page of them
    (`prefetch_related` reads those in two queries whatever the page's size)."""
    items = ContentItem.objects.all()
    if status:
        items = items.filter(status=status)
    if since is not None:
        items = items.filter(created_at__gte=since)
    return items.prefetch_related("variants", "topics").order_by("created_at", "pk")
