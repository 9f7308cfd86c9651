"""Microsoft Teams against a local server playing Microsoft (tests/integrations/teams_stub.py):
announcements in the channel, linking a person's account, suggestions arriving as direct
messages in the person's language within the attention budget, and what happens when
Microsoft refuses (broken, comms staff told once, in-app kept, nothing sent twice)."""

import datetime as dt

import pytest
from django.db import connection as db
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Ambassador, Network, Notification, SocialProfile
from ambassadors.roles import Role
from ambassadors.services import Nudge, lazy_text, nudge_plan_many
from integrations.channels import outbox
from integrations.channels.teams import sender
from integrations.models import (
    ChannelDelivery,
    TeamsAccount,
    TeamsAnnouncement,
    TeamsConnection,
)
from integrations.teams import services
from missions.models import Campaign
from sharing.models import Push
from sharing.services import push_plan
from tests.factories import make_user
from tests.factories.missions import mission
from tests.factories.sharing import make_item

from .teams_stub import SITE, card_of, check_card, connect_teams, microsoft_fixture, texts_of  # noqa: F401

pytestmark = pytest.mark.django_db


def awake(user) -> None:
    """Quiet hours for the person that are not now (so a nudge can be shown now)."""
    now = timezone.localtime()
    Ambassador.objects.filter(user=user).update(
        quiet_hours_start=(now + dt.timedelta(hours=3)).time().replace(second=0, microsecond=0),
        quiet_hours_end=(now + dt.timedelta(hours=4)).time().replace(second=0, microsecond=0),
    )


def asleep(user) -> None:
    now = timezone.localtime()
    Ambassador.objects.filter(user=user).update(
        quiet_hours_start=(now - dt.timedelta(hours=1)).time().replace(second=0, microsecond=0),
        quiet_hours_end=(now + dt.timedelta(hours=2)).time().replace(second=0, microsecond=0),
    )


def make_user_with_email(email: str, **kwargs):
    user = make_user(**kwargs)
    user.email = email
    user.save(update_fields=["email"])
    return user


def linked(ms, user, aad: str | None = None) -> TeamsAccount:
    """A person with a confirmed Teams account who chose Teams for everything."""
    aad = aad or f"aad-{user.pk}"
    ms.users[user.email.lower()] = aad
    Ambassador.objects.filter(user=user).update(
        channel_choices={c: ["teams"] for c in ("suggestions", "missions", "mentor", "other")}
    )
    awake(user)
    return TeamsAccount.objects.create(
        user=user,
        email=user.email,
        aad_object_id=aad,
        conversation_id=f"a:conv-{aad}",
        confirmed_at=timezone.now(),
    )


def named(user, first: str, last: str):
    user.first_name, user.last_name = first, last
    user.save(update_fields=["first_name", "last_name"])
    return user


def suggest(user, item) -> Notification:
    """A share suggestion of `item` for `user`, planned through the attention budget."""
    key = f"test-push:{item.pk}:{user.pk}"
    nudge_plan_many(
        [
            Nudge(
                ambassador_id=user.ambassador.pk,
                kind="share_suggestion",
                key=key,
                subject=lazy_text(_("Something to share: %(title)s"), title=item.title),
                body=item.summary,
                link=reverse("sharing:share", args=[item.pk]),
            )
        ]
    )
    return Notification.objects.get(idempotency_key=key)


# --- channel posts -------------------------------------------------------------------------


def test_test_message_reaches_the_channel_as_a_valid_card(microsoft):
    """The test button posts one Adaptive Card 1.4 to the webhook and says so in words."""
    connect_teams(bot=False)
    comms = make_user(Role.COMMS, language="en")
    with translation.override("en"):  # the CMS page shows it in the editor's language
        answer = services.teams_test_message(by=comms)
    assert "Teams took the test message (202)" in answer
    assert microsoft.problems == []
    (message,) = microsoft.webhook_posts
    card = card_of(message)
    assert check_card(card) == []
    assert "Test message from Ambassador Academy" in texts_of(card)
    assert card["actions"][0]["url"] == SITE + "/"


