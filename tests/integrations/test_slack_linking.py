"""A person links their Slack account by their work e-mail and a code sent in Slack."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from integrations.models import SlackAccount, SlackConnection
from integrations.slack import services
from tests.factories import make_user

from .slack_stub import SlackStub, link, slack_api_fixture, slack_fixture  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

URL = "/profile/slack/"
CONFIRM = "/profile/slack/confirm/"
UNLINK = "/profile/slack/unlink/"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


def code_sent(stub: SlackStub) -> str:
    [message] = stub.messages()
    return re.search(r"\b(\d{6})\b", message["text"]).group(1)


def test_a_person_links_their_account_with_the_code_from_slack(client_for, slack):
    person = make_user(language="en", user__email="ann@example.org")
    slack.users["ann@example.org"] = "U0ANN"
    client = client_for(person)
    page = client.get(URL).content.decode()
    assert "ann@example.org" in page
    assert "Send me a code in Slack" in page

    response = client.post(URL, follow=True)
    assert "We sent you a code in Slack" in response.content.decode()
    methods = [method for method, _h, _b in slack.calls]
    assert methods == ["users.lookupByEmail", "conversations.open", "chat.postMessage"]
    [message] = slack.messages()
    assert message["channel"] == "D0ANN"
    assert "valid for 15 minutes" in message["text"]
    account = SlackAccount.objects.get(user=person)
    assert account.confirmed_at is None
    assert code_sent(slack) not in account.code_hash  # only a hash is kept

    response = client.post(CONFIRM, {"code": code_sent(slack)}, follow=True)
    assert "Your Slack account is linked" in response.content.decode()
    account.refresh_from_db()
    assert account.confirmed_at is not None
    assert (account.slack_user_id, account.dm_channel, account.code_hash) == ("U0ANN", "D0ANN", "")


def test_nobody_in_slack_with_that_address_says_so_and_links_nothing(client_for, slack):
    person = make_user(language="en", user__email="bob@example.org")
    response = client_for(person).post(URL)
    assert response.status_code == 400
    assert "Slack has no one with the e-mail address bob@example.org" in response.content.decode()
    assert not SlackAccount.objects.exists()
    assert slack.messages() == []


def test_a_wrong_code_counts_and_the_fifth_ends_the_attempt(client_for, slack):
    person = make_user(language="en", user__email="ann@example.org")
    slack.users["ann@example.org"] = "U0ANN"
    client = client_for(person)
    client.post(URL)
    right = code_sent(slack)
    wrong = "000000" if right != "000000" else "111111"
    for attempt in range(1, services.CODE_TRIES):
        response = client.post(CONFIRM, {"code": wrong})
        assert response.status_code == 400
        assert "That is not the code we sent you" in response.content.decode()
        assert SlackAccount.objects.get(user=person).tries == attempt
    response = client.post(CONFIRM, {"code": wrong})
    assert "That code was wrong too often" in response.content.decode()
    assert not SlackAccount.objects.exists()  # nothing half-linked
    response = client.post(CONFIRM, {"code": right})  # too late: the attempt is over
    assert "There is no code waiting for you" in response.content.decode()
    assert not SlackAccount.objects.exists()


def test_an_expired_code_is_refused_and_removed(client_for, slack):
    person = make_user(language="en", user__email="ann@example.org")
    slack.users["ann@example.org"] = "U0ANN"
    client = client_for(person)
    client.post(URL)
    SlackAccount.objects.update(code_expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.post(CONFIRM, {"code": code_sent(slack)})
    assert response.status_code == 400
    assert "This code has expired" in response.content.decode()
    assert not SlackAccount.objects.exists()


@pytest.mark.parametrize("code", ["12345", "abcdef", "1234567", "12 456", "<script>"])
def test_a_malformed_code_is_a_form_error(client_for, slack, code):
    person = make_user(language="en", user__email="ann@example.org")
    slack.users["ann@example.org"] = "U0ANN"
    client = client_for(person)
    client.post(URL)
    response = client.post(CONFIRM, {"code": code})
    assert response.status_code == 400
    assert SlackAccount.objects.get().tries == 0
    assert "<script>" not in response.content.decode().split("<main")[-1].replace(
        "&lt;script&gt;", ""
    )


def test_codes_are_throttled(client_for, slack):
    person = make_user(language="en", user__email="ann@example.org")
    slack.users["ann@example.org"] = "U0ANN"
    client = client_for(person)
    for _ in range(services.CODES_PER_HOUR):
        client.post(URL)
    response = client.post(URL)
    assert "You asked for several codes in a short time" in response.content.decode()
    assert len(slack.messages()) == services.CODES_PER_HOUR


def test_a_slack_user_linked_to_someone_else_is_refused(client_for, slack):
    link(make_user(), "U0ANN")
    person = make_user(language="en", user__email="ann@example.org")
    slack.users["ann@example.org"] = "U0ANN"
    response = client_for(person).post(URL)
    assert "already linked to someone else" in response.content.decode()
    assert slack.messages() == []
    assert not SlackAccount.objects.filter(user=person).exists()


def test_unlinking_removes_the_account(client_for, slack):
    person = make_user(language="en")
    link(person)
    client = client_for(person)
    assert "Unlink my Slack account" in client.get(URL).content.decode()
    response = client.post(UNLINK, follow=True)
    assert "no longer linked" in response.content.decode()
    assert not SlackAccount.objects.exists()


def test_a_revoked_token_while_linking_breaks_the_connection(client_for, slack):
    person = make_user(language="en", user__email="ann@example.org")
    slack.refuse_with = "token_revoked"
    response = client_for(person).post(URL)
    assert response.status_code == 400
    assert "revoked" in response.content.decode()
    assert SlackConnection.objects.get().broken_reason == "token_revoked"
    assert not SlackAccount.objects.exists()
    # From now on the page says Slack is not available, and nothing goes to Slack.
    calls = len(slack.calls)
    response = client_for(person).post(URL)
    assert "Slack is not connected to the platform at the moment" in response.content.decode()
    assert len(slack.calls) == calls


def test_without_a_connection_the_page_says_so(client_for, db):
    person = make_user(language="en")
    page = client_for(person).get(URL).content.decode()
    assert "Slack is not connected to the platform at the moment" in page
    assert "Send me a code" not in page


def test_the_linked_account_is_in_the_export_and_erasing_unlinks_it(client_for, slack):
    from ambassadors.erasure import account_erase
    from ambassadors.personal_data import personal_data

    person = make_user(language="en")
    link(person, "U0ANN")
    exported = personal_data(person)["slack_account"]
    assert [row["slack_user_id"] for row in exported] == ["U0ANN"]
    assert "code_hash" not in exported[0]
    account_erase(user=person)
    assert not SlackAccount.objects.exists()


def test_the_profile_offers_slack_with_a_link_to_this_page_only_when_connected(client_for, slack):
    person = make_user(language="en")
    page = client_for(person).get("/profile/").content.decode()
    assert 'href="/profile/slack/"' in page
    assert "Link your Slack account" in page
    SlackConnection.objects.update(broken_reason="token_revoked")
    page = client_for(person).get("/profile/").content.decode()
    assert 'href="/profile/slack/"' not in page
