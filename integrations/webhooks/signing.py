"""Signing a delivery exactly as Standard Webhooks 1.0 says (standardwebhooks.com, spec
"Verifying webhook authenticity"):

- `webhook-id`: the event's id, the same on every attempt (a UUID: never holds a `.`);
- `webhook-timestamp`: the attempt's time, integer Unix seconds;
- `webhook-signature`: space-separated `v1,<base64 HMAC-SHA256>` entries, one per secret in
  use (two for a day after a rotation), over `{id}.{timestamp}.{body}` with the key being the
  base64-decoded part of the `whsec_...` secret.

The body is signed as the exact bytes sent (compact JSON, UTF-8).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

from integrations.models.webhooks import SECRET_PREFIX

USER_AGENT = "AmbassadorAcademy-Webhooks/1.0"


def secret_key(secret: str) -> bytes:
    """The HMAC key of a `whsec_...` secret."""
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def signature(secret: str, *, msg_id: str, timestamp: int, body: bytes) -> str:
    """One `v1,<base64>` signature of `{msg_id}.{timestamp}.{body}`."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def body_of(payload: dict) -> bytes:
    """The bytes sent for a payload: compact JSON, non-ASCII kept as UTF-8."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def signed_headers(secrets: list[str], *, msg_id: str, timestamp: int, body: bytes) -> dict:
    """The headers of one attempt."""
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(
            signature(secret, msg_id=msg_id, timestamp=timestamp, body=body) for secret in secrets
        ),
    }
