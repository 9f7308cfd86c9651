"""What comms staff, people and Slack's callbacks do with Slack, in one place.

- The connection: saved from the CMS after Slack accepted the token (auth.test); a test
  message; broken when Slack answers that the token no longer works (`connection_break`:
  once, with an audit entry and a word to comms staff), and then not used any more.
- Linking: a person's work e-mail is looked up in Slack, a direct message with a six-digit
  code is sent, and the account is linked only when they type that code on our page. Slack
  is asked everything before anything is written, so a refusal leaves nothing half-linked.
- Announcements: a push or campaign planned becomes one `SlackAnnouncement` row (unique),
  sent by a task and the sweep.
- Interactions: "not relevant" from a suggestion's message hides the item for that person.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ambassadors.roles import Role
from ambassadors.services.notifications import lazy_text, notify
from core import audit, outbound
from core.errors import Refusal
from core.queue import enqueue, enqueue_on_commit
from core.throttle import rate_take
from integrations.models.slack import SlackAccount, SlackAnnouncement, SlackConnection

from . import api, blocks

logger = logging.getLogger(__name__)

CHANNEL = "slack"
CODE_VALID = dt.timedelta(minutes=15)
CODE_TRIES = 5
CODES_PER_HOUR = 5
ANNOUNCE_ATTEMPTS = 5
ANNOUNCE_LEASE = dt.timedelta(minutes=5)
SEND_TASK = "integrations.tasks.slack_announcement_send"

ERROR_NOT_CONNECTED = gettext_lazy("Slack is not connected to the platform at the moment.")
ERROR_NEED_TOKEN = gettext_lazy("Paste the bot token and the signing secret of your Slack app.")
ERROR_TOKEN_FORMAT = gettext_lazy("A bot token starts with “xoxb-”.")
ERROR_SLACK_SAYS = gettext_lazy("Slack did not accept this: %(reason)s.")
ERROR_NOWHERE_TO_TEST = gettext_lazy(
    "There is nowhere to send a test message: set an announcement channel, or link your own "
    "Slack account on your profile first."
)
ERROR_NO_EMAIL = gettext_lazy("Your account has no work e-mail address, so Slack cannot find you.")
ERROR_NO_SLACK_USER = gettext_lazy(
    "Slack has no one with the e-mail address %(email)s in this workspace. Use the same "
    "work e-mail address in Slack, or ask comms staff for help."
)
ERROR_TAKEN = gettext_lazy("This Slack account is already linked to someone else.")
ERROR_ALREADY_LINKED = gettext_lazy("Your Slack account is already linked.")
ERROR_TOO_MANY_CODES = gettext_lazy(
    "You asked for several codes in a short time. Try again in an hour."
)
ERROR_NO_CODE = gettext_lazy("There is no code waiting for you. Ask for a new one.")
ERROR_CODE_EXPIRED = gettext_lazy("This code has expired. Ask for a new one.")
ERROR_CODE_WRONG = gettext_lazy(
    "That is not the code we sent you. Check the message in Slack and try again."
)
ERROR_TOO_MANY_TRIES = gettext_lazy("That code was wrong too often. Ask for a new one.")

SUBJECT_BROKEN = gettext_lazy("Slack stopped working")
BODY_BROKEN = gettext_lazy(
    "Slack refused the bot token (%(reason)s). Messages go to the platform only until "
    "someone pastes a working token on the Slack page of the CMS."
)
CODE_MESSAGE = gettext_lazy(
    "Your code to link Slack to the Ambassador Academy: %(code)s. It is valid for 15 "
    "minutes. Did you not ask for it? Then ignore this message."
)
TEST_MESSAGE = gettext_lazy("A test message from the Ambassador Academy. Slack is connected.")
ANNOUNCE_PUSH = gettext_lazy("New to share in the Ambassador Academy")
ANNOUNCE_CAMPAIGN = gettext_lazy("A new campaign in the Ambassador Academy")
REPLY_UNKNOWN_USER = gettext_lazy(
    "We do not know your Slack account yet. Link it on your profile in the Ambassador "
    "Academy first; nothing was changed."
)
REPLY_UNKNOWN_ACTION = gettext_lazy("This button no longer works; nothing was changed.")
REPLY_DISMISSED = gettext_lazy("Hidden: “%(title)s” will not be suggested to you again.")

# Slack's error codes in plain words for comms staff.
EXPLAINED = {
    "invalid_auth": gettext_lazy("the bot token is not valid"),
    "not_authed": gettext_lazy("no bot token was sent"),
    "token_revoked": gettext_lazy("the bot token was revoked (was the app removed?)"),
    "token_expired": gettext_lazy("the bot token has expired"),
    "account_inactive": gettext_lazy("the app's account was deactivated"),
    "channel_not_found": gettext_lazy("the channel does not exist or the app cannot see it"),
    "not_in_channel": gettext_lazy(
        "the app is not in that channel: invite it there with /invite and the app's name"
    ),
    "is_archived": gettext_lazy("the channel is archived"),
    "missing_scope": gettext_lazy(
        "the app lacks a permission (scope): add chat:write, im:write, users:read and "
        "users:read.email, then reinstall it"
    ),
    "users_not_found": gettext_lazy("nobody in the workspace has that e-mail address"),
    api.RATE_LIMITED: gettext_lazy("Slack asks to slow down; try again in a minute"),
    api.UNREACHABLE: gettext_lazy("Slack could not be reached"),
}


class SlackError(Refusal):
    """What cannot be done with Slack now, in words for the person who asked."""


def explain(error: str) -> str:
    """A Slack error code in plain words (the code itself when we have none)."""
    return str(EXPLAINED.get(error, error))


def connection_get() -> SlackConnection | None:
    return SlackConnection.objects.filter(pk=1).first()


def connection_usable() -> SlackConnection | None:
    """The connection when it can be used now: saved, not broken."""
    found = connection_get()
    return found if found is not None and found.usable else None


def comms_staff() -> list[User]:
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=[Role.COMMS.value, Role.ADMIN.value]))
        .distinct()
    )


# --- the connection -------------------------------------------------------------------------


def connection_save(
    *,
    by: User,
    bot_token: str = "",
    signing_secret: str = "",
    announcement_channel: str = "",
    announce_pushes: bool = False,
    announce_campaigns: bool = False,
) -> SlackConnection:
    """Save the connection; a new token (or one of a broken connection) is first shown to
    Slack (auth.test). Empty token or secret: keep the saved one."""
    connection = connection_get() or SlackConnection(pk=1)
    bot_token, signing_secret = bot_token.strip(), signing_secret.strip()
    token = bot_token or connection.bot_token
    secret = signing_secret or connection.signing_secret
    if not token or not secret:
        raise SlackError(ERROR_NEED_TOKEN, field="bot_token" if not token else "signing_secret")
    if not token.startswith("xoxb-"):
        raise SlackError(ERROR_TOKEN_FORMAT, field="bot_token")
    if token != connection.bot_token or connection.broken_reason:
        answer = api.auth_test(token)
        if not answer.ok:
            raise SlackError(
                ERROR_SLACK_SAYS % {"reason": explain(answer.error)}, field="bot_token"
            )
        connection.team_id = str(answer.data.get("team_id", ""))[:30]
        connection.team_name = str(answer.data.get("team", ""))[:200]
        connection.broken_reason, connection.broken_at = "", None
    connection.bot_token, connection.signing_secret = token, secret
    connection.announcement_channel = announcement_channel
    connection.announce_pushes = announce_pushes
    connection.announce_campaigns = announce_campaigns
    connection.connected_by = by
    with transaction.atomic():
        connection.full_clean()
        connection.save()
        # Which parts changed, never their values.
        audit.record(
            connection,
            "academy.slack_connect",
            user=by,
            new_token=bool(bot_token),
            new_secret=bool(signing_secret),
        )
    return connection


def connection_remove(*, by: User) -> None:
    """Disconnect Slack: the connection and every linked account go; what waits stays in-app."""
    from integrations.models import ChannelDelivery

    with transaction.atomic():
        connection = connection_get()
        if connection is None:
            return
        audit.record(connection, "academy.slack_disconnect", user=by)
        connection.delete()
        SlackAccount.objects.all().delete()
        ChannelDelivery.objects.filter(
            channel=CHANNEL, status=ChannelDelivery.Status.PENDING
        ).update(status=ChannelDelivery.Status.CANCELLED, error="Slack was disconnected")


def connection_break(*, reason: str) -> bool:
    """Slack refused the token: stop using it, once, and tell comms staff. False when it was
    broken already (nobody is told twice)."""
    now = timezone.now()
    with transaction.atomic():
        if not SlackConnection.objects.filter(pk=1, broken_reason="").update(
            broken_reason=reason[:60], broken_at=now
        ):
            return False
        connection = SlackConnection.objects.get(pk=1)
        audit.record(connection, "academy.slack_broken", reason=reason[:60])
        body = lazy_text(BODY_BROKEN, reason=EXPLAINED.get(reason, reason))
        for person in comms_staff():
            notify(
                recipient=person,
                kind="slack_broken",
                key=f"slack-broken:{person.pk}:{int(now.timestamp())}",
                subject=SUBJECT_BROKEN,
                body=body,
                link=reverse("integrations_slack"),
            )
    logger.warning("Slack connection broken: %s", reason)
    return True


def _refused(answer: api.SlackAnswer) -> SlackError:
    """The refusal for a failed call; a token error breaks the connection first."""
    if answer.token_broken:
        connection_break(reason=answer.error)
    return SlackError(ERROR_SLACK_SAYS % {"reason": explain(answer.error)})


def connection_test(*, by: User) -> str:
    """Post a test message to the announcement channel (else to the editor's own Slack);
    returns where it went, in words."""
    connection = connection_usable()
    if connection is None:
        raise SlackError(ERROR_NOT_CONNECTED)
    account = SlackAccount.objects.filter(user=by, confirmed_at__isnull=False).first()
    if connection.announcement_channel:
        channel = connection.announcement_channel
        where = _("the announcement channel %(channel)s") % {"channel": channel}
    elif account is not None:
        channel, where = account.dm_channel, _("your own Slack")
    else:
        raise SlackError(ERROR_NOWHERE_TO_TEST)
    text, message = blocks.plain_message(str(TEST_MESSAGE))
    answer = api.post_message(connection.bot_token, channel=channel, text=text, blocks=message)
    if not answer.ok:
        raise _refused(answer)
    return where


# --- linking a person's account ---------------------------------------------------------------


def _code_hash(user_id: int, code: str) -> str:
    return salted_hmac("integrations.slack.link", f"{user_id}:{code}").hexdigest()


def account_link_start(*, user: User) -> SlackAccount:
    """Find the person in Slack by their work e-mail and send them a code there."""
    connection = connection_usable()
    if connection is None:
        raise SlackError(ERROR_NOT_CONNECTED)
    if SlackAccount.objects.filter(user=user, confirmed_at__isnull=False).exists():
        raise SlackError(ERROR_ALREADY_LINKED)
    if not user.email:
        raise SlackError(ERROR_NO_EMAIL)
    if rate_take(f"slack-code:{user.pk}", limit=CODES_PER_HOUR, seconds=3600) is not None:
        raise SlackError(ERROR_TOO_MANY_CODES)
    found = api.lookup_by_email(connection.bot_token, user.email)
    if not found.ok:
        if found.error == "users_not_found":
            raise SlackError(ERROR_NO_SLACK_USER % {"email": user.email})
        raise _refused(found)
    slack_user_id = str((found.data.get("user") or {}).get("id", ""))[:30]
    if not slack_user_id:
        raise SlackError(ERROR_SLACK_SAYS % {"reason": explain("users_not_found")})
    if (
        SlackAccount.objects.filter(slack_user_id=slack_user_id, confirmed_at__isnull=False)
        .exclude(user=user)
        .exists()
    ):
        raise SlackError(ERROR_TAKEN)
    opened = api.open_dm(connection.bot_token, slack_user_id)
    if not opened.ok:
        raise _refused(opened)
    dm_channel = str((opened.data.get("channel") or {}).get("id", ""))[:30]
    code = f"{secrets.randbelow(10**6):06d}"
    with translation.override(_language_of(user)):
        text, message = blocks.plain_message(str(CODE_MESSAGE % {"code": code}))
    sent = api.post_message(connection.bot_token, channel=dm_channel, text=text, blocks=message)
    if not sent.ok:
        raise _refused(sent)
    account, _created = SlackAccount.objects.update_or_create(
        user=user,
        defaults={
            "slack_user_id": slack_user_id,
            "dm_channel": dm_channel,
            "confirmed_at": None,
            "code_hash": _code_hash(user.pk, code),
            "code_expires_at": timezone.now() + CODE_VALID,
            "tries": 0,
        },
    )
    return account


def account_link_confirm(*, user: User, code: str) -> SlackAccount:
    """Link the account when `code` is the one sent; a wrong code counts, an expired one or
    the last wrong one takes the attempt away (ask for a new code)."""
    refusal = None
    with transaction.atomic():
        account = (
            SlackAccount.objects.select_for_update()
            .filter(user=user, confirmed_at__isnull=True)
            .first()
        )
        if account is None or not account.code_hash:
            raise SlackError(ERROR_NO_CODE, field="code")
        if account.code_expires_at is None or account.code_expires_at <= timezone.now():
            account.delete()
            refusal = SlackError(ERROR_CODE_EXPIRED, field="code")
        elif not constant_time_compare(account.code_hash, _code_hash(user.pk, code.strip())):
            account.tries = F("tries") + 1
            account.save(update_fields=["tries"])
            account.refresh_from_db(fields=["tries"])
            if account.tries >= CODE_TRIES:
                account.delete()
                refusal = SlackError(ERROR_TOO_MANY_TRIES, field="code")
            else:
                refusal = SlackError(ERROR_CODE_WRONG, field="code")
        else:
            account.confirmed_at = timezone.now()
            account.code_hash, account.code_expires_at, account.tries = "", None, 0
            try:
                with transaction.atomic():
                    account.save()
            except IntegrityError:
                account.delete()
                refusal = SlackError(ERROR_TAKEN, field="code")
    if refusal is not None:
        raise refusal
    return account


def account_unlink(*, user: User) -> bool:
    """Unlink the person's Slack account; what waits for Slack stays in-app."""
    from integrations.channels.outbox import deliveries_forget

    with transaction.atomic():
        deleted, _rows = SlackAccount.objects.filter(user=user).delete()
        deliveries_forget(user_id=user.pk, channel=CHANNEL)
    return bool(deleted)


def _language_of(user: User) -> str:
    person = getattr(user, "ambassador", None)
    return getattr(person, "language", "") or settings.LANGUAGE_CODE


# --- announcements ------------------------------------------------------------------------------


def announcement_plan(*, subject: str, object_id: int) -> SlackAnnouncement | None:
    """One announcement per push or campaign when the connection wants it; a second call
    for the same one adds nothing."""
    connection = connection_usable()
    if connection is None or not connection.announcement_channel:
        return None
    wanted = {
        SlackAnnouncement.Subject.PUSH: connection.announce_pushes,
        SlackAnnouncement.Subject.CAMPAIGN: connection.announce_campaigns,
    }
    if not wanted.get(subject):
        return None
    announcement, created = SlackAnnouncement.objects.get_or_create(
        subject=subject, object_id=object_id, defaults={"send_after": timezone.now()}
    )
    if not created:
        return None
    enqueue_on_commit(SEND_TASK, announcement.pk)
    return announcement


def _announcement_text(announcement: SlackAnnouncement) -> tuple[str, list[dict]] | None:
    from missions.models import Campaign
    from sharing.models import Push

    if announcement.subject == SlackAnnouncement.Subject.PUSH:
        push = Push.objects.select_related("item").filter(pk=announcement.object_id).first()
        if push is None:
            return None
        return blocks.announcement_message(
            headline=str(ANNOUNCE_PUSH),
            title=push.item.title,
            link=reverse("sharing:share", args=[push.item_id]),
        )
    campaign = Campaign.objects.filter(pk=announcement.object_id).first()
    if campaign is None:
        return None
    return blocks.announcement_message(
        headline=str(ANNOUNCE_CAMPAIGN), title=campaign.name, link=reverse("missions:list")
    )


def announcement_send(*, announcement_id: int) -> bool:
    """Send one announcement if it is due and nobody else is sending it."""
    now = timezone.now()
    if not (
        SlackAnnouncement.objects.filter(
            pk=announcement_id, status=SlackAnnouncement.Status.PENDING, send_after__lte=now
        )
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - ANNOUNCE_LEASE))
        .update(claimed_at=now, attempts=F("attempts") + 1)
    ):
        return False
    announcement = SlackAnnouncement.objects.get(pk=announcement_id)
    connection = connection_usable()
    with translation.override(settings.LANGUAGE_CODE):
        message = _announcement_text(announcement)
    if connection is None or not connection.announcement_channel or message is None:
        announcement.status, announcement.error = (
            SlackAnnouncement.Status.FAILED,
            str(ERROR_NOT_CONNECTED if message else "gone"),
        )
    else:
        text, shown = message
        answer = api.post_message(
            connection.bot_token, channel=connection.announcement_channel, text=text, blocks=shown
        )
        if answer.ok:
            announcement.status, announcement.sent_at = SlackAnnouncement.Status.SENT, now
            announcement.reference = {
                "channel": answer.data.get("channel", ""),
                "ts": answer.data.get("ts", ""),
            }
            announcement.error = ""
        elif answer.retry_after is not None and announcement.attempts < ANNOUNCE_ATTEMPTS:
            announcement.send_after = timezone.now() + answer.retry_after
            announcement.error = answer.error
        else:
            announcement.status, announcement.error = SlackAnnouncement.Status.FAILED, answer.error
            if answer.token_broken:
                connection_break(reason=answer.error)
    announcement.claimed_at = None
    announcement.save(
        update_fields=["status", "sent_at", "send_after", "reference", "error", "claimed_at"]
    )
    return announcement.status == SlackAnnouncement.Status.SENT


