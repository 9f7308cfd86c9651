"""Which ways reach a person, per kind of message: the one place that decides.

Every notification and nudge shows in-app. Beside that, a person chooses per category
(suggestions, mission offers, mentor replies, ...) the channels that may also bring it:
e-mail, and whatever the `integrations` app offers (web push, Slack, Teams). A channel is
one more way to deliver a notification, never an extra one: it counts once against the
attention budget whatever reaches the person.

The apps that make notifications register their kinds' category from their
`AppConfig.ready()`; `integrations` registers the channels it offers. Ambassadors imports
no other app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

EMAIL = "email"


class Category(models.TextChoices):
    """What a message is about, as a person chooses how it may reach them."""

    SUGGESTIONS = "suggestions", _("Suggestions to share")
    MISSIONS = "missions", _("Mission offers and reminders")
    MENTOR = "mentor", _("Replies from your mentor")
    DESK = "desk", _("Mentor desk work")
    OTHER = "other", _("Everything else")


# What a new person (and anyone who never chose) gets besides in-app: e-mail for all.
DEFAULT_CHANNELS: tuple[str, ...] = (EMAIL,)

_categories: dict[str, str] = {}


def notification_kinds_category(category: str, *kinds: str) -> None:
    """File notifications of `kinds` under `category` (from the making app's `ready()`);
    kinds never filed are `Category.OTHER`."""
    _categories.update(dict.fromkeys(kinds, Category(category).value))


def category_of(kind: str) -> str:
    return _categories.get(kind, Category.OTHER.value)


@dataclass(frozen=True)
class ChannelOffer:
    """A channel `integrations` offers, as the profile shows it.

    `available()`: whether the organisation set it up at all (no column otherwise).
    `reaches(user)`: whether it can reach this person now (a linked chat account, a device).
    `manage_url_name`: where the person links an account or manages devices.
    `categories`: the categories it may carry (a mentor's desk work is not pushed to chat).
    """

    code: str
    label: str | Promise
    available: Callable[[], bool]
    reaches: Callable[[User], bool]
    manage_url_name: str = ""
    manage_label: str | Promise = ""
    categories: tuple[str, ...] = tuple(Category.values)


_offers: dict[str, ChannelOffer] = {}


def channel_offer(offer: ChannelOffer) -> None:
    """Offer a delivery channel beside e-mail (from `integrations`' `ready()`)."""
    _offers[offer.code] = offer


def channels_offered() -> list[ChannelOffer]:
    """The channels beside e-mail the organisation set up, in a stable order."""
    return [offer for code, offer in sorted(_offers.items()) if offer.available()]


def channel_codes() -> list[str]:
    """Every channel code a choice may hold: e-mail and those registered."""
    return [EMAIL, *sorted(_offers)]


def channels_chosen(choices: dict | None, kind: str, *, paused: bool = False) -> set[str]:
    """The channels beside in-app that a person with `choices` (`Ambassador.channel_choices`)
    wants for a notification of `kind`: none while they paused every channel."""
    if paused:
        return set()
    category = category_of(kind)
    chosen = (choices or {}).get(category)
    return set(DEFAULT_CHANNELS if chosen is None else chosen)


def choices_without(choices: dict | None, *, category: str, channel: str) -> dict:
    """`choices` with `channel` switched off for `category` (one-click unsubscribe)."""
    updated = dict(choices or {})
    current = updated.get(category)
    current = list(DEFAULT_CHANNELS) if current is None else list(current)
    updated[category] = [code for code in current if code != channel]
    return updated


def choices_valid(choices) -> bool:
    """Whether `choices` is a {category: [channel, ...]} mapping of known codes."""
    if not isinstance(choices, dict):
        return False
    codes = set(channel_codes())
    return all(
        category in Category.values
        and isinstance(chosen, list)
        and all(isinstance(code, str) and code in codes for code in chosen)
        for category, chosen in choices.items()
    )
