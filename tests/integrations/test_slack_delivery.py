"""Notifications arrive in Slack as direct messages: one nudge, whatever channels bring it."""

import datetime as dt
import json

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ambassadors.models import Network, Notification, SocialProfile
from ambassadors.roles import Role
from ambassadors.services.notifications import lazy_text, notify
from integrations.channels import outbox
from integrations.channels.slack import SENDER
from integrations.channels.suggestions import Suggestion
from integrations.models import ChannelDelivery, SlackConnection
from integrations.slack import blocks, services
from sharing.models import Push, TextVariant
from sharing.services import push_plan
from tests.factories import make_user
from tests.factories.sharing import make_item

from .slack_stub import choose_slack, link, slack_api_fixture, slack_fixture  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def ambassador(language="nl", networks=(), **profile):
    user = make_user(language=language, **profile)
    for network in networks:
        SocialProfile.objects.create(ambassador=user.ambassador, network=network)
    link(user)
    choose_slack(user, "suggestions", "missions", "mentor", "other")
    return user


def pushed(item, *, capture):
    """Plan a push of `item` the way comms staff do; the outbox's task runs on commit."""
    push = Push.objects.create(item=item, window_hours=1)
    with capture(execute=True):
        push_plan(push=push)
    return push


def sent_to(stub, user):
    return stub.messages(f"D{user.pk:08d}")


def buttons(message):
    [actions] = [block for block in message["blocks"] if block["type"] == "actions"]
    return {element["action_id"]: element for element in actions["elements"]}


def test_a_suggestion_arrives_in_dutch_with_the_text_for_a_network_the_person_uses(
    slack, awake_now, django_capture_on_commit_callbacks
):
    item = make_item(title="Ons nieuwe rapport", summary="Lees wat we vonden.")
    person = ambassador("nl", networks=[Network.X])
    pushed(item, capture=django_capture_on_commit_callbacks)

    [message] = sent_to(slack, person)
    notification = Notification.objects.get(recipient=person, kind="share_suggestion")
    assert message["text"] == "Iets om te delen: Ons nieuwe rapport"
    first, second, context, _actions = message["blocks"]
    assert first["text"]["text"] == "*Iets om te delen: Ons nieuwe rapport*\nLees wat we vonden."
    x_text = TextVariant.objects.get(item=item, network=Network.X).text
    assert second["text"]["text"] == f"*Ons nieuwe rapport*\n&gt; {x_text}"
    assert "X" in context["elements"][0]["text"]
    found = buttons(message)
    assert found["open"]["url"] == settings.SITE_URL + reverse("sharing:share", args=[item.pk])
    assert blocks.item_of_value(found["not_relevant"]["value"]) == item.pk
    delivery = ChannelDelivery.objects.get(notification=notification)
    assert delivery.status == ChannelDelivery.Status.SENT
    assert delivery.reference["channel"] == f"D{person.pk:08d}"
    assert delivery.reference["ts"].startswith("1700000000.")
    # The push was announced in the channel too: what it is and a link, nobody's name.
    [announced] = slack.messages("C0ANNOUNCE")
    assert "Ons nieuwe rapport" in announced["text"]
    assert person.get_full_name() not in json.dumps(announced)


def test_a_suggestion_arrives_in_english_with_the_first_text_without_networks(
    slack, awake_now, django_capture_on_commit_callbacks
):
    item = make_item(title="Our new report", summary="Read what we found.", language="en")
    person = ambassador("en")
    pushed(item, capture=django_capture_on_commit_callbacks)

    [message] = sent_to(slack, person)
    assert message["text"] == "Something to share: Our new report"
    first_variant = item.variants.first().text  # the first (LinkedIn) text
    assert message["blocks"][1]["text"]["text"].endswith(f"&gt; {first_variant}")
    assert "Suggested text for LinkedIn" in message["blocks"][2]["elements"][0]["text"]
    found = buttons(message)
    assert found["open"]["text"]["text"] == "Open in the composer"
    assert found["open"]["style"] == "primary"
    assert found["not_relevant"]["text"]["text"] == "Not relevant"


