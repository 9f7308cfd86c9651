"""`make bench`: every key page against the stack's own limit, in one run.

1. A fresh database (SQLite file var/bench-suite.sqlite3, or BENCH_DATABASE_URL) with the demo
   content (for the Wagtail pages) and a generated organisation at 1% of BENCH_SCALE: the
   SQL queries of every page are counted; then the organisation grows to BENCH_SCALE
   (default 1.0 = 10,000 employees, 100,000 shares, 1,000,000 clicks, ...) and they are
   counted again. BENCH_REUSE=1 takes the data of the previous run at the same scale.
2. The platform runs under gunicorn (BENCH_WORKERS, default 2) and each page is loaded as the
   right role for BENCH_SECONDS: requests per second, p50 and p95, and each page's ratio to
   /healthz/, to the site's lightest Wagtail page (a short guideline) and to the frame-less
   Wagtail page (bench/models.py: Wagtail's own limit, as its starter page serves it).
3. Planning a push to every generated ambassador is timed against a bulk insert of as many
   rows; the peak memory of a web worker and of a qcluster worker is read from /proc.

Writes bench/results.json and a Markdown table (bench/results.md) and prints the table.
BENCH_ONLY=bare_page,wagtail_page (names of PAGES) loads only those pages and prints their
throughput and ratio to the frame-less page, nothing more: a quick check while working.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from common import (
    CONNECTIONS,
    ROOT,
    SECONDS,
    SESSION,
    environment,
    fresh_database,
    generate_org,
    gunicorn,
    load,
    manage,
    shell_result,
    status_of,
)

SCALE = float(os.environ.get("BENCH_SCALE", "1.0"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
# Only these pages (comma-separated names of PAGES), printed, nothing else: a quick check.
ONLY = [name for name in os.environ.get("BENCH_ONLY", "").split(",") if name]
PAGES = {
    # name: (role, path); {lesson}, {guideline}, {code} are filled in from the data
    "healthz": (None, "/healthz/"),
    "bare_page": ("employee", "{bare}"),
    "wagtail_page": ("employee", "{guideline}"),
    "dashboard": ("employee", "/path/"),
    "feed": ("employee", "/share/"),
    "composer": ("employee", "/share/{item}/"),
    "lesson": ("employee", "{lesson}"),
    "missions": ("employee", "/missions/"),
    "mentor_queue": ("mentor", "/desk/?view=all"),
    "mentor_request": ("mentor", "/desk/{ticket}/"),
    "insights": ("comms", "/insights/?days=90"),
    "programme": ("comms", "/programme/"),
    # The REST API's people list, a full page, with a service token (role "service").
    "api_people": ("service", "/api/v1/people?page_size=100"),
}
# The key pages and the share of the frame-less page's throughput each must reach.
TARGETS = {"wagtail_page": 0.8} | dict.fromkeys(
    (
        "dashboard",
        "feed",
        "composer",
        "lesson",
        "missions",
        "mentor_queue",
        "mentor_request",
        "insights",
        "programme",
    ),
    0.7,
)

PREPARE = (
    SESSION
    + """
import json
from wagtail.models import Site
from bench.models import BarePage
from courses.models import LessonPage
from guidelines.models import GuidelinePage
from mentors.models import Ticket
from sharing.models import ContentItem, Share

guideline = min(GuidelinePage.objects.live().filter(locale__language_code="nl"),
                key=lambda page: len(str(page.specific.body)))
lesson = LessonPage.objects.live().filter(locale__language_code="nl").first()
share = Share.objects.order_by("pk").first()
# The frame-less page: the same text as the lightest guideline, in the same tree.
bare = BarePage.objects.filter(slug="bench-bare").first()
if bare is None:
    home = Site.objects.get(is_default_site=True).root_page
    bare = home.add_child(instance=BarePage(
        title=guideline.title, slug="bench-bare", body=str(guideline.specific.body)))
item = ContentItem.objects.filter(url__startswith="https://gen.example/").first() or \
    ContentItem.objects.first()
