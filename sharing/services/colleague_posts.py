"""Colleagues' posts: an ambassador asks colleagues with the same topics to engage with their
own LinkedIn post, within everyone's attention budget and the requests' own share of it."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Ambassador, Notification, Stage
from ambassadors.services import Nudge, lazy_text, nudge_plan_many
from core.outbound import OutboundError, host_is, parse_url
from core.sanitise import clean_text

from ..models import ContentItem
from .errors import ERROR_NOT_LINKEDIN, SharingError
from .library import item_add_for, item_text
from .shares import taking_part

COLLEAGUE_INVITES = 20
COLLEAGUE_POST_KIND = "colleague_post"
# Colleagues' requests ("my LinkedIn post") and their own share of a person's budget.
COLLEAGUE_REQUESTS_PER_WEEK = 1
SAME_COLLEAGUE_GAP = dt.timedelta(weeks=4)
COLLEAGUE_POST_FRESH = dt.timedelta(days=3)


def _colleague_post_link(item_id: int) -> str:
    return reverse("sharing:share", args=[item_id])


def colleague_post_create(*, user: User, url: str, comment: str) -> tuple[ContentItem, int]:
    """A stage-1 ambassador shares the link of their own LinkedIn post; colleagues with the
    same topics are invited to engage, each within their attention budget.

    Colleagues' requests keep to their own share of that budget: a person gets at most
    `COLLEAGUE_REQUESTS_PER_WEEK` of them in any seven days (from anyone), hears from the
    same colleague at most once in `SAME_COLLEAGUE_GAP`, and only while the post is fresh
    (`COLLEAGUE_POST_FRESH`). Returns the item and the number of colleagues invited, each
    counted once.
    """
    ambassador = taking_part(user)
    # The host as a browser reads it: `evil.example\@www.linkedin.com` is not LinkedIn.
    try:
        on_linkedin = host_is(parse_url(url.strip()), "linkedin.com")
    except OutboundError:
        on_linkedin = False
    if not on_linkedin:
        raise SharingError(ERROR_NOT_LINKEDIN)
    comment = clean_text(
        comment, max_length=ContentItem._meta.get_field("proposal_comment").max_length
    )  # also what colleagues are sent
    item = item_add_for(
        user=user,
        url=url.strip(),
        title=item_text(
            _("A post by %(name)s"),
            language=ambassador.language,
            name=user.get_full_name() or user.username,
        ),
        comment=comment,
        kind=ContentItem.Kind.COLLEAGUE,
        status=ContentItem.Status.PUBLISHED,
        stage=Stage.ENGAGEMENT,
    )
    now = timezone.now()
    topic_ids = [topic.pk for topic in ambassador.topics.all()]
    # Colleagues this person asked recently are left alone: one requester never takes a
    # colleague's share of the budget week after week.
    recent_posts = ContentItem.objects.filter(
        proposed_by=user,
        kind=ContentItem.Kind.COLLEAGUE,
        created_at__gte=now - SAME_COLLEAGUE_GAP,
    ).exclude(pk=item.pk)
    # A subquery, not DISTINCT with a random order: that would list someone once per
    # shared topic and invite (and count) them twice.
    sharing_a_topic = (
        Ambassador.objects.participating()
        .filter(topics__in=topic_ids)
        .exclude(user=user)
        .values("pk")
    )
    asked_recently = (
        Notification.objects.nudges()
        .filter(
            recipient__ambassador__in=sharing_a_topic,
            visible_from__gte=now - SAME_COLLEAGUE_GAP,
            kind=COLLEAGUE_POST_KIND,
            link__in=[_colleague_post_link(pk) for pk in recent_posts.values_list("pk", flat=True)],
        )
        .values("recipient_id")
    )
    colleagues = list(
        Ambassador.objects.filter(pk__in=sharing_a_topic)
        .exclude(user_id__in=asked_recently)
        .order_by("?")
        .values_list("pk", "user_id", "language")[:COLLEAGUE_INVITES]
    )
    name = user.get_full_name() or user.username
    nudges = []
    subject = lazy_text(_("%(name)s posted on LinkedIn about a topic you follow"), name=name)
    for pk, user_id, _language in colleagues:
        nudges.append(
            Nudge(
                ambassador_id=pk,
                kind=COLLEAGUE_POST_KIND,
                key=f"colleague-post:{item.pk}:{user_id}",
                subject=subject,
                body=comment.strip()[:300],
                link=_colleague_post_link(item.pk),
                earliest=now,
                latest=now + COLLEAGUE_POST_FRESH,
                kind_per_week=COLLEAGUE_REQUESTS_PER_WEEK,
                about_id=user.pk,
            )
        )
    planned = nudge_plan_many(nudges)
    invited = {note.recipient_id for note in planned.values() if note is not None}
    return item, len(invited)
