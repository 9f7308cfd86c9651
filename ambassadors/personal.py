"""What a person's own pages show (the path, a lesson, the missions), cached per person.

The frame (ambassadors/frame.py) holds what every page needs; this holds what one page needs
and only that person can change: their progress, enrolments, quiz attempts, assignments,
points, shares, notifications. A page computes its data once, stores it under the person's
key, and reads it from there until one of these moves:

- the person's token: every write of their data changes it (`forget`), from a receiver of
  the model's saves and deletes that the app owning the model connects (`follow`), and from
  the services that write in bulk (update, bulk_create), which call `forget` themselves.
  The token is read before the value is computed and stored with it, so a page computed
  while a write happened is never read back: exact, not "mostly".
- the epoch: data every person's page reads and only staff change (growth rules, the
  mission catalogue, the programme's settings) moves it for everyone at once
  (`follow_shared`, `forget_everyone`);
- the structure version (core/structure.py): comms staff publish a course or a guideline;
- the moment the value itself names as its end (`until`): an offer that starts showing, a
  due date that passes, a planned notification, the next week of the attention budget.

Values are data, never HTML (pages hold a CSRF token), and expire after PERSONAL_TIMEOUT:
the bound on staleness should a write bypass these calls (a raw SQL edit).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from core import structure

PERSONAL_TIMEOUT = 600
EPOCH_KEY = "personal:epoch"
# Forgetting more people than this at once moves the epoch instead (one write, not thousands).
FORGET_ONE_BY_ONE = 200


@dataclass(frozen=True)
class Entry:
    token: int
    epoch: int
    structure: int
    until: float | None
    value: Any


def _cache():
    # The frame's cache: per person, shared by every process, one file per key without Redis.
    return caches["frame"]


def _token_key(user_id: int) -> str:
    return f"personal:token:{user_id}"


def _value_key(user_id: int, name: str) -> str:
    # The release: a value pickled by other code is never read back (settings.py).
    return f"personal:{settings.ACADEMY_RELEASE}:{user_id}:{name}"


def _new_token(key: str) -> int:
    _cache().add(key, time.time_ns(), None)
    return _cache().get(key)


def cached(
    user_id: int,
    name: str,
    compute: Callable[[], tuple[Any, float | None]],
    request=None,
) -> Any:
    """The value `compute()` returns for this person, from the cache while it is current.

    `compute` returns (value, until): `until` is the moment (epoch seconds) the value stops
    being right by itself, or None. `name` must hold whatever else the value depends on
    (the language, the page, the person's stage)."""
    token_key, value_key = _token_key(user_id), _value_key(user_id, name)
    found = _cache().get_many([token_key, EPOCH_KEY, value_key])
    token = found.get(token_key) or _new_token(token_key)
    epoch = found.get(EPOCH_KEY) or _new_token(EPOCH_KEY)
    structure_version = structure.version(request)
    entry = found.get(value_key)
    if (
        entry is not None
        and entry.token == token
        and entry.epoch == epoch
        and entry.structure == structure_version
        and (entry.until is None or entry.until > timezone.now().timestamp())
    ):
        return entry.value
    value, until = compute()
    _cache().set(value_key, Entry(token, epoch, structure_version, until, value), PERSONAL_TIMEOUT)
    return value


def earliest(*moments) -> float | None:
    """The first of these moments (datetimes or None) as epoch seconds, or None."""
    known = [moment.timestamp() for moment in moments if moment is not None]
    return min(known) if known else None


def forget(user_ids: Iterable[int | None]) -> None:
    """These people's data changed: their pages compute their data anew.

    At once, and again when the transaction commits: a page computed in between would
    otherwise store the state from before the write under the new token."""
    wanted = {pk for pk in user_ids if pk is not None}
    if len(wanted) > FORGET_ONE_BY_ONE:
        forget_everyone()
    elif wanted:
        _later(
            lambda: _cache().set_many(
                {_token_key(pk): time.time_ns() for pk in wanted}, timeout=None
            )
        )


def forget_everyone(**_signal_kwargs) -> None:
    _later(lambda: _cache().set(EPOCH_KEY, time.time_ns(), None))


def _later(drop) -> None:
    drop()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(drop)


def follow(model, user_field: str = "user_id", deletes: bool = True) -> None:
    """Saves (and deletes) of `model`'s rows change the page data of the person they name.

    Bulk writes bypass these receivers: the services that make them call `forget`."""
    from django.db.models.signals import post_delete, post_save

    def changed(sender, instance, **kwargs) -> None:
        forget([getattr(instance, user_field)])

    name = f"{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"personal-save-{name}")
    if deletes:
        post_delete.connect(
            changed, sender=model, weak=False, dispatch_uid=f"personal-delete-{name}"
        )


def follow_shared(model) -> None:
    """Saves and deletes of `model` (staff data every person's page reads) retire every value."""
    from django.db.models.signals import post_delete, post_save

    name = f"{model._meta.label}"
    for signal in (post_save, post_delete):
        signal.connect(
            forget_everyone, sender=model, weak=False, dispatch_uid=f"personal-{signal}-{name}"
        )
