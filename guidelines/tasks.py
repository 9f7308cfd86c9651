"""django-q2 tasks for guidelines: thin and idempotent."""

from __future__ import annotations

import uuid

from . import notifications


def ask_again(translation_key: str, version: int) -> int:
    """Ask everyone who accepted an older version to read version `version`; once each."""
    return notifications.ask_again(translation_key=uuid.UUID(translation_key), version=version)


def resume_asking() -> int:
    """Every 15 minutes: versions started in the last two days are asked again, in case the
    task queued at publication was lost. Each person is asked once per version (the
    notification's key), so this adds nobody twice."""
    import datetime as dt

    from django.utils import timezone

    from .models import GuidelineVersion

    recent = GuidelineVersion.objects.filter(
        number__gt=1, started_at__gte=timezone.now() - dt.timedelta(days=2)
    )
    return sum(
        notifications.ask_again(translation_key=version.translation_key, version=version.number)
        for version in recent
    )
