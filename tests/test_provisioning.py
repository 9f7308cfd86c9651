"""Groups, permissions and schedules as each app declares them, made by core after migrate."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django_q.models import Schedule

from ambassadors.roles import Role
from core import provisioning

pytestmark = pytest.mark.django_db


def codenames(group: Group) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_after_migrate_administrators_hold_every_permission():
    """A freshly migrated database: the Administrators group holds every permission there
    is (it used to get only those made during the migrations until seed_demo ran)."""
    administrators = Group.objects.get(name=Role.ADMIN.value)
    assert administrators.permissions.count() == Permission.objects.count()


def test_comms_staff_get_what_each_app_declares():
    """Each app's own declaration reaches the group: ambassadors' CMS tools, sharing's
    library, missions, the desk's settings and insights' costs."""
    comms = codenames(Group.objects.get(name=Role.COMMS.value))
    assert {
        "wagtailadmin.access_admin",
        "wagtailimages.choose_image",
        "simple_translation.submit_translation",
        "ambassadors.change_programmesettings",
        "sharing.add_contentitem",
        "missions.add_stagechange",
        "mentors.view_ticket",
        "insights.change_insightsettings",
    } <= comms
    assert "missions.delete_growthrule" not in comms
    assert not codenames(Group.objects.get(name=Role.EMPLOYEE.value))
    assert not codenames(Group.objects.get(name=Role.MENTOR.value))


def test_every_declared_schedule_exists_with_its_task():
    """One schedule per declaration, named as declared, running the declaring app's task."""
    declared = {s.name: s.func for d in provisioning.declarations() for s in d.schedules}
    # identity: SAML records cleanup; mentors: desk tally check; integrations: webhook
    # deliveries and the xAPI sweep; refreshers: the daily reminders
    assert len(declared) == 21
    assert dict(Schedule.objects.values_list("name", "func")) == declared


def test_migrate_brings_back_what_was_lost_and_changes_nothing_else():
    """`migrate` with nothing to migrate makes deleted groups and schedules again (so a new
    permission needs no data migration), puts a changed interval back, keeps the time an
    operator chose for a timed task, and a second sync changes nothing."""
    Group.objects.filter(name=Role.COMMS.value).delete()
    Schedule.objects.filter(name="news feeds").delete()
    Schedule.objects.filter(name="mentor desk SLA").update(minutes=60)
    digest = Schedule.objects.get(name="weekly digest")
    moved = digest.next_run.replace(hour=6)
    Schedule.objects.filter(pk=digest.pk).update(next_run=moved)

    call_command("migrate", verbosity=0)

    comms = Group.objects.get(name=Role.COMMS.value)
    assert "sharing.add_contentitem" in codenames(comms)
    assert Schedule.objects.get(name="news feeds").func == "sharing.tasks.import_feeds"
    assert Schedule.objects.get(name="mentor desk SLA").minutes == 5
    assert Schedule.objects.get(name="weekly digest").next_run == moved

    before = (Permission.objects.count(), Schedule.objects.count(), codenames(comms))
    provisioning.sync()
    assert (Permission.objects.count(), Schedule.objects.count(), codenames(comms)) == before
