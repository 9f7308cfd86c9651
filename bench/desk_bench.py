"""The mentor desk's queue with 100 and with 100,000 requests, on the same server, in one run.

Starts the platform under gunicorn (production settings, 2 workers) on its own database
(SQLite file var/bench-desk.sqlite3, or BENCH_DATABASE_URL), signs in a mentor, makes 100
requests spread like a real desk (most closed, a few hundred open), loads the queue page,
adds requests up to 100,000 while the server keeps running, and loads it again. Target: the
large desk serves at least half the throughput of the small one.

    .venv/bin/python bench/desk_bench.py            # or: make bench-desk
"""

from __future__ import annotations

import json
import os
import re

from common import (
    CONNECTIONS,
    ROOT,
    SECONDS,
    SESSION,
    environment,
    fresh_database,
    gunicorn,
    load,
    manage,
    shell_result,
)

LARGE = int(os.environ.get("BENCH_TICKETS", "100000"))
MENTOR = (
    SESSION
    + """
from django.contrib.auth.models import Group
from ambassadors.models import Ambassador
from mentors.models import MentorProfile, Ticket
Ticket.objects.all().delete()
mentor, _ = User.objects.get_or_create(username="bench-mentor", defaults={"first_name": "Bench"})
mentor.groups.add(Group.objects.get(name="Mentors"))
Ambassador.objects.get_or_create(user=mentor)
MentorProfile.objects.get_or_create(user=mentor, defaults={"capacity": 50})
requester, _ = User.objects.get_or_create(username="bench-employee")
Ambassador.objects.get_or_create(user=requester)
import json
print("SESSION", json.dumps(session("bench-mentor")))
"""
)
GROW = """
import datetime as dt, random
from django.contrib.auth.models import User
from django.utils import timezone
from mentors.models import Kind, Ticket
random.seed(7)
mentor = User.objects.get(username="bench-mentor")
requester = User.objects.get(username="bench-employee")
have = Ticket.objects.count()
now = timezone.now()
kinds = list(Kind.values)
batch = []
for number in range(have, TARGET):
    age = dt.timedelta(minutes=random.randint(0, 2 * 365 * 24 * 60))
    is_open = number % 200 == 0  # 0.5% still open: a few hundred on a large desk
    state = random.choice(["assigned", "waiting", "queued"]) if is_open else "resolved"
    batch.append(Ticket(
        kind=kinds[number % len(kinds)], requester=requester, subject=f"Request {number}",
        body="Bench", state=state, assignee=None if state == "queued" else mentor,
        resolved_at=None if is_open else now - age + dt.timedelta(hours=5),
        open_since=now - age if is_open else None,
        first_response_at=now - age + dt.timedelta(hours=1),
        response_due_at=now - age + dt.timedelta(hours=8) if is_open else None,
        response_warn_at=now - age + dt.timedelta(hours=6) if is_open else None,
    ))
    if len(batch) == 5000:
        Ticket.objects.bulk_create(batch)
        batch = []
Ticket.objects.bulk_create(batch)
print("TICKETS", Ticket.objects.count(), "OPEN", Ticket.objects.exclude(state="resolved").count())
"""


# What a database does on its own after a bulk load: statistics, and (SQLite) folding the
# write-ahead log back into the database file.
SETTLE = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
    if connection.vendor == "sqlite":
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
"""


def grow(env, target: int) -> str:
    output = manage(env, "shell", "-c", f"TARGET = {target}\n" + GROW)
    return re.search(r"TICKETS .*", output).group(0)


def main() -> None:
    env = environment("bench-desk")
    fresh_database(env)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    session = shell_result(env, MENTOR, "SESSION")
    headers = {"Cookie": f"sessionid={session}"}
    small_data = grow(env, 100)
    with gunicorn(env) as base:
        url = f"{base}/desk/?view=all"
        small = load(url, headers)
        if set(small.get("statuses", {200: 0})) != {200}:
            raise SystemExit(f"The queue did not answer 200: {small}")
        large_data = grow(env, LARGE)
        manage(
            env,
            "shell",
            "-c",
            "from django.db import connection; connection.cursor().execute('ANALYZE')",
        )
        large = load(url, headers)
    ratio = round(large["rps"] / small["rps"], 2) if small["rps"] else None
    result = {
        "database": env["DATABASE_URL"].split(":", 1)[0],
        "seconds": SECONDS,
        "connections": CONNECTIONS,
        "small": {"data": small_data, **small},
        "large": {"data": large_data, **large},
        "ratio": ratio,
        "target": 0.5,
        "met": ratio is not None and ratio >= 0.5,
    }
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "desk.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
