"""A real local HTTP server that plays Microsoft for the Teams tests: the token endpoint
(login.microsoftonline.com), Graph, the Bot Connector and a Teams Workflows webhook.

It checks every request the way the services do (the token request's form fields, the
`Bearer` token it issued for the right scope, the Adaptive Card against the documented
structure) and answers like Microsoft: JSON bodies, `invalid_client`, 404 for an unknown
user, 429 with Retry-After. A request that breaks the rules is answered 400 and noted in
`problems`, so a test sees it."""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.core.cache import cache
from django.test import override_settings

from integrations.models import TeamsConnection
from integrations.teams.cards import CONTENT_TYPE, SCHEMA
from tests.outbound_helpers import PUBLIC_IP, fake_dns, route_public

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
APP_ID = "0a1b2c3d-1111-2222-3333-444455556666"
APP_SECRET = "s3cr3t~value.of.the.client.secret"
WEBHOOK = "http://prod-42.westeurope.logic.example.com/workflows/abc/triggers/manual/paths/invoke?sig=SIGNATURE123"
SITE = "https://academy.example.com"
BOT_SCOPE = "https://api.botframework.com/.default"
GRAPH_SCOPE = "https://graph.microsoft.com/.default"

ELEMENTS = {"TextBlock", "Container", "Image", "ColumnSet", "FactSet", "RichTextBlock"}
ACTIONS = {"Action.OpenUrl", "Action.Submit", "Action.ShowCard", "Action.Execute"}


def check_card(card) -> list[str]:
    """What is wrong with an Adaptive Card 1.4 as Teams renders it (empty when nothing)."""
    problems = []
    if not isinstance(card, dict):
        return ["card is not an object"]
    if card.get("type") != "AdaptiveCard":
        problems.append("type is not AdaptiveCard")
    if card.get("$schema") != SCHEMA:
        problems.append("wrong $schema")
    if card.get("version") != "1.4":
        problems.append(f"version {card.get('version')!r}, not 1.4")

    def elements(items, where):
        if not isinstance(items, list) or not items:
            problems.append(f"{where} is not a non-empty list")
            return
        for element in items:
            kind = element.get("type") if isinstance(element, dict) else None
            if kind not in ELEMENTS:
                problems.append(f"{where}: unknown element {kind!r}")
            elif kind == "TextBlock" and (
                not isinstance(element.get("text"), str) or not element["text"].strip()
            ):
                problems.append(f"{where}: TextBlock without text")
            elif kind == "Container":
                elements(element.get("items"), f"{where}.Container")

    elements(card.get("body"), "body")
    for action in card.get("actions", []):
        if action.get("type") not in ACTIONS:
            problems.append(f"unknown action {action.get('type')!r}")
        if not str(action.get("title", "")).strip():
            problems.append("action without title")
        if action.get("type") == "Action.OpenUrl" and not str(action.get("url", "")).startswith(
            "https://"
        ):
            problems.append(f"action url not https: {action.get('url')!r}")
    return problems


def card_of(message: dict) -> dict:
    """The one Adaptive Card of a webhook message or bot activity (checked as it is read)."""
    assert message.get("type") == "message", message
    attachments = message.get("attachments")
    assert isinstance(attachments, list), message
    assert len(attachments) == 1, message
    assert attachments[0]["contentType"] == CONTENT_TYPE
    assert attachments[0].get("contentUrl", "missing") is None
    return attachments[0]["content"]


def texts_of(card: dict) -> list[str]:
    found = []

    def walk(items):
        for element in items:
            if element["type"] == "TextBlock":
                found.append(element["text"])
            elif element["type"] == "Container":
                walk(element["items"])

    walk(card["body"])
    return found


@dataclass
class Microsoft:
    port: int = 0
    users: dict[str, str] = field(default_factory=dict)  # e-mail -> AAD object id
    # What the next requests to a place get, in turn: (status, headers, body dict).
    answers: dict[str, list[tuple[int, dict, dict]]] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)  # token -> scope
    token_requests: list[dict] = field(default_factory=list)
    graph_requests: list[str] = field(default_factory=list)
    conversations: list[dict] = field(default_factory=list)
    activities: list[tuple[str, dict]] = field(default_factory=list)  # (conversation, activity)
    webhook_posts: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    counter: itertools.count = field(default_factory=itertools.count)

    def answer_next(self, place: str, status: int, body: dict | None = None, **headers):
        self.answers.setdefault(place, []).append((status, headers, body or {}))

    def cards_to(self, conversation: str) -> list[dict]:
        return [card_of(a) for c, a in self.activities if c == conversation]

    def code_sent_to(self, conversation: str) -> str:
        import re

        text = " ".join(texts_of(self.cards_to(conversation)[-1]))
        return re.search(r"\b(\d{6})\b", text).group(1)


