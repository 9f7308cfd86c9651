"""A local HTTP server that plays Slack's Web API for the tests.

Every request is checked as Slack documents it: the bot token in the Authorization header,
JSON bodies for the write methods and a form for users.lookupByEmail, and chat.postMessage's
`channel`, fallback `text` and `blocks` (checked by `block_kit_problems`, a small Block Kit
checker). A request that breaks a rule is answered like Slack does (`invalid_blocks`,
`invalid_arguments`) and noted in `problems`, which every test expects to stay empty.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

TOKEN = "xoxb-1111-2222-abcdEFGHijkl"
TEAM_ID = "T0ACME"
TEXT_TYPES = {"plain_text", "mrkdwn"}
BLOCK_KEYS = {
    "section": {"type", "text", "block_id", "fields", "accessory"},
    "context": {"type", "elements", "block_id"},
    "actions": {"type", "elements", "block_id"},
    "divider": {"type", "block_id"},
    "header": {"type", "text", "block_id"},
}
BUTTON_KEYS = {
    "type",
    "text",
    "action_id",
    "url",
    "value",
    "style",
    "confirm",
    "accessibility_label",
}


def _text_problems(where: str, text, *, limit: int, plain_only: bool = False) -> list[str]:
    if not isinstance(text, dict) or text.get("type") not in TEXT_TYPES:
        return [f"{where}: not a text object"]
    if plain_only and text["type"] != "plain_text":
        return [f"{where}: must be plain_text"]
    value = text.get("text")
    if not isinstance(value, str) or not 1 <= len(value) <= limit:
        return [f"{where}: text missing or longer than {limit}"]
    if set(text) - {"type", "text", "emoji", "verbatim"}:
        return [f"{where}: unknown keys {set(text) - {'type', 'text', 'emoji', 'verbatim'}}"]
    return []


def _button_problems(where: str, button: dict) -> list[str]:
    problems = _text_problems(f"{where}.text", button.get("text"), limit=75, plain_only=True)
    if set(button) - BUTTON_KEYS:
        problems.append(f"{where}: unknown keys {set(button) - BUTTON_KEYS}")
    if not isinstance(button.get("action_id"), str) or not 1 <= len(button["action_id"]) <= 255:
        problems.append(f"{where}: action_id missing or too long")
    url = button.get("url")
    if url is not None and (
        not isinstance(url, str) or len(url) > 3000 or not url.startswith(("http://", "https://"))
    ):
        problems.append(f"{where}: url not absolute or too long")
    value = button.get("value")
    if value is not None and (not isinstance(value, str) or len(value) > 2000):
        problems.append(f"{where}: value too long")
    if button.get("style") not in (None, "primary", "danger"):
        problems.append(f"{where}: unknown style")
    return problems


def block_kit_problems(blocks) -> list[str]:
    """What Slack would refuse in `blocks` (the parts of Block Kit the platform uses)."""
    if not isinstance(blocks, list) or not 1 <= len(blocks) <= 50:
        return ["blocks: not a list of 1 to 50 blocks"]
    problems = []
    for n, block in enumerate(blocks):
        where = f"blocks[{n}]"
        kind = block.get("type") if isinstance(block, dict) else None
        if kind not in BLOCK_KEYS:
            problems.append(f"{where}: unknown block type {kind!r}")
            continue
        if set(block) - BLOCK_KEYS[kind]:
            problems.append(f"{where}: unknown keys {set(block) - BLOCK_KEYS[kind]}")
        if kind == "section":
            problems += _text_problems(f"{where}.text", block.get("text"), limit=3000)
        elif kind == "header":
            problems += _text_problems(
                f"{where}.text", block.get("text"), limit=150, plain_only=True
            )
        elif kind == "context":
            elements = block.get("elements")
            if not isinstance(elements, list) or not 1 <= len(elements) <= 10:
                problems.append(f"{where}: 1 to 10 elements")
            else:
                for m, element in enumerate(elements):
                    problems += _text_problems(f"{where}.elements[{m}]", element, limit=3000)
        elif kind == "actions":
            elements = block.get("elements")
            if not isinstance(elements, list) or not 1 <= len(elements) <= 25:
                problems.append(f"{where}: 1 to 25 elements")
                continue
            ids = [element.get("action_id") for element in elements]
            if len(set(ids)) != len(ids):
                problems.append(f"{where}: action_ids not unique")
            for m, element in enumerate(elements):
                if element.get("type") != "button":
                    problems.append(f"{where}.elements[{m}]: not a button")
                else:
                    problems += _button_problems(f"{where}.elements[{m}]", element)
    return problems


@dataclass
class SlackStub:
    port: int = 0
    token: str = TOKEN
    # email -> Slack user id
    users: dict[str, str] = field(default_factory=dict)
    # the error every call answers (a revoked token), or "" for a working workspace
    refuse_with: str = ""
    # how many of the next calls answer 429 (Retry-After: retry_after)
    rate_limited: int = 0
    retry_after: str = "7"
    calls: list[tuple[str, dict, dict]] = field(default_factory=list)  # (method, headers, body)
    problems: list[str] = field(default_factory=list)
    limited: list[str] = field(default_factory=list)  # calls answered 429
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def messages(self, channel: str | None = None) -> list[dict]:
        return [
            body
            for method, _headers, body in self.calls
            if method == "chat.postMessage" and (channel is None or body.get("channel") == channel)
        ]

    def answer(self, method: str, headers: dict, raw: bytes) -> tuple[int, dict, dict]:
        content_type = headers.get("Content-Type", "")
        if method == "users.lookupByEmail":
            if content_type != "application/x-www-form-urlencoded":
                self.problems.append(f"{method}: not a form ({content_type})")
                return 200, {}, {"ok": False, "error": "invalid_form_data"}
            body = {key: values[0] for key, values in parse_qs(raw.decode()).items()}
        else:
            if not content_type.startswith("application/json"):
                self.problems.append(f"{method}: not JSON ({content_type})")
                return 200, {}, {"ok": False, "error": "invalid_form_data"}
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                self.problems.append(f"{method}: JSON does not parse")
                return 200, {}, {"ok": False, "error": "invalid_json"}
        with self.lock:
            if self.rate_limited:
                self.rate_limited -= 1
                self.limited.append(method)
                return 429, {"Retry-After": self.retry_after}, {"ok": False, "error": "ratelimited"}
            self.calls.append((method, headers, body))
        if headers.get("Authorization") != f"Bearer {self.token}":
            return 200, {}, {"ok": False, "error": "invalid_auth"}
        if self.refuse_with:
            return 200, {}, {"ok": False, "error": self.refuse_with}
        if method == "auth.test":
            return 200, {}, {"ok": True, "team": "Acme", "team_id": TEAM_ID, "user_id": "UBOT"}
        if method == "users.lookupByEmail":
            found = self.users.get(body.get("email", ""))
            if found is None:
                return 200, {}, {"ok": False, "error": "users_not_found"}
            return 200, {}, {"ok": True, "user": {"id": found, "team_id": TEAM_ID}}
        if method == "conversations.open":
            users = body.get("users")
            if not isinstance(users, str) or not users.startswith("U"):
                self.problems.append(f"{method}: users not a Slack user id: {users!r}")
                return 200, {}, {"ok": False, "error": "invalid_arguments"}
            return 200, {}, {"ok": True, "channel": {"id": "D" + users[1:]}}
        if method == "chat.postMessage":
            channel, text = body.get("channel"), body.get("text")
            problems = []
            if not isinstance(channel, str) or not channel:
                problems.append("chat.postMessage: no channel")
            if not isinstance(text, str) or not text.strip():
                problems.append("chat.postMessage: no fallback text")
            problems += block_kit_problems(body.get("blocks"))
            if problems:
                self.problems += problems
                return 200, {}, {"ok": False, "error": "invalid_blocks"}
            if channel == "C0MISSING":
                return 200, {}, {"ok": False, "error": "channel_not_found"}
            ts = f"1700000000.{len(self.messages()):06d}"
            return 200, {}, {"ok": True, "channel": channel, "ts": ts}
        self.problems.append(f"unknown method {method}")
        return 404, {}, {"ok": False, "error": "unknown_method"}


def _handler(stub: SlackStub):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            method = self.path.removeprefix("/api/")
            status, extra, answer = stub.answer(method, dict(self.headers.items()), raw)
            payload = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            for key, value in extra.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture(name="slack_api")
def slack_api_fixture(settings):
    """Slack's Web API on 127.0.0.1; SLACK_API_URL points at it for the test."""
    stub = SlackStub()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    stub.port = httpd.server_address[1]
    threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True).start()
    settings.SLACK_API_URL = stub.url
    yield stub
    httpd.shutdown()
    httpd.server_close()
    assert stub.problems == [], stub.problems


SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


@pytest.fixture(name="slack")
def slack_fixture(slack_api, db):
    """A connected workspace (as the CMS saves it) talking to the local Slack."""
    from integrations.models import SlackConnection

    SlackConnection.objects.create(
        pk=1,
        bot_token=TOKEN,
        signing_secret=SIGNING_SECRET,
        team_id=TEAM_ID,
        team_name="Acme",
        announcement_channel="C0ANNOUNCE",
        announce_pushes=True,
        announce_campaigns=True,
    )
    return slack_api


def link(user, slack_user_id: str = ""):
    """`user`'s confirmed Slack account (as linking leaves it)."""
    from django.utils import timezone

    from integrations.models import SlackAccount

    slack_user_id = slack_user_id or f"U{user.pk:08d}"
    return SlackAccount.objects.create(
        user=user,
        slack_user_id=slack_user_id,
        dm_channel="D" + slack_user_id[1:],
        confirmed_at=timezone.now(),
    )


def choose_slack(user, *categories: str) -> None:
    """The person wants these categories in Slack as well as by e-mail."""
    person = user.ambassador
    person.channel_choices = {category: ["email", "slack"] for category in categories}
    person.save(update_fields=["channel_choices"])
