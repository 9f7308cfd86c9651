"""The mentor desk with 100 and with 100,000 requests, on the same server, in one run.

Starts the platform under gunicorn (production settings, 2 workers) on its own database
(SQLite file var/bench-desk.sqlite3, or BENCH_DATABASE_URL), signs in a mentor (team lead,
every skill: they see the whole desk), and loads every desk page — the queue tabs (mine,
unassigned, all open, breaching soon, breached), one request and the figures — three times
while the server keeps running:

1. `small`: 100 requests, 40% of them open, spread over the states and kinds;
2. `quiet`: grown to 100,000 requests of which 0.5% are open (a desk that keeps up);
3. `backlog`: the same 100,000 with 40% open (after a campaign or an import): queued,
   with the bench mentor, with other mentors, waiting on the employee, breaching soon,
   breached, urgent mediation nobody has taken.

Every view reads the desk anew, as the first view after a change does: the pages' data is not
kept between requests here (ACADEMY_DESK_KEEP=false; mentors/kept.py), so this measures what the
backlog costs. `make bench` measures the pages as a mentor sees them most of the time (kept).

Target: every page of the large desks serves at least half the throughput it serves at 100.
Results: bench/desk-results.md and .json (and bench/results/desk.json, as before).

    .venv/bin/python bench/desk_bench.py            # or: make bench-desk
"""

from __future__ import annotations

import json
import os
import platform
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
    status_of,
)

