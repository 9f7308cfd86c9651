"""The nightly click retention task, and the view permissions that let comms staff read
reviews and ticket assignments in the audit trail."""

from django.db import migrations

from core.provisioning import roles_sync, schedules_sync


def provision(apps, schema_editor):
    roles_sync(apps)
    schedules_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("sharing", "0007_click_days"),
        ("missions", "0005_schedules_and_stage_permission"),
        ("mentors", "0003_ticket_keep_reason"),
    ]

    operations = [migrations.RunPython(provision, migrations.RunPython.noop)]
