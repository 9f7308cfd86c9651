"""Provisioning 1,000 people through SCIM, as Entra ID's first cycle does: one POST /Users each.

Starts the platform under gunicorn (bench settings, 2 workers) on its own database (SQLite
file var/bench-scim.sqlite3, or BENCH_DATABASE_URL), makes a provisioning connection, and
POSTs BENCH_SCIM_USERS users (default 1,000) over keep-alive connections, one at a time and
then from BENCH_SCIM_THREADS threads (Entra ID sends several at once). Reports the total
time, milliseconds per call and, measured in-process on 50 more creates and 50 PATCHes, the
SQL queries per call.

    .venv/bin/python bench/scim_bench.py
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import sys
import threading
import time

from common import environment, fresh_database, gunicorn, manage, shell_result

USERS = int(os.environ.get("BENCH_SCIM_USERS", "1000"))
THREADS = int(os.environ.get("BENCH_SCIM_THREADS", "4"))
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

CONNECTION = """
from identity.scim.services import scim_connection_create
connection, token = scim_connection_create(name="Bench Entra ID", slug="bench", created_by=None)
print("TOKEN", '"' + token + '"')
"""

QUERIES = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from identity.scim.services import scim_connection_create
_c, token = scim_connection_create(name="Bench queries", slug="bench-queries", created_by=None)
client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION="Bearer " + token)
posts, patches = [], []
for n in range(50):
    body = {"userName": f"q{n}@bench.example", "externalId": f"q{n}", "name": {"givenName": "Q"},
            "emails": [{"value": f"q{n}@bench.example", "type": "work", "primary": True}],
            "ENTERPRISE_URN": {"department": f"Dept {n % 7}"}}
    with CaptureQueriesContext(connection) as captured:
        answer = client.post("/scim/v2/Users", json.dumps(body),
                             content_type="application/scim+json")
    assert answer.status_code == 201, answer.content
    posts.append(len(captured))
    ops = {"Operations": [{"op": "Replace", "path": "name.familyName", "value": "Patched"}]}
    with CaptureQueriesContext(connection) as captured:
        answer = client.patch("/scim/v2/Users/" + answer.json()["id"], json.dumps(ops),
                              content_type="application/scim+json")
    assert answer.status_code == 200, answer.content
    patches.append(len(captured))
print("QUERIES", json.dumps({"post": posts, "patch": patches}))
""".replace("ENTERPRISE_URN", ENTERPRISE)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def user(n: int, prefix: str) -> bytes:
    name = f"{prefix}{n}@bench.example"
    return json.dumps(
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
            "userName": name,
            "externalId": f"{prefix}{n}",
            "active": True,
            "name": {"givenName": f"Person {n}", "familyName": "Bench"},
            "emails": [{"value": name, "type": "work", "primary": True}],
            "preferredLanguage": "nl-NL" if n % 3 else "en-GB",
            ENTERPRISE: {"department": f"Department {n % 25}"},
        }
    ).encode()


def post_all(port: int, token: str, numbers: list[int], prefix: str, times: list[float]):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/scim+json"}
    for n in numbers:
        started = time.perf_counter()
        connection.request("POST", "/scim/v2/Users", body=user(n, prefix), headers=headers)
        answer = connection.getresponse()
        answer.read()
        times.append(time.perf_counter() - started)
        if answer.status != 201:
            raise SystemExit(f"POST {n}: {answer.status}")


def summary(label: str, times: list[float], total: float) -> dict:
    ms = sorted(t * 1000 for t in times)
    result = {
        "run": label,
        "users": len(times),
        "total_s": round(total, 2),
        "per_s": round(len(times) / total, 1),
        "ms_median": round(statistics.median(ms), 1),
        "ms_p95": round(ms[int(len(ms) * 0.95) - 1], 1),
        "ms_mean": round(statistics.mean(ms), 1),
    }
    print(json.dumps(result))
    return result


def main() -> None:
    port = free_port()
    env = environment("bench-scim")
    env["SITE_URL"] = f"http://127.0.0.1:{port}"
    fresh_database(env)
    manage(env, "migrate", "--no-input")
    token = shell_result(env, CONNECTION, "TOKEN")
    results = []
    with gunicorn(env, port=port):
        times: list[float] = []
        started = time.perf_counter()
        post_all(port, token, list(range(USERS)), "seq", times)
        results.append(summary("one at a time", times, time.perf_counter() - started))

        times = []
        chunks = [list(range(USERS))[i::THREADS] for i in range(THREADS)]
        threads = [
            threading.Thread(target=post_all, args=(port, token, chunk, "par", times))
            for chunk in chunks
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        results.append(summary(f"{THREADS} at a time", times, time.perf_counter() - started))
    queries = shell_result(env, QUERIES, "QUERIES")
    for kind, counts in queries.items():
        print(f"queries per {kind}: min {min(counts)}, max {max(counts)}")
    results.append({k: [min(v), max(v)] for k, v in queries.items()})
    database = "postgresql" if env["DATABASE_URL"].startswith("postgres") else "sqlite"
    print(json.dumps({"database": database, "results": results}, indent=2))


if __name__ == "__main__":
    sys.exit(main())
