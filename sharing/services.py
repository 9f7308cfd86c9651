"""Writes of the content library: shares, clicks, dismissals, default texts and pushes."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
from collections import Counter
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ambassadors.gates import first_unmet_gate
from ambassadors.models import Ambassador, Network, Notification
from ambassadors.quiet import awake_moment
from ambassadors.services import (
    LEFT_OUT_AFTER_END,
    TIME_TO_ACT,
    Nudge,
    lazy_text,
    nudge_plan_many,
    programme_quiet_hours,
)
from core.outbound import OutboundError, host_is, parse_url, public_url
from core.sanitise import clean_text, strip_controls

from .models import (
    ERROR_TOO_LONG,
    NETWORK_LIMITS,
    Click,
    ClickDay,
    ContentItem,
    DefaultText,
    Dismissal,
    Push,
    Share,
    TextVariant,
    text_length,
)

ERROR_NOT_SHAREABLE = _("This item can no longer be shared.")
ERROR_STAGE = _("This item is meant for a later stage.")
ERROR_NOT_TAKING_PART = _("Join the programme to share content.")
ERROR_EMPTY_TEXT = _("Write a text to go with the link.")
ERROR_UNKNOWN_NETWORK = _("Choose LinkedIn, X, Facebook or Instagram.")
ERROR_EMPTY_SEGMENT = _("Nobody taking part matches this segment; nothing was planned.")

BOT_MARKERS = (
    "bot",
    "crawler",
    "spider",
    "preview",
    "facebookexternalhit",
    "linkedinbot",
    "twitterbot",
    "slackbot",
    "slack-imgproxy",
    "whatsapp",
    "telegrambot",
    "discordbot",
    "embedly",
    "curl",
    "python-requests",
    "headless",
)


class SharingError(Exception):
    pass


# --- default texts ----------------------------------------------------------------------


def default_variants(
    *, user: User, items: list[ContentItem], network: str
) -> dict[int, TextVariant]:
    """The variant each item offers this person first; assigned once, least-used first.

    Colleagues looking at the same item get different texts while there are variants left.
    Three queries for any number of items.
    """
    variants: dict[int, list[TextVariant]] = {}
    for item in items:
        options = [v for v in item.variants.all() if v.network == network]
        if options:
            variants[item.pk] = options
    chosen = {
        default.item_id: default.variant_id
        for default in DefaultText.objects.filter(
            user=user, network=network, item_id__in=list(variants)
        )
    }
    missing = [pk for pk in variants if pk not in chosen]
    if missing:
        usage = Counter(
            dict(
                DefaultText.objects.filter(item_id__in=missing, network=network)
                .values("variant_id")
                .annotate(n=Count("id"))
                .values_list("variant_id", "n")
            )
        )
        new = []
        for pk in missing:
            pick = min(variants[pk], key=lambda v: (usage[v.pk], v.sort_order or 0, v.pk))
            usage[pick.pk] += 1
            chosen[pk] = pick.pk
            new.append(DefaultText(user=user, item_id=pk, network=network, variant=pick))
        DefaultText.objects.bulk_create(new, ignore_conflicts=True)
    result = {}
    for pk, options in variants.items():
        result[pk] = next((v for v in options if v.pk == chosen.get(pk)), options[0])
    return result


# --- shares -------------------------------------------------------------------------------


def _check_can_share(user: User, item: ContentItem) -> Ambassador:
    try:
        ambassador = user.ambassador
    except Ambassador.DoesNotExist as exc:
        raise SharingError(ERROR_NOT_TAKING_PART) from exc
    if ambassador.status != Ambassador.Status.ACTIVE:
        raise SharingError(ERROR_NOT_TAKING_PART)
    if not ContentItem.objects.shareable().filter(pk=item.pk).exists():
        raise SharingError(ERROR_NOT_SHAREABLE)
    if item.min_stage > ambassador.stage:
        raise SharingError(ERROR_STAGE)
    gate = first_unmet_gate(user)
    if gate is not None:
        raise SharingError(gate.message)
    return ambassador


def share_text_check(*, network: str, text: str) -> str:
    text = strip_controls(text).strip()
    if network not in Network.values:
        raise SharingError(ERROR_UNKNOWN_NETWORK)
    if not text:
        raise SharingError(ERROR_EMPTY_TEXT)
    limit = NETWORK_LIMITS[network]
    if text_length(network, text) > limit:
        raise SharingError(
            ERROR_TOO_LONG
            % {
                "network": Network(network).label,
                "length": text_length(network, text),
                "limit": limit,
            }
        )
    return text


def _normalise(text: str) -> str:
    return " ".join(text.split())


def share_create(*, user: User, item: ContentItem, network: str, text: str) -> Share:
    """Record a share with its text and a personal tracked link; once per item and network."""
    _check_can_share(user, item)
    text = share_text_check(network=network, text=text)
    if item.disclosure and item.disclosure not in text:
        text = share_text_check(network=network, text=f"{text}\n\n{item.disclosure}")
    variant = (
        DefaultText.objects.filter(user=user, item=item, network=network)
        .select_related("variant")
        .first()
    )
    offered = variant.variant if variant else None
    edited = offered is None or " ".join(offered.text.split()) != " ".join(
        text.replace(item.disclosure, "").split() if item.disclosure else text.split()
    )
    try:
        with transaction.atomic():
            share, created = Share.objects.get_or_create(
                user=user,
                item=item,
                network=network,
                defaults={"text": text, "variant": offered, "edited": edited},
            )
    except IntegrityError:
        share, created = Share.objects.get(user=user, item=item, network=network), False
    if not created and share.text != text:
        share.text, share.edited = text, edited
        share.save(update_fields=["text", "edited"])
    return share


def tracked_url(share: Share) -> str:
    return f"{settings.SITE_URL}/s/{share.code}"


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


LINK_CACHE_SECONDS = 300


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
        return "https://www.facebook.com/sharer/sharer.php?" + urlencode(
            {"u": link, "quote": share.text}
        )
    if share.network == Network.LINKEDIN:
        return "https://www.linkedin.com/feed/?" + urlencode(
            {"shareActive": "true", "text": f"{share.text}\n\n{link}"}
        )
    return ""  # Instagram has no web share page: copy the text, download the image


# --- clicks -------------------------------------------------------------------------------


def _daily_salt(day: dt.date) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), day.isoformat().encode(), hashlib.sha256).digest()


# A visitor is an address (IPv6: its /64, what one household or phone gets), not a browser
# string anyone can vary: one address is one unique visitor per share and day. More than
# BURST_LIMIT clicks on one share from one network (IPv4 /24, IPv6 /48) within BURST_WINDOW
# are flagged as a burst: counted apart, like bots, and never as visitors.
BURST_LIMIT = 5
BURST_WINDOW = dt.timedelta(minutes=10)


def _address_prefix(ip: str, *, ipv4_bits: int, ipv6_bits: int) -> str:
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    bits = ipv4_bits if address.version == 4 else ipv6_bits
    return str(ipaddress.ip_network(f"{address}/{bits}", strict=False))


def visitor_hash(*, ip: str, day: dt.date) -> str:
    """Same address, same day: same hash, whatever the browser says. The address itself is
    never stored."""
    visitor = _address_prefix(ip, ipv4_bits=32, ipv6_bits=64)
    return hmac.new(_daily_salt(day), visitor.encode(), hashlib.sha256).hexdigest()


def _is_burst(*, share_id: int, ip: str, now: dt.datetime) -> bool:
    """Whether this click is one too many from its network on this share just now (counted
    in the shared cache: no extra query on the tracked link)."""
    network = _address_prefix(ip, ipv4_bits=24, ipv6_bits=48)
    digest = hmac.new(_daily_salt(now.date()), network.encode(), hashlib.sha256).hexdigest()
    window = int(now.timestamp() // BURST_WINDOW.total_seconds())
    key = f"clicks:burst:{share_id}:{digest[:32]}:{window}"
    seconds = int(BURST_WINDOW.total_seconds()) * 2
    if cache.add(key, 1, seconds):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired in between
        cache.add(key, 1, seconds)
        return False
    return count > BURST_LIMIT


def is_bot(user_agent: str) -> bool:
    agent = (user_agent or "").lower()
    return not agent or any(marker in agent for marker in BOT_MARKERS)


def click_record(*, share_id: int, ip: str, user_agent: str) -> Click:
    """One small insert; unique visitors and bots are sorted out when figures are read."""
    now = timezone.now()
    day = timezone.localdate(now)
    click = Click(
        share_id=share_id,
        day=day,
        visitor=visitor_hash(ip=ip, day=day),
        is_bot=is_bot(user_agent),
        is_burst=_is_burst(share_id=share_id, ip=ip, now=now),
        at=now,
    )
    if connection.vendor == "postgresql":
        # The visitor does not wait for the disk: a database crash could lose the last
        # fraction of a second of clicks, never make them inconsistent.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
            click.save(force_insert=True)
    else:
        click.save(force_insert=True)
    return click


def clicks_compact(*, before: dt.date, days_per_batch: int = 7) -> int:
    """Fold raw clicks of days before `before` into one row per share and day, then delete
    them. A batch of days is one transaction, so a stop half-way loses nothing and running
    again carries on where it stopped. Returns the number of raw clicks removed."""
    removed = 0
    while True:
        first = Click.objects.filter(day__lt=before).order_by("day").values_list("day", flat=True)
        first = first.first()
        if first is None:
            return removed
        last = min(first + dt.timedelta(days=days_per_batch), before)
        with transaction.atomic():
            window = Click.objects.filter(day__gte=first, day__lt=last)
            counts = {
                (row["share_id"], row["day"]): row
                for row in window.values("share_id", "day").annotate(
                    clicks=Count("pk", filter=Q(is_bot=False, is_burst=False)),
                    visitors=Count(
                        "visitor", filter=Q(is_bot=False, is_burst=False), distinct=True
                    ),
                    bot_clicks=Count("pk", filter=Q(is_bot=True)),
                    burst_clicks=Count("pk", filter=Q(is_bot=False, is_burst=True)),
                )
            }
            existing = {
                (row.share_id, row.day): row
                for row in ClickDay.objects.select_for_update().filter(day__gte=first, day__lt=last)
            }
            new = []
            for key, row in counts.items():
                day = existing.get(key) or ClickDay(share_id=key[0], day=key[1])
                day.clicks += row["clicks"]
                day.visitors += row["visitors"]
                day.bot_clicks += row["bot_clicks"]
                day.burst_clicks += row["burst_clicks"]
                if day.pk is None:
                    new.append(day)
                else:
                    day.save(update_fields=["clicks", "visitors", "bot_clicks", "burst_clicks"])
            ClickDay.objects.bulk_create(new, batch_size=2000)
            removed += window.delete()[0]


# --- dismissals -----------------------------------------------------------------------------


def item_dismiss(*, user: User, item: ContentItem, reason: str = "") -> Dismissal:
    dismissal, _created = Dismissal.objects.get_or_create(
        user=user, item=item, defaults={"reason": clean_text(reason, max_length=300).strip()}
    )
    return dismissal


# --- pushes ---------------------------------------------------------------------------------


def push_segment(push: Push):
    """Participants the push is for: the item's stage and language, and the segment."""
    people = Ambassador.objects.participating().filter(stage__gte=push.item.min_stage)
    if push.stage:
        people = people.filter(stage=push.stage)
    if push.department_id:
        people = people.filter(department_id=push.department_id)
    language = push.language or push.item.language
    people = people.filter(language=language)
    topic_ids = list(push.topics.values_list("pk", flat=True))
    if topic_ids:
        people = people.filter(topics__in=topic_ids).distinct()
    # Never ask again someone who hid the item ("not relevant") or already shared it.
    item = push.item_id
    done = Share.objects.filter(item_id=item).values("user_id")
    hidden = Dismissal.objects.filter(item_id=item).values("user_id")
    people = people.exclude(user_id__in=done).exclude(user_id__in=hidden)
    return people.select_related("user")


