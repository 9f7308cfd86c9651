"""Named versions of data that many people read the same way, kept in the shared cache.

A reader stores what it computed under the versions it read (`current`); a write that
changes the data moves its version (`move`), so every web process computes the value anew on
its next read. Apps move a version by name (PROGRAMME, PEOPLE below) without knowing who
reads it: the insights pages read them (insights/cache.py); the services that change that
data in bulk, where no save signal tells, move them.

A version is moved at once and again when the transaction commits: a reader that ran in
between would otherwise have stored the state from before the write under the new version.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction

PREFIX = "version:"
# The versions apps move by name. PROGRAMME: pushes, campaigns, assignments, library items.
# PEOPLE: what is shown about people by name (opt-ins, departments, status, points).
PROGRAMME = "programme"
PEOPLE = "people"


def current(*names: str) -> tuple[int, ...]:
    """The versions of `names`, in one read of the cache (a missing one is started)."""
    keys = [PREFIX + name for name in names]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, time.time_ns(), None)
        found |= cache.get_many(missing)
    return tuple(found[key] for key in keys)


def move(*names: str) -> None:
    """The data behind `names` changed: what was computed from it is out of date."""

    def moved() -> None:
        cache.set_many(dict.fromkeys((PREFIX + name for name in names), time.time_ns()), None)

    moved()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(moved)
