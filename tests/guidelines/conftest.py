"""Fixtures of the guideline tests: `guidelines`, an overview with two guideline pages and a
content strategy (tests.factories.guidelines).

The other names imported here are builders that used to live in this file: import them from
tests.factories.guidelines (they stay importable from here while branches merge)."""

import pytest

from tests.factories.guidelines import (  # noqa: F401
    SECTIONS,
    Guidelines,
    add_guideline,
    build_guidelines,
    major_change,
    publish,
)


@pytest.fixture
def guidelines(db):
    return build_guidelines()
