"""Mission tests build their data with tests.factories.missions."""

# Builders that lived here; import them from tests.factories.missions (kept for tests written
# before the move, while branches merge).
from tests.factories.missions import mission, screenshot, submitted  # noqa: F401
