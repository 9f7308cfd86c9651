"""django-q2 tasks for guidelines: thin and idempotent."""

from __future__ import annotations

import uuid

from . import notifications


def ask_again(translation_key: str, version: int) -> int:
    """Ask everyone who accepted an older version to read version `version`; once each."""
    return notifications.ask_again(translation_key=uuid.UUID(translation_key), version=version)