def _handler(ms: Microsoft):
    class Handler(BaseHTTPRequestHandler):
        def _reply(self, status, body: dict | None = None, headers=None):
            data = json.dumps(body or {}).encode() if body is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _refuse(self, problem: str):
            ms.problems.append(problem)
            self._reply(400, {"error": {"code": "BadRequest", "message": problem}})

        def _planned(self, place: str) -> bool:
            queue = ms.answers.get(place)
            if queue:
                status, headers, body = queue.pop(0)
                self._reply(status, body, headers)
                return True
            return False

        def _bearer(self, scope: str) -> bool:
            auth = self.headers.get("Authorization", "")
            token = auth.removeprefix("Bearer ")
            if not auth.startswith("Bearer ") or ms.tokens.get(token) != scope:
                self._reply(401, {"error": {"code": "Unauthorized", "message": "bad token"}})
                ms.problems.append(f"bad bearer for {scope}: {auth!r}")
                return False
            return True

        def do_GET(self):  # noqa: N802
            parts = urlsplit(self.path)
            if not parts.path.startswith("/graph/v1.0/users/"):
                return self._refuse(f"unexpected GET {self.path}")
            if not self._bearer(GRAPH_SCOPE) or self._planned("graph"):
                return None
            email = unquote(parts.path.removeprefix("/graph/v1.0/users/")).lower()
            ms.graph_requests.append(email)
            if email not in ms.users:
                return self._reply(
                    404,
                    {"error": {"code": "Request_ResourceNotFound", "message": "not found"}},
                )
            return self._reply(200, {"id": ms.users[email], "displayName": "Someone"})

        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            path = urlsplit(self.path).path
            if path == f"/login/{TENANT}/oauth2/v2.0/token" or path.endswith("/oauth2/v2.0/token"):
                return self._token(path, body)
            if path.startswith("/workflows/"):
                return self._webhook(body)
            if path == "/teams/v3/conversations":
                return self._conversation(body)
            if path.startswith("/teams/v3/conversations/") and path.endswith("/activities"):
                conversation = unquote(path.split("/")[4])
                return self._activity(conversation, body)
            return self._refuse(f"unexpected POST {self.path}")

        def _token(self, path, body):
            if self.headers.get("Content-Type") != "application/x-www-form-urlencoded":
                return self._refuse("token request is not a form")
            form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
            ms.token_requests.append(form)
            if self._planned("token"):
                return None
            if form.get("grant_type") != "client_credentials" or form.get("scope") not in (
                BOT_SCOPE,
                GRAPH_SCOPE,
            ):
                return self._refuse(f"bad token form {form}")
            if (
                path != f"/login/{TENANT}/oauth2/v2.0/token"
                or form.get("client_id") != APP_ID
                or form.get("client_secret") != APP_SECRET
            ):
                return self._reply(
                    401,
                    {
                        "error": "invalid_client",
                        "error_description": "AADSTS7000215: Invalid client secret provided.",
                    },
                )
            token = f"eyJ0.{next(ms.counter)}.sig"
            ms.tokens[token] = form["scope"]
            return self._reply(
                200, {"token_type": "Bearer", "expires_in": 3599, "access_token": token}
            )

        def _json(self, body):
            if not self.headers.get("Content-Type", "").startswith("application/json"):
                self._refuse("not JSON")
                return None
            return json.loads(body)

        def _webhook(self, body):
            message = self._json(body)
            if message is None:
                return None
            ms.webhook_posts.append(message)
            try:
                problems = check_card(card_of(message))
            except (AssertionError, KeyError, TypeError) as error:
                problems = [f"bad envelope: {error!r}"]
            if problems:
                return self._refuse("; ".join(problems))
            if self._planned("webhook"):
                return None
            return self._reply(202, None)

        def _conversation(self, body):
            if not self._bearer(BOT_SCOPE):
                return None
            request = self._json(body)
            if request is None:
                return None
            ms.conversations.append(request)
            if self._planned("conversation"):
                return None
            members = request.get("members") or [{}]
            if (
                request.get("bot", {}).get("id") != f"28:{APP_ID}"
                or request.get("tenantId") != TENANT
                or request.get("channelData", {}).get("tenant", {}).get("id") != TENANT
                or len(members) != 1
                or members[0].get("id") not in ms.users.values()
            ):
                return self._refuse(f"bad conversation request {request}")
            return self._reply(201, {"id": f"a:conv-{members[0]['id']}"})

        def _activity(self, conversation, body):
            if not self._bearer(BOT_SCOPE):
                return None
            activity = self._json(body)
            if activity is None:
                return None
            if self._planned("activity"):
                return None
            try:
                problems = check_card(card_of(activity))
            except (AssertionError, KeyError, TypeError) as error:
                problems = [f"bad activity: {error!r}"]
            if problems:
                return self._refuse("; ".join(problems))
            ms.activities.append((conversation, activity))
            return self._reply(201, {"id": f"1:{next(ms.counter)}"})

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture(name="microsoft")
def microsoft_fixture(monkeypatch):
    """The fake Microsoft, with the operator settings pointing at it and the webhook's
    public name routed to it; the token cache starts empty."""
    ms = Microsoft()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(ms))
    ms.port = httpd.server_address[1]
    threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True).start()
    fake_dns(monkeypatch, {"prod-42.westeurope.logic.example.com": [PUBLIC_IP]})
    route_public(monkeypatch, ms)
    cache.clear()
    base = f"http://127.0.0.1:{ms.port}"
    with override_settings(
        TEAMS_LOGIN_URL=f"{base}/login",
        TEAMS_GRAPH_URL=f"{base}/graph/v1.0",
        TEAMS_BOT_SERVICE_URL=f"{base}/teams",
        SITE_URL=SITE,
    ):
        yield ms
    httpd.shutdown()
    httpd.server_close()
    cache.clear()


def connect_teams(*, webhook: bool = True, bot: bool = True, **more) -> TeamsConnection:
    return TeamsConnection.objects.create(
        pk=1,
        webhook_url=WEBHOOK if webhook else "",
        app_id=APP_ID if bot else "",
        app_secret=APP_SECRET if bot else "",
        tenant_id=TENANT if bot else "",
        **more,
    )
