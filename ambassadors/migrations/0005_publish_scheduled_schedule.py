"""The schedule that publishes pages at their scheduled time (Wagtail's publish_scheduled)."""

from django.db import migrations

from core.provisioning import schedules_sync


def provision(apps, schema_editor):
    schedules_sync(apps)


class Migration(migrations.Migration):
    dependencies = [("ambassadors", "0004_leaderboard_index")]

    operations = [migrations.RunPython(provision, migrations.RunPython.noop)]
