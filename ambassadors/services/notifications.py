"""Telling a person something: the one notify path, the outbox and its e-mail.

A notification is written in every language of the site when it is made (`texts`), and
read in the recipient's language when it is delivered: in-app when they look, by e-mail
when it leaves. A person who switches language reads everything, old and pending, in
their new one.
"""

from __future__ import annotations

import datetime as dt
import logging
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy

from core.queue import enqueue_on_commit

from .. import personal
from ..channels import EMAIL, category_of
from ..models import Ambassador, Notification
from ..selectors import (
    email_sender_name,
    profile_of,
    programme_quiet_hours,
    recipient_language,
)
from ..signals import notifications_planned
from .unsubscribe import DIGEST, Unsubscribe, unsubscribe_token

logger = logging.getLogger(__name__)

MAX_EMAIL_ATTEMPTS = 5
ERROR_UNSAFE_LINK = gettext_lazy("A notification can only link to a page of this site.")
SUBJECT_LENGTH = Notification._meta.get_field("subject").max_length


def _interpolate(message, params: dict) -> str:
    return str(message) % {
        name: str(value) if isinstance(value, Promise) else value for name, value in params.items()
    }


_lazy_interpolate = lazy(_interpolate, str)


def lazy_text(message, **params) -> Promise:
    """Lazy text with parameters: `message` (gettext_lazy or ngettext_lazy) with `params`
    filled in when it is rendered, in the language active then.

    What `notify()` and `Nudge` take, so a text is written in the recipient's language and
    never in the language of whoever (or whatever task) caused it. Parameters are rendered
    in that language too: a choice's lazy label, or an object whose `str()` follows the
    language (pass the mission, not `mission.title`).
    """
    return _lazy_interpolate(message, params)


def _pick(values: dict, default) -> str:
    return str(values.get(translation.get_language(), default))


_lazy_pick = lazy(_pick, str)


def in_language(values: dict[str, str | Promise], default: str | Promise = "") -> Promise:
    """Lazy text that is `values[language]` in the language active when it is rendered
    (`default` for a language without one): page titles, summaries and page links, which
    each translation of a page has of its own."""
    return _lazy_pick(values, default)


def _one_line(subject: str) -> str:
    # An e-mail header may not hold a line break (a crafted request subject with one
    # would make the e-mail fail for good).
    return " ".join(subject.split())[:SUBJECT_LENGTH]


def texts_in_every_language(
    *, subject: str | Promise, body: str | Promise, link: str | Promise = ""
) -> dict[str, dict[str, str]]:
    """Subject and body (and a lazy link) in every language of the site, for
    `Notification.texts`.

    Lazy text is rendered once per language; a plain string (a person's own words) is the
    same in each. A link that differs per language (a page's translation, `in_language()`)
    is kept per language; a plain one once, in `Notification.link`. This is the one place
    notification text is rendered.
    """
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = {"subject": _one_line(str(subject)), "body": str(body)}
            if isinstance(link, Promise):
                texts[code]["link"] = validate_link(link)
    return texts


def written(
    *,
    subject: str | Promise,
    body: str | Promise,
    language: str,
    texts: dict[str, dict[str, str]] | None = None,
    link: str | Promise = "",
) -> dict:
    """The text fields of a notification: `texts` in every language, and `subject` and `body`
    in `language` (the recipient's now). Pass `texts` when they were rendered already."""
    texts = texts or texts_in_every_language(subject=subject, body=body, link=link)
    own = texts.get(language) or texts[settings.LANGUAGE_CODE]
    return {"texts": texts, "subject": own["subject"], "body": own["body"]}


def validate_link(link: str) -> str:
    """A notification links to a path of this site (`reverse()`), never elsewhere."""
    link = str(link)
    if link and (
        not link.startswith("/")
        or link.startswith("//")
        or "\\" in link
        or any(ord(character) < 32 for character in link)
    ):
        raise ValueError(str(ERROR_UNSAFE_LINK))
    return link