def test_one_suggestion_is_one_notification_on_every_channel_and_never_sent_twice(
    slack, awake_now, django_capture_on_commit_callbacks, mailoutbox
):
    person = ambassador("en")
    push = pushed(make_item(language="en"), capture=django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        push_plan(push=push)  # planned again: nothing new
        outbox.deliveries_sweep()

    [notification] = Notification.objects.filter(recipient=person, kind="share_suggestion")
    assert notification.is_nudge
    assert notification.show_in_app
    assert notification.email_after is not None  # e-mail brings the same notification
    [delivery] = ChannelDelivery.objects.filter(notification__recipient=person)
    assert (delivery.notification, delivery.channel) == (notification, "slack")
    assert len(sent_to(slack, person)) == 1


def test_quiet_hours_delay_the_slack_message(slack, awake_now, django_capture_on_commit_callbacks):
    now = timezone.localtime()
    person = ambassador(
        "en",
        quiet_hours_start=(now - dt.timedelta(hours=1)).time().replace(microsecond=0),
        quiet_hours_end=(now + dt.timedelta(hours=2)).time().replace(microsecond=0),
    )
    pushed(make_item(language="en"), capture=django_capture_on_commit_callbacks)
    outbox.deliveries_sweep()

    delivery = ChannelDelivery.objects.get(notification__recipient=person)
    assert delivery.send_after >= now + dt.timedelta(hours=2) - dt.timedelta(minutes=1)
    assert sent_to(slack, person) == []
    # The quiet hours are over: it goes out.
    Notification.objects.filter(recipient=person, kind="share_suggestion").update(
        visible_from=timezone.now()
    )
    person.ambassador.quiet_hours_start = person.ambassador.quiet_hours_end = None
    person.ambassador.save()
    ChannelDelivery.objects.update(send_after=timezone.now())
    outbox.deliveries_sweep()
    assert len(sent_to(slack, person)) == 1


def test_other_kinds_get_an_open_button(slack):
    person = ambassador("en")
    notify(
        recipient=person,
        kind="mentor_reply",
        key="reply-1",
        subject=lazy_text("Your mentor answered"),
        body="Read it in the platform.",
        link="/path/",
    )
    outbox.deliveries_sweep()
    [message] = sent_to(slack, person)
    assert (
        message["blocks"][0]["text"]["text"] == "*Your mentor answered*\nRead it in the platform."
    )
    assert buttons(message)["open"]["url"].endswith("/path/")
    assert "not_relevant" not in buttons(message)


def test_hostile_text_is_escaped_for_slack(slack):
    person = ambassador("en")
    notify(
        recipient=person,
        kind="mentor_reply",
        key="reply-x",
        subject="<!channel> & <https://evil.example|click>",
        link="/path/",
    )
    outbox.deliveries_sweep()
    [message] = sent_to(slack, person)
    text = message["blocks"][0]["text"]["text"]
    assert "<" not in text
    assert ">" not in text
    assert "&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;" in text


def test_a_revoked_token_breaks_the_connection_tells_comms_once_and_keeps_in_app(
    slack, django_capture_on_commit_callbacks
):
    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="en")
    people = [ambassador("en") for _ in range(3)]
    for n, person in enumerate(people):
        notify(recipient=person, kind="mentor_reply", key=f"r{n}", subject="Hi", link="/path/")
    slack.refuse_with = "token_revoked"
    with django_capture_on_commit_callbacks(execute=True):
        outbox.deliveries_sweep()

    # One call told us: the rest of the batch was not tried.
    assert len(slack.messages()) == 1
    connection = SlackConnection.objects.get()
    assert connection.broken_reason == "token_revoked"
    statuses = set(ChannelDelivery.objects.values_list("status", "error"))
    assert statuses == {(ChannelDelivery.Status.FAILED, "token_revoked")}
    for person in people:  # still in the platform
        assert Notification.objects.get(recipient=person, kind="mentor_reply").show_in_app
    [told] = Notification.objects.filter(recipient=comms, kind="slack_broken")
    assert "revoked" in told.text_in("en").body
    # Broken: nothing more is planned or sent, nobody is told twice.
    assert not SENDER.available()
    notify(recipient=people[0], kind="mentor_reply", key="later", subject="Hi", link="/path/")
    with django_capture_on_commit_callbacks(execute=True):
        outbox.deliveries_sweep()
        assert services.connection_break(reason="token_revoked") is False
    assert len(slack.messages()) == 1
    assert ChannelDelivery.objects.count() == 3
    assert Notification.objects.filter(kind="slack_broken").count() == 1


