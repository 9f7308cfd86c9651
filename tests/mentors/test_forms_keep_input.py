"""Every desk and help form: a refusal is shown on the form, with what the person typed
still in it (status 400), and limits come from the models."""

import pytest
from django.urls import reverse

from ambassadors.roles import Role
from mentors import services
from mentors.models import CannedResponse, Kind, MentorProfile, Message, Ticket
from tests.factories import make_user
from tests.factories.mentors import file_request, make_mentor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
T = Ticket.State


@pytest.fixture
def employee(db):
    """An employee whose pages are in English, so the tests can read them."""
    return make_user(Role.EMPLOYEE, language="en")


def test_a_refused_rating_keeps_the_comment(client_for, employee):
    """A score out of range: the page says so and the comment is still there."""
    make_mentor(Kind.QUESTION)
    ticket = file_request(employee)
    client = client_for(employee)
    client.post(reverse("mentors:help_close", args=[ticket.pk]))
    response = client.post(
        reverse("mentors:help_rate", args=[ticket.pk]),
        {"satisfaction": "9", "comment": "Kind words 8812"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose a score from 1 to 5." in page
    assert "Kind words 8812" in page
    assert not hasattr(Ticket.objects.get(pk=ticket.pk), "rating")


def test_closing_twice_does_not_thank_for_a_refused_close(client_for, employee):
    """'Glad you were helped' only when the close went through (it was added before the
    action, so a refused close showed both the thanks and the refusal: found in review)."""
    make_mentor(Kind.QUESTION)
    ticket = file_request(employee)
    client = client_for(employee)
    close = reverse("mentors:help_close", args=[ticket.pk])
    first = client.post(close, follow=True).content.decode()
    assert "Glad you were helped" in first
    again = client.post(close, follow=True).content.decode()
    assert "This request is closed." in again
    assert "Glad you were helped" not in again


def test_a_refused_desk_reply_keeps_the_text(client_for, employee):
    """Send and wait on a request that cannot wait: the message is not lost."""
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request(employee)
    response = client_for(mentor).post(
        reverse("mentors:desk_ticket", args=[ticket.pk]),
        {"action": "reply", "body": "Draft answer 5531", "internal": "on", "then": "wait"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Reply to the employee first" in page
    assert "Draft answer 5531" in page
    assert not Message.objects.filter(ticket=ticket).exists()


def test_a_refused_hand_over_keeps_the_reason(client_for, employee):
    mentor = make_mentor(Kind.QUESTION, Kind.MEDIATION)
    other = make_mentor(Kind.QUESTION)
    ticket = file_request(employee, kind=Kind.MEDIATION)
    assert ticket.assignee == mentor
    response = client_for(mentor).post(
        reverse("mentors:desk_ticket", args=[ticket.pk]),
        {"action": "reassign", "to_user": other.pk, "reason": "Shift ends 7710"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "does not handle" in page
    assert "Shift ends 7710" in page


def test_canned_responses_take_their_limits_from_the_model(client_for):
    """Too long is an error on the form (not silently cut); the text stays in the form."""
    mentor = make_mentor(Kind.QUESTION)
    client = client_for(mentor)
    page = client.get(reverse("mentors:desk_canned")).content.decode()
    assert 'maxlength="120"' in page
    assert 'maxlength="5000"' in page
    response = client.post(
        reverse("mentors:desk_canned"), {"title": "T" * 121, "body": "Body 3391", "kind": ""}
    )
    assert response.status_code == 400
    assert "Body 3391" in response.content.decode()
    assert not CannedResponse.objects.exists()
    saved = client.post(
        reverse("mentors:desk_canned"),
        {"title": "Thanks", "body": "Thank you.", "kind": "coaching"},
    )
    assert saved.status_code == 302
    canned = CannedResponse.objects.get()
    assert canned.kind == Kind.COACHING
    client.post(reverse("mentors:desk_canned"), {"delete": canned.pk})
    assert not CannedResponse.objects.exists()


def test_an_employee_reply_that_is_refused_keeps_the_text(client_for, employee):
    make_mentor(Kind.QUESTION)
    ticket = file_request(employee)
    client = client_for(employee)
    client.post(reverse("mentors:help_close", args=[ticket.pk]))
    response = client.post(
        reverse("mentors:help_ticket", args=[ticket.pk]), {"body": "One more 6621"}
    )
    assert response.status_code == 400
    assert "Reopen it" in response.content.decode()


def test_a_reply_to_a_request_closed_meanwhile_says_why(client_for, employee):
    """The reply form is gone once the request is closed: the refusal shows at the top."""
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request(employee)
    services.ticket_resolve(ticket=ticket, by=employee)
    response = client_for(mentor).post(
        reverse("mentors:desk_ticket", args=[ticket.pk]), {"action": "reply", "body": "Late"}
    )
    assert response.status_code == 400
    assert "This request is closed." in response.content.decode()


def test_stray_control_characters_in_a_request_are_dropped_not_refused(client_for, employee):
    """Pasted text with a NUL or another control character files the request, without them
    (one rule for typed text: core.forms.TypedTextField, as the sanitiser drops them)."""
    make_mentor(Kind.QUESTION)
    response = client_for(employee).post(
        reverse("mentors:help_new", args=["question"]),
        {"subject": "Pasted\x00 subject", "body": "A body\x0b with\x00 strays"},
    )
    assert response.status_code == 302
    ticket = Ticket.objects.get(requester=employee)
    assert ticket.subject == "Pasted subject"
    assert ticket.body == "A body with strays"


def test_what_the_help_page_says_about_refused_rating_reopening_and_deleting(client_for, employee):
    """Rating or reopening a request that is still open says why; deleting a canned response
    twice says it is gone (before: silence, or the 14-day message)."""
    ticket = file_request(requester=employee)
    client = client_for(employee)
    rated = client.post(reverse("mentors:help_rate", args=[ticket.pk]), {"satisfaction": "5"})
    assert rated.status_code == 400
    assert str(services.ERROR_NOT_CLOSED) in rated.content.decode()
    with pytest.raises(services.DeskError) as refused:
        services.ticket_reopen(ticket=ticket, user=employee)
    assert refused.value.message == services.ERROR_NOT_CLOSED_YET

    mentor = make_mentor(Kind.QUESTION)
    canned = CannedResponse.objects.create(kind=Kind.QUESTION, title="Hi", body="Hello")
    desk = client_for(mentor)
    deleted = desk.post(reverse("mentors:desk_canned"), {"delete": canned.pk}, follow=True)
    assert "Canned response deleted." in deleted.content.decode()
    again = desk.post(reverse("mentors:desk_canned"), {"delete": canned.pk}, follow=True)
    assert "That canned response was deleted already." in again.content.decode()


def test_an_empty_request_says_what_to_write_and_capacity_has_a_bound(client_for, employee):
    """The help form names what is missing in the desk's own words, its limits come from
    the model, and a mentor's capacity cannot be set to a number that takes the queue."""
    from mentors.forms import RequestForm
    from mentors.models import MAX_CAPACITY

    empty = client_for(employee).post(reverse("mentors:help_new", args=["question"]), {})
    page = empty.content.decode()
    assert str(services.ERROR_SUBJECT) in page
    assert str(services.ERROR_BODY) in page
    assert (
        RequestForm.base_fields["subject"].max_length
        == Ticket._meta.get_field("subject").max_length
    )

    mentor = make_mentor(Kind.QUESTION)
    refused = client_for(mentor).post(
        reverse("mentors:desk_availability"), {"capacity": str(MAX_CAPACITY + 1)}
    )
    assert refused.status_code == 400
    assert MentorProfile.objects.get(user=mentor).capacity == 5
