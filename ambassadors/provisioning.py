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
        # Correcting outlying audience figures (they feed estimated reach and media value).
        "socialprofile": ["view", "change"],
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
        # No admin pages: lets the audit trail (Site history) show reviews to comms staff.
        "assignment": ["view"],
    },
    "mentors": {
        # Administrators make mentors (with the Mentors group); comms staff only see them.
        "mentorprofile": ["view"],
        "slatarget": ["add", "change", "view"],
        "openinghours": ["add", "change", "delete", "view"],
        "holiday": ["add", "change", "delete", "view"],
        "cannedresponse": ["add", "change", "delete", "view"],
        # No admin pages: lets the audit trail show ticket assignments (number and kind only).
        "ticket": ["view"],
    },
    "insights": {"insightsettings": ["change"]},
    "wagtailimages": {"image": ["add", "change", "delete", "choose"]},
    "wagtaildocs": {"document": ["add", "change", "delete", "choose"]},
}
# Permissions that are not "<action>_<model>": (app label, model, codename).
COMMS_OTHER_PERMISSIONS = [
    # The CMS's *Translate* action (wagtail.contrib.simple_translation) on pages.
    ("simple_translation", "simpletranslation", "submit_translation"),
]
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
    for app_label, model, codename in COMMS_OTHER_PERMISSIONS:
        comms.permissions.add(permission(apps, app_label, model, codename))
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
    review_workflow_sync(apps, approvers=[comms, admins])


# Wagtail's migrations put this workflow on the root, with its own (empty) groups.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")
REVIEW_WORKFLOW = "Review by comms staff"
REVIEW_TASK = "Approval by comms staff"


def review_workflow_sync(apps, *, approvers) -> None:
    """The root's workflow is the programme's review: comms staff and administrators approve.

    Wagtail's default ("Moderators approval", for groups nobody is in) is taken over and
    renamed; its empty groups are removed, so the four roles are the only ones. Comms staff
    may still publish directly: a review is asked for, not forced.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task = (
        GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
        or GroupApprovalTask.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).first()
    )
    if task is None:
        content_type, _created = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask(content_type=content_type)
    task.name = REVIEW_TASK
    task.active = True
    task.save()
    task.groups.set(approvers)

    workflow = (
        Workflow.objects.filter(name=REVIEW_WORKFLOW).first()
        or Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).first()
        or Workflow(name=REVIEW_WORKFLOW)
    )
    workflow.name = REVIEW_WORKFLOW
    workflow.active = True
    workflow.save()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        WorkflowPage.objects.get_or_create(page=root, defaults={"workflow": workflow})
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()


# name: (task, schedule type, minutes for "I"). Kept in step with the code on every sync.
REPEATING = {
    "outbox sweep": ("ambassadors.tasks.sweep_outbox", "I", 1),
    "scheduled publishing": ("ambassadors.tasks.publish_scheduled", "I", 1),
    "news feeds": ("sharing.tasks.import_feeds", "H", None),
    "missions": ("missions.tasks.hourly", "H", None),
    "mentor desk SLA": ("mentors.tasks.sla_sweep", "I", 5),
    "insights today": ("insights.tasks.rollup_today", "I", 15),
    "we miss you": ("missions.tasks.miss_you", "D", None),
    "stalled pushes and previews": ("sharing.tasks.resume_stalled", "I", 15),
    "stalled guideline notices": ("guidelines.tasks.resume_asking", "I", 15),
}
# name: (task, schedule type, weekday or None for daily, hour, minute). Made once, at a
# fixed local time (no cron parser needed); later syncs keep the time an operator set.
AT_A_TIME = {
    "insights nightly": ("insights.tasks.rollup_nightly", "D", None, 2, 30),
    "click retention": ("sharing.tasks.prune_clicks", "D", None, 3, 15),
    "insights weekly summary": ("insights.tasks.weekly_summary", "W", 0, 7, 30),
    "weekly digest": ("ambassadors.tasks.send_weekly_digests", "W", 0, 8, 0),
}


def _next_moment(weekday: int | None, hour: int, minute: int) -> dt.datetime:
    now = timezone.localtime()
    days = 1 if weekday is None else (weekday - now.weekday()) % 7 or 7
    return (now + dt.timedelta(days=days)).replace(
        hour=hour, minute=minute, second=0, microsecond=0
    )


def schedules_sync(apps=global_apps) -> None:
    Schedule = apps.get_model("django_q", "Schedule")
    for name, (func, kind, minutes) in REPEATING.items():
        Schedule.objects.update_or_create(
            name=name,
            defaults={"func": func, "schedule_type": kind, "minutes": minutes, "repeats": -1},
        )
    for name, (func, kind, weekday, hour, minute) in AT_A_TIME.items():
        if not Schedule.objects.filter(name=name).exists():
            Schedule.objects.create(
                name=name,
                func=func,
                schedule_type=kind,
                repeats=-1,
                next_run=_next_moment(weekday, hour, minute),
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
