"""What each key page costs in one process, on the data `make bench` prepared: the median time
of a request (wall clock, and CPU time, which a busy machine disturbs less) and its SQL
queries, each page's ratio to the frame-less page by CPU time, and on demand the queries
themselves or a profile.

    .venv/bin/python bench/page_cost.py                   # every page: median ms, queries
    .venv/bin/python bench/page_cost.py feed --queries    # the SQL of one page
    .venv/bin/python bench/page_cost.py feed --profile    # cProfile, top 40 by cumulative time

Runs `make bench` first (it leaves var/bench-suite-<database>.json and the database).
Production settings, as the server runs them; no load generator, so it is steady enough to
compare a change with the one before it.
"""

from __future__ import annotations

import json
import os
import sys

from common import ROOT, SESSION, environment, manage

SCRIPT = (
    SESSION
    + """
import cProfile, json, pstats, statistics, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pages, only, mode = json.loads(ARGS)
users = {"employee": "daan", "mentor": "mentor", "comms": "comms"}
sessions = {}
result = {}
for name, (role, path) in pages.items():
    if only and name not in only:
        continue
    client = Client(HTTP_HOST="127.0.0.1")
    if role:
        if role not in sessions:
            sessions[role] = session(users[role])
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[role]
    for _ in range(3):
        assert client.get(path, secure=True).status_code == 200, (name, path)
    with CaptureQueriesContext(connection) as captured:
        client.get(path, secure=True)
    queries = len(captured)
    if mode == "queries":
        for query in captured.captured_queries:
            print(query["sql"][:300])
    if mode == "profile":
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(20):
            client.get(path, secure=True)
        profile.disable()
        stats = pstats.Stats(profile).sort_stats("cumulative")
        stats.print_stats(40)
        # The project's own functions and the templates' tags, where most choices are made.
        stats.print_stats(r"^(?!.*site-packages).*[.]py", 40)
        stats.sort_stats("tottime").print_stats(30)
    times, cpu = [], []
    for _ in range(25):
        began, began_cpu = time.perf_counter(), time.process_time()
        client.get(path, secure=True)
        times.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    result[name] = {"ms": round(1000 * statistics.median(times), 1),
                    "cpu_ms": round(1000 * statistics.median(cpu), 1), "queries": queries}
print("COST", json.dumps(result))
"""
)


def main() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from run import PAGES, filled

    env = environment("bench-suite")
    prepared = ROOT / "var" / f"bench-suite-{env['DATABASE_URL'].split(':', 1)[0]}.json"
    if not prepared.exists():
        raise SystemExit("Run `make bench` first: it prepares the data this measures.")
    data = json.loads(prepared.read_text())["data"]
    pages = {name: (role, filled(path, data)) for name, (role, path) in PAGES.items()}
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    mode = "queries" if "--queries" in sys.argv else "profile" if "--profile" in sys.argv else ""
    script = f"ARGS = {json.dumps(json.dumps([pages, args, mode]))}\n" + SCRIPT
    output = manage(env, "shell", "-c", script)
    lines = output.splitlines()
    cost = json.loads(next(line for line in lines if line.startswith("COST "))[5:])
    for line in lines:
        if not line.startswith("COST "):
            print(line)
    bare = cost.get("bare_page", {}).get("cpu_ms")
    for name, figures in cost.items():
        ratio = (
            f"  {bare / figures['cpu_ms']:.2f}× frame-less" if bare and figures["cpu_ms"] else ""
        )
        print(
            f"{name:16} {figures['ms']:7.1f} ms {figures['cpu_ms']:7.1f} ms CPU "
            f"{figures['queries']:4d} queries{ratio}"
        )


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