def email_moment(
    ambassador: Ambassador | None, moment: dt.datetime, email: bool, kind: str = ""
) -> dt.datetime | None:
    """When this person's e-mail about a notification of `kind` may go out, or None when
    they get none (they chose no e-mail for its category, paused every channel, or take
    the weekly digest)."""
    if not email:
        return None
    if ambassador is None:
        return moment
    if ambassador.status == Ambassador.Status.LEFT:
        return None
    if EMAIL not in ambassador.channels_for(kind) or ambassador.weekly_digest:
        return None
    return ambassador.end_of_quiet_hours(moment)


def enqueue_delivery(notification: Notification) -> None:
    if notification.email_after is not None and notification.email_after <= timezone.now():
        enqueue_on_commit("ambassadors.tasks.deliver_notification_email", notification.pk)


def notify(
    *,
    recipient: User,
    kind: str,
    key: str,
    subject: str | Promise,
    body: str | Promise = "",
    link: str | Promise = "",
    email: bool = True,
    show_in_app: bool = True,
    about: User | None = None,
) -> Notification:
    """Tell a person something, once per key: in-app now, by e-mail as their preferences allow.

    Pass the subject and body as lazy text (`gettext_lazy`, `lazy_text`): they are shown in
    the recipient's language at the time they read them, whatever language the caller's
    request or task has. A plain string is taken as it is (a person's own words).
    `link` is a path of this site made with `reverse()`, or `in_language()` of the paths
    of a page's translations.
    `about` is the other person the text names or quotes: erasing them removes it.
    """
    shown_link = validate_link(link)
    existing = Notification.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    now = timezone.now()
    ambassador = profile_of(recipient)
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                about=about,
                kind=kind,
                idempotency_key=key,
                **written(
                    subject=subject,
                    body=body,
                    link=link,
                    language=recipient_language(recipient),
                ),
                link=shown_link,
                show_in_app=show_in_app,
                visible_from=now,
                email_after=email_moment(ambassador, now, email, kind),
            )
            notifications_planned.send(sender=Notification, notifications=[notification])
    except IntegrityError:
        return Notification.objects.get(idempotency_key=key)
    enqueue_delivery(notification)
    return notification


def notification_mark_read(*, user: User, notification_id: int) -> Notification:
    notification = Notification.objects.visible().get(pk=notification_id, recipient=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_settle(*, user_id: int, key_prefix: str) -> int:
    """Mark read what a person was told about something that is no longer theirs to act on
    (their notifications whose key starts with `key_prefix`)."""
    settled = (
        Notification.objects.unread()
        .filter(recipient_id=user_id, idempotency_key__startswith=key_prefix)
        .update(read_at=timezone.now())
    )
    personal.forget([user_id])
    return settled


def notifications_mark_all_read(*, user: User) -> int:
    marked = (
        Notification.objects.visible()
        .unread()
        .filter(recipient=user)
        .update(read_at=timezone.now())
    )
    personal.forget([user.pk])
    return marked


# --- e-mail --------------------------------------------------------------------------------


def email_send(
    *,
    recipient: User,
    template: str,
    context: dict,
    subject: str | Promise | None = None,
    headers: dict | None = None,
    unsubscribe: str = "",
) -> None:
    """Write an e-mail to a person in their language as it is now, and send it.

    The one place an e-mail is written: notifications, digests, invitations and password
    resets alike. Every e-mail has two parts, `template`.txt and `template`.html (which
    extends templates/email/base.html); the subject is `subject` (lazy text, or a
    notification's text read in the language active here), else `template`_subject.txt.
    It comes from the programme's sender name at DEFAULT_FROM_EMAIL's address.

    `unsubscribe` is the category the e-mail belongs to (`category_of(kind)`, or the
    digest): the e-mail then carries a one-click unsubscribe link for it, in its footer and
    its List-Unsubscribe headers (RFC 8058). Leave it empty for e-mails a person cannot do
    without (sign-in links, password resets).
    """
    ambassador = profile_of(recipient)
    headers = dict(headers or {})
    unsubscribe_url = ""
    if unsubscribe and ambassador is not None:
        token = unsubscribe_token(user_id=recipient.pk, category=unsubscribe)
        unsubscribe_url = f"{settings.SITE_URL}{reverse('ambassadors:unsubscribe', args=[token])}"
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    sender = email_sender_name()
    language = recipient_language(recipient)
    with translation.override(language):
        context = {
            "recipient": recipient,
            "site_url": settings.SITE_URL,
            "profile_url": f"{settings.SITE_URL}{reverse('ambassadors:profile')}#notifications",
            "sender_name": sender,
            "language": language,
            "unsubscribe_url": unsubscribe_url,
            "unsubscribe_label": (
                Unsubscribe(ambassador=ambassador, category=unsubscribe).label
                if unsubscribe_url
                else ""
            ),
            "digest": unsubscribe == DIGEST,
            **context,
        }
        if subject is None:
            subject = render_to_string(f"{template}_subject.txt", context)
        subject = _one_line(str(subject))
        context["subject"] = subject
        body = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=formataddr((sender, parseaddr(settings.DEFAULT_FROM_EMAIL)[1])),
        to=[recipient.email],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    message.send()


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.ACADEMY_OUTBOX_LEASE_SECONDS)


