"""Named versions of data that many people read the same way, kept in the shared cache.

A reader stores what it computed under the versions it read (`current`); a write that
changes the data moves its version (`move`), so every web process computes the value anew on
its next read. Apps move a version by name (PROGRAMME, PEOPLE below) without knowing who
reads it: the insights pages read them (insights/cache.py); the services that change that
data in bulk, where no save signal tells, move them.

Inside a transaction the shared version moves once, when it commits: other processes cannot
see the write before that, and a reader that ran before the commit stored its value under
the old version. Until then, readers on the same connection (which do see the write) get a
version of their own, new after every move, so they never reuse a value from before it. So
a transaction that saves ten thousand rows writes the shared cache once per name, not ten
thousand times. A version missing from the cache (evicted, or a new cache) starts anew: it
never matches a value stored before.
"""

from __future__ import annotations

import itertools
import time

from django.core.cache import cache
from django.db import transaction

PREFIX = "version:"
# The versions apps move by name. PROGRAMME: pushes, campaigns, assignments, library items.
# PEOPLE: what is shown about people by name (opt-ins, departments, status, points).
PROGRAMME = "programme"
PEOPLE = "people"
# DESK: the mentor desk's requests and everything shown with them (thread, drafts, history,
# ratings, canned responses); moved by the mentors app's save receivers and bulk updates.
DESK = "desk"

_local = itertools.count(1)


def current(*names: str) -> tuple[int | str, ...]:
    """The versions of `names`, in one read of the cache (a missing one is started)."""
    keys = [PREFIX + name for name in names]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, time.time_ns(), None)
        found |= cache.get_many(missing)
    pending = _pending(transaction.get_connection())
    return tuple(
        f"{found[PREFIX + name]}-{pending[name][1]}" if name in pending else found[PREFIX + name]
        for name in names
    )


def move(*names: str) -> None:
    """The data behind `names` changed: what was computed from it is out of date."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _publish(names)
        return
    pending = _pending(connection)
    first = [name for name in names if name not in pending]
    for name in names:
        # Django gives `run_on_commit` a new list whenever it runs or drops callbacks (a
        # commit, a rollback, a savepoint rolled back): kept with the list, a mark lasts as
        # long as the callback that will publish the move.
        pending[name] = (connection.run_on_commit, next(_local))
    if first:
        transaction.on_commit(lambda: _publish(first))


def _pending(connection) -> dict[str, tuple[list, int]]:
    """The names moved in the connection's open transaction whose publishing still waits."""
    marks = connection.__dict__.setdefault("_academy_versions", {})
    hooks = connection.run_on_commit
    for name in [name for name, (kept, _n) in marks.items() if kept is not hooks]:
        del marks[name]
    return marks


def _publish(names) -> None:
    cache.set_many(dict.fromkeys((PREFIX + name for name in names), time.time_ns()), None)
