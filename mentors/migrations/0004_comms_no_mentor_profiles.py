"""Comms staff no longer make or change mentors: administrators do (issue 16, item 33).

`roles_sync` only adds permissions, so the ones given earlier are taken back here."""

from django.db import migrations

from ambassadors.roles import Role

TAKEN_BACK = ["add_mentorprofile", "change_mentorprofile", "delete_mentorprofile"]


def take_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    comms = Group.objects.filter(name=Role.COMMS.value).first()
    if comms is not None:
        comms.permissions.remove(
            *Permission.objects.filter(content_type__app_label="mentors", codename__in=TAKEN_BACK)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0003_ticket_keep_reason"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(take_back, migrations.RunPython.noop)]
