"""Create the four role groups with their permissions, the periodic tasks and the
programme's default settings."""

from django.db import migrations

from ambassadors.provisioning import programme_settings_ensure
from core.provisioning import roles_sync, schedules_sync


def provision(apps, schema_editor):
    roles_sync(apps)
    schedules_sync(apps)
    programme_settings_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("ambassadors", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(provision, migrations.RunPython.noop)]
