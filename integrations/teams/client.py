"""Talking to Microsoft: the channel's Workflows webhook, the token endpoint, Graph and the
Bot Connector. Every request goes through `core.outbound` (the webhook is an address comms
staff typed: public addresses only; Microsoft's services are operator settings). Nothing
here writes to the database; callers decide what an answer means for the connection.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.cache import cache

from core import outbound
from integrations.models.teams import TeamsConnection

logger = logging.getLogger(__name__)

BOT_SCOPE = "https://api.botframework.com/.default"
GRAPH_SCOPE = "https://graph.microsoft.com/.default"
# A token is used until this long before it expires (a request in flight must not outlive it).
TOKEN_MARGIN = dt.timedelta(minutes=5)
DEFAULT_RETRY = dt.timedelta(minutes=1)
# Error codes of the Bot Connector that refuse one person, not the bot.
PERSONAL_REFUSALS = {
    "ConversationBlockedByUser",
    "BotNotInConversationRoster",
    "BotNotInstalledInUserPersonalScope",
    "MemberNotFoundInConversation",
}
MAX_RETRY = dt.timedelta(hours=6)


@dataclass(frozen=True)
class Answer:
    """What one request to Microsoft came to, in the terms the callers act on."""

    ok: bool
    status: int | None = None  # None: unreachable or refused before sending
    data: dict | None = None
    error: str = ""
    broken: bool = False  # the credentials or the webhook are wrong: stop until fixed
    code: str = ""  # Microsoft's error code, as it sent it
    retry_after: dt.timedelta | None = None  # worth trying again after this long


def _json(content: bytes) -> dict:
    try:
        data = json.loads(content or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def retry_after(value: str) -> dt.timedelta:
    value = (value or "").strip()
    if value.isdigit() and len(value) < 7:
        return min(max(dt.timedelta(seconds=int(value)), dt.timedelta(seconds=1)), MAX_RETRY)
    return DEFAULT_RETRY


def _read(answered: outbound.Answered, *, broken_on: tuple[int, ...]) -> Answer:
    status = answered.status
    data = _json(answered.content)
    if 200 <= status < 300:
        return Answer(ok=True, status=status, data=data)
    error_info = data.get("error")
    detail = ""
    if isinstance(error_info, dict):
        detail = str(error_info.get("code") or error_info.get("message") or "")
    elif isinstance(error_info, str):
        detail = error_info
    error = f"{status} {detail}".strip()
    if status == 429 or status >= 500:
        return Answer(
            ok=False,
            status=status,
            error=error,
            code=detail,
            retry_after=retry_after(answered.retry_after),
        )
    # A 403 about one person (they blocked the bot, or the app is not installed for them)
    # is that person's, not a broken bot.
    broken = status in broken_on and detail not in PERSONAL_REFUSALS
    return Answer(ok=False, status=status, data=data, error=error, broken=broken, code=detail)


# --- the channel's webhook -----------------------------------------------------------------


def webhook_post(url: str, message: dict) -> Answer:
    """Post a message to the channel's Workflows webhook. Any 4xx but 429 means the address
    is wrong or the flow was switched off or deleted: broken until comms staff fix it."""
    try:
        answered = outbound.post(
            url,
            body=json.dumps(message).encode(),
            headers={"Content-Type": "application/json"},
        )
    except outbound.OutboundError as error:
        return Answer(ok=False, error=str(error.args[0]), retry_after=DEFAULT_RETRY)
    return _read(answered, broken_on=tuple(range(400, 500)))


# --- tokens --------------------------------------------------------------------------------


def _token_key(connection: TeamsConnection, scope: str) -> str:
    fingerprint = hashlib.sha256(
        f"{connection.tenant_id}|{connection.app_id}|{connection.app_secret}|{scope}".encode()
    ).hexdigest()[:32]
    return f"teams-token:{fingerprint}"


def token(connection: TeamsConnection, scope: str) -> Answer:
    """An app token for `scope` (client credentials), from the cache while it is good.
    `data["token"]` holds it; 400/401 from the token endpoint (`invalid_client`, an unknown
    tenant or app) is broken."""
    key = _token_key(connection, scope)
    cached = cache.get(key)
    if cached:
        return Answer(ok=True, status=200, data={"token": cached})
    url = f"{settings.TEAMS_LOGIN_URL}/{quote(connection.tenant_id, safe='')}/oauth2/v2.0/token"
    form = urlencode(
        {
            "grant_type": "client_credentials",
            "client_id": connection.app_id,
            "client_secret": connection.app_secret,
            "scope": scope,
        }
    ).encode()
    try:
        answered = outbound.post_configured(
            url, body=form, headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
    except outbound.OutboundError as error:
        return Answer(ok=False, error=str(error.args[0]), retry_after=DEFAULT_RETRY)
    answer = _read(answered, broken_on=(400, 401))
    if not answer.ok:
        if answer.data and answer.data.get("error"):
            answer = Answer(
                ok=False,
                status=answer.status,
                error=f"{answer.status} {answer.data['error']}",
                broken=answer.broken,
                retry_after=answer.retry_after,
            )
        return answer
    access = (answer.data or {}).get("access_token")
    if not isinstance(access, str) or not access:
        return Answer(
            ok=False, status=answer.status, error="no access_token", retry_after=DEFAULT_RETRY
        )
    try:
        lifetime = int((answer.data or {}).get("expires_in", 3599))
    except (TypeError, ValueError):
        lifetime = 3599
    keep = int(lifetime - TOKEN_MARGIN.total_seconds())
    if keep > 0:
        cache.set(key, access, keep)
    return Answer(ok=True, status=answer.status, data={"token": access})


def forget_tokens(connection: TeamsConnection) -> None:
    cache.delete_many([_token_key(connection, scope) for scope in (BOT_SCOPE, GRAPH_SCOPE)])


def _bearer(token_answer: Answer) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_answer.data['token']}"}


# --- Graph ---------------------------------------------------------------------------------


def graph_user(connection: TeamsConnection, email: str) -> Answer:
    """The directory's user with this e-mail (user principal name): `data["id"]` is the
    AAD object id. 404 is "no such user", not a broken connection."""
    granted = token(connection, GRAPH_SCOPE)
    if not granted.ok:
        return granted
    url = f"{settings.TEAMS_GRAPH_URL}/users/{quote(email, safe='@')}?$select=id,displayName"
    try:
        answered = outbound.get_configured(
            url, headers={**_bearer(granted), "Accept": "application/json"}
        )
    except outbound.OutboundError as error:
        return Answer(ok=False, error=str(error.args[0]), retry_after=DEFAULT_RETRY)
    return _read(answered, broken_on=(401, 403))


# --- the Bot Connector ---------------------------------------------------------------------


def _bot_post(connection: TeamsConnection, path: str, payload: dict) -> Answer:
    granted = token(connection, BOT_SCOPE)
    if not granted.ok:
        return granted
    try:
        answered = outbound.post_configured(
            f"{settings.TEAMS_BOT_SERVICE_URL}{path}",
            body=json.dumps(payload).encode(),
            headers={**_bearer(granted), "Content-Type": "application/json"},
        )
    except outbound.OutboundError as error:
        return Answer(ok=False, error=str(error.args[0]), retry_after=DEFAULT_RETRY)
    return _read(answered, broken_on=(401, 403))


def conversation_create(connection: TeamsConnection, aad_object_id: str) -> Answer:
    """Open (or find) the bot's one-to-one conversation with a person: `data["id"]`."""
    return _bot_post(
        connection,
        "/v3/conversations",
        {
            "bot": {"id": f"28:{connection.app_id}"},
            "members": [{"id": aad_object_id}],
            "isGroup": False,
            "tenantId": connection.tenant_id,
            "channelData": {"tenant": {"id": connection.tenant_id}},
        },
    )


def activity_send(connection: TeamsConnection, conversation_id: str, activity: dict) -> Answer:
    return _bot_post(
        connection,
        f"/v3/conversations/{quote(conversation_id, safe=':@;.-_')}/activities",
        activity,
    )
