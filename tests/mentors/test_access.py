"""Who may open and work on a request on the desk: its mentor, mentors with the skill while
it waits in the queue, and the team lead (#16.17, #16.32); mentors come from the Mentors
group, not from a profile alone (#16.33)."""

import pytest
from django.contrib.auth.models import Group

from ambassadors.roles import Role
from mentors import services
from mentors.models import Draft, Kind, MentorProfile, Message, Ticket
from tests.factories import make_user
from tests.factories.mentors import file_request, make_mentor, png_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
T = Ticket.State
SECRET = "Manager trouble 4471"


def _coaching_with_a_note(employee):
    """A coaching request with an attachment and an internal note with an attachment,
    routed to the only coach with room."""
    coach = make_mentor(Kind.COACHING)
    ticket = file_request(
        employee, kind=Kind.COACHING, subject=SECRET, files=[png_file("mine.png")]
    )
    assert ticket.assignee == coach
    services.ticket_reply(
        ticket=ticket, author=coach, body="Internal 4471", internal=True, files=[png_file()]
    )
    return coach, ticket


def test_a_request_is_open_to_its_mentor_and_the_team_lead_only(client_for, employee):
    """Another coach, a mentor of another kind: not found, nor its attachments, nor in
    any tab of their queue. The assignee and the team lead see it all."""
    coach, ticket = _coaching_with_a_note(employee)
    other_coach = make_mentor(Kind.COACHING, capacity=0)
    asker = make_mentor(Kind.QUESTION)
    lead = make_mentor(Kind.QUESTION, lead=True)
    attachments = list(ticket.attachments.all())
    assert len(attachments) == 2

    for outsider in (other_coach, asker):
        client = client_for(outsider)
        assert client.get(f"/desk/{ticket.pk}/").status_code == 404
        for item in attachments:
            assert client.get(f"/help/attachments/{item.pk}/").status_code == 404
        for view in ("mine", "unassigned", "soon", "breached", "all"):
            page = client.get(f"/desk/?view={view}").content.decode()
            assert SECRET not in page, view

    for insider in (coach, lead):
        client = client_for(insider)
        page = client.get(f"/desk/{ticket.pk}/").content.decode()
        assert SECRET in page
        assert "Internal 4471" in page
        for item in attachments:
            assert client.get(f"/help/attachments/{item.pk}/").status_code == 200
        assert SECRET in client.get("/desk/?view=all").content.decode()


def test_a_queued_request_is_open_to_mentors_with_its_skill(client_for, employee):
    """While nobody has it, mentors who handle its kind may open it to take it."""
    coach = make_mentor(Kind.COACHING, capacity=0)  # the skill, no room: the request queues
    asker = make_mentor(Kind.QUESTION)
    ticket = file_request(employee, kind=Kind.COACHING, subject=SECRET)
    assert ticket.state == T.QUEUED
    page = client_for(coach).get(f"/desk/{ticket.pk}/").content.decode()
    assert 'value="take"' in page
    assert SECRET in client_for(coach).get("/desk/?view=unassigned").content.decode()
    assert client_for(asker).get(f"/desk/{ticket.pk}/").status_code == 404
    # Taken by someone else, it is theirs.
    other = make_mentor(Kind.COACHING)
    services.ticket_take(ticket=ticket, mentor=other)
    assert client_for(coach).get(f"/desk/{ticket.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("reply", {"body": "Hello from outside"}),
        ("reply", {"body": "A note from outside", "internal": "on"}),
        ("draft", {"text": "My version"}),
        ("keep", {"reason": "Police report"}),
        ("wait", {}),
        ("resolve", {}),
        ("reassign", {"reason": "Mine now"}),
    ],
)
def test_desk_actions_need_the_assignee_or_the_team_lead(client_for, employee, action, data):
    """A mentor who neither has the request nor leads the team changes nothing, whether
    through the page or the service; another writer with the skill neither (#16.32)."""
    writer = make_mentor(Kind.GHOSTWRITING)
    ticket = file_request(employee, kind=Kind.GHOSTWRITING)
    services.ticket_reply(ticket=ticket, author=writer, body="On it.")
    assert ticket.assignee == writer
    outsider = make_mentor(Kind.QUESTION)
    colleague = make_mentor(Kind.GHOSTWRITING)
    before = Ticket.objects.values().get(pk=ticket.pk)
    counts = (Message.objects.count(), Draft.objects.count(), ticket.events.count())
    if action == "reassign":
        data = {**data, "to_user": colleague.pk}

    response = client_for(outsider).post(f"/desk/{ticket.pk}/", {"action": action, **data})
    assert response.status_code == 404
    for person in (outsider, colleague):
        with pytest.raises(services.DeskError) as refused:
            _act(action, ticket, person, data)
        assert str(refused.value) == str(services.ERROR_NOT_ASSIGNED)
    assert Ticket.objects.values().get(pk=ticket.pk) == before
    assert (Message.objects.count(), Draft.objects.count(), ticket.events.count()) == counts


