"""What ambassadors provisions (see core.provisioning): the four roles, what comms staff may
do in the CMS (its own models and the CMS's tools every content app shares: pages, images,
documents, translation), the page review workflow, the programme's default settings and the
schedules of its own tasks.

The CMS's tools belong to the roles, not to one content app: courses, guidelines and the
content library all use the page tree, images and documents.
"""

from django.apps import apps as global_apps

from core.provisioning import AtATime, Repeating

from .roles import Role

ROLES = list(Role)

PERMISSIONS = {
    Role.COMMS: {
        "ambassador": ["view", "change"],
        "department": ["add", "change", "delete", "view"],
        "topic": ["add", "change", "delete", "view"],
        "employeeimport": ["add", "view"],
        "programmesettings": ["change"],
        # Correcting outlying audience figures (they feed estimated reach and media value).
        "socialprofile": ["view", "change"],
        "wagtailadmin.admin": ["access_admin"],
        "wagtailimages.image": ["add", "change", "delete", "choose"],
        "wagtaildocs.document": ["add", "change", "delete", "choose"],
        # The CMS's *Translate* action (wagtail.contrib.simple_translation) on pages.
        "simple_translation.simpletranslation": ["submit_translation"],
    },
}
_PAGES = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
PAGE_PERMISSIONS = {Role.COMMS: _PAGES, Role.ADMIN: _PAGES}
_COLLECTION = {
    "wagtailimages.image": ["add", "change", "choose"],
    "wagtaildocs.document": ["add", "change", "choose"],
}
COLLECTION_PERMISSIONS = {Role.COMMS: _COLLECTION, Role.ADMIN: _COLLECTION}
# Administrators are also made superusers by seed_demo; the group carries every permission,
# so an administrator without the flag can still work.
EVERY_PERMISSION = [Role.ADMIN]

SCHEDULES = [
    Repeating("outbox sweep", "ambassadors.tasks.sweep_outbox", "I", 1),
    Repeating("scheduled publishing", "ambassadors.tasks.publish_scheduled", "I", 1),
    AtATime("weekly digest", "ambassadors.tasks.send_weekly_digests", "W", 8, 0, weekday=0),
]


def provision(apps) -> None:
    review_workflow_sync(apps)


# Wagtail's migrations put this workflow on the root, with its own (empty) groups.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")
REVIEW_WORKFLOW = "Review by comms staff"
REVIEW_TASK = "Approval by comms staff"
REVIEW_APPROVERS = (Role.COMMS, Role.ADMIN)


def review_workflow_sync(apps) -> None:
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
    task.groups.set(Group.objects.filter(name__in=[role.value for role in REVIEW_APPROVERS]))

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


def programme_settings_ensure(apps=global_apps) -> None:
    ProgrammeSettings = apps.get_model("ambassadors", "ProgrammeSettings")
    if not ProgrammeSettings.objects.exists():
        ProgrammeSettings.objects.create()
