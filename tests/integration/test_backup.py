"""A backup restores into an empty database, with every row and uploaded file found again."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from ambassadors import services
from ambassadors.models import Ambassador, Notification
from tests.factories import make_user

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

COUNT = """
import json
from pathlib import Path
from django.conf import settings
from django.contrib.auth.models import User
from wagtail.models import Page
from ambassadors.models import Ambassador, Notification
print("FOUND", json.dumps({
    "users": User.objects.count(), "ambassadors": Ambassador.objects.count(),
    "notifications": sorted(Notification.objects.values_list("idempotency_key", flat=True)),
    "pages": Page.objects.count(),
    "private": (Path(settings.PRIVATE_MEDIA_ROOT) / PRIVATE).read_bytes().decode(),
    "public": (Path(settings.MEDIA_ROOT) / PUBLIC).read_bytes().decode(),
}))
"""


@pytest.fixture
def empty_database():
    """The URL of a new, empty database of the same kind as the test database."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        path = ROOT / "var" / "restore-test.sqlite3"
        path.unlink(missing_ok=True)
        yield f"sqlite:///{path}"
        path.unlink(missing_ok=True)
        return
    import psycopg

    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    user = db.get("USER") or "postgres"
    admin = f"postgres://{user}@{host}:{port}/postgres"
    with psycopg.connect(admin, autocommit=True) as server:
        server.execute('DROP DATABASE IF EXISTS "academy_restore_test"')
        server.execute('CREATE DATABASE "academy_restore_test"')
    yield f"postgres://{user}@{host}:{port}/academy_restore_test"
    with psycopg.connect(admin, autocommit=True) as server:
        server.execute('DROP DATABASE IF EXISTS "academy_restore_test" WITH (FORCE)')


def _manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_backup_restores_into_an_empty_database(tmp_path, empty_database):
    person = make_user()
    services.notify(recipient=person, kind="test", key="backup-check", subject="Kept")
    private = storages["private"].save("evidence/backup-check.txt", ContentFile(b"proof"))
    public = storages["default"].save("images/backup-check.txt", ContentFile(b"picture"))
    expected = {
        "users": User.objects.count(),
        "ambassadors": Ambassador.objects.count(),
        "notifications": sorted(Notification.objects.values_list("idempotency_key", flat=True)),
        "pages": Page.objects.count(),
        "private": "proof",
        "public": "picture",
    }
    archive = tmp_path / "academy.tar.gz"
    call_command("backup", str(archive))

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": empty_database,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private-media"),
        "CACHE_DIR": str(tmp_path / "cache"),
    }
    restored = _manage(env, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    script = f"PRIVATE = {private!r}\nPUBLIC = {public!r}\n" + COUNT
    found = _manage(env, "shell", "-c", script)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout.split("FOUND ", 1)[1]) == expected
    # Migrations are all there: nothing left to apply.
    plan = _manage(env, "migrate", "--check")
    assert plan.returncode == 0, plan.stdout + plan.stderr

    # A second restore into the now filled database is refused: nothing is overwritten.
    again = _manage(env, "restore", str(archive))
    assert again.returncode != 0
    assert "not empty" in again.stderr
