"""Waiting for another process: poll a condition until it holds, with a deadline.

Tests never sleep a fixed time to let something happen: they wait until it has happened
(or, to show that something does NOT happen, until the work that could do it is over).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class WaitTimeout(AssertionError):
    """The condition did not hold before the deadline."""


def wait_until(
    condition: Callable[[], T],
    *,
    timeout: float,
    interval: float = 0.1,
    ignoring: tuple[type[BaseException], ...] = (),
    message: str | Callable[[], str] = "",
) -> T:
    """Call `condition` until it returns something truthy, and return that.

    `timeout`: seconds until giving up with WaitTimeout (an AssertionError), whose text is
    `message` (a callable is called then, e.g. to read a process's log). Exceptions of the
    types in `ignoring` count as "not yet" (a server that does not accept connections yet).
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = condition()
        except ignoring:
            result = None
        if result:
            return result
        if time.monotonic() >= deadline:
            text = message() if callable(message) else message
            raise WaitTimeout(f"not within {timeout} s" + (f": {text}" if text else ""))
        time.sleep(interval)