def push_plan(*, push: Push) -> Push:
    """Plan one suggestion per person, spread evenly over the waking hours of the window,
    within each budget and never later than the item's end allows.

    Idempotent: a person already planned for this push keeps their slot. Records what was
    planned: the first and last moment, and who was left out and why.
    """
    people = list(
        push_segment(push)
        .order_by("pk")
        .values_list("pk", "user_id", "language", "quiet_hours_start", "quiet_hours_end")
    )
    if not people:
        raise SharingError(ERROR_EMPTY_SEGMENT)
    start = timezone.now()
    latest = push.item.expires_at - TIME_TO_ACT if push.item.expires_at else None
    # Spread over the window, or up to the last useful moment when the item ends before it.
    end = start + dt.timedelta(hours=push.window_hours)
    if latest is not None and start < latest < end:
        end = latest
    # A proposal's summary holds its proposer's words: erasing them removes these too.
    about = push.item.proposed_by_id
    default_quiet = programme_quiet_hours()
    subject = lazy_text(_("Something to share: %(title)s"), title=push.item.title)
    nudges = [
        Nudge(
            ambassador_id=pk,
            kind="share_suggestion",
            key=f"push:{push.pk}:{user_id}",
            subject=subject,
            body=push.item.summary[:300],
            link=f"/share/{push.item_id}/",
            earliest=awake_moment(
                start=start,
                end=end,
                fraction=position / len(people),
                hours=(own_start, own_end) if own_start is not None else default_quiet,
            ),
            latest=latest,
            about_id=about,
        )
        for position, (pk, user_id, language, own_start, own_end) in enumerate(people)
    ]
    left_out: dict[str, str] = {}
    outcome = nudge_plan_many(nudges, left_out=left_out)
    slots = [notification.visible_from for notification in outcome.values() if notification]
    Push.objects.filter(pk=push.pk).update(
        planned_at=start,
        segment_size=len(people),
        planned=len(slots),
        skipped=len(people) - len(slots),
        skipped_after_end=sum(reason == LEFT_OUT_AFTER_END for reason in left_out.values()),
        first_slot=min(slots, default=None),
        last_slot=max(slots, default=None),
    )
    push.refresh_from_db()
    return push


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


