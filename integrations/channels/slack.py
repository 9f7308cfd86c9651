"""Slack as a delivery channel: a notification becomes a direct message to the person's
linked Slack account, as Block Kit, in the recipient's language.

A share suggestion carries its item, one suggested text (for a network the person uses,
else the first) and two buttons: "Open in the composer" and "Not relevant" (answered by
`integrations.slack.views.interactions`). The batch reads what it needs in a fixed number
of queries (the connection, the accounts, the items with their texts, the networks) and
writes nothing; when Slack refuses the token, the rest of the batch is not tried and the
connection is broken after the batch (`_break_after`), on commit.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ambassadors.channels import Category, ChannelOffer

from ..models import ChannelDelivery, SlackAccount
from ..slack import api, blocks
from ..slack import services as slack
from . import base
from .suggestions import Suggestion, suggestions_for

CODE = "slack"
CATEGORIES = (Category.SUGGESTIONS, Category.MISSIONS, Category.MENTOR, Category.OTHER)


def message_of(notification, language: str, suggestion: Suggestion | None):
    """(fallback text, blocks) of a notification in `language`."""
    with translation.override(language):
        text = notification.text_in(language)
        return blocks.notification_message(
            subject=str(text.subject),
            body=str(text.body),
            link=str(text.link),
            suggestion=suggestion,
        )


def _break_after(reason: str) -> None:
    # The sender may not write while the outbox settles its batch: the connection is marked
    # broken once the outbox's work is committed (at once when there is no transaction).
    transaction.on_commit(lambda: slack.connection_break(reason=reason))


class SlackSender:
    code = CODE

    def available(self) -> bool:
        return slack.connection_usable() is not None

    def reachable(self, user_ids: Iterable[int]) -> set[int]:
        return set(
            SlackAccount.objects.filter(
                user_id__in=list(user_ids), confirmed_at__isnull=False
            ).values_list("user_id", flat=True)
        )

    def send(self, deliveries: list[ChannelDelivery]) -> list[base.Outcome]:
        connection = slack.connection_usable()
        if connection is None:
            return [base.failed(str(slack.ERROR_NOT_CONNECTED))] * len(deliveries)
        user_ids = {row.notification.recipient_id for row in deliveries}
        channels = dict(
            SlackAccount.objects.filter(
                user_id__in=user_ids, confirmed_at__isnull=False
            ).values_list("user_id", "dm_channel")
        )
        suggestions = suggestions_for([row.notification for row in deliveries])
        languages = {
            row.notification.recipient_id: getattr(
                getattr(row.notification.recipient, "ambassador", None), "language", ""
            )
            or settings.LANGUAGE_CODE
            for row in deliveries
        }
        outcomes: list[base.Outcome] = []
        broken = ""
        for row in deliveries:
            notification = row.notification
            channel = channels.get(notification.recipient_id)
            if broken:
                outcomes.append(base.failed(broken))
                continue
            if not channel:
                outcomes.append(base.failed("no linked Slack account"))
                continue
            suggestion = suggestions.get(notification.pk)
            text, message = message_of(
                notification, languages[notification.recipient_id], suggestion
            )
            answer = api.post_message(
                connection.bot_token, channel=channel, text=text, blocks=message
            )
            if answer.ok:
                outcomes.append(
                    base.Outcome(
                        sent=True,
                        reference={
                            "channel": str(answer.data.get("channel", channel)),
                            "ts": str(answer.data.get("ts", "")),
                        },
                    )
                )
            elif answer.token_broken:
                broken = answer.error
                outcomes.append(base.failed(answer.error))
            elif answer.retry_after is not None:
                outcomes.append(base.retry(answer.error, answer.retry_after))
            else:
                outcomes.append(base.failed(answer.error))
        if broken:
            _break_after(broken)
        return outcomes


def _reaches(user) -> bool:
    return SlackAccount.objects.filter(user=user, confirmed_at__isnull=False).exists()


SENDER = SlackSender()
OFFER = ChannelOffer(
    code=CODE,
    label="Slack",
    available=SENDER.available,
    reaches=_reaches,
    manage_url_name="slack:link",
    manage_label=_("Link your Slack account"),
    categories=tuple(category.value for category in CATEGORIES),
)


def register() -> None:
    from ambassadors.channels import channel_offer

    base.sender_register(SENDER)
    channel_offer(OFFER)
