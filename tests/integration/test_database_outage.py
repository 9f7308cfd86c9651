"""The database goes away under a running server: clean 503 pages, then recovery by itself.

A real gunicorn process serves the test database. On PostgreSQL the database stops taking
connections and the server's are ended (as in a failover or restart); on SQLite the file
disappears. Requests meanwhile get the static "briefly unavailable" page with status 503
(and /healthz/ 503); once the database is back, the same server process answers normally
without a restart.
"""

import contextlib
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from tests.factories import make_user
from tests.integration.test_qcluster import _database_url
from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_database(tmp_path) -> tuple[str, Path | None]:
    """The database the server uses: the test database on PostgreSQL; on SQLite a copy of it
    (taking a file away under the test run's own connections would break the tests after)."""
    if connection.vendor == "postgresql":
        return _database_url(), None
    import sqlite3

    copy = tmp_path / "server.sqlite3"
    connection.close()
    with sqlite3.connect(connection.settings_dict["NAME"]) as source:
        target = sqlite3.connect(copy)
        source.backup(target)
        target.close()
    return f"sqlite:///{copy}", copy


@contextlib.contextmanager
def running_server(tmp_path, database_url: str):
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        with urllib.request.urlopen(f"{base}/healthz/", timeout=2):  # noqa: S310 (our server)
            return True

    try:
        wait_until(
            answers,
            timeout=30,
            interval=0.3,
            ignoring=(OSError,),
            message=lambda: (tmp_path / "gunicorn.log").read_text(),
        )
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
    log.close()


def _get(url: str, session: str) -> tuple[int, str, dict]:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


@contextlib.contextmanager
def database_away(copy: Path | None):
    """Take the database away from every other process, and give it back afterwards."""
    if connection.vendor == "postgresql":
        import psycopg

        db = connection.settings_dict
        name = db["NAME"]
        admin = psycopg.connect(
            dbname="postgres",
            user=db.get("USER") or "postgres",
            password=db.get("PASSWORD") or None,
            host=db.get("HOST") or "127.0.0.1",
            port=db.get("PORT") or 5432,
            autocommit=True,
        )
        connection.close()
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            [name],
        )
        try:
            yield
        finally:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
            admin.close()
            # This process's connection was terminated with the rest: the next test must
            # not inherit it (it would fail with "terminating connection").
            connection.close()
    else:
        # The file goes with its write-ahead log; what a failed connection leaves in their
        # place (an empty database) is removed before they come back.
        # The server's connection may checkpoint and delete the log at any moment (when it
        # closes), so a file that is gone by the time it is moved is simply not moved.
        files = [copy.with_name(copy.name + suffix) for suffix in ("", "-wal", "-shm")]
        moved = []
        for path in files:
            away = path.with_name(path.name + ".away")
            with contextlib.suppress(FileNotFoundError):
                path.rename(away)
                moved.append((path, away))
        try:
            yield
        finally:
            for path in files:
                path.unlink(missing_ok=True)
            for path, away in moved:
                away.rename(path)


def test_pages_say_briefly_unavailable_and_the_server_recovers_by_itself(tmp_path):
    user = make_user(language="en")
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    database_url, copy = _server_database(tmp_path)
    with running_server(tmp_path, database_url) as server:
        _outage_and_recovery(server, session, copy, user)


def _outage_and_recovery(server, session, copy, user):
    assert _get(f"{server}/path/", session)[0] == 200

    with database_away(copy):
        for path in ("/path/", "/share/", "/missions/"):
            status, body, headers = _get(f"{server}{path}", session)
            assert status == 503, (path, body[:500])
            assert "Briefly unavailable" in body
            assert "Even niet bereikbaar" in body
            assert "Traceback" not in body
            assert "OperationalError" not in body
            assert headers.get("Retry-After") == "60"
        assert _get(f"{server}/healthz/", session)[0] == 503

    # Back: the same process answers again, no restart; nothing the person had is lost.
    assert _get(f"{server}/healthz/", session)[0] == 200
    status, body, _headers = _get(f"{server}/path/", session)
    assert status == 200
    assert user.first_name in body
