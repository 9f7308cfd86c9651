"""Scale-out on one machine: two web instances and two task clusters sharing one PostgreSQL.

    make bench-scaleout           # PostgreSQL at BENCH_DATABASE_URL (default: local, trust auth)
    REDIS_URL=redis://127.0.0.1:6379/0 make bench-scaleout               # shared cache in Redis
    REDIS_URL=... SCALEOUT_BROKER=redis make bench-scaleout              # tasks through Redis too

Two gunicorn instances (ports BENCH_PORT and BENCH_PORT+1, 2 workers each) and two qcluster
processes (2 workers each) run against the same database (and Redis when REDIS_URL is set).
For BENCH_SECONDS, wrk loads the dashboard, the feed and the tracked-link redirect on both
instances while a producer tells SCALEOUT_MESSAGES people something, each with its own
e-mail, so both clusters compete for the delivery tasks. Then it checks:

- no page answered anything but 200 (302 for the redirect), no socket errors;
- every redirect answered left a recorded click (none lost);
- every e-mail went out exactly once (the e-mails are written to files and counted),
  no task failed, and both clusters did part of the work.

Writes bench/results/scaleout.json and prints it; exits non-zero when a check fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from common import (
    PORT,
    ROOT,
    SESSION,
    create_database,
    environment,
    gunicorn,
    load,
    manage,
    shell_result,
    status_of,
)

MESSAGES = int(os.environ.get("SCALEOUT_MESSAGES", "1000"))
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/academy_scaleout"

PREPARE = (
    SESSION
    + """
import json
from django.contrib.auth.models import User
from sharing.models import Share
people = [User.objects.get_or_create(username=f"scaleout-{n}",
                                     defaults={"email": f"scaleout-{n}@example.org"})[0]
          for n in range(20)]
share = Share.objects.order_by("pk").first()
print("DATA", json.dumps({"session": session("daan"), "code": share.code}))
"""
)

# Plain accounts without a programme profile: their e-mail is due at once, whatever the hour.
PRODUCE = """
from django.contrib.auth.models import User
from ambassadors.services import notify
people = list(User.objects.filter(username__startswith="scaleout-").order_by("pk"))
for n in range(MESSAGES):
    notify(recipient=people[n % len(people)], kind="scaleout", key=f"scaleout:{n}",
           subject=f"Scale-out check {n}", body="One of many.", link="/")
