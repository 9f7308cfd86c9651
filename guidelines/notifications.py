"""Telling people that a guideline changed, in their own language."""

from __future__ import annotations

import uuid

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Ambassador, Notification
from ambassadors.services import in_language, lazy_text, notify
from core.queue import in_batches

from .models import GuidelinePage, GuidelineVersionPage
from .services import people_to_ask_again


def _changes_url(page: GuidelinePage) -> str:
    """The page that shows what changed since the version the person acknowledged."""
    return (page.get_url() or "") + page.reverse_subpage("changes")


def ask_again(*, translation_key: uuid.UUID, version: int) -> int:
    pages = {
        page.locale.language_code: page
        for page in GuidelinePage.objects.live()
        .filter(translation_key=translation_key)
        .select_related("locale")
    }
    if not pages:
        return 0
    # The pages whose content is this version: a translation not updated yet still shows
    # the previous version's "what changed", which must not be sent as this one's.
    current = set(
        GuidelineVersionPage.objects.filter(
            version__translation_key=translation_key, version__number=version
        ).values_list("page_id", flat=True)
    )
    source = next((page for page in pages.values() if page.pk in current), None)
    prefix = f"guidelines:{translation_key}:v{version}:"
    already_asked = Notification.objects.filter(
        recipient=OuterRef("pk"), idempotency_key__startswith=prefix
    )
    # Those asked before are left out here, so running again (the sweep) costs one query.
    people = people_to_ask_again(translation_key=translation_key, version=version).filter(
        ~Exists(already_asked),
        ambassador__status__in=[Ambassador.Status.ACTIVE, Ambassador.Status.PAUSED],
    )
    # Title, summary and link follow the reader's language when they read it: each from
    # the page in that language, the summary and "what changed" only from a page whose
    # content is this version (else the source's page).
    fallback = source or next(iter(pages.values()))
    generic = _("Please read what changed and acknowledge the new version.")
    title = in_language({code: page.title for code, page in pages.items()}, fallback.title)
    summary = in_language(
        {
            code: (page.change_summary if page.pk in current else "") or generic
            for code, page in pages.items()
        },
        generic,
    )
    link = in_language(
        {
            code: _changes_url(page if page.pk in current or source is None else source)
            for code, page in pages.items()
        },
        _changes_url(fallback),
    )
    asked = 0
    for user in in_batches(people.select_related("ambassador")):
        notify(
            recipient=user,
            kind="guidelines_changed",
            key=f"{prefix}{user.pk}",
            subject=lazy_text(_("The guideline “%(title)s” has changed"), title=title),
            body=summary,
            link=link,
        )
        asked += 1
    return asked
