"""Fixtures of the sharing tests: two topics (items come from tests.factories.sharing)."""

import pytest

from tests.factories.ambassadors import TopicFactory


@pytest.fixture
def topic(db):
    return TopicFactory(slug="duurzaamheid", name_nl="Duurzaamheid", name_en="Sustainability")


@pytest.fixture
def other_topic(db):
    return TopicFactory(slug="werken-bij", name_nl="Werken bij", name_en="Working here")
