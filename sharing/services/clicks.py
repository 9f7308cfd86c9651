"""Clicks on tracked links: one small insert per visit, no IP address stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from ..models import Click

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
