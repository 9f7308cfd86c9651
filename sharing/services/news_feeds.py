"""News feeds: import items from the organisation's RSS and Atom feeds (feedparser),
deduplicated by address."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import strip_tags

from ambassadors.models import Network
from core.outbound import OutboundError, fetch, public_url

from ..models import ContentItem, NewsFeed, TextVariant

FEED_TYPES = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9"


def _shown_safely(link: str) -> bool:
    """The entry's address leads where it says (read like every stored address)."""
    try:
        public_url(link)
    except ValidationError:
        return False
    return True


def feed_import(*, feed: NewsFeed, content: bytes | None = None) -> int:
    """Add the feed's new entries to the library; entries already there are left alone."""
    import feedparser

    try:
        if content is None:
            content = fetch(feed.url, accept=FEED_TYPES).content
    except OutboundError as error:
        NewsFeed.objects.filter(pk=feed.pk).update(
            last_fetched_at=timezone.now(), last_error=str(error)[:300]
        )
        return 0
    # Bytes in a stream: feedparser fetches a str that looks like an address itself, and
    # opens bytes that look like a file name as a local file.
    parsed = feedparser.parse(io.BytesIO(content))
    topics = list(feed.topics.all())
    added = 0
    for entry in parsed.entries[:100]:
        link = (entry.get("link") or "").strip()
        title = " ".join(strip_tags(entry.get("title") or "").split())[:200]
        if not title or len(link) > 1000 or not _shown_safely(link):
            continue
        if ContentItem.objects.filter(url=link).exists():
            continue
        summary = " ".join(strip_tags(entry.get("summary") or "").split())[:1000]
        item = ContentItem(
            url=link,
            title=title,
            summary=summary,
            kind=feed.kind,
            language=feed.language,
            min_stage=feed.min_stage,
            status=(
                ContentItem.Status.PUBLISHED if feed.publish_at_once else ContentItem.Status.REVIEW
            ),
        )
        item.variants = [TextVariant(network=Network.LINKEDIN, text=title)]
        item.topics = topics
        try:
            with transaction.atomic():
                item.save()
        except IntegrityError:
            continue  # imported by a parallel run a moment ago
        added += 1
    problem = "" if not parsed.bozo else str(parsed.get("bozo_exception", ""))[:300]
    NewsFeed.objects.filter(pk=feed.pk).update(
        last_fetched_at=timezone.now(), last_error=problem, imported=feed.imported + added
    )
    return added
