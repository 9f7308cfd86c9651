"""Fixtures of the refresher tests: a course tree and the guidelines."""

import pytest

from tests.factories.courses import build_tree
from tests.factories.guidelines import build_guidelines


@pytest.fixture
def tree(db):
    return build_tree()


@pytest.fixture
def guidelines(db):
    return build_guidelines()
