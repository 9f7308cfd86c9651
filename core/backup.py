"""Backup and restore of everything the platform keeps: the database and the uploaded files.

One `.tar.gz` holds `manifest.json`, the database (`database.sqlite3`, made with SQLite's
online backup; or `database.dump`, PostgreSQL's custom format from `pg_dump`) and the
folders `media/` and `private-media/`. Media on S3-compatible storage are not in it: the
bucket has its own versioning and replication.

A restore goes into an empty database of the same kind (it refuses a database that has
tables, so a wrong DATABASE_URL cannot overwrite live data) and puts the files back.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot be done, with the reason in plain words."""


def _vendor() -> str:
    if connection.vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def _pg_environment() -> tuple[list[str], dict]:
    db = connection.settings_dict
    arguments = [
        "--host",
        db.get("HOST") or "127.0.0.1",
        "--port",
        str(db.get("PORT") or 5432),
        "--username",
        db.get("USER") or "postgres",
        "--dbname",
        db["NAME"],
    ]
    return arguments, {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}


def _program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not installed; install PostgreSQL's client tools (postgresql-client)."
        )
    return found


def _media_folders() -> dict[str, Path]:
    folders = {}
    if "S3" not in settings.STORAGES["default"]["BACKEND"]:
        folders["media"] = Path(settings.MEDIA_ROOT)
    if "S3" not in settings.STORAGES["private"]["BACKEND"]:
        folders["private-media"] = Path(settings.PRIVATE_MEDIA_ROOT)
    return folders


def backup_create(target: Path) -> dict:
    """Write a backup to `target` (.tar.gz) and return its manifest."""
    vendor = _vendor()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        if vendor == "sqlite":
            database = work / "database.sqlite3"
            connection.ensure_connection()
            with sqlite3.connect(database) as copy:
                connection.connection.backup(copy)
            copy.close()
        else:
            database = work / "database.dump"
            arguments, environment = _pg_environment()
            result = subprocess.run(  # noqa: S603
                [
                    _program("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    *arguments,
                    "--file",
                    str(database),
                ],
                env=environment,
                capture_output=True,
                text=True,
            )
            if result.returncode:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        from django.db.migrations.recorder import MigrationRecorder

        manifest = {
            "format": FORMAT,
            "database": vendor,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "migrations": MigrationRecorder.Migration.objects.count(),
            "folders": sorted(name for name, path in _media_folders().items() if path.exists()),
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2))
        partial = target.with_name(target.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work / "manifest.json", "manifest.json")
            archive.add(database, database.name)
            for name, folder in _media_folders().items():
                if folder.exists():
                    archive.add(folder, name)
        partial.replace(target)  # never a half-written backup under the real name
    return manifest


def backup_restore(source: Path) -> dict:
    """Restore `source` into the (empty) configured database and the media folders."""
    vendor = _vendor()
    if connection.introspection.table_names():
        raise BackupError(
            "The database is not empty. Restore into a new, empty database (check "
            "DATABASE_URL) so that no live data is overwritten."
        )
    with tempfile.TemporaryDirectory() as work, tarfile.open(source, "r:gz") as archive:
        work = Path(work)
        archive.extractall(work, filter="data")  # no absolute paths, links or ../ tricks
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError("This backup was made by another version of the backup format.")
        if manifest["database"] != vendor:
            raise BackupError(
                f"This backup holds a {manifest['database']} database; the configured "
                f"database is {vendor}."
            )
        if vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(work / "database.sqlite3") as copy:
                copy.backup(connection.connection)
            copy.close()
        else:
            arguments, environment = _pg_environment()
            result = subprocess.run(  # noqa: S603
                [
                    _program("pg_restore"),
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    *arguments,
                    str(work / "database.dump"),
                ],
                env=environment,
                capture_output=True,
                text=True,
            )
            if result.returncode:
                raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        for name, folder in _media_folders().items():
            if (work / name).exists():
                folder.mkdir(parents=True, exist_ok=True)
                shutil.copytree(work / name, folder, dirs_exist_ok=True)
    return manifest
