"""What comms staff change in the CMS and nearly every page reads, cached until they change it.

The header's links, the locale of a language, the current version of each guideline: these
change when someone publishes, unpublishes, moves or deletes a page, or adds a locale or a
site. Every such change moves one version number in the shared cache, and every value is
stored under the version it was computed for, so a change is seen at once by every web
process (the cache is shared: Redis, or files on one machine). Values also expire after
STRUCTURE_TIMEOUT, a bound on staleness should a change bypass the signals (a raw SQL edit).

Within one request each value is read from the cache once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

VERSION_KEY = "structure:version"
STRUCTURE_TIMEOUT = 300
_MISSING = object()


def version(request=None) -> int:
    """The current structure version; read once per request when `request` is given."""
    current = getattr(request, "_academy_structure_version", None)
    if current is not None:
        return current
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        current = cache.get(VERSION_KEY)
    if request is not None:
        request._academy_structure_version = current
    return current


def changed(**_signal_kwargs) -> None:
    """Something in the site's structure changed: every cached value is out of date."""
    cache.set(VERSION_KEY, time.time_ns(), None)


def cached(name: str, compute: Callable[[], Any], request=None) -> Any:
    """`compute()`'s value for the current structure, from the cache when it was computed."""
    memo = getattr(request, "_academy_structure", None) if request is not None else None
    if memo is not None and name in memo:
        return memo[name]
    key = f"structure:{version(request)}:{name}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, STRUCTURE_TIMEOUT)
    if request is not None:
        if memo is None:
            memo = request._academy_structure = {}
        memo[name] = value
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
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Locale, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(changed, dispatch_uid="structure-published")
    page_unpublished.connect(changed, dispatch_uid="structure-unpublished")
    post_page_move.connect(changed, dispatch_uid="structure-moved")
    post_delete.connect(_page_deleted, dispatch_uid="structure-page-deleted")
    for model in (Locale, Site):
        post_save.connect(changed, sender=model, dispatch_uid=f"structure-save-{model.__name__}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"structure-del-{model.__name__}")


def _page_deleted(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        changed()
