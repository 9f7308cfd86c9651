"""Default SLA targets, Monday–Friday 09:00–17:00 opening hours, the sweep schedule and
comms staff's permissions for the desk's settings."""

import datetime as dt

from django.db import migrations

from core.provisioning import roles_sync, schedules_sync

# kind: first response, resolution, pick-up (minutes), business hours only
TARGETS = {
    "question": (480, 1440, 120, True),
    "coaching": (480, 4800, 240, True),
    "ghostwriting": (480, 2400, 240, True),
    "editing": (480, 1440, 240, True),
    "mediation": (60, 1440, 15, False),
}


def defaults(apps, schema_editor):
    SlaTarget = apps.get_model("mentors", "SlaTarget")
    OpeningHours = apps.get_model("mentors", "OpeningHours")
    for kind, (response, resolution, pickup, business) in TARGETS.items():
        SlaTarget.objects.get_or_create(
            kind=kind,
            defaults={
                "first_response_minutes": response,
                "resolution_minutes": resolution,
                "pickup_minutes": pickup,
                "business_hours": business,
            },
        )
    for weekday in range(5):
        OpeningHours.objects.get_or_create(
            weekday=weekday, defaults={"opens": dt.time(9), "closes": dt.time(17)}
        )
    roles_sync(apps)
    schedules_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0001_desk"),
        ("ambassadors", "0003_ambassador_leaderboard_anonymous"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(defaults, migrations.RunPython.noop)]