def test_announcement_is_posted_once_though_the_push_is_planned_twice(
    microsoft, django_capture_on_commit_callbacks
):
    """A push planned twice (signal twice) is announced once, with the item and no names."""
    connect_teams(bot=False, announce_pushes=True)
    author = named(make_user(Role.COMMS), "Petra", "Vos")
    named(make_user(), "Jan", "Jansen")
    item = make_item(title="Our new heat pump", summary="Quiet and efficient.")
    push = Push.objects.create(item=item, window_hours=48, created_by=author)
    with django_capture_on_commit_callbacks(execute=True):
        push_plan(push=push)
    with django_capture_on_commit_callbacks(execute=True):
        push_plan(push=push)
    assert TeamsAnnouncement.objects.get().status == TeamsAnnouncement.Status.SENT
    (message,) = microsoft.webhook_posts
    card = card_of(message)
    assert check_card(card) == []
    assert any("Our new heat pump" in text for text in texts_of(card))
    assert card["actions"][0]["url"] == f"{SITE}/share/{item.pk}/"
    everything = str(message)
    for name in ("Petra", "Vos", "Jan", "Jansen", author.email):
        assert name not in everything
    assert services.announcements_sweep() == 0  # nothing left to send again
    assert len(microsoft.webhook_posts) == 1


def test_campaign_announced_only_when_switched_on(microsoft, django_capture_on_commit_callbacks):
    """Campaigns are announced only with "announce campaigns" on."""
    from missions.services import campaign_plan

    connect_teams(bot=False, announce_pushes=True, announce_campaigns=False)
    make_user()
    campaign = Campaign.objects.create(name="Spring fair", starts_at=timezone.now())
    campaign.missions.set([mission()])
    with django_capture_on_commit_callbacks(execute=True):
        campaign_plan(campaign=campaign)
    assert microsoft.webhook_posts == []
    TeamsConnection.objects.update(announce_campaigns=True)
    with django_capture_on_commit_callbacks(execute=True):
        campaign_plan(campaign=campaign)
        campaign_plan(campaign=campaign)
    (message,) = microsoft.webhook_posts
    assert "Spring fair" in " ".join(texts_of(card_of(message)))


def test_webhook_4xx_breaks_the_channel_and_tells_comms_once(
    microsoft, django_capture_on_commit_callbacks
):
    """A deleted workflow (404): the announcement fails, the CMS shows why, comms staff are
    told once, the next push is not posted to a broken webhook."""
    connect_teams(bot=False, announce_pushes=True)
    comms = make_user(Role.COMMS)
    microsoft.answer_next("webhook", 404, {"error": {"code": "WorkflowNotFound"}})
    for _round in range(2):
        push = Push.objects.create(item=make_item(), window_hours=48)
        with django_capture_on_commit_callbacks(execute=True):
            push_plan(push=push)
    assert len(microsoft.webhook_posts) == 1
    assert TeamsConnection.load().webhook_broken == "404 WorkflowNotFound"
    assert TeamsAnnouncement.objects.get().status == TeamsAnnouncement.Status.FAILED
    told = Notification.objects.filter(recipient=comms, kind="teams_broken")
    assert told.count() == 1
    # Saving the address again starts afresh.
    services.teams_channel_save(
        webhook_url=TeamsConnection.load().webhook_url,
        announce_pushes=True,
        announce_campaigns=False,
        by=comms,
    )
    assert TeamsConnection.load().webhook_broken == ""


# --- linking -------------------------------------------------------------------------------


def test_linking_finds_the_person_sends_a_code_and_confirms(microsoft):
    """Graph finds the e-mail, the bot opens a chat and sends a code; a wrong code is
    refused and counted, the right one confirms."""
    connect_teams(webhook=False)
    user = make_user_with_email("sam@contoso.example", language="en")
    microsoft.users["sam@contoso.example"] = "aad-sam"
    account = services.teams_link_start(user=user, email=" Sam@Contoso.example ")
    assert microsoft.problems == []
    assert microsoft.graph_requests == ["sam@contoso.example"]
    assert account.confirmed_at is None
    assert account.aad_object_id == "aad-sam"
    assert microsoft.conversations[0]["members"] == [{"id": "aad-sam"}]
    code = microsoft.code_sent_to("a:conv-aad-sam")
    assert code not in account.code_hash
    assert sender.reachable([user.pk]) == set()  # not before it is confirmed
    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(services.TeamsError) as refused:
        services.teams_link_confirm(user=user, code=wrong)
    assert refused.value.message == services.ERROR_WRONG_CODE
    assert TeamsAccount.objects.get().tries == 1
    services.teams_link_confirm(user=user, code=code)
    assert sender.reachable([user.pk]) == {user.pk}
    # Tokens came from the token endpoint once per scope and were reused.
    scopes = sorted(form["scope"] for form in microsoft.token_requests)
    assert scopes == [
        "https://api.botframework.com/.default",
        "https://graph.microsoft.com/.default",
    ]


