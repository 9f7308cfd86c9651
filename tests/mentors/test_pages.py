"""The help pages and the desk as people use them: privacy of internal notes, attachments,
bad input, drafts with their diff, closing, rating and reopening, and query counts."""

import datetime as dt
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ambassadors.models import Ambassador, Stage
from ambassadors.roles import Role
from mentors import services
from mentors.models import Attachment, Kind, Message, Ticket
from missions import services as missions
from missions.models import Mission
from tests.factories import make_user
from tests.factories.mentors import desk_read_anew, file_request, make_mentor, png_file
from tests.queries import page_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
T = Ticket.State


@pytest.fixture
def employee(employee):
    Ambassador.objects.filter(user=employee).update(language="en")
    return employee


def test_file_a_request_of_each_kind(client_for, employee):
    make_mentor(*Kind.values)
    client = client_for(employee)
    forms = {
        Kind.QUESTION: {"subject": "Prices", "body": "What do I say?"},
        Kind.COACHING: {"subject": "Video", "body": "Short videos", "availability": "Tuesday"},
        Kind.GHOSTWRITING: {
            "subject": "Open day",
            "topic": "Open day",
            "body": "Demo's and coffee",
            "audience": "neighbours",
            "tone": "personal",
            "network": "facebook",
        },
        Kind.EDITING: {"subject": "My post", "body": "My draft text", "network": "linkedin"},
        Kind.MEDIATION: {
            "subject": "Angry comment",
            "link": "https://www.linkedin.example/posts/9",
            "body": "It escalates",
            "urgency": "now",
        },
    }
    for kind, data in forms.items():
        response = client.post(f"/help/new/{kind}/", data)
        assert response.status_code == 302, (kind, response.content.decode()[:500])
    assert set(Ticket.objects.values_list("kind", flat=True)) == set(Kind.values)
    ghost = Ticket.objects.get(kind=Kind.GHOSTWRITING)
    assert ghost.details == {"topic": "Open day", "audience": "neighbours", "tone": "personal"}
    assert ghost.network == "facebook"
    assert client.get("/help/new/unknown/").status_code == 404


