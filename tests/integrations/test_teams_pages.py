"""The Teams pages: the CMS page (comms staff and administrators; the webhook checked and
shown only partly; the bot's secret never shown again; test message; the card preview), a
person's linking page, and the "Not relevant" page of a suggestion in Teams."""

import pytest
from django.utils import timezone

from ambassadors.models import Notification
from ambassadors.roles import Role
from integrations.channels.teams import not_relevant_token
from integrations.models import TeamsAccount, TeamsConnection
from sharing.models import Dismissal
from tests.factories import make_user
from tests.factories.sharing import make_item
from tests.queries import page_queries

from .teams_stub import APP_ID, APP_SECRET, TENANT, WEBHOOK, connect_teams, microsoft_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

CMS = "/cms/teams/"
LINK = "/profile/teams/"


@pytest.fixture
def comms(client_for):
    """A comms editor who reads the CMS in English (it speaks Dutch by default)."""
    from wagtail.users.models import UserProfile

    user = make_user(Role.COMMS, language="en")
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    return client_for(user)


def test_comms_save_a_public_webhook_that_is_then_shown_only_partly(comms, microsoft):
    refused = comms.post(CMS, {"action": "channel", "webhook_url": "http://10.0.0.5/hook"})
    assert refused.status_code == 400
    assert refused.context["channel_form"].has_error("webhook_url", code="invalid")
    assert not TeamsConnection.objects.exists()
    saved = comms.post(
        CMS, {"action": "channel", "webhook_url": WEBHOOK, "announce_pushes": "on"}, follow=True
    )
    page = saved.content.decode()
    assert "The channel settings are saved." in page
    connection = TeamsConnection.load()
    assert connection.webhook_url == WEBHOOK
    assert connection.announce_pushes
    assert WEBHOOK not in page
    assert "SIGNATURE123" not in page
    assert connection.webhook_shown in page
    # Saving again without typing the address keeps it.
    comms.post(CMS, {"action": "channel", "announce_campaigns": "on"})
    connection = TeamsConnection.load()
    assert connection.webhook_url == WEBHOOK
    assert (connection.announce_pushes, connection.announce_campaigns) == (False, True)


def test_test_message_button_says_what_teams_answered(comms, microsoft):
    connect_teams(bot=False)
    page = comms.post(CMS, {"action": "test"}, follow=True).content.decode()
    assert "Teams took the test message (202)" in page
    microsoft.answer_next("webhook", 400, {"error": {"code": "InvalidRequestContent"}})
    page = comms.post(CMS, {"action": "test"}, follow=True).content.decode()
    assert "Teams refused the message (400 InvalidRequestContent)" in page
    assert "Not working: 400 InvalidRequestContent" in page


def test_bot_secret_is_never_shown_again(comms, microsoft):
    response = comms.post(
        CMS, {"action": "bot", "app_id": APP_ID, "tenant_id": TENANT, "app_secret": ""}
    )
    assert response.status_code == 400
    assert "Enter the client secret." in response.content.decode()
    comms.post(
        CMS, {"action": "bot", "app_id": APP_ID, "tenant_id": TENANT, "app_secret": APP_SECRET}
    )
    page = comms.get(CMS).content.decode()
    assert APP_SECRET not in page
    assert APP_SECRET[:10] not in page
    assert APP_SECRET[-4:] in page
    # Saved again without a secret: the old one stays, the broken mark goes.
    TeamsConnection.objects.update(bot_broken="401 invalid_client")
    comms.post(CMS, {"action": "bot", "app_id": APP_ID, "tenant_id": TENANT, "app_secret": ""})
    connection = TeamsConnection.load()
    assert connection.app_secret == APP_SECRET
    assert connection.bot_broken == ""


def test_disconnecting_removes_secrets_links_and_waiting_messages(comms, microsoft):
    """After a leak: one button removes the address, the bot's secret and every link;
    what waited for Teams stays in-app only; the change is audited."""
    from wagtail.models import ModelLogEntry

    from integrations.models import ChannelDelivery

    connect_teams()
    person = make_user(language="en")
    TeamsAccount.objects.create(
        user=person,
        email=person.email,
        aad_object_id="aad-1",
        conversation_id="a:1",
        confirmed_at=timezone.now(),
    )
    notification = Notification.objects.create(
        recipient=person, kind="news", idempotency_key="n-1", subject="News"
    )
    ChannelDelivery.objects.create(
        notification=notification, channel="teams", send_after=timezone.now()
    )
    assert "Disconnect Teams" in comms.get(CMS).content.decode()
    page = comms.post(CMS, {"action": "disconnect"}, follow=True).content.decode()
    assert "Teams is disconnected" in page
    assert "Client secret saved" not in page
    assert "Disconnect Teams" not in page
    connection = TeamsConnection.load()
    assert (connection.webhook_url, connection.app_secret) == ("", "")
    assert not TeamsAccount.objects.exists()
    assert ChannelDelivery.objects.get().status == "cancelled"
    assert Notification.objects.visible().filter(pk=notification.pk).exists()
    assert ModelLogEntry.objects.filter(action="academy.teams_change").exists()


