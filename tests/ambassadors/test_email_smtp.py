"""E-mail as people get it: sent by Django's SMTP backend to a real SMTP server (aiosmtpd on
127.0.0.1), read back with Python's `email` package. Two parts (text and HTML in the
product's style), the recipient's language, the programme's sender name, and one-click
unsubscribe (RFC 8058) per kind that stops exactly that kind."""

from __future__ import annotations

import datetime as dt
import email
import re
import socket
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import parseaddr
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.core import signing
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy

from ambassadors import accounts, services
from ambassadors.channels import EMAIL, Category
from ambassadors.models import Ambassador, Notification, ProgrammeSettings
from ambassadors.roles import Role
from ambassadors.services.unsubscribe import DIGEST, SALT, VALID_FOR
from tests.factories import make_user

pytestmark = pytest.mark.django_db

SUGGESTION = "share_suggestion"  # Category.SUGGESTIONS (sharing)
MENTOR_REPLY = "ticket_reply"  # Category.MENTOR (mentors)
HOSTILE_SUBJECT = "<script>alert(1)</script> News\r\nBcc: victim@example.org"
HOSTILE_BODY = 'First line <b>bold</b> & "quoted"\nSecond line <img src=x onerror=alert(1)>'


@dataclass
class Received:
    """One message as the SMTP server got it."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    def part(self, content_type: str) -> str:
        return next(
            part.get_content()
            for part in self.message.walk()
            if part.get_content_type() == content_type
        )


@dataclass
class Inbox:
    received: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.received.append(
            Received(
                mail_from=envelope.mail_from,
                rcpt_tos=list(envelope.rcpt_tos),
                message=email.message_from_bytes(envelope.content, policy=default_policy),
            )
        )
        return "250 Message accepted for delivery"

    def only(self) -> Received:
        assert len(self.received) == 1, [r.message["Subject"] for r in self.received]
        return self.received.pop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox(settings):
    """A real SMTP server on a free local port, and Django's SMTP backend pointed at it."""
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    settings.DEFAULT_FROM_EMAIL = "Server Name <academy@example.org>"
    settings.ACADEMY_ORGANISATION_NAME = "Acme"
    yield handler
    controller.stop()


def _in(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


def _reader(language: str = "en", **profile):
    """A participant whose own quiet hours are far from now, so e-mail leaves at once."""
    user = make_user(language=language, **profile)
    quiet = timezone.localtime() + dt.timedelta(hours=6)
    Ambassador.objects.filter(user=user).update(
        quiet_hours_start=quiet.time().replace(second=0, microsecond=0),
        quiet_hours_end=(quiet + dt.timedelta(minutes=1)).time().replace(second=0, microsecond=0),
    )
    return type(user).objects.get(pk=user.pk)


def _tell(user, kind: str = SUGGESTION, key: str = "one", **texts) -> Notification:
    texts.setdefault("subject", gettext_lazy("Welcome to Ambassador Academy"))
    texts.setdefault("body", gettext_lazy("Your participation is not paused."))
    return services.notify(
        recipient=user,
        kind=kind,
        key=f"{kind}:{key}:{user.pk}",
        link=reverse("ambassadors:notifications"),
        **texts,
    )


def _deliver() -> int:
    with translation.override("nl"):  # the worker's language does not matter
        return services.outbox_sweep()


def _unsubscribe_path(received: Received) -> str:
    header = received.message["List-Unsubscribe"]
    match = re.fullmatch(r"<(https?://[^>]+)>", str(header).strip())
    assert match, header
    return urlsplit(match.group(1)).path


def _choices(user) -> dict:
    return Ambassador.objects.get(user=user).channel_choices


# --- the message ---------------------------------------------------------------------------


def test_a_notification_arrives_as_text_and_html(inbox, settings):
    """Two alternatives, the HTML in the product's style with a button to the link, the
    sender name of the organisation at the configured address."""
    user = _reader("en")
    _tell(user)
    assert _deliver() == 1
    received = inbox.only()
    message = received.message
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain",
        "text/html",
    ]
    assert received.rcpt_tos == [user.email]
    assert received.mail_from == "academy@example.org"
    assert parseaddr(str(message["From"])) == (
        "Ambassador Academy · Acme",
        "academy@example.org",
    )
    assert message["Subject"] == "Welcome to Ambassador Academy"
    text, html = received.part("text/plain"), received.part("text/html")
    link = f"{settings.SITE_URL}{reverse('ambassadors:notifications')}"
    assert link in text
    assert "Your participation is not paused." in text
    assert '<html lang="en">' in html
    assert f'<a href="{link}"' in html
    assert "Open in Ambassador Academy" in html
    assert "#0b5d63" in html  # the primary colour token, inline
    assert "<img" not in html  # nothing to load to understand it
    assert "Your participation is not paused." in html
    unsubscribe = f"{settings.SITE_URL}{_unsubscribe_path(received)}"
    assert unsubscribe in text
    assert f'href="{unsubscribe}"' in html
    assert "Suggestions to share" in html  # why they get it


