"""Import items from the organisation's RSS and Atom feeds (feedparser), deduplicated by URL."""

from __future__ import annotations

import requests
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import strip_tags

from ambassadors.models import Network

from .models import ContentItem, NewsFeed, TextVariant
from .preview import MAX_BYTES, TIMEOUT_SECONDS, USER_AGENT, PreviewError, check_url


def _download(url: str) -> bytes:
    check_url(url)
    with requests.get(
        url,
        timeout=TIMEOUT_SECONDS,
        stream=True,
        allow_redirects=False,
        headers={"User-Agent": USER_AGENT},
    ) as response:
        if response.status_code != 200:
            raise PreviewError(f"HTTP {response.status_code}")
        body = b""
        for chunk in response.iter_content(64 * 1024):
            body += chunk
            if len(body) > MAX_BYTES:
                break
        return body[:MAX_BYTES]


def feed_import(*, feed: NewsFeed, content: bytes | None = None) -> int:
    """Add the feed's new entries to the library; entries already there are left alone."""
    import feedparser

    try:
        parsed = feedparser.parse(content if content is not None else _download(feed.url))
    except (PreviewError, requests.RequestException) as error:
        NewsFeed.objects.filter(pk=feed.pk).update(
            last_fetched_at=timezone.now(), last_error=str(error)[:300]
        )
        return 0
    topics = list(feed.topics.all())
    added = 0
    for entry in parsed.entries[:100]:
        link = (entry.get("link") or "").strip()
        title = " ".join(strip_tags(entry.get("title") or "").split())[:200]
        if not link.startswith(("http://", "https://")) or not title or len(link) > 1000:
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
