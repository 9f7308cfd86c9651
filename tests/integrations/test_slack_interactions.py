"""Slack's interactive callbacks: verified with the signing secret, or refused."""

import hashlib
import hmac
import json
import time
from urllib.parse import urlencode

import pytest

from integrations.slack import blocks
from sharing.models import Dismissal
from tests.factories import make_user
from tests.factories.sharing import make_item
from tests.outbound_helpers import PUBLIC_IP, fake_dns, route_public

from .slack_stub import SIGNING_SECRET, TEAM_ID, link, slack_api_fixture, slack_fixture  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

URL = "/integrations/slack/interactions/"
RESPONSE_URL = "http://hooks.example.com/actions/T0ACME/1/abc"


@pytest.fixture
def hooks(http_server, monkeypatch, settings):
    """Slack's response_url host, played by a local server reached as a public address."""
    server = http_server()
    fake_dns(monkeypatch, {"hooks.example.com": [PUBLIC_IP]})
    route_public(monkeypatch, server)
    settings.SLACK_RESPONSE_URL_PREFIXES = ["http://hooks.example.com/"]
    return server


def signed(body: str, *, secret=SIGNING_SECRET, timestamp=None) -> dict:
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    base = f"v0:{timestamp}:{body}".encode()
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"HTTP_X_SLACK_REQUEST_TIMESTAMP": timestamp, "HTTP_X_SLACK_SIGNATURE": signature}


def callback(slack_user: str, action_id: str, value: str = "", response_url=RESPONSE_URL) -> str:
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM_ID},
        "user": {"id": slack_user},
        "response_url": response_url,
        "actions": [{"action_id": action_id, "value": value, "type": "button"}],
    }
    return urlencode({"payload": json.dumps(payload)})


def post(client, body: str, headers: dict):
    return client.post(URL, data=body, content_type="application/x-www-form-urlencoded", **headers)


def answers(server):
    return [json.loads(body) for _path, _headers, body in server.posts]


def test_not_relevant_from_slack_hides_the_item_and_replaces_the_message(client, slack, hooks):
    person = make_user(language="en")
    account = link(person)
    item = make_item(title="Quarterly figures")
    body = callback(account.slack_user_id, "not_relevant", blocks.not_relevant_value(item.pk))
    response = post(client, body, signed(body))
    assert response.status_code == 200
    assert Dismissal.objects.filter(user=person, item=item).exists()
    [answer] = answers(hooks)
    assert answer["replace_original"] is True
    assert answer["text"] == "Hidden: “Quarterly figures” will not be suggested to you again."
    assert hooks.posts[0][0] == "/actions/T0ACME/1/abc"


@pytest.mark.parametrize(
    "headers",
    [
        lambda body: signed(body, secret="not-the-secret"),
        lambda body: {**signed(body), "HTTP_X_SLACK_SIGNATURE": "v0=" + "0" * 64},
        lambda body: {"HTTP_X_SLACK_REQUEST_TIMESTAMP": str(int(time.time()))},
        lambda body: signed(body + "&x=1"),  # signed another body
        lambda body: {**signed(body), "HTTP_X_SLACK_REQUEST_TIMESTAMP": "abc"},
    ],
    ids=["wrong secret", "forged", "unsigned", "other body", "bad timestamp"],
)
def test_a_forged_callback_is_refused_and_changes_nothing(client, slack, hooks, headers):
    person = make_user()
    account = link(person)
    item = make_item()
    body = callback(account.slack_user_id, "not_relevant", blocks.not_relevant_value(item.pk))
    response = post(client, body, headers(body))
    assert response.status_code == 401
    assert not Dismissal.objects.exists()
    assert hooks.posts == []


def test_an_old_callback_is_refused_as_a_replay(client, slack, hooks):
    person = make_user()
    account = link(person)
    item = make_item()
    body = callback(account.slack_user_id, "not_relevant", blocks.not_relevant_value(item.pk))
    response = post(client, body, signed(body, timestamp=int(time.time()) - 6 * 60))
    assert response.status_code == 401
    assert not Dismissal.objects.exists()


def test_an_unknown_slack_user_gets_a_polite_answer_and_nothing_is_done(client, slack, hooks):
    item = make_item()
    body = callback("U0NOBODY", "not_relevant", blocks.not_relevant_value(item.pk))
    response = post(client, body, signed(body))
    assert response.status_code == 200
    assert not Dismissal.objects.exists()
    [answer] = answers(hooks)
    assert answer["response_type"] == "ephemeral"
    assert answer["replace_original"] is False
    # Someone unknown is answered in the site's language.
    assert "er is niets veranderd" in answer["text"]


@pytest.mark.parametrize(
    ("action_id", "value"), [("delete_everything", "1"), ("not_relevant", "7")]
)
def test_an_unknown_action_or_tampered_value_does_nothing(client, slack, hooks, action_id, value):
    person = make_user(language="en")
    account = link(person)
    make_item()
    body = callback(account.slack_user_id, action_id, value)
    response = post(client, body, signed(body))
    assert response.status_code == 200
    assert not Dismissal.objects.exists()
    [answer] = answers(hooks)
    assert answer["text"] == "This button no longer works; nothing was changed."


def test_an_answer_address_outside_slack_is_never_called(client, slack, hooks, settings):
    person = make_user(language="en")
    account = link(person)
    item = make_item()
    settings.SLACK_RESPONSE_URL_PREFIXES = ["https://hooks.slack.com/"]
    body = callback(account.slack_user_id, "not_relevant", blocks.not_relevant_value(item.pk))
    response = post(client, body, signed(body))
    assert response.status_code == 200
    assert Dismissal.objects.filter(user=person, item=item).exists()
    assert hooks.posts == []


def test_another_workspace_is_not_trusted(client, slack, hooks):
    person = make_user()
    account = link(person)
    item = make_item()
    body = callback(account.slack_user_id, "not_relevant", blocks.not_relevant_value(item.pk))
    body = body.replace(TEAM_ID, "T0OTHER")
    response = post(client, body, signed(body))
    assert response.status_code == 200
    assert not Dismissal.objects.exists()


def test_without_a_connection_every_callback_is_refused(client, db):
    body = callback("U0ANY", "not_relevant", "1")
    assert post(client, body, signed(body)).status_code == 401


def test_get_is_not_allowed(client, slack):
    assert client.get(URL).status_code == 405


def test_an_oversized_or_oddly_shaped_callback_is_refused_without_an_error(client, slack, hooks):
    """A body larger than any Slack sends is a 413 before anything is read; a signed payload
    whose user is not an object is ignored, not a 500."""
    huge = "payload=" + "x" * 200_000
    assert post(client, huge, signed(huge)).status_code == 413
    odd = urlencode(
        {"payload": json.dumps({"type": "block_actions", "team": {"id": TEAM_ID}, "user": "U1"})}
    )
    assert post(client, odd, signed(odd)).status_code == 200
    for broken in ("payload=%7Bnot+json", "other=1"):  # signed, but no payload we can read
        assert post(client, broken, signed(broken)).status_code == 400
    assert not Dismissal.objects.exists()
    assert answers(hooks) == []