def test_slack_asking_to_slow_down_is_retried_after_its_wait(slack):
    person = ambassador("en")
    notify(recipient=person, kind="mentor_reply", key="r", subject="Hi", link="/path/")
    slack.rate_limited, slack.retry_after = 1, "600"
    before = timezone.now()
    outbox.deliveries_sweep()
    delivery = ChannelDelivery.objects.get()
    assert delivery.status == ChannelDelivery.Status.PENDING
    assert delivery.error == "ratelimited"
    assert delivery.send_after >= before + dt.timedelta(seconds=600)
    ChannelDelivery.objects.update(send_after=timezone.now())
    outbox.deliveries_sweep()
    delivery.refresh_from_db()
    assert delivery.status == ChannelDelivery.Status.SENT
    assert len(sent_to(slack, person)) == 1  # the 429 was not a message


def test_another_refusal_fails_that_delivery_only(slack):
    person = ambassador("en")
    notify(recipient=person, kind="mentor_reply", key="r", subject="Hi", link="/path/")
    person.slack_account.dm_channel = "C0MISSING"
    person.slack_account.save()
    outbox.deliveries_sweep()
    delivery = ChannelDelivery.objects.get()
    assert (delivery.status, delivery.error) == (ChannelDelivery.Status.FAILED, "channel_not_found")
    assert SlackConnection.objects.get().broken_reason == ""


def test_people_without_a_confirmed_account_get_no_slack_delivery(slack):
    person = ambassador("en")
    person.slack_account.confirmed_at = None
    person.slack_account.save()
    notify(recipient=person, kind="mentor_reply", key="r", subject="Hi", link="/path/")
    assert not ChannelDelivery.objects.exists()


def _batch_queries(count):
    item = make_item()
    link_path = reverse("sharing:share", args=[item.pk])
    rows = []
    for n in range(count):
        person = ambassador("en" if n % 2 else "nl", networks=[Network.X] if n % 3 else [])
        notify(
            recipient=person,
            kind="share_suggestion",
            key=f"s{count}-{n}",
            subject="Share",
            link=link_path,
        )
        notify(recipient=person, kind="mentor_reply", key=f"m{count}-{n}", subject="Hi")
    rows = list(
        ChannelDelivery.objects.select_related("notification__recipient__ambassador").filter(
            status=ChannelDelivery.Status.PENDING
        )
    )
    with CaptureQueriesContext(connection) as captured:
        outcomes = SENDER.send(rows)
    assert all(outcome.sent for outcome in outcomes)
    ChannelDelivery.objects.update(status=ChannelDelivery.Status.SENT)
    return len(captured)


def test_the_sender_reads_a_fixed_number_of_queries_for_any_batch(slack):
    assert _batch_queries(2) == _batch_queries(6)


def test_messages_fit_slacks_limits(slack):
    long = "x" * 5000
    text, shown = blocks.notification_message(
        subject=long,
        body=long,
        link="/share/1/",
        suggestion=Suggestion(
            item_id=1, title=long, summary="", text=long, network="x", network_label="X"
        ),
    )
    from .slack_stub import block_kit_problems

    assert block_kit_problems(shown) == []
    assert len(text) <= blocks.FALLBACK_LIMIT
    assert json.dumps(shown)