def announcements_sweep() -> int:
    """Periodic: announcements whose retry is due, and what a lost task left."""
    now = timezone.now()
    ids = list(
        SlackAnnouncement.objects.filter(
            status=SlackAnnouncement.Status.PENDING, send_after__lte=now
        )
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - ANNOUNCE_LEASE))
        .values_list("pk", flat=True)[:50]
    )
    return sum(announcement_send(announcement_id=pk) for pk in ids)


# --- interactions ---------------------------------------------------------------------------------


def response_url_allowed(url: str) -> bool:
    return isinstance(url, str) and any(
        url.startswith(prefix) for prefix in settings.SLACK_RESPONSE_URL_PREFIXES
    )


def _reply(response_url: str, body: dict) -> None:
    """Answer a button press on its response_url from a task: Slack wants the callback's
    own request answered within three seconds, and posting the answer may take longer.
    (What the press changed is committed by then: the callback runs no transaction.)"""
    if not response_url_allowed(response_url):
        logger.warning("Slack interaction: response_url not on the allow-list, not answered")
        return
    enqueue("integrations.tasks.slack_reply", response_url, json.dumps(body))


def reply_send(*, response_url: str, body: str) -> None:
    """Post one answer to a button press (checked against the allow-list again)."""
    if not response_url_allowed(response_url):
        return
    body = json.loads(body)
    try:
        outbound.post(
            response_url,
            body=json.dumps(body).encode(),
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
    except outbound.OutboundError:
        logger.warning("Slack interaction: the answer could not be delivered")


def _ephemeral(response_url: str, text: str) -> None:
    _reply(response_url, {"response_type": "ephemeral", "replace_original": False, "text": text})


def interaction_handle(*, payload: dict) -> str:
    """Act on a verified block_actions callback; returns what was done ("dismissed",
    "opened", "unknown user", "unknown action")."""
    from sharing.models import ContentItem
    from sharing.services import SharingError, item_dismiss

    response_url = payload.get("response_url", "")
    slack_user = (payload.get("user") or {}).get("id", "")
    actions = payload.get("actions") or []
    action = actions[0] if actions and isinstance(actions[0], dict) else {}
    connection = connection_get()
    team = (payload.get("team") or {}).get("id", "")
    account = (
        SlackAccount.objects.select_related("user__ambassador")
        .filter(slack_user_id=str(slack_user), confirmed_at__isnull=False, user__is_active=True)
        .first()
        if slack_user
        and connection is not None
        and (not connection.team_id or team == connection.team_id)
        else None
    )
    if account is None:
        with translation.override(settings.LANGUAGE_CODE):
            _ephemeral(response_url, str(REPLY_UNKNOWN_USER))
        return "unknown user"
    with translation.override(_language_of(account.user)):
        if action.get("action_id") == blocks.OPEN:
            return "opened"  # a link button: Slack opened it, nothing to do here
        item_id = (
            blocks.item_of_value(str(action.get("value", "")))
            if action.get("action_id") == blocks.NOT_RELEVANT
            else None
        )
        item = ContentItem.objects.filter(pk=item_id).first() if item_id else None
        if item is None:
            _ephemeral(response_url, str(REPLY_UNKNOWN_ACTION))
            return "unknown action"
        try:
            item_dismiss(user=account.user, item=item)
        except SharingError as refusal:
            _ephemeral(response_url, str(refusal))
            return "refused"
        text, shown = blocks.plain_message(str(REPLY_DISMISSED % {"title": item.title}))
        _reply(response_url, {"replace_original": True, "text": text, "blocks": shown})
    return "dismissed"
