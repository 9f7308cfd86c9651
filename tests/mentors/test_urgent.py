"""Urgent mediation nobody has taken: the banner on every page for mediators, "Take it" in
one click (then the reply box), the desk's "Urgent" group, and two mentors at once."""

import re

import pytest
from django.utils import translation

from ambassadors.roles import Role
from mentors import services
from mentors.models import Kind, Ticket
from tests.factories import make_user
from tests.factories.mentors import desk_read_anew, file_request, make_mentor

pytestmark = pytest.mark.django_db

BANNER = "Urgent mediation: nobody has taken it yet"


def page_for(client, user, path="/help/"):
    client.force_login(user)
    return client.get(path).content.decode()


def test_the_banner_shows_on_every_page_for_mediators_only(client):
    mediator = make_mentor(Kind.MEDIATION)
    other_mentor = make_mentor(Kind.QUESTION)
    employee = make_user(Role.EMPLOYEE, language="en")
    ticket = file_request(kind=Kind.MEDIATION, subject="Angry comments under my post")
    assert (ticket.assignee, ticket.touched_at) == (mediator, None)
    for path in ("/help/", "/share/", "/desk/", "/notifications/"):
        html = page_for(client, mediator, path)
        assert BANNER in html, path
        assert f'action="/desk/{ticket.pk}/take/"' in html
        assert "Angry comments under my post" in html
    assert BANNER not in page_for(client, other_mentor)
    assert BANNER not in page_for(client, employee)


def test_taking_it_lands_on_the_request_with_the_reply_box_ready_and_the_banner_is_gone(client):
    make_mentor(Kind.MEDIATION)  # routed to this one, who does not pick it up
    taker = make_mentor(Kind.MEDIATION)
    ticket = file_request(kind=Kind.MEDIATION)
    client.force_login(taker)
    response = client.post(f"/desk/{ticket.pk}/take/")
    assert response.status_code == 302
    assert response["Location"] == f"/desk/{ticket.pk}/?reply=1"
    ticket.refresh_from_db()
    assert (ticket.assignee, ticket.state) == (taker, Ticket.State.ASSIGNED)
    assert ticket.touched_at is not None
    page = client.get(response["Location"]).content.decode()
    assert re.search(r'<textarea name="body"[^>]* autofocus', page)
    assert BANNER not in page
    assert ticket.events.filter(action="reassigned", actor=taker).exists()


def test_a_second_mentor_is_told_someone_took_it_in_their_language(client):
    first = make_mentor(Kind.MEDIATION)
    second = make_mentor(Kind.MEDIATION)
    second.ambassador.language = "nl"
    second.ambassador.save()
    ticket = file_request(kind=Kind.MEDIATION)
    services.ticket_take_urgent(ticket=ticket, mentor=first)
    client.force_login(second)
    response = client.post(f"/desk/{ticket.pk}/take/", follow=True, HTTP_ACCEPT_LANGUAGE="nl")
    with translation.override("nl"):
        told = str(services.ERROR_TAKEN)
    assert told == "Een andere mentor heeft dit verzoek al opgepakt."
    assert told in response.content.decode()
    assert Ticket.objects.get(pk=ticket.pk).assignee == first


def test_taking_twice_is_refused_the_second_time_whoever_asks():
    first = make_mentor(Kind.MEDIATION)
    second = make_mentor(Kind.MEDIATION)
    ticket = file_request(kind=Kind.MEDIATION)
    services.ticket_take_urgent(ticket=ticket, mentor=second)
    for mentor in (first, second):
        with pytest.raises(services.DeskError) as refused:
            services.ticket_take_urgent(ticket=ticket, mentor=mentor)
        assert refused.value.message == services.ERROR_TAKEN
    assert Ticket.objects.get(pk=ticket.pk).assignee == second


