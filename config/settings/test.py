"""Settings for the test suite."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES, DATABASES, Q_CLUSTER

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not os.environ.get("EMAIL_URL"):
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Evidence and attachments: no public URL; permission-checked views serve them.
    "private": {
        "BACKEND": "core.storage.PrivateStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
# One process, emptied before each test (tests/conftest.py); Redis when CI sets REDIS_URL.
if not os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "renditions": CACHES["renditions"],  # base keeps renditions in memory without Redis
        "frame": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "frame"},
    }

# Tasks run inline in the test process unless a test starts a real qcluster,
# which sets Q_SYNC=0 in the worker's environment.
Q_CLUSTER = {
    **Q_CLUSTER,
    "sync": os.environ.get("Q_SYNC", "1") == "1",
    "workers": 1,
    # The fault drills shorten these so a killed task comes back within seconds.
    "timeout": int(os.environ.get("Q_TIMEOUT", Q_CLUSTER["timeout"])),
    "retry": int(os.environ.get("Q_RETRY", Q_CLUSTER["retry"])),
}
ACADEMY_OUTBOX_LEASE_SECONDS = int(os.environ.get("OUTBOX_LEASE_SECONDS", "600"))
if os.environ.get("TEST_EMAIL_BACKEND"):
    EMAIL_BACKEND = os.environ["TEST_EMAIL_BACKEND"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so a qcluster or live server in another process sees the same data.
    # TEST_SQLITE_NAME lets two test runs on one checkout keep apart.
    name = os.environ.get("TEST_SQLITE_NAME", str(BASE_DIR / ".pytest-db.sqlite3"))
    DATABASES["default"]["TEST"] = {"NAME": name}

# Every test process and live-server thread closes its connection after each request, so the
# test database can be dropped at the end.
DATABASES["default"]["CONN_MAX_AGE"] = 0

# The live server of the browser tests serves static files straight from the app folders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Two-factor sign-in is on only for the tests that ask for it (tests/identity/test_two_factor*.py
# and their fixture, the demo's and the browser's two-factor tests); the rest of the suite
# signs CMS users in with a password alone.
ACADEMY_TWO_FACTOR_ENFORCED = False
