"""The hourly news-feed import and the comms permissions for feeds."""

from django.db import migrations

from core.provisioning import roles_sync, schedules_sync


def provision(apps, schema_editor):
    roles_sync(apps)
    schedules_sync(apps)


class Migration(migrations.Migration):
    dependencies = [("sharing", "0003_newsfeed")]

    operations = [migrations.RunPython(provision, migrations.RunPython.noop)]