def test_only_mediators_may_take_it_and_never_their_own():
    mediator = make_mentor(Kind.MEDIATION)
    questions = make_mentor(Kind.QUESTION)
    ticket = file_request(kind=Kind.MEDIATION)
    with pytest.raises(services.DeskError):
        services.ticket_take_urgent(ticket=ticket, mentor=questions)
    own = file_request(requester=mediator, kind=Kind.MEDIATION)
    with pytest.raises(services.DeskError) as refused:
        services.ticket_take_urgent(ticket=own, mentor=mediator)
    assert refused.value.message == services.ERROR_OWN_REQUEST


def test_a_question_is_never_urgent():
    mentor = make_mentor(Kind.QUESTION, Kind.MEDIATION)
    ticket = file_request(kind=Kind.QUESTION)
    with pytest.raises(services.DeskError) as refused:
        services.ticket_take_urgent(ticket=ticket, mentor=mentor)
    assert refused.value.message == services.ERROR_TAKEN


def test_the_desk_shows_urgent_mediation_above_every_queue(client):
    mediator = make_mentor(Kind.MEDIATION)
    # No mediator has room: it waits in the queue, unassigned.
    mediator.mentor_profile.capacity = 0
    mediator.mentor_profile.save()
    ticket = file_request(kind=Kind.MEDIATION, subject="Heated thread")
    assert ticket.state == Ticket.State.QUEUED
    html = page_for(client, mediator, "/desk/?view=mine")
    urgent = html.index('id="desk-urgent-title"')
    assert urgent < html.index('aria-label="Queues"')
    assert html.index("Heated thread", urgent) < html.index('aria-label="Queues"')


def test_the_banner_costs_one_query_for_a_mentor_and_none_for_others(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mentors.context_processors import urgent_banner

    class Request:
        def __init__(self, user):
            self.user = user

    employee = make_user(Role.EMPLOYEE)
    mediator = make_mentor(Kind.MEDIATION)
    file_request(kind=Kind.MEDIATION)
    for user, expected in ((employee, 0), (mediator, 1)):
        user = type(user).objects.get(pk=user.pk)
        user.groups.all()  # the header reads the roles anyway
        from ambassadors.roles import roles_of

        roles_of(user)
        with CaptureQueriesContext(connection) as captured:
            bool(urgent_banner(Request(user))["urgent_mediation"])
        assert len(captured) == expected


def test_the_banner_and_the_urgent_group_read_in_dutch(client):
    mediator = make_mentor(Kind.MEDIATION)
    mediator.ambassador.language = "nl"
    mediator.ambassador.save()
    file_request(kind=Kind.MEDIATION, subject="Boze reacties")
    client.force_login(mediator)
    html = client.get("/desk/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Dringende bemiddeling: nog niemand heeft het opgepakt" in html
    assert "Bemiddeling die nog niemand heeft opgepakt" in html
    assert "Oppakken" in html
    assert BANNER not in html


def test_the_desk_and_its_banner_run_a_fixed_number_of_queries(client):
    from tests.queries import page_queries

    mediator = make_mentor(Kind.MEDIATION, capacity=0)  # everything waits in the queue
    file_request(kind=Kind.MEDIATION)
    client.force_login(mediator)
    few = page_queries(client, "/desk/?view=all", between=desk_read_anew)
    for _ in range(12):  # more than the urgent group shows
        file_request(kind=Kind.MEDIATION)
    assert page_queries(client, "/desk/?view=all", between=desk_read_anew) == few


def test_the_mediator_it_was_routed_to_is_no_longer_alerted_once_another_takes_it():
    """Taken from the mediator it was routed to: their urgent alert stops heading their list
    (it led to a request that is no longer theirs); the team lead's stays."""
    from ambassadors.models import Notification

    routed = make_mentor(Kind.MEDIATION)
    ticket = file_request(kind=Kind.MEDIATION)
    assert Ticket.objects.get(pk=ticket.pk).assignee == routed
    alert = Notification.objects.get(recipient=routed, kind="mediation_alert")
    assert alert.read_at is None
    other = make_mentor(Kind.MEDIATION)
    services.ticket_take_urgent(ticket=ticket, mentor=other)
    alert.refresh_from_db()
    assert alert.read_at is not None
    assert Ticket.objects.get(pk=ticket.pk).assignee == other
