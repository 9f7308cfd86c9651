"""What comms staff change in the CMS and nearly every page reads, cached until they change it.

The header's links, the locale of a language, the current version of each guideline: these
change when someone publishes, unpublishes, moves or deletes a page, or adds a locale or a
site. Every such change moves one version number in the shared cache, and every value is
stored under the version it was computed for, so a change is seen at once by every web
process (the cache is shared: Redis, or files on one machine). Values also expire after
STRUCTURE_TIMEOUT, a bound on staleness should a change bypass the signals (a raw SQL edit).

Within one request the version is read from the shared cache once, and a value stored under
a version never changes: each process keeps the values it has read (a few hundred, in
memory) until they expire, so a page reads the shared cache once for the version and not
once per value.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "structure:version"
STRUCTURE_TIMEOUT = 300
KEPT_IN_PROCESS = 512
# How long a process keeps a value it read (seconds): within STRUCTURE_TIMEOUT, the bound
# for changes that bypass the signals, whatever time the value had left in the cache.
KEPT_SECONDS = 60
_MISSING = object()

# The version as this thread's current request read it (None outside a request: tasks and
# commands read the shared cache each time).
_request = threading.local()
# Values by their versioned key, as this process read them: (value, expires at).
_kept: OrderedDict[str, tuple[Any, float]] = OrderedDict()
_kept_lock = threading.Lock()


def version(request=None) -> int:
    """The current structure version: read once per request."""
    current = getattr(_request, "version", None) if getattr(_request, "active", False) else None
    if current is not None:
        return current
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        current = cache.get(VERSION_KEY)
    if getattr(_request, "active", False):
        _request.version = current
    return current


def changed(**_signal_kwargs) -> None:
    """Something in the site's structure changed: every cached value is out of date.

    At once (this request sees its own change), and again when the transaction commits: a
    page another process computed in between read the state from before the commit (a
    publish's new guideline version, a deleted page) and stored it under the first move."""

    def move():
        new = time.time_ns()
        cache.set(VERSION_KEY, new, None)
        if getattr(_request, "active", False):
            _request.version = new

    move()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(move)


def request_started(**_signal_kwargs) -> None:
    _request.active, _request.version = True, None


def request_finished(**_signal_kwargs) -> None:
    _request.active, _request.version = False, None


def cached(name: str, compute: Callable[[], Any], request=None) -> Any:
    """`compute()`'s value for the current structure, from the cache when it was computed.

    `request` is accepted for the callers that have one; the version is per request anyway."""
    return kept(f"structure:{version()}:{name}", compute, STRUCTURE_TIMEOUT)


def kept(key: str, compute: Callable[[], Any], timeout: int) -> Any:
    """A value for everyone, stored in the shared cache for `timeout` under a `key` that
    names what it was computed from (a version), and kept by this process for KEPT_SECONDS:
    such a value never changes, so a page reads it from memory, not the cache, once any
    request of this process has read it. The key also names the code release (a value
    pickled by other code is never read back)."""
    key = f"{settings.ACADEMY_RELEASE}:{key}"
    now = time.monotonic()
    found = _kept.get(key)
    if found is not None and found[1] > now:
        return found[0]
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout)
    with _kept_lock:
        _kept[key] = (value, now + KEPT_SECONDS)
        _kept.move_to_end(key)
        # Oldest first, so the expired ones (under versions since moved on, most of them)
        # leave from the front: the process holds what it read in the last minute only.
        while _kept and (len(_kept) > KEPT_IN_PROCESS or next(iter(_kept.values()))[1] <= now):
            _kept.popitem(last=False)
    return value


def active_locale_id() -> int | None:
    """The Wagtail locale of the active language (None before any locale exists)."""
    from django.utils.translation import get_language
    from wagtail.models import Locale

    def compute():
        try:
            return Locale.get_active().pk
        except Locale.DoesNotExist:
            return None

    return cached(f"locale:{get_language()}", compute)


def locale_id(language: str, request=None) -> int | None:
    """The Wagtail locale of `language` (None when the site has none for it)."""
    from wagtail.models import Locale

    def compute():
        found = Locale.objects.filter(language_code=language).values_list("pk", flat=True)
        return next(iter(found), None)

    return cached(f"locale-of:{language}", compute, request=request)


def connect() -> None:
    """Listen for the changes that move the version (called from AppConfig.ready)."""
    from django.core import signals
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Locale, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    signals.request_started.connect(request_started, dispatch_uid="structure-request")
    signals.request_finished.connect(request_finished, dispatch_uid="structure-request-end")
    page_published.connect(changed, dispatch_uid="structure-published")
    page_unpublished.connect(changed, dispatch_uid="structure-unpublished")
    post_page_move.connect(changed, dispatch_uid="structure-moved")
    post_delete.connect(_page_deleted, dispatch_uid="structure-page-deleted")
    from wagtail.images import get_image_model

    # Images too: rendered page bodies kept here point at their renditions.
    for model in (Locale, Site, PageViewRestriction, get_image_model()):
        post_save.connect(changed, sender=model, dispatch_uid=f"structure-save-{model.__name__}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"structure-del-{model.__name__}")


def _page_deleted(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        changed()
