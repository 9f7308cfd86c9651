"""Changes to a person's own settings that are not a participation change."""

from __future__ import annotations

from django.contrib.auth.models import User

from ..models import Ambassador, Language


def ambassador_language_set(*, user: User, language: str) -> None:
    """The language the person reads the site and everything we tell them in, from now on.

    Notifications already made follow too: they are shown in the language of the moment.
    """
    if language not in Language.values:
        raise ValueError(f"Unknown language: {language!r}")
    Ambassador.objects.filter(user=user).update(language=language)