def test_cms_page_previews_the_card_of_the_newest_item(comms, microsoft):
    connect_teams()
    item = make_item(title="Heat pumps explained", summary="A short story.")
    page = comms.get(CMS).content.decode()
    assert "Preview (not sent)" in page
    assert "Heat pumps explained" in page
    assert "Open in the composer" in page
    assert "Not relevant" in page
    assert f"/share/{item.pk}/" in page


def test_cms_page_queries_do_not_grow(comms, microsoft):
    connect_teams()
    make_item()
    small = page_queries(comms, CMS)
    for _n in range(5):
        person = make_user()
        TeamsAccount.objects.create(
            user=person,
            email=person.email,
            aad_object_id=f"a{person.pk}",
            conversation_id=f"c{person.pk}",
            confirmed_at=timezone.now(),
        )
        make_item()
    assert page_queries(comms, CMS) == small


def test_employees_cannot_open_the_cms_page(client_for):
    response = client_for(make_user()).get(CMS)
    assert response.status_code == 302


# --- a person's linking page ---------------------------------------------------------------


def test_linking_page_sends_a_code_and_confirms(client_for, microsoft):
    connect_teams(webhook=False)
    person = make_user(language="en")
    person.email = "ava@contoso.example"
    person.save(update_fields=["email"])
    microsoft.users["ava@contoso.example"] = "aad-ava"
    client = client_for(person)
    page = client.get(LINK).content.decode()
    assert "Send me a code" in page
    assert 'value="ava@contoso.example"' in page
    sent = client.post(LINK, {"email": "ava@contoso.example"}, follow=True).content.decode()
    assert "We sent you a code in Teams" in sent
    assert "Type the code from Teams" in sent
    wrong = client.post("/profile/teams/confirm/", {"code": "12345"})
    assert wrong.status_code == 400
    assert "Enter the 6 digits" in wrong.content.decode()
    code = microsoft.code_sent_to("a:conv-aad-ava")
    done = client.post("/profile/teams/confirm/", {"code": code})
    assert done.status_code == 302
    assert done["Location"] == "/profile/"
    assert TeamsAccount.objects.get(user=person).confirmed_at is not None
    client.post("/profile/teams/unlink/")
    assert not TeamsAccount.objects.exists()


def test_linking_an_unknown_address_shows_why_and_keeps_nothing(client_for, microsoft):
    connect_teams(webhook=False)
    person = make_user(language="en")
    client = client_for(person)
    response = client.post(LINK, {"email": person.email})
    assert response.status_code == 400
    assert "Teams does not know this work e-mail address" in response.content.decode()
    assert not TeamsAccount.objects.exists()
    # Someone else's address is refused on the page, with the person's own one named.
    response = client.post(LINK, {"email": "boss@contoso.example"})
    assert response.status_code == 400
    assert "Use your own work e-mail address" in response.content.decode()
    assert "boss@contoso.example" in response.content.decode()  # what they typed stays


def test_linking_page_without_a_bot(client_for, microsoft):
    page = client_for(make_user(language="en")).get(LINK).content.decode()
    assert "not set up for the organisation yet" in page
    assert "Send me a code" not in page


# --- "Not relevant" from Teams -------------------------------------------------------------


def test_not_relevant_page_writes_only_on_post(client_for):
    person = make_user(language="en")
    item = make_item(title="Not for me")
    url = f"/teams/not-relevant/{not_relevant_token(user_id=person.pk, item_id=item.pk)}/"
    client = client_for(person)
    page = client.get(url)
    assert page.status_code == 200
    assert "Not for me" in page.content.decode()
    assert not Dismissal.objects.exists()
    done = client.post(url)
    assert done.status_code == 302
    assert Dismissal.objects.filter(user=person, item=item).count() == 1
    assert "already said" in client.get(url).content.decode()


def test_not_relevant_refuses_forged_and_other_peoples_links(client_for):
    person, other = make_user(language="en"), make_user(language="en")
    item = make_item()
    token = not_relevant_token(user_id=person.pk, item_id=item.pk)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert client_for(person).post(f"/teams/not-relevant/{forged}/").status_code == 404
    assert client_for(other).post(f"/teams/not-relevant/{token}/").status_code == 404
    assert client_for(other).get(f"/teams/not-relevant/{token}/").status_code == 404
    assert not Dismissal.objects.exists()
    anonymous = client_for(None).get(f"/teams/not-relevant/{token}/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")


def test_profile_offers_teams_once_the_bot_is_set_up(client_for, microsoft):
    """The channel table gets a Teams column with the link to linking, only when the bot is
    configured and working."""
    client = client_for(make_user(language="en"))
    assert LINK not in client.get("/profile/").content.decode()
    connect_teams(webhook=False)
    page = client.get("/profile/").content.decode()
    assert f'href="{LINK}"' in page
    assert "Link your Teams account" in page
    TeamsConnection.objects.update(bot_broken="401 invalid_client")
    assert LINK not in client.get("/profile/").content.decode()
