"""Groups with their permissions, periodic tasks and programme defaults, made idempotently.

The roles migration calls these with the historical app registry; `seed_demo` calls them
with the live one, so a database that lost them (a flushed test database, say) gets them back.
"""

import datetime as dt

from django.apps import apps as global_apps
from django.utils import timezone

from .roles import Role

COMMS_MODEL_PERMISSIONS = {
    "ambassadors": {
        "ambassador": ["view", "change"],
        "department": ["add", "change", "delete", "view"],
        "topic": ["add", "change", "delete", "view"],
        "employeeimport": ["add", "view"],
        "programmesettings": ["change"],
    },
    "sharing": {
        "contentitem": ["add", "change", "delete", "view"],
        "push": ["add", "view"],
        "newsfeed": ["add", "change", "delete", "view"],
    },
    "missions": {
        "mission": ["add", "change", "delete", "view"],
        "campaign": ["add", "change", "delete", "view"],
        "growthrule": ["change", "view"],
        "stagechange": ["add", "view"],
    },
    "mentors": {
        "mentorprofile": ["add", "change", "view"],
        "slatarget": ["add", "change", "view"],
        "openinghours": ["add", "change", "delete", "view"],
        "holiday": ["add", "change", "delete", "view"],
        "cannedresponse": ["add", "change", "delete", "view"],
    },
    "insights": {"insightsettings": ["change"]},
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


def roles_sync(apps=global_apps) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    for role in Role:
        Group.objects.get_or_create(name=role.value)

    comms = Group.objects.get(name=Role.COMMS.value)
    admins = Group.objects.get(name=Role.ADMIN.value)
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


def schedules_sync(apps=global_apps) -> None:
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
        name="news feeds",
        defaults={
            "func": "sharing.tasks.import_feeds",
            "schedule_type": "H",
            "repeats": -1,
        },
    )
    Schedule.objects.update_or_create(
        name="missions",
        defaults={
            "func": "missions.tasks.hourly",
            "schedule_type": "H",
            "repeats": -1,
        },
    )
    Schedule.objects.update_or_create(
        name="mentor desk SLA",
        defaults={
            "func": "mentors.tasks.sla_sweep",
            "schedule_type": "I",
            "minutes": 5,
            "repeats": -1,
        },
    )
    Schedule.objects.update_or_create(
        name="insights today",
        defaults={
            "func": "insights.tasks.rollup_today",
            "schedule_type": "I",
            "minutes": 15,
            "repeats": -1,
        },
    )
    if not Schedule.objects.filter(name="insights nightly").exists():
        tonight = (timezone.localtime() + dt.timedelta(days=1)).replace(
            hour=2, minute=30, second=0, microsecond=0
        )
        Schedule.objects.create(
            name="insights nightly",
            func="insights.tasks.rollup_nightly",
            schedule_type="D",
            repeats=-1,
            next_run=tonight,
        )
    if not Schedule.objects.filter(name="insights weekly summary").exists():
        now = timezone.localtime()
        monday = (now + dt.timedelta(days=7 - now.weekday())).replace(
            hour=7, minute=30, second=0, microsecond=0
        )
        Schedule.objects.create(
            name="insights weekly summary",
            func="insights.tasks.weekly_summary",
            schedule_type="W",
            repeats=-1,
            next_run=monday,
        )
    Schedule.objects.update_or_create(
        name="we miss you",
        defaults={
            "func": "missions.tasks.miss_you",
            "schedule_type": "D",
            "repeats": -1,
        },
    )
    if not Schedule.objects.filter(name="weekly digest").exists():
        # Weekly from the next Monday 08:00 local time (no cron parser needed).
        now = timezone.localtime()
        monday = (now + dt.timedelta(days=7 - now.weekday())).replace(
            hour=8, minute=0, second=0, microsecond=0
        )
        Schedule.objects.create(
            name="weekly digest",
            func="ambassadors.tasks.send_weekly_digests",
            schedule_type="W",
            repeats=-1,
            next_run=monday,
        )


def programme_settings_ensure(apps=global_apps) -> None:
    ProgrammeSettings = apps.get_model("ambassadors", "ProgrammeSettings")
    if not ProgrammeSettings.objects.exists():
        ProgrammeSettings.objects.create()


def wagtail_site_ensure():
    """The page tree's root, a home page, the default site and the root collection, as
    Wagtail's migrations make them; made again when missing (a flushed test database).
    Returns the home page."""
    from wagtail.models import Collection, Locale, Page, Site

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    locale, _created = Locale.objects.get_or_create(language_code="nl")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = Page.objects.filter(depth=2, locale=locale).order_by("path").first()
    if home is None:
        home = root.add_child(
            instance=Page(title="Ambassador Academy", slug="home", locale=locale, live=True)
        )
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Ambassador Academy",
        )
    return home
