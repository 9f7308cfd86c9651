"""What a delivery channel is to the outbox: a sender registered under its code.

A channel module (web push, Slack, Teams) registers one `ChannelSender` from the app's
`ready()` (`sender_register`) and offers itself on the profile through
`ambassadors.channels.channel_offer`. The outbox does the rest: it plans a delivery for
each notification whose recipient chose the channel and can be reached by it, claims due
ones, keeps quiet hours and the person's current choices, and records what came of each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..models import ChannelDelivery


@dataclass(frozen=True)
class Outcome:
    """What came of one delivery.

    `sent`: it arrived. Otherwise `retry_after` tries again after that long (a timeout, a
    5xx, a 429); without it the delivery failed for good and the notification stays in-app
    only. `reference`: what the channel keeps to act on its message later.
    """

    sent: bool
    error: str = ""
    retry_after: dt.timedelta | None = None
    reference: dict = field(default_factory=dict)


SENT = Outcome(sent=True)


def failed(error: str) -> Outcome:
    return Outcome(sent=False, error=error[:300])


def retry(error: str, after: dt.timedelta) -> Outcome:
    return Outcome(sent=False, error=error[:300], retry_after=after)


class ChannelSender(Protocol):
    code: str

    def available(self) -> bool:
        """Whether the organisation set the channel up (and it is switched on)."""

    def reachable(self, user_ids: Iterable[int]) -> set[int]:
        """Which of these people the channel can reach now (a linked account, a device):
        one query for any number of people."""

    def send(self, deliveries: list[ChannelDelivery]) -> list[Outcome]:
        """Send claimed deliveries (with `notification` and its `recipient` loaded), one
        outcome each, in order. Must not raise for one bad delivery. It never writes the
        deliveries (the outbox records the outcomes); what it keeps of its own (an expired
        push subscription dropped, a connection marked broken) it writes after its
        requests, idempotently."""


_senders: dict[str, ChannelSender] = {}


def sender_register(sender: ChannelSender) -> None:
    _senders[sender.code] = sender


def sender_for(code: str) -> ChannelSender | None:
    return _senders.get(code)


def senders() -> list[ChannelSender]:
    return [sender for _code, sender in sorted(_senders.items())]
