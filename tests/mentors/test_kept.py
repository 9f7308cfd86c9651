"""What the desk keeps between requests (mentors.kept) is never what a mentor acts on after it
changed: a request taken, answered, erased, a person renamed, a skill added, time passing.
Each test views the page first (so it is kept), changes the desk, then views it again."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from mentors import services, tally
from mentors.models import Kind, MentorProfile, Ticket
from tests.factories.mentors import file_request, make_mentor
from tests.queries import page_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
T = Ticket.State


def _row(html: str, ticket) -> str | None:
    found = re.search(
        rf'<tr[^>]*><td class="desk-queue-subject"><a href="/desk/{ticket.pk}/">.*?</tr>', html
    )
    return found.group(0) if found else None


def _tab_count(html: str, label: str) -> int:
    return int(re.search(rf">{label} <span class=\"count\">(\d+)</span>", html).group(1))


def test_a_request_another_mentor_takes_leaves_the_unassigned_tab_at_once(client_for, employee):
    first = make_mentor(Kind.COACHING, capacity=0)  # nothing is routed: it waits in the queue
    second = make_mentor(Kind.COACHING, capacity=0)
    ticket = file_request(employee, kind=Kind.COACHING, subject="Video for the open day")
    client = client_for(second)
    before = client.get("/desk/?view=unassigned").content.decode()
    assert _row(before, ticket) is not None
    assert _tab_count(before, "Unassigned") == 1
    kept_view = client.get("/desk/?view=unassigned").content.decode()  # kept: the same
    assert _row(kept_view, ticket) == _row(before, ticket)

    services.ticket_take(ticket=ticket, mentor=first)

    after = client.get("/desk/?view=unassigned").content.decode()
    assert _row(after, ticket) is None
    assert _tab_count(after, "Unassigned") == 0
    assert _row(client.get("/desk/?view=all").content.decode(), ticket) is None  # not theirs
    assert _row(client_for(first).get("/desk/?view=mine").content.decode(), ticket) is not None


def test_a_reply_and_a_handover_show_on_the_request_page_at_once(client_for, employee):
    mentor = make_mentor(Kind.QUESTION)
    lead = make_mentor(Kind.QUESTION, lead=True, capacity=0)
    ticket = file_request(employee)
    assert Ticket.objects.get(pk=ticket.pk).assignee == mentor
    client = client_for(lead)
    page = client.get(f"/desk/{ticket.pk}/").content.decode()
    assert "Wear the company badge" not in page

    services.ticket_reply(ticket=ticket, author=mentor, body="Wear the company badge.")
    page = client.get(f"/desk/{ticket.pk}/").content.decode()
    assert "Wear the company badge." in page

    services.ticket_reassign(ticket=ticket, to_user=lead, actor=mentor, reason="On leave")
    page = client.get(f"/desk/{ticket.pk}/").content.decode()
    assert "On leave" in page  # the history
    assert 'name="action" value="reply"' in page  # now theirs to answer


def test_an_erased_thread_is_gone_from_the_desk_at_once(client_for, employee):
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request(employee, subject="About my manager", body="Private words")
    services.ticket_reply(ticket=ticket, author=mentor, body="Kind words back")
    client = client_for(mentor)
    page = client.get(f"/desk/{ticket.pk}/").content.decode()
    assert "Private words" in page
    assert "Kind words back" in page

    services.ticket_erase_content(ticket=Ticket.objects.get(pk=ticket.pk))

    page = client.get(f"/desk/{ticket.pk}/").content.decode()
    assert "Private words" not in page
    assert "Kind words back" not in page
    assert "About my manager" not in client.get("/desk/?view=all").content.decode()


def test_a_renamed_requester_shows_renamed_at_once(client_for, employee):
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request(employee)
    client = client_for(mentor)
    assert employee.get_full_name() in _row(client.get("/desk/?view=all").content.decode(), ticket)

    employee.first_name, employee.last_name = "Ria", "Vos-de Wit"
    employee.save()

    assert "Ria Vos-de Wit" in _row(client.get("/desk/?view=all").content.decode(), ticket)


def test_a_skill_added_shows_its_requests_at_once(client_for, employee):
    mentor = make_mentor(Kind.QUESTION, capacity=0)
    ticket = file_request(employee, kind=Kind.EDITING, subject="My article on hybrid work")
    client = client_for(mentor)
    assert _row(client.get("/desk/?view=unassigned").content.decode(), ticket) is None

    profile = MentorProfile.objects.get(user=mentor)
    profile.handles_editing = True
    profile.save()

    assert _row(client.get("/desk/?view=unassigned").content.decode(), ticket) is not None


def test_time_moves_a_request_into_breached_within_the_window(client_for, employee):
    """Nothing is written when a target passes: the kept tab lasts FRESH_SECONDS at most, and
    the SLA marks move on before the tab is read again."""
    from mentors import kept

    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request(employee)
    client = client_for(mentor)
    assert _tab_count(client.get("/desk/?view=breached").content.decode(), "Breached") == 0
    past = timezone.now() - dt.timedelta(minutes=5)
    Ticket.objects.filter(pk=ticket.pk).update(response_due_at=past, response_warn_at=past)

    later = timezone.now() + dt.timedelta(seconds=kept.FRESH_SECONDS + tally.CHECK_EVERY * 2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        html = client.get("/desk/?view=breached").content.decode()
    assert _tab_count(html, "Breached") == 1
    assert "late" in _row(html, ticket)


def test_kept_rows_stay_escaped_and_their_due_time_is_of_this_moment(client_for, employee):
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request(employee)
    # As stored by anything (the service cleans a subject; the page must not rely on it).
    Ticket.objects.filter(pk=ticket.pk).update(subject='<img src=x onerror="alert(1)"> prices')
    client = client_for(mentor)
    for _ in range(2):  # drawn, then kept
        row = _row(client.get("/desk/?view=all").content.decode(), ticket)
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; prices" in row
        assert "<img" not in row
    due = Ticket.objects.get(pk=ticket.pk).response_due_at
    ahead = due - dt.timedelta(minutes=7, seconds=30)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: ahead)
        assert "first answer in 7\xa0minutes" in _row(
            client.get("/desk/?view=all").content.decode(), ticket
        )


def test_a_kept_page_costs_the_session_and_the_person_only(client_for, employee):
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request(employee)
    client = client_for(mentor)
    assert page_queries(client, "/desk/?view=all") == 2
    assert page_queries(client, f"/desk/{ticket.pk}/") == 2
