"""The insights dashboard with a large organisation against 1% of it, in one run, and the
time to roll up one day and the whole year.

Makes a fresh database (SQLite file var/bench-insights.sqlite3, or BENCH_DATABASE_URL),
generates 1% of the organisation (`manage.py generate_org --scale 0.01`), rolls up the year
and times the dashboard; then grows it to the full size (10,000 employees, 100,000 shares,
1,000,000 clicks, 50,000 assignments, 20,000 requests), rolls up again and times it again.
Target: the dashboard at most 1.5× slower at full size.

    .venv/bin/python bench/insights_bench.py            # or: make bench-insights
"""

from __future__ import annotations

import json
import os

from common import ROOT, environment, fresh_database, generate_org, manage, shell_result

SCALE = float(os.environ.get("BENCH_SCALE", "1.0"))
MEASURE = """
import datetime as dt, json, statistics, time
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone
from ambassadors.models import Ambassador
from insights import rollups
from insights.models import InsightSettings
from sharing.models import Click, Share
today = timezone.localdate()
began = time.perf_counter()
rollups.rollup_range(today - dt.timedelta(days=365), today)
rollups.snapshot_funnel(today)
year = time.perf_counter() - began
one_day = min(rollups.rollup_day(today - dt.timedelta(days=d)) for d in (30, 60, 90))
comms, _ = User.objects.get_or_create(username="bench-comms")
comms.groups.add(Group.objects.get(name="Comms staff"))
Ambassador.objects.get_or_create(user=comms)
InsightSettings.load()
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(comms)
timings = {}
for query in ("days=365", "days=90&stage=1", "days=30&network=linkedin"):
    for _ in range(3):
        client.get("/insights/?" + query, secure=True)
    runs = []
    for _ in range(15):
        started = time.perf_counter()
        response = client.get("/insights/?" + query, secure=True)
        runs.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    timings[query] = statistics.median(runs)
print("RESULT", json.dumps({
    "shares": Share.objects.count(), "clicks": Click.objects.count(),
    "rollup_year_seconds": round(year, 2), "rollup_day_seconds": round(one_day, 3),
    "dashboard_ms": {k: round(v * 1000, 1) for k, v in timings.items()},
}))
"""


def measure(env) -> dict:
    return shell_result(env, MEASURE, "RESULT")


def main() -> None:
    env = environment("bench-insights")
    fresh_database(env)
    manage(env, "migrate", "--noinput")
    generate_org(env, SCALE * 0.01)
    small = measure(env)
    generate_org(env, SCALE * 0.99)
    large = measure(env)
    ratios = {
        query: round(large["dashboard_ms"][query] / small["dashboard_ms"][query], 2)
        for query in small["dashboard_ms"]
    }
    result = {
        "database": env["DATABASE_URL"].split(":", 1)[0],
        "scale": SCALE,
        "small": small,
        "large": large,
        "dashboard_ratio": ratios,
        "target": 1.5,
        "met": all(ratio <= 1.5 for ratio in ratios.values()),
    }
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "insights.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
