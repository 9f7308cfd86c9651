"""Throughput of the tracked-link redirect against /healthz/ on the same server, in one run.

Starts the platform under gunicorn (production settings, 2 workers) on a separate database
(SQLite file in var/ by default, or BENCH_DATABASE_URL), loads each URL for the same time
and concurrency with a browser user agent, and checks afterwards that every redirect
answered left exactly one recorded click. Uses wrk when it is installed, else a small
Python load generator (the ratio is what counts: both URLs get the same client).

    .venv/bin/python bench/redirect_bench.py            # or: make bench-redirect
"""

from __future__ import annotations

import json
import re

from common import CONNECTIONS, ROOT, SECONDS, environment, gunicorn, load, manage

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


def main() -> None:
    env = environment()
    (ROOT / "var").mkdir(exist_ok=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    code = re.search(r"CODE (\S+)", manage(env, "shell", "-c", SETUP)).group(1)
    with gunicorn(env) as base:
        healthz = load(f"{base}/healthz/")
        redirect = load(f"{base}/s/{code}")
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