"""

CHECK = """
import json
from django_q.models import Failure
from ambassadors.models import Notification
from sharing.models import Click
rows = Notification.objects.filter(kind="scaleout")
print("CHECK", json.dumps({
    "notifications": rows.count(),
    "sent": rows.filter(email_sent_at__isnull=False).count(),
    "failures": Failure.objects.count(),
    "clicks": Click.objects.filter(share__code=CODE).count(),
}))
"""


def cluster(env: dict, mail: Path) -> subprocess.Popen:
    """A qcluster that writes its e-mails to its own folder (so the work can be told apart)."""
    mail.mkdir()
    return subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env={**env, "Q_WORKERS": "2", "EMAIL_URL": f"file://{mail}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def check(env: dict, code: str) -> dict:
    script = f"CODE = {code!r}\n" + CHECK
    return shell_result(env, script, "CHECK")


def e_mails(folder: Path) -> Counter:
    counted: Counter = Counter()
    for path in folder.glob("*/*"):
        counted.update(re.findall(r"^Subject: Scale-out check (\d+)$", path.read_text(), re.M))
    return counted


def main() -> None:
    database = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE
    if not database.startswith("postgres"):
        raise SystemExit("The scale-out check needs PostgreSQL (BENCH_DATABASE_URL).")
    mail = Path(tempfile.mkdtemp(prefix="academy-scaleout-mail-"))
    os.environ["BENCH_DATABASE_URL"] = database
    env = {
        **environment("scaleout"),
        "Q_BROKER": os.environ.get("SCALEOUT_BROKER", "orm"),
    }
    create_database(database)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "seed_demo")
    manage(
        env,
        "shell",
        "-c",
        "from ambassadors.models import Notification\n"
        "Notification.objects.filter(kind='scaleout').delete()\n"
        "from django_q.models import Failure, Success\n"
        "Failure.objects.all().delete(); Success.objects.all().delete()",
    )
    data = shell_result(env, PREPARE, "DATA")
    clicks_before = check(env, data["code"])["clicks"]

    clusters = [cluster(env, mail / "a"), cluster(env, mail / "b")]
    results: dict = {
        "database": "postgresql",
        "redis": bool(os.environ.get("REDIS_URL")),
        "broker": env["Q_BROKER"],
        "messages": MESSAGES,
        "pages": {},
    }
    try:
        with (
            gunicorn(env, workers=2, port=PORT) as first,
            gunicorn(env, workers=2, port=PORT + 1) as second,
        ):
            cookie = {"Cookie": f"sessionid={data['session']}"}
            targets = {
                "dashboard@1": (f"{first}/path/", cookie),
                "feed@2": (f"{second}/share/", cookie),
                "redirect@1": (f"{first}/s/{data['code']}", {}),
                "redirect@2": (f"{second}/s/{data['code']}", {}),
            }
            for name, (url, headers) in targets.items():
                expected = 302 if "redirect" in name else 200
                if status_of(url, headers) != expected:
                    raise SystemExit(f"{name} does not answer {expected}")
            threads = [
                threading.Thread(
                    target=lambda n=name, u=url, h=headers: results["pages"].__setitem__(
                        n, load(u, h)
                    )
                )
                for name, (url, headers) in targets.items()
            ]
            producer = threading.Thread(
                target=lambda: manage(env, "shell", "-c", f"MESSAGES = {MESSAGES}\n" + PRODUCE)
            )
            for thread in [*threads, producer]:
                thread.start()
            for thread in [*threads, producer]:
                thread.join()
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            found = check(env, data["code"])
            if found["sent"] >= MESSAGES:
                break
            time.sleep(2)
        time.sleep(5)  # a duplicate delivery would arrive now
        found = check(env, data["code"])
    finally:
        for process in clusters:
            process.send_signal(signal.SIGTERM)  # the cluster stops its own workers
        for process in clusters:
            try:
                process.wait(timeout=30)
            finally:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)  # whatever is left of its group

    counted = e_mails(mail)
    per_cluster = {
        folder.name: sum(
            len(re.findall(r"^Subject: Scale-out", p.read_text(), re.M)) for p in folder.iterdir()
        )
        for folder in sorted(mail.iterdir())
    }
    shutil.rmtree(mail, ignore_errors=True)
    answered = sum(
        page["requests"] - page.get("non_2xx_3xx", 0)
        for name, page in results["pages"].items()
        if name.startswith("redirect")
    )
    results.update(
        {
            "errors": {name: page.get("non_2xx_3xx", 0) for name, page in results["pages"].items()},
            "socket_errors": {
                name: page.get("socket_errors") for name, page in results["pages"].items()
            },
            "redirects_answered": answered,
            "clicks_recorded": found["clicks"] - clicks_before,
            "clicks_lost": max(answered - (found["clicks"] - clicks_before), 0),
            "e_mails_sent": sum(counted.values()),
            "e_mails_distinct": len(counted),
            "e_mails_duplicated": sum(1 for n in counted.values() if n > 1),
            "e_mails_missing": MESSAGES - len(counted),
            "task_failures": found["failures"],
            "e_mails_per_cluster": per_cluster,
        }
    )
    problems = [
        *(f"{name}: {n} bad answers" for name, n in results["errors"].items() if n),
        *(f"{name}: {e}" for name, e in results["socket_errors"].items() if e),
        *([f"{results['clicks_lost']} clicks lost"] if results["clicks_lost"] else []),
        *([f"{results['e_mails_missing']} e-mails missing"] if results["e_mails_missing"] else []),
        *(
            [f"{results['e_mails_duplicated']} e-mails sent twice"]
            if results["e_mails_duplicated"]
            else []
        ),
        *([f"{found['failures']} failed tasks"] if found["failures"] else []),
        *(
            ["one cluster did all the work"]
            if len([n for n in per_cluster.values() if n]) < 2
            else []
        ),
    ]
    results["problems"] = problems
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "scaleout.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    if problems:
        raise SystemExit("Scale-out check failed: " + "; ".join(problems))


if __name__ == "__main__":
    main()
