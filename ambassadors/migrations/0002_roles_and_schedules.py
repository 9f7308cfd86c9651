"""Create the four role groups with their permissions, and the periodic tasks."""

from django.db import migrations

COMMS_MODEL_PERMISSIONS = {
    "ambassadors": {
        "ambassador": ["view", "change"],
        "department": ["add", "change", "delete", "view"],
        "topic": ["add", "change", "delete", "view"],
        "employeeimport": ["add", "view"],
        "programmesettings": ["change"],
    },
    "wagtailimages": {"image": ["add", "change", "delete", "choose"]},
    "wagtaildocs": {"document": ["add", "change", "delete", "choose"]},
}
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def permission(apps, app_label: str, model: str, codename: str):
    """Get or make a permission: Django makes them only after all migrations have run."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"[:255]},
    )
    return found


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    for name in ("Employees", "Mentors", "Comms staff", "Administrators"):
        Group.objects.get_or_create(name=name)

    comms = Group.objects.get(name="Comms staff")
    admins = Group.objects.get(name="Administrators")
    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin")
    comms.permissions.add(access_admin)
    for app_label, models in COMMS_MODEL_PERMISSIONS.items():
        for model, actions in models.items():
            for action in actions:
                comms.permissions.add(permission(apps, app_label, model, f"{action}_{model}"))
    # Administrators are also made superusers by seed_demo; the group carries every
    # permission that exists now, so an administrator without the flag can still work.
    admins.permissions.set(Permission.objects.all())

    root = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for group in (comms, admins):
        if root is not None:
            for codename in PAGE_PERMISSIONS:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root,
                    permission=permission(apps, "wagtailcore", "page", codename),
                )
        if root_collection is not None:
            for codename in ("add_image", "change_image", "choose_image"):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=permission(apps, "wagtailimages", "image", codename),
                )
            for codename in ("add_document", "change_document", "choose_document"):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=permission(apps, "wagtaildocs", "document", codename),
                )


def create_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name="outbox sweep",
        defaults={
            "func": "ambassadors.tasks.sweep_outbox",
            "schedule_type": "I",
            "minutes": 1,
            "repeats": -1,
        },
    )
    Schedule.objects.update_or_create(
        name="weekly digest",
        defaults={
            "func": "ambassadors.tasks.send_weekly_digests",
            "schedule_type": "C",
            "cron": "0 8 * * 1",
            "repeats": -1,
        },
    )


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

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(create_schedules, migrations.RunPython.noop),
    ]
