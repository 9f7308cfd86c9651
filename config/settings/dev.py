"""Local development: the embedded default (SQLite, ORM broker, local-memory cache)."""

from .base import *  # noqa: F403
from .env import env_str

DEBUG = True
# A development-only key; production refuses to start without its own SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")  # noqa: S105
