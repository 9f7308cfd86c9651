"""Give comms staff the content library's permissions (the roles migration runs first)."""

from django.db import migrations

from core.provisioning import roles_sync


def provision(apps, schema_editor):
    roles_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("sharing", "0001_initial"),
        ("ambassadors", "0002_roles_and_schedules"),
    ]

    operations = [migrations.RunPython(provision, migrations.RunPython.noop)]