# --- proposals and colleagues' posts ---------------------------------------------------------

ERROR_ALREADY_IN_LIBRARY = _("This address is already in the library.")
ERROR_PROPOSAL_STAGE = _("Proposing links opens in the curation stage.")
ERROR_NOT_LINKEDIN = _("Paste the address of your post on LinkedIn (linkedin.com).")
ERROR_NOT_A_PROPOSAL = _("Only open proposals can be reviewed.")
ERROR_EMPTY_COMMENT = _("Add your comment: why is this worth reading?")
ERROR_REASON_NEEDED = _("Give the reason, so the ambassador knows why.")
COLLEAGUE_INVITES = 20
COLLEAGUE_POST_KIND = "colleague_post"
# Colleagues' requests ("my LinkedIn post") and their own share of a person's budget.
COLLEAGUE_REQUESTS_PER_WEEK = 1
SAME_COLLEAGUE_GAP = dt.timedelta(weeks=4)
COLLEAGUE_POST_FRESH = dt.timedelta(days=3)


def _new_item(
    *, user: User, url: str, title: str, comment: str, kind: str, status: str, stage: int
):
    try:
        public_url(url)
    except ValidationError as exc:
        raise SharingError(exc.messages[0]) from exc
    if ContentItem.objects.filter(url=url).exists():
        raise SharingError(ERROR_ALREADY_IN_LIBRARY)
    item = ContentItem(
        url=url,
        title=title.strip()[:200] or url[:200],
        summary=comment.strip()[:1000],
        kind=kind,
        status=status,
        min_stage=stage,
        language=user.ambassador.language,
        proposed_by=user,
        proposal_comment=comment.strip()[:1000],
        preview_status=ContentItem.Preview.PENDING,
    )
    item.variants = [
        TextVariant(network=Network.LINKEDIN, text=comment.strip()[:2900] or item.title)
    ]
    item.topics = list(user.ambassador.topics.all())
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as exc:
        raise SharingError(ERROR_ALREADY_IN_LIBRARY) from exc
    from core.queue import enqueue_on_commit

    enqueue_on_commit("sharing.tasks.fetch_preview", item.pk)
    return item