ticket = (Ticket.objects.filter(assignee__username="mentor").order_by("pk").first()
          or Ticket.objects.order_by("pk").first())
# A service token for the API page: years to live and no rate limit to speak of (the load
# generator is one caller making thousands of calls a minute).
import datetime as dt
from django.utils import timezone
from api.models import ApiToken
from api.services import token_create
api_token = token_create(name="bench", kind=ApiToken.Kind.SERVICE, scopes=["people:read"],
                         expires_at=timezone.now() + dt.timedelta(days=3650),
                         rate_per_minute=1_000_000_000)[1]
print("DATA", json.dumps({
    "api_token": api_token,
    "sessions": {role: session(name) for role, name in
                 (("employee", "daan"), ("mentor", "mentor"), ("comms", "comms"))},
    "guideline": guideline.url, "lesson": lesson.url, "code": share.code,
    "bare": bare.url, "item": item.pk, "ticket": ticket.pk,
}))
"""
)

QUERIES = (
    SESSION
    + """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from insights.models import InsightSettings
InsightSettings.load()
pages = json.loads(PAGES_JSON)
users = {"employee": "daan", "mentor": "mentor", "comms": "comms"}
counts = {}
for name, (role, path) in pages.items():
    client = Client(HTTP_HOST="127.0.0.1")
    headers = {}
    if role == "service":
        headers = {"Authorization": f"Bearer {API_TOKEN}"}
    elif role:
        client.cookies[settings.SESSION_COOKIE_NAME] = session(users[role])
    client.get(path, secure=True, headers=headers)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, secure=True, headers=headers)
    assert response.status_code == 200, (name, response.status_code)
    counts[name] = len(captured)
print("QUERIES", json.dumps(counts))
"""
)

# A push to PUSH_PEOPLE ambassadors: the generated organisation is topped up with taking-part
# colleagues of the item's language (in bulk), then the planner is timed against a raw bulk
# insert of as many notification rows (the database's own limit).
PUSH = """
import datetime as dt, json, time
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from ambassadors.models import Ambassador, Notification
from sharing.models import ContentItem, Push
from sharing.services import push_plan, push_segment
item = ContentItem.objects.filter(url__startswith="https://gen.example/", min_stage=1).first()
# A run on reused data starts like a fresh one: nobody has a suggestion planned yet.
Notification.objects.filter(kind="share_suggestion").delete()
push = Push.objects.create(item=item, window_hours=48)
missing = PUSH_PEOPLE - push_segment(push).count()
consented = timezone.now() - dt.timedelta(days=60)
for first in range(0, max(missing, 0), 5000):
    with transaction.atomic():
        users = User.objects.bulk_create(
            User(username=f"push-{n}", email=f"push-{n}@example.org", password="!")
            for n in range(first, min(first + 5000, missing))
        )
        Ambassador.objects.bulk_create(
            Ambassador(user=user, status="active", stage=1, language=item.language,
                       consented_at=consented)
            for user in users
        )
began = time.perf_counter()
push_plan(push=push)
planning = time.perf_counter() - began
push.refresh_from_db()
people = list(push_segment(push).values_list("user_id", flat=True))
began = time.perf_counter()
with transaction.atomic():
    Notification.objects.bulk_create(
        [Notification(recipient_id=user, kind="bench", idempotency_key=f"bench:{user}",
                      subject=f"Something to share: {item.title}", body=item.summary[:300],
                      link=f"/share/{item.pk}/", is_nudge=True, visible_from=timezone.now(),
                      email_after=timezone.now())
         for user in people],
        batch_size=500,
    )
    bulk = time.perf_counter() - began
    transaction.set_rollback(True)
print("PUSH", json.dumps({"people": push.segment_size, "planned": push.planned,
                          "seconds": round(planning, 2), "bulk_insert_seconds": round(bulk, 2)}))
