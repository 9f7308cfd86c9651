"""A notification is read in the language the person has when it reaches them, not the one
they had when it was made: in-app, by e-mail, in a planned nudge and in the weekly digest."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy

from ambassadors import services
from ambassadors.models import Ambassador, Notification
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

WELCOME = "Welcome to Ambassador Academy"
DIGEST = "Your week at Ambassador Academy"


def _in(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


def _dutch_reader(**profile):
    """A participant reading Dutch whose own quiet hours are far from now."""
    user = make_user(language="nl", **profile)
    quiet = timezone.localtime() + dt.timedelta(hours=6)
    Ambassador.objects.filter(user=user).update(
        quiet_hours_start=quiet.time().replace(second=0, microsecond=0),
        quiet_hours_end=(quiet + dt.timedelta(minutes=1)).time().replace(second=0, microsecond=0),
    )
    return type(user).objects.get(pk=user.pk)


def _switch_to_english(client, user) -> None:
    client.login(username=user.username, password=PASSWORD)
    response = client.post(reverse("ambassadors:set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert Ambassador.objects.get(user=user).language == "en"


def _send_now(notification: Notification) -> None:
    Notification.objects.filter(pk=notification.pk).update(
        email_after=timezone.now(), email_sent_at=None, email_claimed_at=None
    )
    with translation.override("nl"):  # the worker's language does not matter
        assert services.notification_email_deliver(notification_id=notification.pk)


def test_inapp_list_follows_a_language_switch(client):
    """A welcome made while the person read Dutch shows in English after they switch."""
    user = _dutch_reader()
    welcome = Notification.objects.get(recipient=user, kind="welcome")
    assert welcome.subject == _in("nl", WELCOME)
    _switch_to_english(client, user)
    page = client.get(reverse("ambassadors:notifications")).content.decode()
    assert WELCOME in page
    assert _in("nl", WELCOME) not in page
    dashboard = client.get(reverse("ambassadors:dashboard")).content.decode()
    assert WELCOME in dashboard


def test_pending_email_follows_a_language_switch(client):
    """An e-mail held back (quiet hours) leaves in the language the person has when it is sent."""
    user = _dutch_reader()
    notification = services.notify(
        recipient=user,
        kind="test",
        key="held",
        subject=gettext_lazy(WELCOME),
        body=gettext_lazy("Your participation is not paused."),
        link=reverse("ambassadors:dashboard"),
    )
    assert notification.subject == _in("nl", WELCOME)
    _switch_to_english(client, user)
    mail.outbox.clear()
    _send_now(notification)
    (message,) = mail.outbox
    assert message.subject == WELCOME
    assert message.body.startswith(f"Hello {user.first_name},")
    assert "Your participation is not paused." in message.body
    assert "http://127.0.0.1:8000/path/" in message.body
    assert "http://127.0.0.1:8000/profile/#notifications" in message.body


def test_planned_nudge_follows_a_language_switch(client):
    """A nudge planned days ahead in Dutch shows and is e-mailed in English after a switch."""
    user = _dutch_reader()
    nudge = services.nudge_plan(
        ambassador=user.ambassador,
        kind="test_nudge",
        key="nudge-later",
        subject=services.lazy_text(gettext_lazy("Your stage is now %(stage)s"), stage="2"),
        earliest=timezone.now() + dt.timedelta(days=2),
    )
    assert nudge is not None
    assert nudge.visible_from > timezone.now()
    assert nudge.subject == _in("nl", "Your stage is now %(stage)s") % {"stage": "2"}
    _switch_to_english(client, user)
    Notification.objects.filter(pk=nudge.pk).update(visible_from=timezone.now())
    page = client.get(reverse("ambassadors:notifications")).content.decode()
    assert "Your stage is now 2" in page
    mail.outbox.clear()
    _send_now(nudge)
    assert mail.outbox[0].subject == "Your stage is now 2"


def test_weekly_digest_follows_a_language_switch(client):
    """The digest lists its news and its subject in the language the person has when sent."""
    user = _dutch_reader(weekly_digest=True)
    assert services.weekly_digest_send() == 1
    digest = Notification.objects.get(recipient=user, kind="digest")
    assert digest.subject == _in("nl", DIGEST)
    assert _in("nl", WELCOME) in digest.body
    _switch_to_english(client, user)
    mail.outbox.clear()
    _send_now(digest)
    (message,) = mail.outbox
    assert message.subject == DIGEST
    assert f"- {WELCOME}" in message.body
    assert _in("nl", WELCOME) not in message.body


def test_a_persons_own_words_stay_as_written():
    """A plain string (someone's own words) is the same in every language."""
    user = _dutch_reader()
    notification = services.notify(
        recipient=user, kind="test", key="own", subject="Dank je!", body="Tot morgen."
    )
    for language in ("nl", "en"):
        assert notification.text_in(language).subject == "Dank je!"
        assert notification.text_in(language).body == "Tot morgen."


def test_rows_made_before_texts_show_their_stored_text():
    """A row without per-language texts (made before them) shows its subject and body."""
    user = _dutch_reader()
    row = Notification.objects.create(
        recipient=user, kind="test", idempotency_key="old", subject="Oud", body="Tekst"
    )
    assert row.text_in("en").subject == "Oud"
    assert row.text_in("nl").body == "Tekst"


def test_insights_summary_follows_a_language_switch(client):
    """The weekly figures for comms staff are e-mailed in the reader's language when sent."""
    from ambassadors.roles import Role
    from insights.models import SummarySubscription
    from insights.summary import summaries_send

    user = make_user(Role.EMPLOYEE, Role.COMMS, language="nl")
    SummarySubscription.objects.create(user=user)
    with translation.override("nl"):
        assert summaries_send() == 1
    row = Notification.objects.get(recipient=user, kind="insights_summary")
    assert row.link == reverse("insights:dashboard")
    assert _in("nl", "People taking part: %(n)s").split("%")[0] in row.text_in("nl").body
    assert "People taking part:" in row.text_in("en").body
    _switch_to_english(client, user)
    page = client.get(reverse("ambassadors:notifications")).content.decode()
    assert "Ambassador Academy this week" in page
