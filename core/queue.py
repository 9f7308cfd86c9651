"""The one way the project hands work to django-q2.

`enqueue_on_commit()` rings the worker's doorbell after the current transaction commits,
so a task never looks for rows that are not there yet. With django-q2's sync mode (the
test settings) the task runs right here instead, without django-q2's own sync runner,
which closes the caller's database connection in the middle of its work.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.module_loading import import_string


def enqueue(task_path: str, *args) -> None:
    from django_q.conf import Conf
    from django_q.tasks import async_task

    if Conf.SYNC:
        import_string(task_path)(*args)
    else:
        async_task(task_path, *args)


def enqueue_on_commit(task_path: str, *args) -> None:
    transaction.on_commit(lambda: enqueue(task_path, *args))


def in_batches(queryset, size: int = 500):
    """Rows of a queryset, fetched in batches by primary key.

    Not `.iterator()`: a task that enqueues more work while it loops must not hold a
    database cursor open, because django-q2 may close idle connections when it enqueues
    (on SQLite the connection is closed after every use).
    """
    last = None
    while True:
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        rows = list(page[:size])
        if not rows:
            return
        yield from rows
        last = rows[-1].pk
