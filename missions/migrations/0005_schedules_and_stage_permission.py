"""The hourly missions task (campaigns, expiry, reminders), the daily "we miss you", and
comms staff's permission to change someone's stage by hand."""

from django.db import migrations

from core.provisioning import roles_sync, schedules_sync


def provision(apps, schema_editor):
    roles_sync(apps)
    schedules_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("missions", "0004_links_campaign_plan_private_evidence"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(provision, migrations.RunPython.noop)]
