"""The container set-up as compose.yaml runs it: health check, shared files, backup tools.

Docker cannot run on the development machines, so these tests take the Dockerfile and
compose.yaml at their word: the image's own server command and health check run here,
under production settings with compose's environment.
"""

import http.client
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from tests.waiting import wait_until

from .compose_file import (
    ROOT,
    compose,
    dockerfile_env,
    dockerfile_instructions,
    healthcheck_command,
    interpolate,
)

IMAGE = "ambassador-academy"
SECRET = "a-long-random-secret-for-the-container-test-" + "x" * 20


def _academy_services() -> dict[str, dict]:
    return {
        name: service
        for name, service in compose()["services"].items()
        if service.get("image") == IMAGE
    }


def _container_environment(tmp_path: Path) -> dict[str, str]:
    """The image's ENV and compose's environment; only what needs Docker's network changes:
    SQLite instead of the `postgres` service, no Redis, folders under tmp_path."""
    environment = {**dockerfile_env()}
    for name, value in compose()["x-academy"]["environment"].items():
        environment[name] = interpolate(str(value), {"SECRET_KEY": SECRET})
    environment.pop("REDIS_URL")
    environment.pop("Q_BROKER")
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    for name in ("CACHE_DIR", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
        environment[name] = str(tmp_path / name.lower())
    keep = {name: value for name, value in os.environ.items() if name in ("PATH", "HOME", "LANG")}
    return {**keep, **environment}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def image_server(tmp_path):
    """The image's CMD (gunicorn) under the container's environment, on a free local port."""
    (command,) = [json.loads(args) for name, args in dockerfile_instructions() if name == "CMD"]
    assert command[:2] == ["gunicorn", "config.wsgi"]
    port = _free_port()
    command = [str(Path(sys.executable).parent / "gunicorn"), *command[1:]]
    command[command.index("--bind") + 1] = f"127.0.0.1:{port}"
    command[command.index("--workers") + 1] = "1"
    environment = _container_environment(tmp_path)
    # As documented: `docker compose run --rm migrate` before the first start (compose's job).
    (job,) = [
        service["command"] for name, service in _academy_services().items() if name == "migrate"
    ]
    subprocess.run(  # noqa: S603
        [sys.executable, *job[1:]], cwd=ROOT, env=environment, check=True, capture_output=True
    )
    server = subprocess.Popen(  # noqa: S603
        command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )

    def answers() -> bool:
        assert server.poll() is None, server.stdout.read().decode()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/static/")
        connection.getresponse().read()
        return True

    try:
        # Docker's first check comes after --interval: wait until the app answers at all.
        wait_until(
            answers,
            timeout=90,
            interval=0.5,
            ignoring=(OSError,),
            message="the image's server did not start",
        )
        yield port, environment
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_the_health_check_passes_under_the_compose_settings(image_server):
    """The Dockerfile's HEALTHCHECK, run as written against the image's server under compose's
    ALLOWED_HOSTS and production's HTTPS redirect, succeeds: 200, not 400 or 301."""
    port, environment = image_server
    program, flag, code = healthcheck_command()
    assert (program, flag) == ("python", "-c")
    # The check asks the port the server command binds.
    assert "http://127.0.0.1:8000/healthz/" in code
    code = code.replace("127.0.0.1:8000", f"127.0.0.1:{port}")

    check = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=30
    )
    assert check.returncode == 0, check.stderr

    # The same request without following redirects: answered 200 by the view itself.
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/healthz/")
    response = connection.getresponse()
    assert response.status == 200
    assert json.loads(response.read()) == {"status": "ok", "database": "up"}


PRODUCTION = {
    "ALLOWED_HOSTS": ["academy.example.org"],
    "SECURE_SSL_REDIRECT": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
}


@pytest.mark.django_db
@override_settings(**PRODUCTION)
def test_healthz_from_outside_still_passes_the_host_check_and_the_https_redirect():
    """Only the machine itself skips the checks: from elsewhere an unknown host is a 400 and
    plain HTTP is redirected, for /healthz/ as for every page."""
    outside = Client(REMOTE_ADDR="203.0.113.9")
    assert outside.get("/healthz/", HTTP_HOST="127.0.0.1:8000").status_code == 400
    redirected = outside.get("/healthz/", HTTP_HOST="academy.example.org")
    assert redirected.status_code == 301
    assert redirected["Location"] == "https://academy.example.org/healthz/"
    through_proxy = outside.get(
        "/healthz/", HTTP_HOST="academy.example.org", HTTP_X_FORWARDED_PROTO="https"
    )
    assert through_proxy.status_code == 200
    # Another page from the machine itself gets no exemption.
    inside = Client(REMOTE_ADDR="127.0.0.1")
    assert inside.get("/accounts/login/", HTTP_HOST="127.0.0.1:8000").status_code == 400


def test_every_web_and_worker_container_shares_the_upload_folders():
    """Without S3, an upload one web instance stores must be there for the other and for the
    workers: the media folders are named volumes mounted in every container of the image."""
    image_env = dockerfile_env()
    declared = compose()["volumes"]
    services = _academy_services()
    assert {"web-1", "web-2", "worker-1", "worker-2"} <= set(services)
    for folder in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
        target = image_env[folder]
        sources = set()
        for name, service in services.items():
            mounts = dict(reversed(volume.split(":")[:2]) for volume in service.get("volumes", []))
            assert target in mounts, f"{name} does not mount {target}"
            sources.add(mounts[target])
        assert len(sources) == 1, f"{target} is not one volume: {sources}"
        assert sources <= set(declared), "the volume must be named, not a per-container one"
    # Named volumes start with the owner of the image's folder: the app's user must own it.
    run = " ".join(arguments for name, arguments in dockerfile_instructions() if name == "RUN")
    made = re.search(r"mkdir -p ([^&]+)", run).group(1).split()
    assert {image_env["MEDIA_ROOT"], image_env["PRIVATE_MEDIA_ROOT"], "/data/backups"} <= set(made)
    assert "chown -R academy /data" in run
    assert ("VOLUME", '["/data"]') not in dockerfile_instructions()


def test_the_image_has_the_backup_tools_for_the_compose_database():
    """`manage.py backup` and `restore` on PostgreSQL call pg_dump and pg_restore: the image
    installs PostgreSQL's client tools of the compose server's major version."""
    backup_code = (ROOT / "core" / "backup.py").read_text()
    assert set(re.findall(r'_program\("(\w+)"\)', backup_code)) == {"pg_dump", "pg_restore"}
    run = " ".join(arguments for name, arguments in dockerfile_instructions() if name == "RUN")
    client = re.search(r"apt-get install [^&]*postgresql-client-(\d+)", run)
    assert client, "the image does not install postgresql-client"
    server = compose()["services"]["postgres"]["image"]
    assert server == f"postgres:{client.group(1)}"
    # A backup is written where it outlives the container: a named volume.
    for name, service in _academy_services().items():
        assert "backups:/data/backups" in service["volumes"], name
