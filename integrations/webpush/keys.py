"""The site's VAPID identity (RFC 8292), read from the settings once."""

from __future__ import annotations

import base64
import time
from email.utils import parseaddr
from functools import cache
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from py_vapid import Vapid02

# How long a push service may accept one signature (RFC 8292 allows at most 24 hours).
TOKEN_SECONDS = 12 * 60 * 60


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    """Base64url without padding, as browsers give keys; ValueError for anything else."""
    if not isinstance(text, str) or not text.isascii() or "=" in text.rstrip("="):
        raise ValueError("not base64url")
    stripped = text.rstrip("=")
    if any(not (char.isalnum() or char in "-_") for char in stripped):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(stripped + "=" * (-len(stripped) % 4))


def available() -> bool:
    """Whether push is set up: a private key in the settings (or made for the demo)."""
    return bool(settings.WEBPUSH_VAPID_PRIVATE_KEY)


@cache
def _vapid(private_key: str) -> Vapid02:
    return Vapid02.from_string(private_key)


def vapid() -> Vapid02:
    return _vapid(settings.WEBPUSH_VAPID_PRIVATE_KEY)


def public_key() -> str:
    """The application server key browsers subscribe with (base64url, 65 bytes)."""
    if settings.WEBPUSH_VAPID_PUBLIC_KEY:
        return settings.WEBPUSH_VAPID_PUBLIC_KEY
    point = vapid().public_key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return b64url(point)


def subject() -> str:
    """Who push services may contact about our messages: the setting, else the site's
    address when it is https, else the sender address of our e-mail."""
    if settings.WEBPUSH_SUBJECT:
        return settings.WEBPUSH_SUBJECT
    if settings.SITE_URL.startswith("https://"):
        return settings.SITE_URL
    return "mailto:" + (parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "academy@localhost")


def authorization(endpoint: str) -> str:
    """The `vapid t=…, k=…` Authorization header for one push service (aud: its origin)."""
    parts = urlsplit(endpoint)
    claims = {
        "aud": f"{parts.scheme}://{parts.netloc}",
        "sub": subject(),
        "exp": int(time.time()) + TOKEN_SECONDS,
    }
    return vapid().sign(claims)["Authorization"]
