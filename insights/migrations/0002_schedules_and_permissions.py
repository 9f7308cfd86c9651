"""The rollup schedules (every 15 minutes for today, nightly for the last days) and comms
staff's permission to set the costs used for earned media value."""

from django.db import migrations

from core.provisioning import roles_sync, schedules_sync


def provision(apps, schema_editor):
    roles_sync(apps)
    schedules_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_rollups"),
        ("mentors", "0002_defaults"),
        ("missions", "0005_schedules_and_stage_permission"),
    ]

    operations = [migrations.RunPython(provision, migrations.RunPython.noop)]
