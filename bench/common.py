"""What the benchmarks share: a production-settings environment on its own database
(config.settings.bench: production plus the bench app and its `generate_org`), the
management commands, gunicorn, and a load generator (wrk when installed, else Python)."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
PORT = int(os.environ.get("BENCH_PORT", "8765"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36"


def environment(name: str = "bench") -> dict:
    default = f"sqlite:///{ROOT / 'var' / f'{name}.sqlite3'}"
    database = os.environ.get("BENCH_DATABASE_URL") or default
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database,
        "CACHE_DIR": str(ROOT / "var" / f"{name}-cache"),
        "SITE_URL": f"http://127.0.0.1:{PORT}",
        "LOG_LEVEL": "WARNING",
        "ACADEMY_GENERATED_DATA": "1",  # generate_org refuses to run without it
    }


def manage(env, *args) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(result.stdout + result.stderr)
    return result.stdout


def python_load(url: str, headers: dict | None = None) -> dict:
    """Keep-alive connections in threads for SECONDS; counts answers by status."""
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    counts: dict[int, int] = {}
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + SECONDS

    def worker():
        connection = http.client.HTTPConnection(host, port, timeout=10)
        local, local_lat = {}, []
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"User-Agent": BROWSER, **(headers or {})})
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=10)
                local[0] = local.get(0, 0) + 1
                continue
            local_lat.append(time.perf_counter() - started)
            local[response.status] = local.get(response.status, 0) + 1
        with lock:
            for status, n in local.items():
                counts[status] = counts.get(status, 0) + n
            latencies.extend(local_lat)

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    total = sum(counts.values())
    return {
        "requests": total,
        "rps": round(total / SECONDS, 1),
        "p50_ms": round(1000 * latencies[len(latencies) // 2], 2) if latencies else None,
        "p95_ms": round(1000 * latencies[int(len(latencies) * 0.95)], 2) if latencies else None,
        "statuses": counts,
        "tool": "python",
    }


# wrk prints only some percentiles; this prints the ones the results need (microseconds).
WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format("PERCENTILES %d %d\\n", latency:percentile(50), latency:percentile(95)))
end
"""


def wrk_load(url: str, headers: dict | None = None) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as report:
        report.write(WRK_REPORT)
        report.flush()
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{CONNECTIONS}",
                f"-d{SECONDS}s",
                "-s",
                report.name,
                "-H",
                f"User-Agent: {BROWSER}",
                *[
                    part
                    for name, value in (headers or {}).items()
                    for part in ("-H", f"{name}: {value}")
                ],
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    total = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    p50, p95 = re.search(r"PERCENTILES (\d+) (\d+)", output).groups()
    return {
        "requests": total,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": round(int(p50) / 1000, 2),
        "p95_ms": round(int(p95) / 1000, 2),
        "non_2xx_3xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else None,
        "tool": "wrk",
    }


def status_of(url: str, headers: dict | None = None) -> int:
    """The status one request gets (wrk counts a redirect to the login page as success)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection.request("GET", path, headers={"User-Agent": BROWSER, **(headers or {})})
    return connection.getresponse().status


# Prepended to a `manage.py shell` script: `session(username)` signs someone in and returns
# the session key, so the load generator can send it as a cookie.
SESSION = """
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore

def session(username):
    user = User.objects.get(username=username)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    # Someone whose role needs a second factor (comms staff) signed in with it, as they do.
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.create()
    return store.session_key
"""


def load(url: str, headers: dict | None = None) -> dict:
    return (wrk_load if shutil.which("wrk") else python_load)(url, headers)


@contextmanager
def gunicorn(env, workers: int = 2, port: int = PORT):
    """The platform under gunicorn on `port` until the block ends."""
    probe = socket.socket()
    try:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"Port {port} is in use; stop that process or set BENCH_PORT.")
    finally:
        probe.close()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _attempt in range(60):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                connection.request("GET", "/healthz/")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def shell_result(env, script: str, tag: str):
    """Run `script` in `manage.py shell`; it prints `TAG <json>`; return that value."""
    output = manage(env, "shell", "-c", script)
    found = re.search(rf"^{tag} (.*)$", output, re.M)
    if found is None:
        raise SystemExit(f"The script printed no {tag} line:\n{output}")
    return json.loads(found.group(1))


def generate_org(env, scale: float) -> None:
    """Grow the benchmark's organisation by `scale` of the full size (progress on screen)."""
    subprocess.run(
        [sys.executable, "manage.py", "generate_org", "--scale", str(scale)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def fresh_database(env) -> None:
    """An empty database for a run: the SQLite file removed, or the PostgreSQL database
    dropped and made anew; the run's cache folder emptied too."""
    (ROOT / "var").mkdir(exist_ok=True)
    url = env["DATABASE_URL"]
    if url.startswith("postgres"):
        create_database(url, fresh=True)
    else:
        path = Path(url.split("sqlite:///", 1)[1])
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
    shutil.rmtree(env["CACHE_DIR"], ignore_errors=True)


def create_database(url: str, fresh: bool = False) -> None:
    """Make sure the PostgreSQL database of `url` exists (dropped and made anew if `fresh`)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
