"""Microsoft Teams: what comms staff set up, what people link, what is announced.

- The connection (one row): a channel's Workflows webhook for announcements and a bot for
  direct messages. Saving either clears its "broken" mark; a webhook answering 4xx or
  credentials refused (token endpoint 400/401, Bot Connector or Graph 401/403) marks it
  broken once, with the reason, and tells comms staff once.
- Linking: a person's work e-mail is looked up in Graph, the bot opens a conversation with
  them and sends a 6-digit code there; typing it on our page confirms the account. The code
  is kept as a hash, for 15 minutes and 5 tries; starting again is throttled.
- Announcements: a planned push or campaign gets one `TeamsAnnouncement` row (unique), sent
  by a task after the commit; the sweep sends what a lost task left.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ambassadors.roles import Role
from ambassadors.services.notifications import lazy_text, notify
from core import audit, throttle
from core.errors import Refusal
from core.queue import enqueue_on_commit
from integrations.channels.outbox import deliveries_forget
from integrations.models.teams import TeamsAccount, TeamsAnnouncement, TeamsConnection

from . import cards, client

logger = logging.getLogger(__name__)

CODE_LIFETIME = dt.timedelta(minutes=15)
CODE_TRIES = 5
# Codes sent to one person per hour (each is a message in their Teams).
CODES_PER_HOUR = 5
ANNOUNCE_TASK = "integrations.tasks.teams_announcement_send"
ANNOUNCE_LEASE = dt.timedelta(minutes=5)
ANNOUNCE_ATTEMPTS = 6
CODE = "teams"

ERROR_NO_WEBHOOK = _("Enter the channel's webhook address first.")
ERROR_NO_BOT = _(
    "Teams direct messages are not set up for the organisation yet. Ask the communication team."
)
ERROR_BOT_BROKEN = _(
    "Teams direct messages are not working at the moment. The communication team has been "
    "told; try again later."
)
ERROR_NO_SUCH_USER = _(
    "Teams does not know this work e-mail address. Use the address you sign in to Teams with."
)
ERROR_BOT_NOT_INSTALLED = _(
    "The organisation's bot cannot write to you in Teams yet: its app is not installed for "
    "you, or you blocked it. Add the app in Teams (Apps), then ask for a code again."
)
ERROR_TEAMS_UNREACHABLE = _("Teams could not be reached. Try again in a few minutes.")
# Only the person's own work address is looked up: the bot never writes to a colleague.
ERROR_NOT_YOUR_ADDRESS = _(
    "Use your own work e-mail address (%(email)s): that is how Teams knows you."
)
ERROR_TOO_MANY_CODES = _("You asked for several codes in a short time. Try again in an hour.")
ERROR_NO_CODE = _("Ask for a code first.")
ERROR_WRONG_CODE = _("That code is not right. Check the message from the bot in Teams.")
ERROR_CODE_EXPIRED = _("This code has expired or was tried too often. Ask for a new code.")

SUBJECT_BROKEN = _("The Teams connection stopped working")
BODY_BROKEN = _("%(part)s: %(reason)s. Open the Teams page in the CMS to fix it.")
PART_CHANNEL = _("Channel posts")
PART_BOT = _("Direct messages")
CODE_TITLE = _("Your code for Ambassador Academy")
CODE_TEXT = _(
    "Type %(code)s on the page where you linked Teams. It works for 15 minutes. Did you not "
    "ask for it? Then ignore this message."
)
TEST_TITLE = _("Test message from Ambassador Academy")
TEST_TEXT = _("The connection works: announcements of pushes and campaigns arrive here.")


class TeamsError(Refusal):
    """What comms staff or a person cannot do with Teams now."""


# --- the connection ------------------------------------------------------------------------


def _connection_for_update() -> TeamsConnection:
    connection, _created = TeamsConnection.objects.select_for_update().get_or_create(
        pk=TeamsConnection.SINGLETON
    )
    return connection


def teams_channel_save(
    *, webhook_url: str, announce_pushes: bool, announce_campaigns: bool, by: User
) -> TeamsConnection:
    """Keep the channel settings; an empty `webhook_url` keeps the address saved before.
    A new address starts without a problem mark."""
    with transaction.atomic():
        connection = _connection_for_update()
        changed = []
        if webhook_url:
            connection.webhook_url, connection.webhook_broken = webhook_url, ""
            changed.append("webhook")
        connection.announce_pushes = announce_pushes
        connection.announce_campaigns = announce_campaigns
        connection.updated_by = by
        connection.full_clean()
        connection.save()
        audit.record(connection, "academy.teams_change", user=by, part="channel", changed=changed)
    return connection


def teams_bot_save(*, app_id: str, app_secret: str, tenant_id: str, by: User) -> TeamsConnection:
    """Keep the bot's credentials (an empty secret keeps the one saved before); a fresh
    start without a problem mark and without cached tokens."""
    with transaction.atomic():
        connection = _connection_for_update()
        client.forget_tokens(connection)
        connection.app_id, connection.tenant_id = app_id.strip(), tenant_id.strip()
        if app_secret:
            connection.app_secret = app_secret.strip()
        connection.bot_broken = ""
        connection.updated_by = by
        connection.full_clean()
        connection.save()
        audit.record(connection, "academy.teams_change", user=by, part="bot")
    return connection


def comms_staff() -> list[User]:
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=[Role.COMMS.value, Role.ADMIN.value]))
        .distinct()
    )


def teams_mark_broken(*, part: str, reason: str) -> bool:
    """Mark the channel ("webhook") or the bot ("bot") broken with the reason, and tell
    comms staff, once: False when it was marked already."""
    field = {"webhook": "webhook_broken", "bot": "bot_broken"}[part]
    reason = (reason or "refused")[:300]
    now = timezone.now()
    with transaction.atomic():
        if not TeamsConnection.objects.filter(pk=TeamsConnection.SINGLETON, **{field: ""}).update(
            **{field: reason}, broken_at=now
        ):
            return False
        connection = TeamsConnection.objects.get(pk=TeamsConnection.SINGLETON)
        audit.record(connection, "academy.teams_broken", part=part, reason=reason)
        body = lazy_text(
            BODY_BROKEN, part=PART_CHANNEL if part == "webhook" else PART_BOT, reason=reason
        )
        for person in comms_staff():
            notify(
                recipient=person,
                kind="teams_broken",
                key=f"teams-broken:{part}:{person.pk}:{int(now.timestamp())}",
                subject=SUBJECT_BROKEN,
                body=body,
                link=reverse("integrations_teams"),
            )
    logger.warning("Teams %s marked broken: %s", part, reason)
    return True


def teams_test_message(*, by: User) -> str:
    """Post a test card to the channel; the answer in plain words (TeamsError when there is
    no address). A 4xx marks the channel broken, as for any post."""
    connection = TeamsConnection.load()
    if not connection.webhook_url:
        raise TeamsError(ERROR_NO_WEBHOOK)
    with translation.override(by.ambassador.language if hasattr(by, "ambassador") else None):
        card = cards.card(
            title=str(TEST_TITLE),
            text=str(TEST_TEXT),
            buttons=[cards.Button(str(_("Open Ambassador Academy")), "/")],
        )
    answer = client.webhook_post(connection.webhook_url, cards.webhook_message(card))
    if answer.ok:
        return str(_("Teams took the test message (%(status)s). Look in the channel.")) % {
            "status": answer.status
        }
    if answer.broken:
        teams_mark_broken(part="webhook", reason=answer.error)
        return str(
            _(
                "Teams refused the message (%(error)s). The workflow may be switched off or "
                "deleted, or the address is incomplete: copy it again from the workflow."
            )
        ) % {"error": answer.error}
    return str(_("Teams could not be reached (%(error)s). Try again in a few minutes.")) % {
        "error": answer.error
    }


# --- announcements -------------------------------------------------------------------------


def announcement_plan(*, kind: str, object_id: int) -> bool:
    """One announcement per push or campaign, sent after the commit; False when it exists
    already or the channel does not want it."""
    connection = TeamsConnection.load()
    wanted = (
        connection.announce_pushes
        if kind == TeamsAnnouncement.Kind.PUSH
        else connection.announce_campaigns
    )
    if not (wanted and connection.webhook_ready):
        return False
    try:
        with transaction.atomic():
            announcement = TeamsAnnouncement.objects.create(
                kind=kind, object_id=object_id, send_after=timezone.now()
            )
    except IntegrityError:
        return False
    enqueue_on_commit(ANNOUNCE_TASK, announcement.pk)
    return True


def _announcement_card(announcement: TeamsAnnouncement) -> dict | None:
    """The card of a push (the item's title) or campaign (its name and
    missions): what the organisation asks, never who was asked."""
    with translation.override(settings.LANGUAGE_CODE):
        if announcement.kind == TeamsAnnouncement.Kind.PUSH:
            from sharing.models import Push

            push = Push.objects.select_related("item").filter(pk=announcement.object_id).first()
            if push is None:
                return None
            return cards.card(
                # The title only: a proposed item's summary holds its proposer's words,
                # which erasing them must be able to remove (a channel post cannot be).
                title=str(_("New to share: %(title)s")) % {"title": push.item.title},
                buttons=[
                    cards.Button(
                        str(_("Open in Ambassador Academy")),
                        reverse("sharing:share", args=[push.item_id]),
                    )
                ],
            )
        from missions.models import Campaign

        campaign = Campaign.objects.filter(pk=announcement.object_id).first()
        if campaign is None:
            return None
        names = ", ".join(str(m) for m in campaign.missions.all()[:5])
        return cards.card(
            title=str(_("New campaign: %(name)s")) % {"name": campaign.name},
            text=str(_("Missions: %(names)s")) % {"names": names} if names else "",
            buttons=[cards.Button(str(_("See your missions")), reverse("missions:list"))],
        )


def announcement_send(*, announcement_id: int) -> bool:
    """Claim and post one announcement; True when Teams took it. Idempotent: a sent one is
    never claimed again, a claimed one only after its lease."""
    now = timezone.now()
    if not TeamsAnnouncement.objects.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - ANNOUNCE_LEASE),
        pk=announcement_id,
        status=TeamsAnnouncement.Status.PENDING,
        send_after__lte=now,
    ).update(claimed_at=now, attempts=F("attempts") + 1):
        return False
    announcement = TeamsAnnouncement.objects.get(pk=announcement_id)
    connection = TeamsConnection.load()
    adaptive_card = _announcement_card(announcement)
    if adaptive_card is None or not connection.webhook_ready:
        announcement.status, announcement.error = (
            TeamsAnnouncement.Status.FAILED,
            ("gone" if adaptive_card is None else connection.webhook_broken or "no webhook"),
        )
    else:
        answer = client.webhook_post(connection.webhook_url, cards.webhook_message(adaptive_card))
        announcement.error = answer.error
        if answer.ok:
            announcement.status, announcement.sent_at = (
                TeamsAnnouncement.Status.SENT,
                timezone.now(),
            )
        elif answer.retry_after is not None and announcement.attempts < ANNOUNCE_ATTEMPTS:
            announcement.send_after = timezone.now() + answer.retry_after
        else:
            announcement.status = TeamsAnnouncement.Status.FAILED
            if answer.broken:
                teams_mark_broken(part="webhook", reason=answer.error)
    announcement.claimed_at = None
    announcement.save(update_fields=["status", "sent_at", "send_after", "error", "claimed_at"])
    return announcement.status == TeamsAnnouncement.Status.SENT


def announcements_sweep(*, limit: int = 20) -> int:
    now = timezone.now()
    ids = list(
        TeamsAnnouncement.objects.filter(
            status=TeamsAnnouncement.Status.PENDING, send_after__lte=now
        )
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - ANNOUNCE_LEASE))
        .order_by("send_after")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(announcement_send(announcement_id=pk) for pk in ids)


# --- linking a person's account ------------------------------------------------------------


def _code_hash(account_user_id: int, code: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(),
        f"teams-code:{account_user_id}:{code}".encode(),
        hashlib.sha256,
    ).hexdigest()


def teams_disconnect(*, by: User) -> None:
    """Remove the Teams connection: the webhook address, the bot's credentials and every
    linked account go (a leaked secret or address is revoked at once); what waits for Teams
    stays in-app."""
    from integrations.models import ChannelDelivery

    with transaction.atomic():
        connection = (
            TeamsConnection.objects.select_for_update().filter(pk=TeamsConnection.SINGLETON).first()
        )
        if connection is None:
            return
        audit.record(connection, "academy.teams_change", user=by, part="disconnected")
        connection.delete()
        TeamsAccount.objects.all().delete()
        ChannelDelivery.objects.filter(channel=CODE, status=ChannelDelivery.Status.PENDING).update(
            status=ChannelDelivery.Status.CANCELLED, error="Teams was disconnected"
        )
        TeamsAnnouncement.objects.filter(status=TeamsAnnouncement.Status.PENDING).update(
            status=TeamsAnnouncement.Status.FAILED, error="Teams was disconnected"
        )


def _refuse_for(answer: client.Answer, part: str = "bot") -> TeamsError:
    if answer.broken:
        teams_mark_broken(part=part, reason=answer.error)
        return TeamsError(ERROR_BOT_BROKEN)
    if answer.code in client.PERSONAL_REFUSALS:
        return TeamsError(ERROR_BOT_NOT_INSTALLED, field="email")
    return TeamsError(ERROR_TEAMS_UNREACHABLE)


def teams_link_start(*, user: User, email: str) -> TeamsAccount:
    """Find the person in the directory by their own work e-mail address, open the bot's
    conversation with them and send a code there. Nothing is kept unless the code was sent;
    asking for a new code ends an earlier link until the new code is confirmed."""
    connection = TeamsConnection.load()
    if not connection.bot_configured:
        raise TeamsError(ERROR_NO_BOT)
    if connection.bot_broken:
        raise TeamsError(ERROR_BOT_BROKEN)
    if throttle.rate_take(f"teams-code:{user.pk}", limit=CODES_PER_HOUR, seconds=3600):
        raise TeamsError(ERROR_TOO_MANY_CODES, field="email")
    email = email.strip().lower()
    if not user.email or email != user.email.strip().lower():
        raise TeamsError(ERROR_NOT_YOUR_ADDRESS % {"email": user.email}, field="email")
    found = client.graph_user(connection, email)
    if not found.ok:
        if found.status == 404:
            raise TeamsError(ERROR_NO_SUCH_USER, field="email")
        raise _refuse_for(found)
    aad_object_id = str((found.data or {}).get("id") or "")
    if not aad_object_id:
        raise TeamsError(ERROR_NO_SUCH_USER, field="email")
    opened = client.conversation_create(connection, aad_object_id)
    if not opened.ok or not (opened.data or {}).get("id"):
        raise _refuse_for(opened)
    conversation_id = str(opened.data["id"])
    code = f"{secrets.randbelow(10**6):06d}"
    language = getattr(getattr(user, "ambassador", None), "language", None)
    with translation.override(language):
        message = cards.card(title=str(CODE_TITLE), text=str(CODE_TEXT) % {"code": code})
    sent = client.activity_send(
        connection, conversation_id, cards.bot_activity(message, summary=str(CODE_TITLE))
    )
    if not sent.ok:
        raise _refuse_for(sent)
    with transaction.atomic():
        account, _created = TeamsAccount.objects.select_for_update().get_or_create(
            user=user,
            defaults={
                "email": email,
                "aad_object_id": aad_object_id,
                "conversation_id": conversation_id,
            },
        )
        # A new link replaces the old one: until confirmed, it reaches nobody.
        account.email, account.aad_object_id = email, aad_object_id
        account.conversation_id, account.confirmed_at = conversation_id, None
        account.code_hash = _code_hash(user.pk, code)
        account.code_expires_at = timezone.now() + CODE_LIFETIME
        account.tries = 0
        account.full_clean()
        account.save()
        deliveries_forget(user_id=user.pk, channel=CODE)
    return account


def teams_link_confirm(*, user: User, code: str) -> TeamsAccount:
    """Confirm the account with the code from Teams (hashed; 15 minutes; 5 tries)."""
    with transaction.atomic():
        account = (
            TeamsAccount.objects.select_for_update()
            .filter(user=user, confirmed_at__isnull=True)
            .exclude(code_hash="")
            .first()
        )
        if account is None:
            raise TeamsError(ERROR_NO_CODE, field="code")
        now = timezone.now()
        if (
            account.tries >= CODE_TRIES
            or account.code_expires_at is None
            or account.code_expires_at < now
        ):
            raise TeamsError(ERROR_CODE_EXPIRED, field="code")
        account.tries += 1
        if not hmac.compare_digest(account.code_hash, _code_hash(user.pk, code.strip())):
            account.save(update_fields=["tries"])
            # Refused after the block: the counted try is committed.
            error = ERROR_CODE_EXPIRED if account.tries >= CODE_TRIES else ERROR_WRONG_CODE
        else:
            account.confirmed_at, account.code_hash, account.code_expires_at = now, "", None
            account.save(update_fields=["tries", "confirmed_at", "code_hash", "code_expires_at"])
            return account
    raise TeamsError(error, field="code")


def teams_unlink(*, user: User) -> bool:
    """Forget the person's Teams account; what waited for Teams stays in-app."""
    with transaction.atomic():
        deleted, _rows = TeamsAccount.objects.filter(user=user).delete()
        deliveries_forget(user_id=user.pk, channel=CODE)
    return bool(deleted)
