"""Give comms staff the missions' permissions."""

from django.db import migrations

from core.provisioning import roles_sync


def provision(apps, schema_editor):
    roles_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("missions", "0002_default_growth_rules"),
        ("ambassadors", "0002_roles_and_schedules"),
    ]

    operations = [migrations.RunPython(provision, migrations.RunPython.noop)]