def test_user_text_is_escaped_and_cannot_add_headers(inbox):
    """A person's own words (a subject with markup and a line break meant to add a header)
    are shown as text in the HTML part and stay on the subject line."""
    user = _reader("en")
    _tell(user, subject=HOSTILE_SUBJECT, body=HOSTILE_BODY)
    assert _deliver() == 1
    received = inbox.only()
    assert received.rcpt_tos == [user.email]
    assert received.message["Bcc"] is None
    assert received.message["Subject"] == ("<script>alert(1)</script> News Bcc: victim@example.org")
    html = received.part("text/html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; News Bcc: victim@example.org" in html
    assert "<b>bold</b>" not in html
    assert "<img src=x" not in html
    assert (
        "First line &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;<br>"
        "Second line &lt;img src=x onerror=alert(1)&gt;" in html
    )
    text = received.part("text/plain").replace("\r\n", "\n")
    assert 'First line <b>bold</b> & "quoted"\nSecond line' in text


def test_each_recipient_reads_their_own_language(inbox):
    """The same notification reaches a Dutch and an English reader, each in their language."""
    dutch, english = _reader("nl"), _reader("en")
    _tell(dutch)
    _tell(english)
    assert _deliver() == 2
    by_address = {r.rcpt_tos[0]: r for r in inbox.received}
    for user, language in ((dutch, "nl"), (english, "en")):
        received = by_address[user.email]
        assert received.message["Subject"] == _in(language, "Welcome to Ambassador Academy")
        html, text = received.part("text/html"), received.part("text/plain")
        assert f'<html lang="{language}">' in html
        body = _in(language, "Your participation is not paused.")
        assert body in html
        assert body in text
        profile_line = _in(language, "You can change which e-mails you get in your profile:")
        assert profile_line in text
    assert _in("nl", "Welcome to Ambassador Academy") != "Welcome to Ambassador Academy"


def test_the_sender_name_set_in_the_cms_is_used(inbox):
    """Comms staff's sender name shows in From; the address stays DEFAULT_FROM_EMAIL's."""
    ProgrammeSettings.objects.update(email_sender_name="Acme Ambassadors")
    user = _reader("en")
    _tell(user)
    _deliver()
    received = inbox.only()
    assert parseaddr(str(received.message["From"])) == ("Acme Ambassadors", "academy@example.org")
    assert "Acme Ambassadors" in received.part("text/html")


def test_a_sender_name_cannot_break_the_from_header(inbox):
    """The CMS refuses a name with a line break; one stored anyway is sent on one line."""
    programme = ProgrammeSettings.load()
    programme.email_sender_name = "Acme\r\nBcc: victim@example.org"
    with pytest.raises(ValidationError) as refused:
        programme.full_clean()
    assert "email_sender_name" in refused.value.message_dict
    ProgrammeSettings.objects.update(email_sender_name="Acme\r\nBcc: victim@example.org")
    user = _reader("en")
    _tell(user)
    _deliver()
    received = inbox.only()
    assert received.rcpt_tos == [user.email]
    assert received.message["Bcc"] is None
    assert parseaddr(str(received.message["From"])) == (
        "Acme Bcc: victim@example.org",
        "academy@example.org",
    )


def test_sign_in_and_password_e_mails_have_no_unsubscribe(inbox):
    """An invitation and a password reset come in two parts, but cannot be unsubscribed from."""
    user = _reader("en")
    Ambassador.objects.filter(user=user).update(invited_at=None)
    assert accounts.invitation_send(ambassador_id=user.ambassador.pk)
    accounts.password_reset_send(user_id=user.pk)
    assert len(inbox.received) == 2
    for received in inbox.received:
        message = received.message
        assert message.get_content_type() == "multipart/alternative"
        assert message["List-Unsubscribe"] is None
        assert message["List-Unsubscribe-Post"] is None
        html = received.part("text/html")
        assert "/unsubscribe/" not in html
        assert "/unsubscribe/" not in received.part("text/plain")
        assert parseaddr(str(message["From"]))[0] == "Ambassador Academy · Acme"
        url = re.search(r"https?://\S+", received.part("text/plain")).group(0)
        assert f'href="{url.replace("&", "&amp;")}"' in html


# --- one-click unsubscribe -----------------------------------------------------------------


def test_one_click_unsubscribe_stops_that_kind_only(inbox):
    """A mail program's RFC 8058 POST (no session, no CSRF token) switches e-mail off for the
    notification's category; the next of that kind sends no e-mail, another kind still does."""
    user = _reader("en", channel_choices={Category.MENTOR: [EMAIL]})
    _tell(user, key="first")
    _deliver()
    received = inbox.only()
    assert received.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = _unsubscribe_path(received)
    before = _choices(user)

    mail_program = Client(enforce_csrf_checks=True)
    shown = mail_program.get(path)
    assert shown.status_code == 200
    page = shown.content.decode()
    assert "Suggestions to share" in page
    assert _choices(user) == before  # no write on GET

    response = mail_program.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "You are unsubscribed" in page
    assert f'href="{reverse("ambassadors:profile")}#notifications"' in page
    choices = _choices(user)
    assert choices[Category.SUGGESTIONS] == []
    assert choices[Category.MENTOR] == [EMAIL]
    assert {key: value for key, value in choices.items() if key != Category.SUGGESTIONS} == {
        key: value for key, value in before.items() if key != Category.SUGGESTIONS
    }

    user = type(user).objects.get(pk=user.pk)  # as the next request or task reads it
    suggestion = _tell(user, key="second")
    reply = _tell(user, kind=MENTOR_REPLY, key="reply")
    assert suggestion.email_after is None
    assert _deliver() == 1
    assert inbox.only().rcpt_tos == [user.email]
    reply.refresh_from_db()
    assert reply.email_sent_at is not None


def test_the_unsubscribe_page_speaks_the_persons_language(inbox):
    """The link opens in the language of the person it belongs to, whoever's browser."""
    user = _reader("nl")
    _tell(user)
    _deliver()
    path = _unsubscribe_path(inbox.only())
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(path).content.decode()
    assert '<html lang="nl"' in page
    assert _in("nl", "Suggestions to share") in page


def test_the_page_button_unsubscribes_too(inbox, client):
    """The page's own form posts the same one-click body; a POST without it changes nothing."""
    user = _reader("en")
    _tell(user)
    _deliver()
    path = _unsubscribe_path(inbox.only())
    page = client.get(path).content.decode()
    assert 'name="List-Unsubscribe" value="One-Click"' in page
    assert 'method="post"' in page
    refused = client.post(path, {})
    assert refused.status_code == 400
    assert _choices(user) == Ambassador.objects.get(user=user).channel_choices
    assert EMAIL in user.ambassador.channels_for(SUGGESTION)
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert EMAIL not in Ambassador.objects.get(user=user).channels_for(SUGGESTION)
    again = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200  # twice is fine
    assert "These e-mails are already off." in client.get(path).content.decode()


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: signing.dumps({"u": 1, "c": "suggestions"}, salt="another.salt"),
        lambda token: signing.dumps({"u": 1, "c": "everything"}, salt=SALT),
        lambda token: signing.dumps({"u": 10**9, "c": "suggestions"}, salt=SALT),
        lambda token: signing.dumps([1, "suggestions"], salt=SALT),
        lambda token: "not-a-token",
    ],
    ids=["tampered", "other-salt", "unknown-category", "unknown-person", "not-a-dict", "junk"],
)
def test_a_forged_link_changes_nothing(inbox, forge):
    """A tampered, foreign or broken token gets a clear page and no change."""
    user = _reader("en")
    _tell(user)
    _deliver()
    path = _unsubscribe_path(inbox.only())
    token = path.rstrip("/").rsplit("/", 1)[1]
    forged = reverse("ambassadors:unsubscribe", args=[forge(token)])
    before = _choices(user)
    client = Client(enforce_csrf_checks=True)
    for response in (client.get(forged), client.post(forged, {"List-Unsubscribe": "One-Click"})):
        assert response.status_code == 400
        assert str(services.ERROR_LINK_INVALID) in response.content.decode()
    assert _choices(user) == before
    assert EMAIL in Ambassador.objects.get(user=user).channels_for(SUGGESTION)


