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

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ambassadors.channels import Category, ChannelOffer
from ambassadors.models import Network, SocialProfile

from ..models import ChannelDelivery, SlackAccount
from ..slack import api, blocks
from ..slack import services as slack
from . import base

CODE = "slack"
SUGGESTION = "share_suggestion"
CATEGORIES = (Category.SUGGESTIONS, Category.MISSIONS, Category.MENTOR, Category.OTHER)


def _item_id_of(link: str) -> int | None:
    try:
        match = resolve(link.split("?")[0])
    except Resolver404:
        return None
    if match.view_name == "sharing:share":
        return int(match.kwargs["item_id"])
    return None


def _suggestions(item_ids: set[int], user_ids: set[int]):
    """The items and each person's networks: three queries for any number."""
    from sharing.models import ContentItem

    items = {
        item.pk: item
        for item in ContentItem.objects.filter(pk__in=item_ids).prefetch_related("variants")
    }
    networks: dict[int, list[str]] = defaultdict(list)
    for user_id, network in SocialProfile.objects.filter(
        ambassador__user_id__in=user_ids
    ).values_list("ambassador__user_id", "network"):
        networks[user_id].append(network)
    return items, networks


def suggestion_of(item, networks: Iterable[str]) -> blocks.Suggestion | None:
    """The item with one suggested text: for a network the person uses, else the first."""
    variants = list(item.variants.all())
    if not variants:
        return None
    used = set(networks)
    chosen = next((v for v in variants if v.network in used), variants[0])
    return blocks.Suggestion(
        item_id=item.pk,
        title=item.title,
        text=chosen.text,
        network_label=Network(chosen.network).label,
    )


def message_of(notification, language: str, suggestion: blocks.Suggestion | None):
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
        item_ids = {
            row.notification.pk: _item_id_of(row.notification.link)
            for row in deliveries
            if row.notification.kind == SUGGESTION
        }
        languages = {
            row.notification.recipient_id: getattr(
                getattr(row.notification.recipient, "ambassador", None), "language", ""
            )
            or settings.LANGUAGE_CODE
            for row in deliveries
        }
        items, networks = (
            _suggestions({i for i in item_ids.values() if i}, user_ids)
            if any(item_ids.values())
            else ({}, {})
        )
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
            item = items.get(item_ids.get(notification.pk) or 0)
            suggestion = (
                suggestion_of(item, networks.get(notification.recipient_id, ()))
                if item is not None
                else None
            )
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
