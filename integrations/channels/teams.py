"""Teams as a delivery channel: a notification arrives as an Adaptive Card in the bot's
conversation with the person (a confirmed `TeamsAccount`).

A share suggestion carries the item's title, one suggested text (for a network the person
uses, else the first), a button to the composer and a "Not relevant" button to a page of
ours that dismisses the item after sign-in. Reads a fixed number of queries per batch; the
one write, marking the bot broken when Microsoft refuses its credentials, happens after the
batch's requests (and touches only the connection row, never the outbox's).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from integrations.models.teams import TeamsAccount, TeamsConnection

from ..teams import cards, client
from . import base
from .suggestions import Suggestion, suggestions_for

CODE = "teams"
NOT_RELEVANT_SALT = "integrations.teams.not-relevant"
# How long a "Not relevant" button works: the outbox gives up on a delivery after a day,
# the item stays in the person's Teams history longer.
NOT_RELEVANT_MAX_AGE = 60 * 60 * 24 * 30


def not_relevant_token(*, user_id: int, item_id: int) -> str:
    return signing.dumps({"u": user_id, "i": item_id}, salt=NOT_RELEVANT_SALT, compress=True)


def not_relevant_read(token: str) -> tuple[int, int] | None:
    """(user id, item id) of a genuine token, else None."""
    try:
        data = signing.loads(token, salt=NOT_RELEVANT_SALT, max_age=NOT_RELEVANT_MAX_AGE)
        return int(data["u"]), int(data["i"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def suggestion_card(*, user, suggestion: Suggestion, language: str, body: str = "") -> dict:
    """The card of a share suggestion for `user`, in `language` (no queries)."""
    with translation.override(language):
        token = not_relevant_token(user_id=user.pk, item_id=suggestion.item_id)
        return cards.card(
            title=suggestion.title,
            text=suggestion.summary[:300] or body,
            quote=suggestion.text,
            quote_label=_("Suggested text for %(network)s") % {"network": suggestion.network_label}
            if suggestion.network
            else "",
            buttons=[
                cards.Button(
                    _("Open in the composer"), reverse("sharing:share", args=[suggestion.item_id])
                ),
                cards.Button(_("Not relevant"), reverse("teams:not_relevant", args=[token])),
            ],
        )


def notification_card(*, notification, language: str) -> dict:
    text = notification.text_in(language)
    with translation.override(language):
        buttons = [cards.Button(_("Open"), text.link)] if text.link else []
        return cards.card(title=text.subject, text=text.body, buttons=buttons)


class TeamsSender:
    code = CODE

    def available(self) -> bool:
        return TeamsConnection.load().bot_ready

    def reachable(self, user_ids: Iterable[int]) -> set[int]:
        return set(
            TeamsAccount.objects.filter(
                user_id__in=list(user_ids), confirmed_at__isnull=False
            ).values_list("user_id", flat=True)
        )

    def send(self, deliveries) -> list[base.Outcome]:
        connection = TeamsConnection.load()
        user_ids = {row.notification.recipient_id for row in deliveries}
        accounts = {
            account.user_id: account
            for account in TeamsAccount.objects.filter(
                user_id__in=user_ids, confirmed_at__isnull=False
            )
        }
        suggestions = suggestions_for([row.notification for row in deliveries])
        outcomes: list[base.Outcome] = []
        broken = ""
        for row in deliveries:
            notification = row.notification
            account = accounts.get(notification.recipient_id)
            if broken:
                outcomes.append(base.failed(broken))
                continue
            if account is None:
                outcomes.append(base.failed("no confirmed Teams account"))
                continue
            person = getattr(notification.recipient, "ambassador", None)
            language = getattr(person, "language", None) or settings.LANGUAGE_CODE
            suggestion = suggestions.get(notification.pk)
            try:
                if suggestion is not None:
                    adaptive_card = suggestion_card(
                        user=notification.recipient,
                        suggestion=suggestion,
                        language=language,
                        body=notification.text_in(language).body,
                    )
                else:
                    adaptive_card = notification_card(notification=notification, language=language)
            except Exception as error:  # one bad notification is not the batch's problem
                outcomes.append(base.failed(f"card: {type(error).__name__}"))
                continue
            summary = notification.text_in(language).subject
            answer = client.activity_send(
                connection,
                account.conversation_id,
                cards.bot_activity(adaptive_card, summary=summary),
            )
            if answer.ok:
                outcomes.append(
                    base.Outcome(
                        sent=True, reference={"activity": (answer.data or {}).get("id", "")}
                    )
                )
            elif answer.broken:
                broken = answer.error
                outcomes.append(base.failed(answer.error))
            elif answer.retry_after is not None:
                outcomes.append(base.retry(answer.error, answer.retry_after))
            else:
                outcomes.append(base.failed(answer.error))
        if broken:
            from ..teams.services import teams_mark_broken

            teams_mark_broken(part="bot", reason=broken)
        return outcomes


sender = TeamsSender()


def register() -> None:
    """The sender for the outbox, and the Teams column of the profile's channel table."""
    from django.utils.translation import gettext_lazy

    from ambassadors.channels import Category, ChannelOffer, channel_offer

    base.sender_register(sender)
    channel_offer(
        ChannelOffer(
            code=CODE,
            label="Teams",
            available=sender.available,
            reaches=lambda user: bool(sender.reachable([user.pk])),
            manage_url_name="teams:link",
            manage_label=gettext_lazy("Link your Teams account"),
            categories=(Category.SUGGESTIONS, Category.MISSIONS, Category.MENTOR, Category.OTHER),
        )
    )