def test_missing_fields_and_bad_links_are_clear_errors(client_for, employee):
    client = client_for(employee)
    response = client.post("/help/new/mediation/", {"subject": "x", "link": "javascript:alert(1)"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a valid URL." in page
    assert "This field is required." in page
    assert not Ticket.objects.exists()


def test_one_person_files_at_most_five_requests_a_day(client_for, employee, other_employee):
    """The sixth request within 24 hours is refused with a clear message and stores nothing;
    others are not affected, and a day later it is possible again (#16.38)."""
    make_mentor(Kind.QUESTION)
    for _ in range(services.REQUESTS_PER_DAY):
        file_request(employee)
    response = client_for(employee).post(
        "/help/new/question/", {"subject": "Sixth", "body": "One more"}
    )
    assert response.status_code == 400
    assert "You have filed 5 requests in the last 24 hours" in response.content.decode()
    assert not Ticket.objects.filter(subject="Sixth").exists()
    with pytest.raises(services.DeskError, match="5 requests"):
        file_request(employee, kind=Kind.MEDIATION)
    assert file_request(other_employee).requester == other_employee
    oldest = Ticket.objects.filter(requester=employee).order_by("pk").first()
    Ticket.objects.filter(pk=oldest.pk).update(created_at=timezone.now() - dt.timedelta(hours=25))
    assert (
        client_for(employee)
        .post("/help/new/question/", {"subject": "Sixth", "body": "One more"})
        .status_code
        == 302
    )


def test_markup_is_kept_as_text(client_for, employee):
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request(employee, subject="<b>Hi</b>", body='<script>alert("x")</script>Help')
    services.ticket_reply(ticket=ticket, author=mentor, body="<img src=x onerror=alert(1)>Sure")
    page = client_for(employee).get(f"/help/{ticket.pk}/").content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "onerror=alert" not in page or "&lt;img" in page


def test_internal_notes_and_their_attachments_never_reach_the_employee(
    client_for, employee, other_employee
):
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request(employee)
    services.ticket_reply(
        ticket=ticket,
        author=mentor,
        body="Secret: ask legal first.",
        internal=True,
        files=[png_file("legal.png")],
    )
    services.ticket_reply(ticket=ticket, author=mentor, body="Here is my advice.")
    page = client_for(employee).get(f"/help/{ticket.pk}/").content.decode()
    assert "Here is my advice." in page
    assert "Secret" not in page
    assert "legal.png" not in page
    internal = Attachment.objects.get(name="legal.png")
    assert client_for(employee).get(f"/help/attachments/{internal.pk}/").status_code == 404
    assert client_for(mentor).get(f"/help/attachments/{internal.pk}/").status_code == 200
    desk = client_for(mentor).get(f"/desk/{ticket.pk}/").content.decode()
    assert "Secret: ask legal first." in desk
    assert "Internal note" in desk
    # Another employee cannot reach the request or anything in it.
    assert client_for(other_employee).get(f"/help/{ticket.pk}/").status_code == 404


def _docx() -> SimpleUploadedFile:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile("../../etc/brief.docx", output.getvalue())


def test_attachments_are_checked_by_content_and_served_only_to_participants(
    client_for, employee, other_employee, comms
):
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request(
        employee,
        files=[
            png_file(),
            _docx(),
            SimpleUploadedFile("notes.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"),
        ],
    )
    names = sorted(ticket.attachments.values_list("name", flat=True))
    assert names == ["brief.docx", "notes.pdf", "photo.png"]
    for item in ticket.attachments.all():
        assert "/" not in item.name
        for user, status in ((employee, 200), (mentor, 200), (other_employee, 404), (comms, 404)):
            assert client_for(user).get(f"/help/attachments/{item.pk}/").status_code == status
        assert client_for().get(f"/help/attachments/{item.pk}/").status_code == 302
    pdf = client_for(employee).get(
        f"/help/attachments/{ticket.attachments.get(name='notes.pdf').pk}/"
    )
    assert "attachment" in pdf["Content-Disposition"]
    assert "sandbox" in pdf["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 an executable"), "is not an image"),
        (SimpleUploadedFile("photo.png", b"<svg onload=alert(1)>"), "is not an image"),
        (SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024)), "larger than 10 MB"),
        (SimpleUploadedFile("fake.docx", b"PK\x03\x04 broken zip"), "is not an image"),
    ],
)
def test_bad_attachments_are_refused_and_nothing_is_stored(client_for, employee, upload, message):
    response = client_for(employee).post(
        "/help/new/question/", {"subject": "Help", "body": "Please", "files": [upload]}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Ticket.objects.exists()
    assert not Attachment.objects.exists()


def test_replies_to_closed_requests_are_refused_until_reopened(client_for, employee):
    mentor = make_mentor(Kind.QUESTION)
    ticket = file_request(employee)
    client = client_for(employee)
    client.post(f"/help/{ticket.pk}/close/")
    assert Ticket.objects.get(pk=ticket.pk).state == T.RESOLVED
    response = client.post(f"/help/{ticket.pk}/", {"body": "One more thing"})
    assert response.status_code == 400
    assert "Reopen it" in response.content.decode()
    assert not Message.objects.filter(body="One more thing").exists()

    client.post(f"/help/{ticket.pk}/rate/", {"satisfaction": "4", "comment": "Quick"})
    assert Ticket.objects.get(pk=ticket.pk).rating.satisfaction == 4
    client.post(f"/help/{ticket.pk}/rate/", {"satisfaction": "9"})
    assert Ticket.objects.get(pk=ticket.pk).rating.satisfaction == 4

    client.post(f"/help/{ticket.pk}/reopen/")
    reopened = Ticket.objects.get(pk=ticket.pk)
    assert reopened.state == T.ASSIGNED
    assert reopened.assignee == mentor
    assert client.post(f"/help/{ticket.pk}/", {"body": "One more thing"}).status_code == 302


def test_reopening_ends_after_fourteen_days(employee):
    make_mentor(Kind.QUESTION)
    ticket = file_request(employee)
    services.ticket_resolve(ticket=ticket, by=employee)
    Ticket.objects.filter(pk=ticket.pk).update(resolved_at=timezone.now() - dt.timedelta(days=15))
    with pytest.raises(services.DeskError, match="14 days"):
        services.ticket_reopen(ticket=ticket, user=employee)


def test_close_and_reopen_cannot_cycle_for_ever(client_for, employee):
    """Twice reopened, a request stays closed: the page points to a new request (#16.41)."""
    make_mentor(Kind.QUESTION)
    ticket = file_request(employee)
    client = client_for(employee)
    for _ in range(services.MAX_REOPENS):
        client.post(f"/help/{ticket.pk}/close/")
        assert "Reopen this request" in client.get(f"/help/{ticket.pk}/").content.decode()
        client.post(f"/help/{ticket.pk}/reopen/")
        assert Ticket.objects.get(pk=ticket.pk).state == T.ASSIGNED
    client.post(f"/help/{ticket.pk}/close/")
    page = client.get(f"/help/{ticket.pk}/").content.decode()
    assert "Reopen this request" not in page
    assert "Ask again with a new request" in page
    response = client.post(f"/help/{ticket.pk}/reopen/", follow=True)
    assert "reopened twice already" in response.content.decode()
    assert Ticket.objects.get(pk=ticket.pk).state == T.RESOLVED
    with pytest.raises(services.DeskError, match="twice already"):
        services.ticket_reopen(ticket=ticket, user=employee)


def test_an_edit_shows_its_changes_and_can_start_a_mission(client_for, employee):
    mentor = make_mentor(Kind.EDITING)
    Ambassador.objects.filter(user=employee).update(stage=Stage.PRODUCTION)
    task = Mission.objects.create(
        stage=3, kind=Mission.Kind.ARTICLE, title_en="Write about a project", needs_text=True
    )
    assignment = missions.mission_pick(user=employee, mission=task)
    ticket = file_request(employee, kind=Kind.EDITING, body="We installed a big heat pump today.")
    client_for(mentor).post(
        f"/desk/{ticket.pk}/",
        {"action": "draft", "text": "Today we installed a quiet heat pump."},
    )
    page = client_for(employee).get(f"/help/{ticket.pk}/").content.decode()
    assert "<del>We</del>" in page
    assert "<ins>Today we</ins>" in page
    assert "<del>big</del>" in page
    assert "<ins>quiet</ins>" in page
    draft = ticket.drafts.get()
    assert f"/missions/?draft=desk-{draft.pk}" in page
    link = f"/missions/{assignment.pk}/?draft=desk-{draft.pk}"
    assert link in client_for(employee).get(f"/missions/?draft=desk-{draft.pk}").content.decode()
    mission_page = client_for(employee).get(link).content.decode()
    assert "Today we installed a quiet heat pump." in mission_page
    # Someone else's draft reference fills nothing.
    other = make_user(Role.EMPLOYEE)
    assert (
        "quiet heat pump"
        not in client_for(other).get(f"/missions/?draft=desk-{draft.pk}").content.decode()
    )


def test_desk_actions_from_the_ticket_page(client_for, employee):
    mentor = make_mentor(Kind.QUESTION, Kind.MEDIATION)
    other = make_mentor(Kind.QUESTION)
    ticket = file_request(employee, kind=Kind.MEDIATION)
    client = client_for(mentor)
    client.post(f"/desk/{ticket.pk}/", {"action": "take"})
    assert Ticket.objects.get(pk=ticket.pk).assignee == mentor
    client.post(
        f"/desk/{ticket.pk}/", {"action": "reply", "body": "Calling you now.", "then": "wait"}
    )
    assert Ticket.objects.get(pk=ticket.pk).state == T.WAITING
    response = client.post(
        f"/desk/{ticket.pk}/", {"action": "reassign", "to_user": other.pk, "reason": "Shift"}
    )
    assert response.status_code == 400  # other does not handle mediation
    assert "does not handle" in response.content.decode()
    client.post(f"/desk/{ticket.pk}/", {"action": "resolve"})
    assert Ticket.objects.get(pk=ticket.pk).state == T.RESOLVED


def _tickets(count, mentor):
    requester = make_user(Role.EMPLOYEE)
    now = timezone.now()
    Ticket.objects.bulk_create(
        [
            Ticket(
                kind=Kind.QUESTION,
                requester=requester,
                subject=f"Question {n}",
                body="?",
                state=T.ASSIGNED if n % 2 else T.QUEUED,
                assignee=mentor if n % 2 else None,
                open_since=now - dt.timedelta(minutes=n),
                response_due_at=now + dt.timedelta(hours=n % 5 - 2),
                response_warn_at=now + dt.timedelta(hours=n % 5 - 3),
            )
            for n in range(count)
        ]
    )


@pytest.mark.parametrize("view", ["mine", "unassigned", "soon", "breached", "all"])
def test_queue_queries_do_not_grow(client_for, view):
    mentor = make_mentor(Kind.QUESTION)
    client = client_for(mentor)

    def count():
        # The desk keeps the tab (mentors.kept): read anew, as after any change on the desk.
        return page_queries(client, f"/desk/?view={view}", between=desk_read_anew)

    _tickets(10, mentor)
    small = count()
    _tickets(990, mentor)
    assert count() == small
    # Kept and nothing changed: the session and the person only.
    assert page_queries(client, f"/desk/?view={view}") == 2


def test_figures_mentor_sees_own_lead_sees_all(client_for, employee):
    mentor = make_mentor(Kind.QUESTION, capacity=1)
    colleague = make_mentor(Kind.QUESTION, capacity=1)
    lead = make_mentor(Kind.COACHING, lead=True)
    for _ in range(2):
        ticket = file_request(employee)
        services.ticket_reply(ticket=ticket, author=ticket.assignee, body="Answer")
        services.ticket_resolve(ticket=ticket, by=employee)
        services.ticket_rate(ticket=ticket, user=employee, satisfaction=5)
    own = client_for(mentor).get("/desk/figures/").content.decode()
    assert mentor.get_full_name() in own
    assert colleague.get_full_name() not in own
    everyone = client_for(lead).get("/desk/figures/").content.decode()
    assert mentor.get_full_name() in everyone
    assert colleague.get_full_name() in everyone
    assert re.search(r"5[.,]0 \(1\)", everyone)


def test_a_mentor_sets_time_away_and_gets_nothing_new_meanwhile(client_for):
    away = make_mentor(Kind.QUESTION)
    present = make_mentor(Kind.QUESTION)
    client = client_for(away)
    now = timezone.localtime()
    wrong = client.post(
        "/desk/availability/",
        {
            "capacity": "5",
            "away_from": (now + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "away_until": now.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert wrong.status_code == 400
    assert "must be after" in wrong.content.decode()
    assert "mentor_away_period_valid" not in wrong.content.decode()
    client.post(
        "/desk/availability/",
        {
            "capacity": "5",
            "away_from": (now - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "away_until": (now + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert [file_request().assignee for _ in range(3)] == [present] * 3


def test_the_ticket_history_reads_in_the_mentors_language(client_for, employee):
    """Events are stored as codes and shown as words, in Dutch for a Dutch mentor."""
    mentor = make_mentor(Kind.QUESTION)
    Ambassador.objects.filter(user=mentor).update(language="nl")
    ticket = file_request(employee)
    assert ticket.events.filter(action="assigned").exists()
    page = client_for(mentor).get(f"/desk/{ticket.pk}/").content.decode()
    history = page.split('class="small event-list"', 1)[1].split("</ul>", 1)[0]
    assert "toegewezen" in history
    assert "assigned" not in history


def test_take_it_is_offered_only_to_mentors_with_the_skill(client_for, employee):
    """A queued request shows "Take it" to a mentor who handles its kind; the team lead
    without the skill is told why they cannot take it instead of getting a button that
    fails (soak run); a mentor of another kind does not find it at all (#16.17)."""
    editor = make_mentor(Kind.EDITING)
    lead = make_mentor(Kind.COACHING, lead=True)
    ticket = file_request(employee, kind=Kind.QUESTION)  # nobody handles questions: queued
    assert Ticket.objects.get(pk=ticket.pk).state == T.QUEUED
    assert client_for(editor).get(f"/desk/{ticket.pk}/").status_code == 404
    html = client_for(lead).get(f"/desk/{ticket.pk}/").content.decode()
    assert 'value="take"' not in html
    assert "you cannot take it" in html
    helper = make_mentor(Kind.QUESTION)
    assert 'value="take"' in client_for(helper).get(f"/desk/{ticket.pk}/").content.decode()


def test_the_queue_shows_each_request_with_its_kind_person_state_and_due_time(client_for):
    """What a mentor reads in the queue's rows (drawn in Python, mentors_tags.queue_rows)."""
    lead = make_mentor(*Kind.values, lead=True)
    asker = make_user(Role.EMPLOYEE)
    asker.first_name, asker.last_name = "Ria", "Vos"
    asker.save()
    question = file_request(requester=asker, subject="Prices under my post")
    urgent = file_request(kind=Kind.MEDIATION, subject="A heated thread")
    Ticket.objects.filter(pk=question.pk).update(
        response_due_at=timezone.now() - dt.timedelta(hours=2, minutes=5)
    )
    page = client_for(lead).get("/desk/?view=all").content.decode()
    rows = {
        ticket.pk: re.search(
            rf'<tr[^>]*><td class="desk-queue-subject"><a href="/desk/{ticket.pk}/">.*?</tr>', page
        ).group(0)
        for ticket in (question, urgent)
    }
    assert f"#{question.pk} Prices under my post</a>" in rows[question.pk]
    assert 'data-label="From">Ria Vos<' in rows[question.pk]
    assert "first answer 2\xa0hours, 5\xa0minutes late" in rows[question.pk]
    assert 'class="status-warning"' in rows[question.pk]
    assert rows[urgent.pk].startswith('<tr class="is-urgent">')
    assert '<span class="tag tag-urgent">' in rows[urgent.pk]
    assert "first answer in" in rows[urgent.pk]