def notification_email_deliver(*, notification_id: int) -> bool:
    """Send one notification's e-mail if it is due and nobody else is sending it.

    The claim is one UPDATE, so two workers never both send. A worker that dies after
    claiming leaves a stale claim that the sweep takes over once the lease has passed.
    """
    now = timezone.now()
    claimed = (
        Notification.objects.email_due(now, _lease())
        .filter(pk=notification_id)
        .update(email_claimed_at=now, email_attempts=F("email_attempts") + 1)
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    recipient = notification.recipient
    ambassador = profile_of(recipient)
    if not recipient.email or not recipient.is_active:
        _email_cancel(notification, "no active e-mail address")
        return False
    if (
        notification.kind != "digest"
        and email_moment(ambassador, now, True, notification.kind) is None
    ):
        _email_cancel(notification, "recipient no longer wants e-mail")
        return False
    if ambassador is not None:
        # A nudge keeps the programme's quiet hours too when it is sent late (a retry).
        default = None
        if notification.is_nudge and ambassador.quiet_hours() is None:
            default = programme_quiet_hours()
        if ambassador.in_quiet_hours(now, default):
            Notification.objects.filter(pk=notification.pk).update(
                email_after=ambassador.end_of_quiet_hours(now, default), email_claimed_at=None
            )
            return False
    try:
        _send_notification_email(notification)
    except Exception as exc:
        logger.warning("E-mail for notification %s failed: %s", notification.pk, exc)
        update = {"email_claimed_at": None, "email_error": str(exc)[:300]}
        if notification.email_attempts >= MAX_EMAIL_ATTEMPTS:
            update["email_after"] = None
        Notification.objects.filter(pk=notification.pk).update(**update)
        return False
    Notification.objects.filter(pk=notification.pk).update(email_sent_at=timezone.now())
    return True


def _email_cancel(notification: Notification, reason: str) -> None:
    Notification.objects.filter(pk=notification.pk).update(
        email_after=None, email_claimed_at=None, email_error=reason
    )


def _subject_shown(notification: Notification) -> str:
    return notification.text.subject


def _link_shown(notification: Notification) -> str:
    link = notification.text.link
    return f"{settings.SITE_URL}{link}" if link else ""


def _send_notification_email(notification: Notification) -> None:
    email_send(
        recipient=notification.recipient,
        template="ambassadors/email/notification",
        context={
            "notification": notification,
            "link": lazy(_link_shown, str)(notification),
        },
        subject=lazy(_subject_shown, str)(notification),
        unsubscribe=DIGEST if notification.kind == "digest" else category_of(notification.kind),
        # A stable Message-ID lets mail servers drop a copy resent after a crash.
        headers={
            "Message-ID": f"<{notification.idempotency_key.replace(':', '.')}"
            f".{notification.pk}@ambassador-academy>"
        },
    )


def outbox_sweep(*, limit: int = 500) -> int:
    """Send every e-mail that is due and unclaimed (or whose claim went stale)."""
    ids = list(
        Notification.objects.email_due(timezone.now(), _lease())
        .order_by("email_after")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in ids if notification_email_deliver(notification_id=pk))