LARGE = int(os.environ.get("BENCH_TICKETS", "100000"))
TARGET = 0.5
OTHER_MENTORS = 20
MENTOR = (
    SESSION
    + f"""
from django.contrib.auth.models import Group
from ambassadors.models import Ambassador
from mentors.models import MentorProfile, Ticket
Ticket.objects.all().delete()
mentors = Group.objects.get(name="Mentors")
skills = dict(handles_question=True, handles_coaching=True, handles_ghostwriting=True,
              handles_editing=True, handles_mediation=True)
mentor, _ = User.objects.get_or_create(username="bench-mentor", defaults={{"first_name": "Bench"}})
mentor.groups.add(mentors)
Ambassador.objects.get_or_create(user=mentor)
MentorProfile.objects.update_or_create(
    user=mentor, defaults={{"capacity": 50, "is_team_lead": True, **skills}})
for n in range({OTHER_MENTORS}):
    other, _ = User.objects.get_or_create(
        username=f"bench-mentor-{{n}}", defaults={{"first_name": "Mentor", "last_name": str(n)}})
    other.groups.add(mentors)
    Ambassador.objects.get_or_create(user=other)
    MentorProfile.objects.update_or_create(user=other, defaults={{"capacity": 100, **skills}})
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
from mentors.models import Kind, Rating, Ticket
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
        response_breached=number % 7 == 0,
        resolution_breached=number % 11 == 0,
    ))
    if len(batch) == 5000:
        Ticket.objects.bulk_create(batch)
        batch = []
Ticket.objects.bulk_create(batch)
unrated = Ticket.objects.filter(state="resolved", rating__isnull=True)
closed = list(unrated.values_list("pk", flat=True)[::10])
ratings = [Rating(ticket_id=pk, satisfaction=1 + pk % 5) for pk in closed]
Rating.objects.bulk_create(ratings, batch_size=5000)
print("TICKETS", Ticket.objects.count(), "OPEN", Ticket.objects.exclude(state="resolved").count())
"""
# 40% of the requests open, spread over the states and kinds by their number modulo 20
# (through UPDATE statements, so whatever the database keeps per change keeps up).
BACKLOG = """
import datetime as dt
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from mentors.models import Ticket
now = timezone.now()
H = dt.timedelta(hours=1)
mentor = User.objects.get(username="bench-mentor")
others = list(User.objects.filter(username__startswith="bench-mentor-").order_by("pk"))
base = Ticket.objects.annotate(bucket=F("pk") % 20)
opened = dict(resolved_at=None, open_since=now - 30 * H, first_response_at=None, touched_at=None,
              response_due_at=now + 5 * H, response_warn_at=now + 3 * H,
              resolution_due_at=now + 50 * H, resolution_warn_at=now + 40 * H,
              paused_at=None, response_remaining=None, resolution_remaining=None)
buckets = {
    0: dict(state="queued", assignee=None),                                  # unassigned
    1: dict(state="queued", assignee=None, response_due_at=now - H,
            response_warn_at=now - 3 * H),                                   # queued, breached
    2: dict(state="assigned", assignee=mentor, touched_at=now - H),          # mine
    3: dict(state="assigned", assignee=mentor, touched_at=now - H, response_warn_at=now - H,
            response_due_at=now + H),                                        # mine, due soon
    4: dict(state="assigned", touched_at=now - H, first_response_at=now - 20 * H,
            response_due_at=None, response_warn_at=None,
            resolution_due_at=now - 2 * H, resolution_warn_at=now - 9 * H),  # others', breached
    5: dict(state="assigned", touched_at=now - H, response_warn_at=now - H,
            response_due_at=now + H),                                        # others', due soon
    6: dict(state="waiting", touched_at=now - H, first_response_at=now - 20 * H,
            response_due_at=None, response_warn_at=None, resolution_due_at=None,
            resolution_warn_at=None, paused_at=now - 10 * H, resolution_remaining=600),
    7: dict(state="queued", assignee=None, kind="mediation"),                # urgent, untaken
}
with transaction.atomic():
    for bucket, fields in buckets.items():
        values = {**opened, **fields}
        if "assignee" in fields:
            ids = list(base.filter(bucket=bucket).values_list("pk", flat=True))
            for i in range(0, len(ids), 900):
                Ticket.objects.filter(pk__in=ids[i:i + 900]).update(**values)
        else:
            # Spread over the other mentors (and the bench mentor for waiting requests).
            people = others + ([mentor] if bucket == 6 else [])
            for n, person in enumerate(people):
                ids = list(base.annotate(who=F("pk") / 20 % len(people))
                           .filter(bucket=bucket, who=n).values_list("pk", flat=True))
                for i in range(0, len(ids), 900):
                    Ticket.objects.filter(pk__in=ids[i:i + 900]).update(**values, assignee=person)
print("TICKETS", Ticket.objects.count(), "OPEN", Ticket.objects.exclude(state="resolved").count())
"""
TICKET = """
import json
from mentors.models import Ticket
mine = Ticket.objects.filter(assignee__username="bench-mentor", state="assigned")
found = mine.order_by("pk").first()
print("TICKET", json.dumps(found.pk))
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
PAGES = {
    "mine": "/desk/?view=mine",
    "unassigned": "/desk/?view=unassigned",
    "all": "/desk/?view=all",
    "soon": "/desk/?view=soon",
    "breached": "/desk/?view=breached",
    "request": "/desk/{ticket}/",
    "figures": "/desk/figures/",
}


def run(env, script: str, target: int | None = None) -> str:
    prefix = f"TARGET = {target}\n" if target is not None else ""
    output = manage(env, "shell", "-c", prefix + script)
    manage(env, "shell", "-c", SETTLE)
    return re.search(r"TICKETS .*", output).group(0)


def measure(base: str, headers: dict, ticket: int) -> dict:
    results = {}
    for name, path in PAGES.items():
        url = base + path.format(ticket=ticket)
        status = status_of(url, headers)
        if status != 200:
            raise SystemExit(f"{name} answered {status}: {url}")
        results[name] = load(url, headers)
    return results


def ratios(small: dict, large: dict) -> dict:
    return {
        name: round(large[name]["rps"] / small[name]["rps"], 2) if small[name]["rps"] else None
        for name in PAGES
    }


def markdown(result: dict) -> str:
    lines = [
        f"# Mentor desk benchmark ({result['database']})",
        "",
        f"Machine: {result['machine']}. gunicorn, 2 workers, {result['connections']} "
        f"connections, {result['seconds']} s per page; the signed-in mentor is team lead "
        "with every skill (sees the whole desk).",
        "",
        f"- small: {result['small']['data']}",
        f"- quiet: {result['quiet']['data']}",
        f"- backlog: {result['backlog']['data']}",
        "",
        "| page | req/s at 100 | req/s quiet 100k | × | req/s backlog 100k (40% open) | × "
        "| p95 backlog (ms) | met (≥ 0.5×) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in PAGES:
        small, quiet, backlog = (result[k]["pages"][name] for k in ("small", "quiet", "backlog"))
        q, b = result["quiet_ratio"][name], result["backlog_ratio"][name]
        met = all(r is not None and r >= TARGET for r in (q, b))
        lines.append(
            f"| {name} | {small['rps']} | {quiet['rps']} | {q} | {backlog['rps']} | {b} "
            f"| {backlog['p95_ms']} | {'yes' if met else 'no'} |"
        )
    lines += ["", f"All met: {'yes' if result['met'] else 'no'}.", ""]
    return "\n".join(lines)


def main() -> None:
    # Every view reads the desk as after a change: what the backlog costs (mentors/kept.py).
    env = {**environment("bench-desk"), "ACADEMY_DESK_KEEP": "false"}
    fresh_database(env)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    session = shell_result(env, MENTOR, "SESSION")
    headers = {"Cookie": f"sessionid={session}"}
    run(env, GROW, 100)
    small_data = run(env, BACKLOG)
    ticket = shell_result(env, TICKET, "TICKET")
    with gunicorn(env) as base:
        small = measure(base, headers, ticket)
        quiet_data = run(env, GROW, LARGE)
        quiet = measure(base, headers, ticket)
        backlog_data = run(env, BACKLOG)
        backlog = measure(base, headers, ticket)
    quiet_ratio, backlog_ratio = ratios(small, quiet), ratios(small, backlog)
    every = list(quiet_ratio.values()) + list(backlog_ratio.values())
    result = {
        "database": env["DATABASE_URL"].split(":", 1)[0],
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}",
        "seconds": SECONDS,
        "connections": CONNECTIONS,
        "target": TARGET,
        "small": {"data": small_data, "pages": small},
        "quiet": {"data": quiet_data, "pages": quiet},
        "backlog": {"data": backlog_data, "pages": backlog},
        "quiet_ratio": quiet_ratio,
        "backlog_ratio": backlog_ratio,
        "met": all(r is not None and r >= TARGET for r in every),
    }
    # As before: the "all open" tab at 100 and at 100,000 with 0.5% open.
    legacy = {
        "database": result["database"],
        "seconds": SECONDS,
        "connections": CONNECTIONS,
        "small": {"data": small_data, **small["all"]},
        "large": {"data": quiet_data, **quiet["all"]},
        "ratio": quiet_ratio["all"],
        "target": TARGET,
        "met": quiet_ratio["all"] is not None and quiet_ratio["all"] >= TARGET,
    }
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "desk.json").write_text(json.dumps(legacy, indent=2))
    suffix = os.environ.get("BENCH_DESK_SUFFIX", "" if result["database"] == "sqlite" else "-pg")
    (ROOT / "bench" / f"desk-results{suffix}.json").write_text(json.dumps(result, indent=2))
    (ROOT / "bench" / f"desk-results{suffix}.md").write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
