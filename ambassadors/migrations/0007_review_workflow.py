"""The root's workflow: comms staff and administrators approve (Wagtail's default had
empty Moderators and Editors groups)."""

from django.db import migrations

from core.provisioning import roles_sync


def provision(apps, schema_editor):
    roles_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("ambassadors", "0006_translate_permission"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(provision, migrations.RunPython.noop)]
