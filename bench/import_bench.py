"""An employee import of 20,000 rows, applied by the real task function.

Makes a fresh database (SQLite file var/bench-import.sqlite3, or BENCH_DATABASE_URL) with
production settings (config.settings.bench), imports BENCH_IMPORT_EXISTING people first
(4,000), then checks and applies a file of BENCH_IMPORT_ROWS rows (20,000, the limit): a
quarter of the existing people renamed or moved, the others of them unchanged, the rest new,
spread over 40 departments. Times the dry run (done in the upload request), the report page
comms staff then read (in-process, the same request), and the task that applies the import
(`ambassadors.tasks.apply_employee_import`, one transaction, invitations queued after
commit to the real broker). Target: the apply within BENCH_IMPORT_TARGET seconds (60).

    .venv/bin/python bench/import_bench.py            # or: make bench-import

Writes bench/import-results.json and bench/import-results.md (with `-postgresql` in the
names when run on PostgreSQL).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from common import environment, fresh_database, manage  # noqa: E402 (bench/, the script's folder)

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "20000"))
EXISTING = int(os.environ.get("BENCH_IMPORT_EXISTING", "4000"))
TARGET_SECONDS = float(os.environ.get("BENCH_IMPORT_TARGET", "60"))
HEADER = "email,first_name,last_name,department,language\n"


def people(start: int, count: int, *, first_name: str = "Person", shift: int = 0) -> str:
    return "".join(
        f"p{n}@bench.example,{first_name},Number{n},Department {(n + shift) % 40},"
        f"{'en' if n % 5 == 0 else 'nl'}\n"
        for n in range(start, start + count)
    )


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - start


def main() -> int:
    env = environment("bench-import")
    fresh_database(env)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    os.environ.update(env)

    import django

    django.setup()

    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django_q.models import OrmQ

    from ambassadors import tasks
    from ambassadors.importing import employee_import_check, employee_import_start
    from ambassadors.models import Ambassador, EmployeeImport
    from ambassadors.roles import Role
    from tests.factories import make_user

    comms = make_user(Role.EMPLOYEE, Role.COMMS)
    # The report page is timed in-process, signed in without a second step (not measured).
    settings.ACADEMY_TWO_FACTOR_ENFORCED = False

    def import_file(text: str) -> dict:
        checked, check_seconds = timed(
            employee_import_check, uploaded_by=comms, file_name="bench.csv", raw=text.encode()
        )
        assert checked.status == EmployeeImport.Status.CHECKED, checked.report.get("fatal")
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(comms)
        page, page_seconds = timed(client.get, f"/cms/import-employees/{checked.pk}/")
        assert page.status_code == 200, (page.status_code, page.get("Location"))
        employee_import_start(employee_import=checked, by=comms)
        queued_before = OrmQ.objects.count()
        status, apply_seconds = timed(tasks.apply_employee_import, checked.pk)
        assert status == EmployeeImport.Status.APPLIED, status
        checked.refresh_from_db()
        return {
            "rows": len(checked.report["create"]) + len(checked.report["update"]),
            "check_seconds": round(check_seconds, 2),
            "report_page_seconds": round(page_seconds, 2),
            "report_page_kb": round(len(page.content) / 1024),
            "apply_seconds": round(apply_seconds, 2),
            "result": checked.result,
            "tasks_queued": OrmQ.objects.count() - queued_before,
        }

    print(f"Importing {EXISTING:,} people first …", flush=True)
    first = import_file(HEADER + people(0, EXISTING))
    changed = EXISTING // 4
    text = (
        HEADER
        + people(0, changed, first_name="Renamed", shift=1)
        + people(changed, EXISTING - changed)
        + people(EXISTING, ROWS - EXISTING)
    )
    print(f"Importing {ROWS:,} rows ({changed:,} changes, {ROWS - EXISTING:,} new) …", flush=True)
    main_run = import_file(text)
    assert main_run["result"]["created"] == ROWS - EXISTING, main_run["result"]
    assert main_run["result"]["updated"] == changed, main_run["result"]
    assert main_run["result"]["unchanged"] == EXISTING - changed, main_run["result"]
    assert Ambassador.objects.filter(user__email__endswith="@bench.example").count() == ROWS
    assert User.objects.filter(email__endswith="@bench.example").count() == ROWS

    database = connection.vendor
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}",
        "database": database,
        "first_import": first,
        "import": main_run,
        "target_seconds": TARGET_SECONDS,
        # Other work on the machine slows the run: the load average says how busy it was.
        "load_average_1min_after": round(os.getloadavg()[0], 2),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    run = main_run
    lines = [
        f"Machine: {result['machine']}; database: {database}; load average (1 min) after "
        f"the run: {result['load_average_1min_after']}.",
        "",
        "| import | rows | created | updated | unchanged | dry run (upload) | "
        "report page | apply (task) | invitation tasks |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *(
            f"| {name} | {r['rows']:,} | {r['result']['created']:,} | {r['result']['updated']:,} "
            f"| {r['result']['unchanged']:,} | {r['check_seconds']} s | "
            f"{r['report_page_seconds']} s ({r['report_page_kb']:,} KB) | "
            f"**{r['apply_seconds']} s** | {r['tasks_queued']} |"
            for name, r in (("first (all new)", first), ("second (the limit)", run))
        ),
        "",
        f"Target: {ROWS:,} rows applied within {TARGET_SECONDS:g} s: "
        + ("met" if run["apply_seconds"] <= TARGET_SECONDS else "NOT met")
        + f" ({run['apply_seconds']} s). Peak memory of the process: {result['max_rss_mb']} MB.",
    ]
    suffix = "" if database == "sqlite" else f"-{database}"
    stem = ROOT / "bench" / f"import-results{suffix}"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=2) + "\n")
    stem.with_suffix(".md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0 if run["apply_seconds"] <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