def test_an_expired_link_changes_nothing(inbox, monkeypatch):
    """A link older than VALID_FOR says so and changes nothing."""
    user = _reader("en")
    _tell(user)
    _deliver()
    path = _unsubscribe_path(inbox.only())
    later = time.time() + VALID_FOR.total_seconds() + 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = Client().post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 400
    assert str(services.ERROR_LINK_EXPIRED) in response.content.decode()
    assert EMAIL in Ambassador.objects.get(user=user).channels_for(SUGGESTION)


def test_unsubscribing_from_the_digest_turns_it_off(inbox):
    """The weekly digest's link turns the digest off, and with it e-mail for every kind
    (else the person would get one e-mail per notification instead)."""
    user = _reader("en", weekly_digest=True)
    _tell(user)  # held for the digest
    assert _deliver() == 0
    assert services.weekly_digest_send() == 1
    assert _deliver() == 1
    received = inbox.only()
    html = received.part("text/html")
    assert received.message["Subject"] == "Your week at Ambassador Academy"
    assert "<li" in html
    assert "Welcome to Ambassador Academy" in html
    assert "Unsubscribe from the weekly digest" in html
    path = _unsubscribe_path(received)
    assert services.unsubscribe_read(token=path.rstrip("/").rsplit("/", 1)[1]).category == DIGEST
    page = Client().get(path).content.decode()
    assert "weekly digest" in page
    assert Ambassador.objects.get(user=user).weekly_digest
    Client().post(path, {"List-Unsubscribe": "One-Click"})
    ambassador = Ambassador.objects.get(user=user)
    assert not ambassador.weekly_digest
    assert all(ambassador.channel_choices[c] == [] for c in Category.values)
    _tell(type(user).objects.get(pk=user.pk), key="after")
    assert _deliver() == 0


def test_comms_staff_set_the_sender_name_in_the_cms(inbox, client_for):
    """The CMS's programme settings take the name (a line break is a form error there), and
    the next e-mail comes from it."""
    from wagtail.users.models import UserProfile

    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="en")
    # The CMS speaks Dutch unless the editor chose otherwise there.
    UserProfile.objects.update_or_create(user=comms, defaults={"preferred_language": "en"})
    programme = ProgrammeSettings.load()
    url = f"/cms/settings/ambassadors/programmesettings/{programme.pk}/"
    form = {
        "max_nudges_per_week": "3",
        "default_quiet_hours_start": "20:00",
        "default_quiet_hours_end": "08:00",
    }
    refused = client_for(comms).post(url, {**form, "email_sender_name": "Acme\nBcc: x@y.org"})
    assert refused.status_code == 200
    assert "Use one line without special characters." in refused.content.decode()
    assert ProgrammeSettings.load().email_sender_name == ""
    saved = client_for(comms).post(url, {**form, "email_sender_name": "Acme · Comms"})
    assert saved.status_code == 302
    user = _reader("en")
    _tell(user)
    _deliver()
    assert parseaddr(str(inbox.only().message["From"])) == ("Acme · Comms", "academy@example.org")
