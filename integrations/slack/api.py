"""Calls to Slack's Web API, through `core.outbound.post_configured` (SLACK_API_URL).

Every call answers a `SlackAnswer`; nothing raises for Slack's own refusals, so callers
decide: a token error (`TOKEN_ERRORS`) means the connection is broken, a 429 waits as long
as Retry-After says. The token goes in the Authorization header, never in a URL or a log.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings

from core import outbound

logger = logging.getLogger(__name__)

# Slack's answers that mean the token no longer works: stop using it until a new one is saved.
TOKEN_ERRORS = frozenset(
    {"invalid_auth", "token_revoked", "account_inactive", "not_authed", "token_expired"}
)
RATE_LIMITED = "ratelimited"
UNREACHABLE = "unreachable"
DEFAULT_RETRY_AFTER = dt.timedelta(seconds=30)
MAX_RETRY_AFTER = dt.timedelta(hours=1)


@dataclass(frozen=True)
class SlackAnswer:
    ok: bool
    error: str = ""
    data: dict = field(default_factory=dict)
    retry_after: dt.timedelta | None = None  # set when Slack answered 429

    @property
    def token_broken(self) -> bool:
        return self.error in TOKEN_ERRORS


def _retry_after(value: str) -> dt.timedelta:
    try:
        seconds = int(value)
    except ValueError:
        return DEFAULT_RETRY_AFTER
    return min(max(dt.timedelta(seconds=seconds), dt.timedelta(seconds=1)), MAX_RETRY_AFTER)


def call(method: str, *, token: str, body: dict, form: bool = False) -> SlackAnswer:
    """POST `body` to Web API `method` (JSON, or a form for the read methods that take no
    JSON, such as users.lookupByEmail)."""
    if form:
        payload = urlencode(body).encode()
        content_type = "application/x-www-form-urlencoded"
    else:
        payload = json.dumps(body).encode()
        content_type = "application/json; charset=utf-8"
    try:
        answered = outbound.post_configured(
            f"{settings.SLACK_API_URL}/{method}",
            body=payload,
            headers={"Authorization": f"Bearer {token}", "Content-Type": content_type},
            max_bytes=200_000,
        )
    except outbound.OutboundError:
        logger.warning("Slack %s: unreachable", method)
        return SlackAnswer(ok=False, error=UNREACHABLE, retry_after=DEFAULT_RETRY_AFTER)
    if answered.status == 429:
        return SlackAnswer(
            ok=False, error=RATE_LIMITED, retry_after=_retry_after(answered.retry_after)
        )
    if answered.status >= 500:
        return SlackAnswer(
            ok=False, error=f"http_{answered.status}", retry_after=DEFAULT_RETRY_AFTER
        )
    try:
        data = json.loads(answered.content)
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    if answered.status != 200 or not data:
        return SlackAnswer(ok=False, error=str(data.get("error") or f"http_{answered.status}"))
    if not data.get("ok"):
        return SlackAnswer(
            ok=False, error=str(data.get("error") or "unknown_error")[:60], data=data
        )
    return SlackAnswer(ok=True, data=data)


def auth_test(token: str) -> SlackAnswer:
    return call("auth.test", token=token, body={})


def post_message(token: str, *, channel: str, text: str, blocks: list[dict]) -> SlackAnswer:
    return call(
        "chat.postMessage",
        token=token,
        body={"channel": channel, "text": text, "blocks": blocks, "unfurl_links": False},
    )


def lookup_by_email(token: str, email: str) -> SlackAnswer:
    return call("users.lookupByEmail", token=token, body={"email": email}, form=True)


def open_dm(token: str, slack_user_id: str) -> SlackAnswer:
    return call("conversations.open", token=token, body={"users": slack_user_id})
