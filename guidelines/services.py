"""Versions of guideline pages and people's acknowledgements of them."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from ambassadors import personal
from core.errors import Refusal

from .models import Acknowledgement, GuidelinePage, GuidelineVersion, GuidelineVersionPage

ERROR_NOT_CURRENT = _(
    "This guideline changed while you were reading. Please read the current version first."
)
ERROR_NOT_PUBLISHED = _("This guideline is not published.")


class AcknowledgementError(Refusal):
    """The acknowledgement cannot be recorded; the message says why."""


def guideline_published(*, page: GuidelinePage, revision) -> int | None:
    """React to a publish: a major change starts a new version; a minor edit changes nothing.

    A translation published as a major change after another language already started that
    version is catching up, not a second change. Returns the new version number when one
    started, so the caller can ask people again.
    """
    with transaction.atomic():
        latest = (
            GuidelineVersion.objects.select_for_update()
            .filter(translation_key=page.translation_key)
            .order_by("-number")
            .first()
        )
        major = bool(page.major_change)
        if major:
            GuidelinePage.objects.filter(pk=page.pk).update(major_change=False)
            if revision is not None and revision.content.get("major_change"):
                # The editor opens the latest revision: clear the box there too.
                revision.content["major_change"] = False
                revision.save(update_fields=["content"])
        if latest is None:
            latest = GuidelineVersion.objects.create(translation_key=page.translation_key, number=1)
            _reflects(latest, page, revision)
            return None
        reflects_latest = latest.pages.filter(page_id=page.pk).exists()
        if not major or not reflects_latest:
            # A minor edit, a first publish of a translation, or a translation catching up.
            _reflects(latest, page, revision)
            return None
        new = GuidelineVersion.objects.create(
            translation_key=page.translation_key, number=latest.number + 1
        )
        _reflects(new, page, revision)
        Acknowledgement.objects.filter(
            translation_key=page.translation_key, is_current=True, version__lt=new.number
        ).update(is_current=False)
        personal.forget_everyone()  # everyone's guidelines gate and path
        return new.number


def _reflects(version: GuidelineVersion, page: GuidelinePage, revision) -> None:
    GuidelineVersionPage.objects.update_or_create(
        version=version, page_id=page.pk, defaults={"revision": revision}
    )


def guideline_acknowledge(*, user: User, page: GuidelinePage, version: int) -> Acknowledgement:
    """Record that `user` accepts `version` of the page; only the current version counts."""
    page = GuidelinePage.objects.filter(pk=page.pk, live=True).first()
    if page is None:
        raise AcknowledgementError(ERROR_NOT_PUBLISHED)
    if version != page.version:
        raise AcknowledgementError(ERROR_NOT_CURRENT)
    try:
        with transaction.atomic():
            acknowledgement, _created = Acknowledgement.objects.get_or_create(
                user=user,
                translation_key=page.translation_key,
                version=version,
                defaults={"page": page, "revision_id": page.live_revision_id, "is_current": True},
            )
    except IntegrityError:
        acknowledgement = Acknowledgement.objects.get(
            user=user, translation_key=page.translation_key, version=version
        )
    from .signals import guideline_acknowledged

    guideline_acknowledged.send(sender=GuidelinePage, user=user, acknowledgement=acknowledgement)
    return acknowledgement


def guidelines_acknowledge(
    *, user: User, read: list[tuple[GuidelinePage, int]]
) -> list[Acknowledgement]:
    """Record several acknowledgements in one step (one row per guideline version).

    All or nothing: when one guideline changed while the person read, none is recorded, so
    the overview can show the current versions and ask again.
    """
    with transaction.atomic():
        return [
            guideline_acknowledge(user=user, page=page, version=version) for page, version in read
        ]


def people_to_ask_again(*, translation_key, version: int):
    """Users who acknowledged an older version of the guideline and not this one."""
    current = Acknowledgement.objects.filter(translation_key=translation_key, version=version)
    return (
        User.objects.filter(
            guideline_acknowledgements__translation_key=translation_key,
            guideline_acknowledgements__version__lt=version,
            is_active=True,
        )
        .exclude(pk__in=current.values("user_id"))
        .distinct()
    )