def _act(action, ticket, user, data):
    if action == "reply":
        services.ticket_reply(
            ticket=ticket, author=user, body=data["body"], internal="internal" in data
        )
    elif action == "draft":
        services.draft_add(ticket=ticket, mentor=user, text=data["text"])
    elif action == "keep":
        services.ticket_keep(ticket=ticket, mentor=user, reason=data["reason"])
    elif action == "wait":
        services.ticket_wait(ticket=ticket, mentor=user)
    elif action == "resolve":
        services.ticket_resolve(ticket=ticket, by=user)
    elif action == "reassign":
        services.ticket_reassign(ticket=ticket, to_user=user, actor=user, reason=data["reason"])


def test_the_team_lead_may_work_on_any_request(client_for, employee):
    """The team lead replies on and hands over a colleague's request."""
    writer = make_mentor(Kind.GHOSTWRITING)
    lead = make_mentor(Kind.QUESTION, lead=True)
    colleague = make_mentor(Kind.GHOSTWRITING, capacity=9)
    ticket = file_request(employee, kind=Kind.GHOSTWRITING)
    assert ticket.assignee == writer
    client = client_for(lead)
    client.post(f"/desk/{ticket.pk}/", {"action": "reply", "body": "Lead here."})
    assert Message.objects.filter(ticket=ticket, author=lead, body="Lead here.").exists()
    client.post(
        f"/desk/{ticket.pk}/",
        {"action": "reassign", "to_user": colleague.pk, "reason": "Holiday"},
    )
    assert Ticket.objects.get(pk=ticket.pk).assignee == colleague
    # The writer handed it over (by the lead) and no longer opens it.
    assert client_for(writer).get(f"/desk/{ticket.pk}/").status_code == 404


def test_a_mentors_own_request_never_routes_to_themselves(client_for):
    """A mentor asking for help is an employee there: not routed to, cannot take it, and
    does not see the internal notes about it on the desk."""
    asker = make_mentor(Kind.QUESTION, lead=True)
    ticket = file_request(asker)
    assert ticket.state == T.QUEUED
    assert ticket.assignee is None
    with pytest.raises(services.DeskError, match="your own request"):
        services.ticket_take(ticket=ticket, mentor=asker)
    assert client_for(asker).get(f"/desk/{ticket.pk}/").status_code == 404
    assert client_for(asker).get(f"/help/{ticket.pk}/").status_code == 200
    colleague = make_mentor(Kind.QUESTION)
    second = file_request(asker)
    assert second.assignee == colleague
    with pytest.raises(services.DeskError, match="asked for this help"):
        services.ticket_reassign(ticket=second, to_user=asker, actor=colleague, reason="x")


def test_routing_takes_only_people_in_the_mentors_group(client_for, employee):
    """A profile alone does not make a mentor: nobody is routed a request they cannot open,
    nor handed one (#16.33)."""
    outsider = make_user(Role.EMPLOYEE, language="en")
    MentorProfile.objects.create(user=outsider, handles_question=True, capacity=9)
    ticket = file_request(employee)
    assert ticket.state == T.QUEUED
    assert client_for(outsider).get("/desk/").status_code == 403
    mentor = make_mentor(Kind.QUESTION, capacity=9)
    second = file_request(employee)
    assert second.assignee == mentor
    with pytest.raises(services.DeskError, match="does not handle"):
        services.ticket_reassign(ticket=second, to_user=outsider, actor=mentor, reason="x")
    # Taken out of the group, a mentor gets no more requests.
    mentor.groups.remove(Group.objects.get(name=Role.MENTOR.value))
    assert file_request(employee).state == T.QUEUED


def test_comms_staff_cannot_make_mentors_administrators_can(client_for, comms, administrator):
    """The CMS lets administrators give someone a mentor profile, not comms staff."""
    person = make_user(Role.EMPLOYEE, Role.MENTOR)
    data = {"user": person.pk, "capacity": "3", "handles_question": "on"}
    add = "/cms/snippets/mentors/mentorprofile/add/"
    response = client_for(comms).post(add, data)
    assert response.status_code == 302
    assert not MentorProfile.objects.filter(user=person).exists()
    assert client_for(comms).get("/cms/snippets/mentors/mentorprofile/").status_code == 200

    client_for(administrator).post(add, data)
    assert MentorProfile.objects.get(user=person).handles_question


def test_the_cms_refuses_a_mentor_profile_for_someone_outside_the_group(client_for, administrator):
    """An administrator is told to add the person to the Mentors group first."""
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(user=administrator, defaults={"preferred_language": "en"})
    person = make_user(Role.EMPLOYEE)
    response = client_for(administrator).post(
        "/cms/snippets/mentors/mentorprofile/add/", {"user": person.pk, "capacity": "3"}
    )
    assert response.status_code == 200
    assert "Mentors group" in response.content.decode()
    assert not MentorProfile.objects.filter(user=person).exists()