def proposal_create(*, user: User, url: str, title: str, comment: str) -> ContentItem:
    """An ambassador in stage 2 or 3 proposes a link with their comment, for comms to review."""
    ambassador = user.ambassador
    if ambassador.status != Ambassador.Status.ACTIVE:
        raise SharingError(ERROR_NOT_TAKING_PART)
    if ambassador.stage < 2:
        raise SharingError(ERROR_PROPOSAL_STAGE)
    if not comment.strip():
        raise SharingError(ERROR_EMPTY_COMMENT)
    return _new_item(
        user=user,
        url=url.strip(),
        title=clean_text(title, max_length=200),
        comment=clean_text(comment, max_length=1000),
        kind=ContentItem.Kind.THIRD_PARTY,
        status=ContentItem.Status.PROPOSED,
        stage=2,
    )


def proposal_review(
    *, item: ContentItem, approve: bool, reason: str, reviewer: User
) -> ContentItem:
    """Comms approve or reject a proposal; the proposer hears why."""
    from ambassadors.services import notify

    reason = clean_text(reason, max_length=300)

    with transaction.atomic():
        item = ContentItem.objects.select_for_update().get(pk=item.pk)
        if item.status != ContentItem.Status.PROPOSED:
            raise SharingError(ERROR_NOT_A_PROPOSAL)
        if not approve and not reason.strip():
            raise SharingError(ERROR_REASON_NEEDED)
        item.status = ContentItem.Status.PUBLISHED if approve else ContentItem.Status.REJECTED
        item.review_reason = reason.strip()[:300]
        item.save(update_fields=["status", "review_reason"])
        if item.proposed_by_id:
            subject = (
                _("Your proposal is in the library: %(title)s")
                if approve
                else _("Your proposal was not added: %(title)s")
            )
            notify(
                recipient=item.proposed_by,
                kind="proposal_reviewed",
                key=f"proposal:{item.pk}:{item.status}",
                subject=lazy_text(subject, title=item.title),
                body=item.review_reason,
                link="/share/",
            )
    return item


