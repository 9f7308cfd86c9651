"""Print, as JSON, what provisioning made in a database: the groups with their permissions,
the page and collection permissions, the review workflow and the periodic tasks.

Run it on a freshly migrated database before and after a change to provisioning and compare:

    DATABASE_URL=sqlite:////tmp/before.sqlite3 python manage.py migrate
    DATABASE_URL=sqlite:////tmp/before.sqlite3 python scripts/provisioning_snapshot.py > before.json
"""

import datetime as dt
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, Permission  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_q.models import Schedule  # noqa: E402
from wagtail.models import (  # noqa: E402
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
)


def permission_name(permission: Permission) -> str:
    content_type = permission.content_type
    return f"{content_type.app_label}.{content_type.model}.{permission.codename}"


def snapshot() -> dict:
    every = sorted(map(permission_name, Permission.objects.select_related("content_type")))
    groups = {}
    for group in Group.objects.order_by("name"):
        names = sorted(map(permission_name, group.permissions.select_related("content_type")))
        groups[group.name] = "every permission" if names == every and every else names
    return {
        "groups": groups,
        "page permissions": sorted(
            f"{p.group.name} {p.page.url_path} {p.permission.codename}"
            for p in GroupPagePermission.objects.select_related("group", "page", "permission")
        ),
        "collection permissions": sorted(
            f"{p.group.name} {p.collection.name} {p.permission.codename}"
            for p in GroupCollectionPermission.objects.select_related(
                "group", "collection", "permission"
            )
        ),
        "workflows": [
            {
                "name": workflow.name,
                "active": workflow.active,
                "tasks": [
                    [task.name, task.active, sorted(g.name for g in task.specific.groups.all())]
                    for task in workflow.tasks
                ],
                "pages": sorted(
                    wp.page.url_path for wp in WorkflowPage.objects.filter(workflow=workflow)
                ),
            }
            for workflow in Workflow.objects.order_by("name")
        ],
        "schedules": {
            s.name: {
                "func": s.func,
                "type": s.schedule_type,
                "minutes": s.minutes,
                "repeats": s.repeats,
                # Schedules made for a later moment (core.provisioning.AtATime): their time.
                "at": timezone.localtime(s.next_run).strftime("%a %H:%M")
                if s.next_run > timezone.now() + dt.timedelta(minutes=5)
                else None,
            }
            for s in Schedule.objects.order_by("name")
        },
    }


if __name__ == "__main__":
    print(json.dumps(snapshot(), indent=1, sort_keys=True))
