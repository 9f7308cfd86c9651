"""Comms staff may use the CMS's Translate action (wagtail.contrib.simple_translation)."""

from django.db import migrations

from core.provisioning import roles_sync


def provision(apps, schema_editor):
    roles_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("ambassadors", "0005_publish_scheduled_schedule"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(provision, migrations.RunPython.noop)]
