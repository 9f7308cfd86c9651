"""The audit trail: who changed what, read in the CMS's site history by comms staff."""

import pytest
from wagtail.models import ModelLogEntry

from ambassadors.importing import (
    employee_import_apply,
    employee_import_check,
    employee_import_start,
)
from ambassadors.models import ProgrammeSettings
from ambassadors.roles import Role
from mentors import services as desk
from missions import services as missions
from tests.factories import make_user
from tests.factories.mentors import file_request, make_mentor
from tests.factories.missions import submitted

pytestmark = pytest.mark.django_db

HISTORY = "/cms/reports/site-history/"


def _actions():
    return list(ModelLogEntry.objects.order_by("pk").values_list("action", "user_id"))


def test_reviews_stage_changes_and_assignments_are_in_the_trail(client_for):
    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="en")
    mentor = make_mentor("question")
    colleague = make_mentor("question")
    assignment = submitted()
    missions.assignment_approve(assignment=assignment, reviewer=comms)
    missions.stage_set(
        ambassador=assignment.user.ambassador, to_stage=2, reason="Ready", changed_by=comms
    )
    ticket = file_request()
    other = colleague if ticket.assignee_id == mentor.pk else mentor
    desk.ticket_reassign(ticket=ticket, to_user=other, actor=ticket.assignee, reason="Expertise")
    desk.ticket_keep(ticket=ticket, mentor=other, reason="Incident report")

    actions = _actions()
    assert ("academy.review", comms.pk) in actions
    assert ("academy.stage_change", comms.pk) in actions
    assert ("academy.ticket_assign", None) in actions  # routed by the platform
    assert ("academy.ticket_assign", ticket.assignee_id) in actions  # handed over by a person
    assert ("academy.ticket_keep", other.pk) in actions
    review = ModelLogEntry.objects.get(action="academy.review")
    assert review.data["decision"] == "approved"

    # Comms staff read it in the CMS (in Dutch, the CMS's default), with who did it.
    page = client_for(comms).get(HISTORY)
    assert page.status_code == 200
    html = page.content.decode()
    for message in ("Missie beoordeeld", "Fase gewijzigd", "Verzoek toegewezen"):
        assert message in html
    assert comms.get_full_name() in html
    # An employee has no access to the CMS at all.
    assert client_for(make_user()).get(HISTORY).status_code == 302


def test_settings_edited_in_the_cms_are_in_the_trail(client_for):
    comms = make_user(Role.EMPLOYEE, Role.COMMS, language="en")
    settings = ProgrammeSettings.load()
    response = client_for(comms).post(
        f"/cms/settings/ambassadors/programmesettings/{settings.pk}/",
        {
            "max_nudges_per_week": "2",
            "default_quiet_hours_start": "21:00",
            "default_quiet_hours_end": "07:30",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ProgrammeSettings.load().max_nudges_per_week == 2
    assert ("wagtail.edit", comms.pk) in _actions()


def test_an_applied_import_is_in_the_trail():
    comms = make_user(Role.EMPLOYEE, Role.COMMS)
    csv = "email,first_name,last_name,department,language\nnew@example.org,New,Person,,nl\n"
    checked = employee_import_check(raw=csv.encode(), file_name="hr.csv", uploaded_by=comms)
    employee_import_start(employee_import=checked, by=comms)
    employee_import_apply(employee_import_id=checked.pk)
    entry = ModelLogEntry.objects.get(action="academy.import_apply")
    assert (entry.user_id, entry.label, entry.data["created"]) == (comms.pk, "hr.csv", 1)
