"""The push preview in the web request: how long counting a push takes before it is made.

A fresh database (SQLite file var/bench-preview.sqlite3, or BENCH_DATABASE_URL) with one
library item and PREVIEW_SIZES taking-part colleagues of its language (in bulk; default
2,000, 10,000 and 20,000, each size added on top of the last). `push_preview()` runs the planner's
own steps for every person without writing: its median of three runs per size, against
`sharing.services.pushes.PREVIEW_LIMIT` (above which the form says so instead of counting).

    .venv/bin/python bench/push_preview_bench.py
"""

from __future__ import annotations

import os

from common import environment, fresh_database, manage, shell_result

SIZES = [int(size) for size in os.environ.get("PREVIEW_SIZES", "2000,10000,20000").split(",")]

SCRIPT = """
import datetime as dt, json, statistics, time
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from ambassadors.models import Ambassador
from sharing.models import ContentItem
from sharing.services import push_preview
item = ContentItem.objects.create(
    title="Bench", url="https://bench.example/preview", summary="A summary.", language="nl",
    min_stage=1, status="published",
)
consented = timezone.now() - dt.timedelta(days=60)
results = {}
made = 0
for size in SIZES:
    for first in range(made, size, 5000):
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(username=f"preview-{n}", email=f"preview-{n}@example.org", password="!")
                for n in range(first, min(first + 5000, size))
            )
            Ambassador.objects.bulk_create(
                Ambassador(user=user, status="active", stage=1, language="nl",
                           consented_at=consented)
                for user in users
            )
    made = size
    times = []
    for _run in range(3):
        began = time.perf_counter()
        preview = push_preview(item=item, window_hours=48)
        times.append(time.perf_counter() - began)
    results[size] = {"segment": preview.segment, "reach": preview.reach,
                     "too_large": preview.too_large,
                     "median_seconds": round(statistics.median(times), 2)}
print("PREVIEW", json.dumps(results))
"""


def main() -> None:
    env = environment("bench-preview")
    fresh_database(env)
    manage(env, "migrate", "--no-input")
    results = shell_result(env, f"SIZES = {SIZES!r}\n{SCRIPT}", "PREVIEW")
    print("| people in the segment | reached | push_preview(), median of 3 |")
    print("| ---: | ---: | ---: |")
    for size, row in results.items():
        reached = "only counted: too large" if row["too_large"] else f"{row['reach']:,}"
        print(f"| {int(size):,} | {reached} | {row['median_seconds']} s |")


if __name__ == "__main__":
    main()
