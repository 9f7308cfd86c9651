"""Fixtures of the guideline tests: `guidelines`, an overview with two guideline pages and a
content strategy (builders in tests.factories.guidelines)."""

import pytest

from tests.factories.guidelines import build_guidelines


@pytest.fixture
def guidelines(db):
    return build_guidelines()