def test_a_colleagues_address_is_refused_before_asking_microsoft(microsoft):
    """Only one's own work address is looked up: the bot never writes to a colleague."""
    connect_teams(webhook=False)
    user = make_user_with_email("me@contoso.example", language="en")
    microsoft.users["boss@contoso.example"] = "aad-boss"
    with pytest.raises(services.TeamsError) as refused:
        services.teams_link_start(user=user, email="boss@contoso.example")
    assert "me@contoso.example" in str(refused.value.message)
    assert microsoft.graph_requests == []
    assert microsoft.activities == []
    assert not TeamsAccount.objects.exists()


def test_unknown_e_mail_links_nothing(microsoft):
    connect_teams(webhook=False)
    user = make_user_with_email("nobody@contoso.example", language="en")
    with pytest.raises(services.TeamsError) as refused:
        services.teams_link_start(user=user, email="nobody@contoso.example")
    assert refused.value.message == services.ERROR_NO_SUCH_USER
    assert not TeamsAccount.objects.exists()
    assert microsoft.conversations == []
    assert microsoft.activities == []


def test_expired_or_overtried_code_is_refused(microsoft):
    connect_teams(webhook=False)
    user = make_user_with_email("kim@contoso.example")
    microsoft.users["kim@contoso.example"] = "aad-kim"
    services.teams_link_start(user=user, email="kim@contoso.example")
    code = microsoft.code_sent_to("a:conv-aad-kim")
    TeamsAccount.objects.update(code_expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(services.TeamsError) as refused:
        services.teams_link_confirm(user=user, code=code)
    assert refused.value.message == services.ERROR_CODE_EXPIRED
    # A fresh code, then five wrong tries: the right code no longer works either.
    services.teams_link_start(user=user, email="kim@contoso.example")
    code = microsoft.code_sent_to("a:conv-aad-kim")
    wrong = "000000" if code != "000000" else "111111"
    for _try in range(services.CODE_TRIES):
        with pytest.raises(services.TeamsError):
            services.teams_link_confirm(user=user, code=wrong)
    with pytest.raises(services.TeamsError) as refused:
        services.teams_link_confirm(user=user, code=code)
    assert refused.value.message == services.ERROR_CODE_EXPIRED
    assert TeamsAccount.objects.get().confirmed_at is None


def test_bot_not_installed_for_the_person_is_theirs_not_a_broken_bot(microsoft):
    """403 "not installed for this user" when opening the chat: a clear message, nothing
    linked, the bot not marked broken."""
    connect_teams(webhook=False)
    user = make_user_with_email("noor@contoso.example")
    microsoft.users["noor@contoso.example"] = "aad-noor"
    microsoft.answer_next(
        "conversation", 403, {"error": {"code": "BotNotInstalledInUserPersonalScope"}}
    )
    with pytest.raises(services.TeamsError) as refused:
        services.teams_link_start(user=user, email="noor@contoso.example")
    assert refused.value.message == services.ERROR_BOT_NOT_INSTALLED
    assert not TeamsAccount.objects.exists()
    assert TeamsConnection.load().bot_broken == ""


def test_a_person_who_blocked_the_bot_fails_alone(microsoft):
    """403 ConversationBlockedByUser: that delivery fails (in-app kept); the bot stays up and
    the next person still gets theirs."""
    connect_teams(webhook=False)
    first, second = make_user(language="en"), make_user(language="en")
    linked(microsoft, first)
    linked(microsoft, second)
    item = make_item()
    suggest(first, item)
    suggest(second, item)
    microsoft.answer_next("activity", 403, {"error": {"code": "ConversationBlockedByUser"}})
    assert outbox.deliveries_sweep() == 1
    assert TeamsConnection.load().bot_broken == ""
    statuses = sorted(ChannelDelivery.objects.values_list("status", flat=True))
    assert statuses == ["failed", "sent"]


def test_linking_without_a_bot_says_so(microsoft):
    connect_teams(bot=False)
    with pytest.raises(services.TeamsError) as refused:
        services.teams_link_start(user=make_user(), email="a@contoso.example")
    assert refused.value.message == services.ERROR_NO_BOT
    assert microsoft.token_requests == []


def test_codes_are_throttled(microsoft):
    connect_teams(webhook=False)
    user = make_user_with_email("lou@contoso.example")
    microsoft.users["lou@contoso.example"] = "aad-lou"
    for _n in range(services.CODES_PER_HOUR):
        services.teams_link_start(user=user, email="lou@contoso.example")
    with pytest.raises(services.TeamsError) as refused:
        services.teams_link_start(user=user, email="lou@contoso.example")
    assert refused.value.message == services.ERROR_TOO_MANY_CODES
    assert len(microsoft.activities) == services.CODES_PER_HOUR


# --- suggestions as direct messages --------------------------------------------------------


def test_suggestion_arrives_in_each_persons_language_with_their_networks_text(microsoft):
    """One suggestion, two people: Dutch and English texts, the text for the network the
    person uses, buttons to the composer and to "not relevant"."""
    connect_teams(webhook=False)
    dutch = make_user(language="nl")
    english = make_user(language="en")
    linked(microsoft, dutch)
    linked(microsoft, english)
    SocialProfile.objects.create(ambassador=english.ambassador, network=Network.X)
    item = make_item(title="Warmtepomp in de praktijk", summary="Een verhaal uit de praktijk.")
    for person in (dutch, english):
        suggest(person, item)
    assert ChannelDelivery.objects.filter(channel="teams").count() == 2
    assert outbox.deliveries_sweep() == 2
    assert microsoft.problems == []
    nl_card = microsoft.cards_to(f"a:conv-aad-{dutch.pk}")[0]
    en_card = microsoft.cards_to(f"a:conv-aad-{english.pk}")[0]
    for card in (nl_card, en_card):
        assert check_card(card) == []
        assert card["body"][0]["text"] == "Warmtepomp in de praktijk"
        assert card["actions"][0]["url"] == f"{SITE}/share/{item.pk}/"
        assert card["actions"][1]["url"].startswith(f"{SITE}/teams/not-relevant/")
    assert [a["title"] for a in en_card["actions"]] == ["Open in the composer", "Not relevant"]
    en_texts = texts_of(en_card)
    assert "Suggested text for X" in en_texts
    assert any(text.startswith("Short text") for text in en_texts)  # the X text, not LinkedIn
    nl_texts = texts_of(nl_card)
    assert any(text.startswith("Variant") for text in nl_texts)  # no network: the first text
    # The activity's notification summary is the subject in the person's language.
    summaries = {c: a["summary"] for c, a in microsoft.activities}
    assert summaries[f"a:conv-aad-{english.pk}"] == "Something to share: Warmtepomp in de praktijk"


def test_other_notifications_arrive_as_a_plain_card(microsoft):
    from ambassadors.services.notifications import notify

    connect_teams(webhook=False)
    person = make_user(language="en")
    linked(microsoft, person)
    notify(
        recipient=person,
        kind="mentor_reply",
        key="reply-1",
        subject=_("Your mentor replied"),
        link=reverse("ambassadors:notifications"),
    )
    assert outbox.deliveries_sweep() == 1
    (card,) = microsoft.cards_to(f"a:conv-aad-{person.pk}")
    assert texts_of(card)[0] == "Your mentor replied"
    assert card["actions"] == [
        {"type": "Action.OpenUrl", "title": "Open", "url": f"{SITE}/notifications/"}
    ]


def test_teams_is_one_more_delivery_of_one_nudge_and_keeps_quiet_hours(microsoft):
    """The attention budget counts one nudge; Teams only delivers it, after quiet hours."""
    connect_teams(webhook=False)
    person = make_user(language="en")
    linked(microsoft, person)
    asleep(person)
    item = make_item()
    notification = suggest(person, item)
    assert Notification.objects.filter(recipient=person, kind="share_suggestion").count() == 1
    delivery = ChannelDelivery.objects.get()
    assert delivery.notification == notification
    assert delivery.channel == "teams"
    assert delivery.send_after > timezone.now()
    assert delivery.send_after >= notification.visible_from
    assert outbox.deliveries_sweep() == 0
    assert microsoft.activities == []


def test_bot_refused_marks_broken_tells_comms_once_and_keeps_in_app(microsoft):
    """403 from the Bot Connector: failed (in-app kept), the rest of the batch not sent,
    the bot broken with its reason, comms staff told once, nothing planned for Teams after."""
    connect_teams(webhook=False)
    comms = make_user(Role.COMMS, language="en")
    people = [make_user(language="en") for _n in range(3)]
    for person in people:
        linked(microsoft, person)
    item = make_item()
    for person in people:
        suggest(person, item)
    microsoft.answer_next("activity", 403, {"error": {"code": "BotDisabledByAdmin"}})
    assert outbox.deliveries_sweep() == 0
    statuses = set(ChannelDelivery.objects.values_list("status", flat=True))
    assert statuses == {ChannelDelivery.Status.FAILED}
    assert microsoft.activities == []  # after the 403, nobody else was tried
    assert TeamsConnection.load().bot_broken == "403 BotDisabledByAdmin"
    assert Notification.objects.filter(recipient=comms, kind="teams_broken").count() == 1
    assert Notification.objects.filter(kind="share_suggestion").count() == 3  # in-app kept
    assert outbox.deliveries_sweep() == 0
    later = make_user(language="en")
    linked(microsoft, later)
    suggest(later, make_item())
    assert not ChannelDelivery.objects.filter(notification__recipient=later).exists()
    assert sender.available() is False


def test_invalid_client_secret_breaks_the_bot(microsoft):
    connect_teams(webhook=False)
    TeamsConnection.objects.update(app_secret="an-old-secret")
    comms = make_user(Role.COMMS)
    person = make_user()
    linked(microsoft, person)
    suggest(person, make_item())
    outbox.deliveries_sweep()
    assert ChannelDelivery.objects.get().status == ChannelDelivery.Status.FAILED
    assert TeamsConnection.load().bot_broken == "401 invalid_client"
    assert Notification.objects.filter(recipient=comms, kind="teams_broken").count() == 1
    assert microsoft.activities == []


def test_throttled_delivery_is_retried_after_retry_after(microsoft):
    """429 with Retry-After: tried again no sooner, then delivered once."""
    connect_teams(webhook=False)
    person = make_user(language="en")
    linked(microsoft, person)
    suggest(person, make_item())
    microsoft.answer_next(
        "activity", 429, {"error": {"code": "TooManyRequests"}}, **{"Retry-After": "600"}
    )
    before = timezone.now()
    assert outbox.deliveries_sweep() == 0
    delivery = ChannelDelivery.objects.get()
    assert delivery.status == ChannelDelivery.Status.PENDING
    assert delivery.send_after >= before + dt.timedelta(seconds=600)
    assert outbox.deliveries_sweep() == 0  # not due yet
    ChannelDelivery.objects.update(send_after=timezone.now())
    assert outbox.deliveries_sweep() == 1
    assert len(microsoft.activities) == 1
    assert outbox.deliveries_sweep() == 0
    assert len(microsoft.activities) == 1


def _sweep_queries(microsoft, count: int) -> int:
    item = make_item()
    for _n in range(count):
        person = make_user(language="en")
        linked(microsoft, person)
        SocialProfile.objects.create(ambassador=person.ambassador, network=Network.LINKEDIN)
        suggest(person, item)
    rows = list(ChannelDelivery.objects.filter(status="pending").values_list("pk", flat=True))
    with CaptureQueriesContext(db) as captured:
        assert outbox.deliveries_send(rows) == count
    return len(captured)


def test_sender_batch_runs_a_fixed_number_of_queries(microsoft):
    connect_teams(webhook=False)
    small = _sweep_queries(microsoft, 2)
    large = _sweep_queries(microsoft, 6)
    assert small == large


def test_markdown_in_a_title_reaches_teams_as_text_not_a_link(
    microsoft, django_capture_on_commit_callbacks
):
    """A title that looks like Markdown is escaped: Teams shows it as written, no link."""
    connect_teams(bot=False, announce_pushes=True)
    author = make_user(Role.COMMS)
    item = make_item(title="[Win a prize](https://evil.example/) **now**")
    push = Push.objects.create(item=item, window_hours=48, created_by=author)
    with django_capture_on_commit_callbacks(execute=True):
        push_plan(push=push)
    (message,) = microsoft.webhook_posts
    (title,) = texts_of(card_of(message))
    assert title.endswith(r": \[Win a prize\]\(https://evil.example/\) \*\*now\*\*")


@pytest.mark.parametrize(
    ("written", "sent"),
    [
        ("- not a list", r"\- not a list"),
        ("2025. A good year", r"2025\. A good year"),
        ("snake_case and C:\\temp", r"snake\_case and C:\\temp"),
        ("#hashtag <at>Jan</at>", r"\#hashtag \<at\>Jan\</at\>"),
    ],
)
def test_plain_escapes_what_teams_would_read_as_markup(written, sent):
    from integrations.teams.cards import plain, unescaped

    assert plain(written) == sent
    assert unescaped(sent) == written
