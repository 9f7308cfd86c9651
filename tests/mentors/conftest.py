"""Mentor desk tests build their data with tests.factories.mentors."""

# Builders that lived here; import them from tests.factories.mentors (kept for tests written
# before the move, while branches merge).
from tests.factories.mentors import file_request, make_mentor, png_file  # noqa: F401
