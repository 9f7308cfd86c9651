"""Sweeps that take up pushes, previews and guideline notices whose task was lost."""

from django.db import migrations

from core.provisioning import schedules_sync


def provision(apps, schema_editor):
    schedules_sync(apps)


class Migration(migrations.Migration):
    dependencies = [("sharing", "0008_retention_schedule_and_audit_permissions")]

    operations = [migrations.RunPython(provision, migrations.RunPython.noop)]
