"""Throughput of the tracked-link redirect against /healthz/ on the same server, in one run.

Starts the platform under gunicorn (production settings, 2 workers) on a separate database
(SQLite file in var/ by default, or BENCH_DATABASE_URL), loads each URL for the same time
and concurrency with a browser user agent, and checks afterwards that every redirect
answered left exactly one recorded click. Uses wrk when it is installed, else a small
Python load generator (the ratio is what counts: both URLs get the same client).

    .venv/bin/python bench/redirect_bench.py            # or: make bench-redirect
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PORT = int(os.environ.get("BENCH_PORT", "8765"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36"


def environment() -> dict:
    default = f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
    database = os.environ.get("BENCH_DATABASE_URL") or default
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database,
        "SITE_URL": f"http://127.0.0.1:{PORT}",
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(result.stdout + result.stderr)
    return result.stdout


SETUP = """
from django.contrib.auth.models import User
from ambassadors.models import Ambassador
from sharing.models import Click, ContentItem, Share, TextVariant
user, _ = User.objects.get_or_create(username="bench-ambassador")
Ambassador.objects.get_or_create(user=user)
item, _ = ContentItem.objects.get_or_create(
    url="https://www.vermeer-techniek.example/bench", defaults={"title": "Bench"})
share, _ = Share.objects.get_or_create(
    user=user, item=item, network="linkedin", defaults={"text": "x"})
Click.objects.filter(share=share).delete()
print("CODE", share.code)
"""


def python_load(url: str) -> dict:
    """Keep-alive connections in threads for SECONDS; counts answers by status."""
    host, port = "127.0.0.1", PORT
    path = url.split(f":{PORT}", 1)[1]
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
                connection.request("GET", path, headers={"User-Agent": BROWSER})
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


def wrk_load(url: str) -> dict:
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "--latency",
            "-H",
            f"User-Agent: {BROWSER}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    total = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)

    def ms(label):
        found = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", output)
        if not found:
            return None
        value, unit = float(found.group(1)), found.group(2)
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 2)

    return {
        "requests": total,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": ms("50"),
        "p95_ms": ms("90"),
        "non_2xx_3xx": int(errors.group(1)) if errors else 0,
        "tool": "wrk",
    }


def main() -> None:
    env = environment()
    (ROOT / "var").mkdir(exist_ok=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    code = re.search(r"CODE (\S+)", manage(env, "shell", "-c", SETUP)).group(1)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _attempt in range(60):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
                connection.request("GET", "/healthz/")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        load = wrk_load if shutil.which("wrk") else python_load
        base = f"http://127.0.0.1:{PORT}"
        healthz = load(f"{base}/healthz/")
        redirect = load(f"{base}/s/{code}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    clicks = int(
        re.search(
            r"CLICKS (\d+)",
            manage(
                env,
                "shell",
                "-c",
                "from sharing.models import Click; print('CLICKS', Click.objects.count())",
            ),
        ).group(1)
    )
    answered = redirect["requests"] - redirect.get("non_2xx_3xx", 0)
    if "statuses" in redirect:
        answered = redirect["statuses"].get(302, 0)
    result = {
        "database": env["DATABASE_URL"].split(":", 1)[0],
        "seconds": SECONDS,
        "connections": CONNECTIONS,
        "healthz": healthz,
        "redirect": redirect,
        "ratio_healthz": round(redirect["rps"] / healthz["rps"], 2) if healthz["rps"] else None,
        "redirects_answered": answered,
        "clicks_recorded": clicks,
        "clicks_lost": answered - clicks,
    }
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "redirect.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
