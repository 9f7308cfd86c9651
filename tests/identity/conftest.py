import pytest


@pytest.fixture
def two_factor_enforced(settings):
    """Two-factor sign-in as in production (the test settings leave it off elsewhere)."""
    settings.ACADEMY_TWO_FACTOR_ENFORCED = True
