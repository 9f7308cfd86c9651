"""The CMS's page workflow: reviews go to comms staff and administrators, not empty groups."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow, WorkflowPage

from ambassadors.provisioning import REVIEW_WORKFLOW
from ambassadors.roles import Role
from core import provisioning
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_root_workflow_is_reviewed_by_comms_staff_and_administrators(comms, mentor):
    """After the migrations, the root's workflow asks comms staff or administrators to approve;
    Wagtail's empty Moderators and Editors groups are gone; a second sync changes nothing."""
    home = provisioning.wagtail_site_ensure()
    workflow = home.get_workflow()
    assert workflow.name == REVIEW_WORKFLOW
    assert WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow == workflow
    [task] = [task.specific for task in workflow.tasks]
    assert {group.name for group in task.groups.all()} == {Role.COMMS.value, Role.ADMIN.value}
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()

    page = home.add_child(instance=Page(title="News", slug="news"))
    administrator = make_user(Role.ADMIN, joined=False)
    assert task.get_actions(page, comms)  # approve, reject
    assert task.get_actions(page, administrator)
    assert not task.get_actions(page, mentor)

    provisioning.roles_sync()
    assert Workflow.objects.count() == 1
    assert list(Workflow.objects.get().tasks) == [task.task_ptr]