def _colleague_post_link(item_id: int) -> str:
    return f"/share/{item_id}/"


def colleague_post_create(*, user: User, url: str, comment: str) -> tuple[ContentItem, int]:
    """A stage-1 ambassador shares the link of their own LinkedIn post; colleagues with the
    same topics are invited to engage, each within their attention budget.

    Colleagues' requests keep to their own share of that budget: a person gets at most
    `COLLEAGUE_REQUESTS_PER_WEEK` of them in any seven days (from anyone), hears from the
    same colleague at most once in `SAME_COLLEAGUE_GAP`, and only while the post is fresh
    (`COLLEAGUE_POST_FRESH`). Returns the item and the number of colleagues invited, each
    counted once.
    """
    ambassador = user.ambassador
    if ambassador.status != Ambassador.Status.ACTIVE:
        raise SharingError(ERROR_NOT_TAKING_PART)
    # The host as a browser reads it: `evil.example\@www.linkedin.com` is not LinkedIn.
    try:
        on_linkedin = host_is(parse_url(url.strip()), "linkedin.com")
    except OutboundError:
        on_linkedin = False
    if not on_linkedin:
        raise SharingError(ERROR_NOT_LINKEDIN)
    comment = clean_text(comment, max_length=1000)  # also what colleagues are sent
    item = _new_item(
        user=user,
        url=url.strip(),
        title=gettext("A post by %(name)s") % {"name": user.get_full_name() or user.username},
        comment=comment,
        kind=ContentItem.Kind.COLLEAGUE,
        status=ContentItem.Status.PUBLISHED,
        stage=1,
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