"""


def filled(path: str, data: dict) -> str:
    return path.format(**{key: value for key, value in data.items() if key != "sessions"})


def query_counts(env, data) -> dict:
    pages = {name: (role, filled(path, data)) for name, (role, path) in PAGES.items()}
    script = (
        f"PAGES_JSON = {json.dumps(json.dumps(pages))}\n"
        f"API_TOKEN = {json.dumps(data['api_token'])}\n" + QUERIES
    )
    return shell_result(env, script, "QUERIES")


def clicks_of(env, code: str) -> int:
    script = (
        "from sharing.models import Click\n"
        f"print('CLICKS', Click.objects.filter(share__code={code!r}).count())"
    )
    return shell_result(env, script, "CLICKS")


def peak_memory_mb(pid: int) -> float | None:
    try:
        status = open(f"/proc/{pid}/status").read()  # noqa: PTH123, SIM115
    except OSError:
        return None
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    return round(int(found.group(1)) / 1024, 1) if found else None


def children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (read from /proc, no extra packages)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def prepare(env) -> tuple[dict, dict, dict]:
    """A fresh database with the demo content and the generated organisation; the queries of
    every page at 1% and at full size."""
    fresh_database(env)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "seed_demo")
    generate_org(env, SCALE * 0.01)
    manage(env, "shell", "-c", "from insights.tasks import rollup_nightly; rollup_nightly()")
    data = shell_result(env, PREPARE, "DATA")
    small = query_counts(env, data)
    generate_org(env, SCALE * 0.99)
    manage(env, "shell", "-c", "from insights.tasks import rollup_nightly; rollup_nightly()")
    large = query_counts(env, data)
    return data, small, large


def main() -> None:
    env = environment("bench-suite")
    prepared = ROOT / "var" / f"bench-suite-{env['DATABASE_URL'].split(':', 1)[0]}.json"
    earlier = json.loads(prepared.read_text()) if prepared.exists() else {}
    reusable = earlier.get("scale") == SCALE and set(PAGES) <= set(earlier.get("small", {}))
    if os.environ.get("BENCH_REUSE") == "1" and reusable:
        # The data of an earlier run at the same scale (BENCH_REUSE=1): skip building it.
        data, small, large = (earlier[key] for key in ("data", "small", "large"))
    else:
        data, small, large = prepare(env)
        prepared.write_text(
            json.dumps({"scale": SCALE, "data": data, "small": small, "large": large})
        )
    pages = {}
    with gunicorn(env, workers=WORKERS) as base:
        server_pids = children(os.getpid())
        for name, (role, path) in PAGES.items():
            if ONLY and name not in ONLY:
                continue
            if role == "service":
                headers = {"Authorization": f"Bearer {data['api_token']}"}
            elif role:
                headers = {"Cookie": f"sessionid={data['sessions'][role]}"}
            else:
                headers = {}
            url = f"{base}{filled(path, data)}"
            if status_of(url, headers) != 200:
                raise SystemExit(f"{name} ({url}) does not answer 200 as {role}.")
            pages[name] = load(url, headers)
            if set(pages[name].get("statuses", {200: 0})) != {200} or pages[name].get(
                "non_2xx_3xx"
            ):
                raise SystemExit(f"{name} did not answer 200 only: {pages[name]}")
        if ONLY:
            # A quick look at some pages (BENCH_ONLY): no redirect, push or files written.
            bare = pages.get("bare_page", {}).get("rps")
            for name, page in pages.items():
                ratio = f" {page['rps'] / bare:.2f}× frame-less" if bare else ""
                print(f"{name:16} {page['rps']:8.1f} req/s p95 {page['p95_ms']} ms{ratio}")
            return
        clicks_before = clicks_of(env, data["code"])
        redirect = load(f"{base}/s/{data['code']}")
        clicks = clicks_of(env, data["code"]) - clicks_before
        # wrk stops counting at the deadline while the last requests may still be answered
        # (and recorded): more clicks than counted answers is fine, fewer would be a loss.
        answered = redirect["requests"] - redirect.get("non_2xx_3xx", 0)
        if "statuses" in redirect:
            answered = redirect["statuses"].get(302, 0)
        web_peak = max(
            (peak_memory_mb(child) or 0 for pid in server_pids for child in children(pid)),
            default=None,
        )
    # The worker runs while a push is planned and its e-mails go out.
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env={**env, "Q_WORKERS": "1", "EMAIL_URL": "locmem://"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        script = f"PUSH_PEOPLE = {int(100_000 * SCALE)}\n" + PUSH
        push = shell_result(env, script, "PUSH")
        time.sleep(10)
        worker_peak = max(
            [peak_memory_mb(worker.pid) or 0]
            + [peak_memory_mb(child) or 0 for child in children(worker.pid)]
        )
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)  # a long task (a rollup) need not finish
            worker.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGKILL)

    healthz, wagtail = pages["healthz"]["rps"], pages["wagtail_page"]["rps"]
    bare = pages["bare_page"]["rps"]
    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}",
        "database": "postgresql"
        if env["DATABASE_URL"].startswith("postgres")
        else env["DATABASE_URL"].split(":", 1)[0],
        "scale": SCALE,
        "workers": WORKERS,
        "connections": CONNECTIONS,
        "seconds": SECONDS,
        "pages": {
            name: {
                "rps": page["rps"],
                "p50_ms": page["p50_ms"],
                "p95_ms": page["p95_ms"],
                "queries_small": small[name],
                "queries_large": large[name],
                "ratio_healthz": round(page["rps"] / healthz, 2) if healthz else None,
                "ratio_wagtail": round(page["rps"] / wagtail, 2) if wagtail else None,
                "ratio_bare": round(page["rps"] / bare, 2) if bare else None,
                "target_bare": TARGETS.get(name),
            }
            for name, page in pages.items()
        },
        "redirect": {
            "rps": redirect["rps"],
            "ratio_healthz": round(redirect["rps"] / healthz, 2) if healthz else None,
            "answered": answered,
            "clicks_recorded": clicks,
            "clicks_lost": max(answered - clicks, 0),
        },
        "push_plan": {
            **push,
            "ratio": round(push["seconds"] / push["bulk_insert_seconds"], 1)
            if push["bulk_insert_seconds"]
            else None,
        },
        "memory_mb": {"web": web_peak, "worker": worker_peak},
    }
    table = markdown(results)
    # The latest run, and the latest per database (README shows both).
    for suffix in ("", f"-{results['database']}"):
        (ROOT / "bench" / f"results{suffix}.json").write_text(json.dumps(results, indent=2))
        (ROOT / "bench" / f"results{suffix}.md").write_text(table)
    print(table)


def markdown(results: dict) -> str:
    lines = [
        f"Machine: {results['machine']}; database: {results['database']}; scale "
        f"{results['scale']}; {results['workers']} gunicorn workers, "
        f"{results['connections']} connections, {results['seconds']} s per page.",
        "",
        "| page | req/s | p50 ms | p95 ms | queries 1% | queries full | × healthz | "
        "× lightest page | × frame-less | target | met |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, page in results["pages"].items():
        target = page.get("target_bare")
        met = "" if target is None else ("yes" if page["ratio_bare"] >= target else "**no**")
        lines.append(
            f"| {name} | {page['rps']} | {page['p50_ms']} | {page['p95_ms']} | "
            f"{page['queries_small']} | {page['queries_large']} | {page['ratio_healthz']} | "
            f"{page['ratio_wagtail']} | {page['ratio_bare']} | {target or ''} | {met} |"
        )
    push = results["push_plan"]
    lines += [
        "",
        f"Redirect: {results['redirect']['rps']} req/s ({results['redirect']['ratio_healthz']}× "
        f"healthz), {results['redirect']['answered']} answered, "
        f"{results['redirect']['clicks_lost']} clicks lost.",
        f"Push plan to {push['people']} people: {push['seconds']} s against a bulk insert of "
        f"{push['bulk_insert_seconds']} s ({push['ratio']}×).",
        f"Peak memory: web worker {results['memory_mb']['web']} MB, qcluster "
        f"{results['memory_mb']['worker']} MB.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
