"""The CMS's Slack page: connecting, the secrets shown never again, a test message, the
preview, and announcements of pushes and campaigns."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from ambassadors.models import Notification
from ambassadors.roles import Role
from integrations.models import SlackAccount, SlackAnnouncement, SlackConnection
from integrations.slack import services
from missions.models import Campaign
from missions.signals import campaign_planned
from sharing.models import Push
from sharing.signals import push_planned
from tests.factories import make_user
from tests.factories.sharing import make_item
from tests.queries import page_queries

from .slack_stub import SIGNING_SECRET, TOKEN, link, slack_api_fixture, slack_fixture  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

URL = "/cms/slack/"


@pytest.fixture
def editor(db):
    """A comms editor who reads the CMS in English (it speaks Dutch by default)."""
    from wagtail.users.models import UserProfile

    user = make_user(Role.EMPLOYEE, Role.COMMS, language="en")
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    return user


def test_comms_staff_connect_slack_and_the_secrets_are_never_shown_again(
    client_for, editor, slack_api
):
    client = client_for(editor)
    response = client.post(
        URL,
        {
            "action": "save",
            "bot_token": TOKEN,
            "signing_secret": SIGNING_SECRET,
            "announcement_channel": "C0ANNOUNCE",
            "announce_pushes": "on",
        },
    )
    assert response.status_code == 302
    connection = SlackConnection.objects.get()
    assert (connection.team_name, connection.team_id) == ("Acme", "T0ACME")
    assert connection.announce_pushes
    assert not connection.announce_campaigns
    [(method, headers, _body)] = slack_api.calls
    assert method == "auth.test"
    assert headers["Authorization"] == f"Bearer {TOKEN}"

    page = client.get(URL).content.decode()
    assert TOKEN not in page
    assert SIGNING_SECRET not in page
    assert TOKEN[-4:] in page
    assert SIGNING_SECRET[-4:] in page
    assert "Acme" in page
    entry = ModelLogEntry.objects.get(action="academy.slack_connect")
    assert TOKEN not in str(entry.data)
    assert SIGNING_SECRET not in str(entry.data)

    # Changing the channel keeps the saved token and secret (and asks Slack nothing).
    client.post(URL, {"action": "save", "announcement_channel": "C0OTHER1"})
    connection.refresh_from_db()
    assert (connection.bot_token, connection.signing_secret) == (TOKEN, SIGNING_SECRET)
    assert connection.announcement_channel == "C0OTHER1"
    assert len(slack_api.calls) == 1


def test_a_token_slack_refuses_is_not_saved(client_for, editor, slack_api):
    response = client_for(editor).post(
        URL, {"action": "save", "bot_token": "xoxb-wrong", "signing_secret": "s"}
    )
    assert response.status_code == 400
    assert "Slack did not accept this: the bot token is not valid." in response.content.decode()
    assert not SlackConnection.objects.exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"bot_token": "xoxp-user-token", "signing_secret": "s"}, "starts with “xoxb-”"),
        ({"bot_token": TOKEN}, "Paste the bot token and the signing secret"),
        (
            {"bot_token": TOKEN, "signing_secret": "s", "announcement_channel": "#general"},
            "Enter a Slack channel id",
        ),
    ],
)
def test_wrong_input_is_explained(client_for, editor, slack_api, data, error):
    response = client_for(editor).post(URL, {"action": "save", **data})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not SlackConnection.objects.exists()


def test_a_test_message_goes_to_the_channel_and_slacks_answer_is_shown(client_for, editor, slack):
    client = client_for(editor)
    response = client.post(URL, {"action": "test"}, follow=True)
    assert "Slack took the test message; look in the announcement channel C0ANNOUNCE." in (
        response.content.decode()
    )
    [message] = slack.messages("C0ANNOUNCE")
    assert "test message" in message["text"]

    SlackConnection.objects.update(announcement_channel="C0MISSING")
    response = client.post(URL, {"action": "test"})
    assert response.status_code == 400
    assert "the channel does not exist or the app cannot see it" in response.content.decode()


def test_without_a_channel_the_test_goes_to_the_editors_own_slack(client_for, editor, slack):
    SlackConnection.objects.update(announcement_channel="")
    client = client_for(editor)
    response = client.post(URL, {"action": "test"})
    assert "There is nowhere to send a test message" in response.content.decode()
    link(editor)
    response = client.post(URL, {"action": "test"}, follow=True)
    assert "look in your own Slack" in response.content.decode()
    assert len(slack.messages(f"D{editor.pk:08d}")) == 1


def test_a_revoked_token_shows_on_the_page_and_comms_are_told(client_for, editor, slack):
    slack.refuse_with = "token_revoked"
    client = client_for(editor)
    response = client.post(URL, {"action": "test"})
    assert "the bot token was revoked" in response.content.decode()
    page = client.get(URL).content.decode()
    assert "Slack refused the bot token (token_revoked)" in page
    assert Notification.objects.filter(recipient=editor, kind="slack_broken").count() == 1
    # A working token saved again: the connection works again.
    slack.refuse_with = ""
    client.post(URL, {"action": "save", "bot_token": TOKEN, "announcement_channel": "C0ANNOUNCE"})
    assert SlackConnection.objects.get().broken_reason == ""


def test_disconnecting_unlinks_everyone(client_for, editor, slack):
    link(make_user())
    response = client_for(editor).post(URL, {"action": "remove"}, follow=True)
    assert "Slack is disconnected" in response.content.decode()
    assert not SlackConnection.objects.exists()
    assert not SlackAccount.objects.exists()


def test_the_preview_shows_the_suggestion_as_it_arrives(client_for, editor, slack):
    make_item(title="Report <b>2026</b>", language="en")
    page = client_for(editor).get(URL).content.decode()
    assert "Preview: a suggestion in Slack" in page
    assert ": Report &lt;b&gt;2026&lt;/b&gt;</strong>" in page
    assert "<b>2026</b>" not in page
    assert 'slack-preview__button slack-preview__button--primary" href="http' in page


def test_employees_and_mentors_may_not_see_the_page(client_for):
    for roles in ((Role.EMPLOYEE,), (Role.EMPLOYEE, Role.MENTOR)):
        response = client_for(make_user(*roles)).get(URL)
        assert response.status_code in (302, 403)


def _page_size(count):
    for _ in range(count):
        make_item()
        SlackAnnouncement.objects.create(
            subject="push",
            object_id=SlackAnnouncement.objects.count() + 1,
            send_after=timezone.now(),
        )


def test_the_page_reads_a_fixed_number_of_queries(client_for, editor, slack):
    client = client_for(editor)
    _page_size(1)
    small = page_queries(client, URL)
    _page_size(8)
    assert page_queries(client, URL) == small


def test_a_push_and_a_campaign_are_announced_once_each(slack, django_capture_on_commit_callbacks):
    push = Push.objects.create(item=make_item(title="Spring report"), window_hours=1)
    campaign = Campaign.objects.create(name="Spring campaign", starts_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            push_planned.send(sender=Push, push=push)
            campaign_planned.send(sender=Campaign, campaign=campaign)
    announced = slack.messages("C0ANNOUNCE")
    assert len(announced) == 2
    with translation.override(settings.LANGUAGE_CODE):  # the organisation's language
        assert [a["text"] for a in announced] == [
            f"{services.ANNOUNCE_PUSH}: Spring report",
            f"{services.ANNOUNCE_CAMPAIGN}: Spring campaign",
        ]
    urls = [a["blocks"][1]["elements"][0]["url"] for a in announced]
    assert urls == [
        settings.SITE_URL + reverse("sharing:share", args=[push.item_id]),
        settings.SITE_URL + reverse("missions:list"),
    ]
    assert SlackAnnouncement.objects.filter(status="sent").count() == 2


def test_announcements_wait_for_the_switch(slack, django_capture_on_commit_callbacks):
    SlackConnection.objects.update(announce_pushes=False)
    push = Push.objects.create(item=make_item(), window_hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        push_planned.send(sender=Push, push=push)
    assert not SlackAnnouncement.objects.exists()
    assert slack.messages() == []


def test_a_rate_limited_announcement_waits_and_goes_later(slack):
    slack.rate_limited = 1
    push = Push.objects.create(item=make_item(), window_hours=1)
    announcement = services.announcement_plan(subject="push", object_id=push.pk)
    assert services.announcement_send(announcement_id=announcement.pk) is False
    announcement.refresh_from_db()
    assert announcement.status == "pending"
    assert announcement.send_after > timezone.now()
    SlackAnnouncement.objects.update(send_after=timezone.now())
    assert services.announcements_sweep() == 1
    assert len(slack.messages("C0ANNOUNCE")) == 1
