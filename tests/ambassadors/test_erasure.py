"""An employee erases their account: personal data gone or anonymised, the figures unchanged."""

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from ambassadors import services
from ambassadors.erasure import ErasureError, account_erase, is_erased
from ambassadors.models import Ambassador, EmployeeImport, Notification
from ambassadors.roles import Role
from courses.models import Enrolment
from insights import rollups
from insights.dashboard import Filters, desk, sharing
from insights.models import InsightSettings
from mentors import services as desk_services
from mentors.models import Attachment, Message, Ticket
from missions import services as mission_services
from missions.models import Assignment, Submission
from sharing.models import Click, ContentItem, Share
from tests.factories import PASSWORD, make_user
from tests.factories.courses import build_tree, complete_basics
from tests.factories.mentors import file_request, make_mentor, png_file
from tests.factories.missions import submitted
from tests.factories.sharing import make_item

pytestmark = pytest.mark.django_db

SECRET = "Zebra-unique-words"


def _figures():
    today = timezone.localdate()
    rollups.refresh(today)
    filters = Filters.from_query({"days": "7"})
    shared = sharing(filters, InsightSettings.load())
    # The open request is closed by the erasure (a true new fact), so resolutions may move.
    kept = ("kind", "requests", "answered", "answered_in_time", "first_response_minutes")
    return shared["totals"], [{key: row[key] for key in kept} for row in desk(filters)]


def _everything(user, mentor):
    """The person's data in every app, each piece carrying SECRET so leftovers are found."""
    share = Share.objects.create(
        user=user, item=make_item(), network="linkedin", text=f"{SECRET} post"
    )
    Click.objects.create(share=share, day=timezone.localdate(), visitor="v1")
    services.notify(recipient=user, kind="test", key="erase-1", subject=f"{SECRET} subject")
    proposal = make_item(status="proposed", proposed_by=user, proposal_comment=f"{SECRET} idea")
    assignment = submitted(user)
    Submission.objects.filter(assignment=assignment).update(text=f"{SECRET} evidence")
    mission_services.assignment_request_changes(
        assignment=assignment, reviewer=mentor, feedback=f"{SECRET} feedback"
    )
    answered = file_request(user, subject=f"{SECRET} answered", files=[png_file()])
    desk_services.ticket_reply(ticket=answered, author=mentor, body=f"{SECRET} reply")
    desk_services.ticket_resolve(ticket=answered, by=mentor)
    open_ticket = file_request(user, subject=f"{SECRET} still open")
    kept = file_request(user, subject="Threat under my post", body="Kept by law")
    desk_services.ticket_keep(ticket=kept, mentor=mentor, reason="Police report filed")
    return share, proposal, assignment, answered, open_ticket, kept


def test_erasing_removes_personal_data_and_keeps_the_figures(django_capture_on_commit_callbacks):
    user = make_user()
    mentor = make_mentor("question")
    share, proposal, assignment, answered, open_ticket, kept = _everything(user, mentor)
    files = [
        Attachment.objects.get(ticket=answered).file,
        Submission.objects.get(assignment=assignment).screenshot,
    ]
    files = [(stored.storage, stored.name) for stored in files]
    assert all(storage.exists(name) for storage, name in files)
    shares_before, desk_before = _figures()

    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=user)

    user.refresh_from_db()
    assert is_erased(user)
    assert (user.first_name, user.last_name, user.email) == ("", "", "")
    assert not user.has_usable_password()
    assert not Notification.objects.filter(recipient=user).exists()
    assert Ambassador.objects.get(user=user).status == Ambassador.Status.LEFT
    # Nothing the person wrote survives, in any table the export reads.
    for model, field in (
        (Share, "text"),
        (Submission, "text"),
        (Assignment, "feedback"),
        (ContentItem, "proposal_comment"),
        (Ticket, "subject"),
        (Message, "body"),
    ):
        assert not model.objects.filter(**{f"{field}__contains": SECRET}).exists(), model
    # Files are gone from storage, the rows that pointed at them too.
    assert not Attachment.objects.filter(ticket=answered).exists()
    for storage, name in files:
        assert not storage.exists(name)
    # The open request was closed; the one kept by law keeps its content, without a name.
    assert Ticket.objects.get(pk=open_ticket.pk).state == Ticket.State.RESOLVED
    kept.refresh_from_db()
    assert kept.body == "Kept by law"
    assert kept.requester.username == f"erased-{user.pk}"
    assert proposal.pk not in ContentItem.objects.values_list("pk", flat=True)
    # The facts stay: a share with its click, the desk figures, the same totals.
    assert Share.objects.filter(pk=share.pk).exists()
    assert Click.objects.count() == 1
    assert _figures() == (shares_before, desk_before)


def test_certificates_of_an_erased_account_no_longer_verify(client_for):
    tree = build_tree()
    user = make_user()
    enrolment = complete_basics(user, tree)
    old_code = enrolment.certificate_code
    assert client_for().get(f"/verify/{old_code}/").status_code == 200
    account_erase(user=user)
    assert client_for().get(f"/verify/{old_code}/").status_code == 404
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is not None


def test_an_erased_mentor_s_requests_go_back_to_the_team():
    leaving = make_mentor("question")
    colleague = make_mentor("question")
    ticket = file_request()
    if ticket.assignee_id != leaving.pk:
        desk_services.ticket_reassign(
            ticket=ticket, to_user=leaving, actor=colleague, reason="holiday cover"
        )
    account_erase(user=leaving)
    ticket.refresh_from_db()
    assert ticket.assignee_id == colleague.pk
    assert ticket.events.filter(action="released").exists()


def test_the_import_file_forgets_the_person():
    user = make_user()
    EmployeeImport.objects.create(
        file_name="hr.csv",
        content=f"email,first_name\n{user.email},{user.first_name}\nother@example.org,Other\n",
        status=EmployeeImport.Status.APPLIED,
        report={"create": [{"email": user.email}, {"email": "other@example.org"}], "errors": []},
    )
    account_erase(user=user)
    employee_import = EmployeeImport.objects.get()
    assert user.first_name not in employee_import.content
    assert "other@example.org" in employee_import.content
    assert employee_import.report["create"] == [{"email": "other@example.org"}]


def test_the_audit_trail_keeps_the_fact_not_the_name():
    user = make_user()
    comms = make_user(Role.EMPLOYEE, Role.COMMS)
    mission_services.stage_set(
        ambassador=user.ambassador, to_stage=2, reason="Ready for curation", changed_by=comms
    )
    entry = ModelLogEntry.objects.get(action="academy.stage_change")
    assert entry.label == user.get_full_name()
    account_erase(user=user, actor=user)
    entry.refresh_from_db()
    assert user.get_full_name() not in entry.label
    assert entry.user_id == comms.pk
    erased = ModelLogEntry.objects.get(action="academy.account_erase")
    assert erased.user_id == user.pk
    assert erased.label == f"erased-{user.pk}"


def test_erasing_twice_changes_nothing_more():
    user = make_user()
    file_request(user)
    account_erase(user=user)
    snapshot = json.dumps(list(Ticket.objects.values()), default=str)
    account_erase(user=User.objects.get(pk=user.pk))
    assert json.dumps(list(Ticket.objects.values()), default=str) == snapshot


def test_the_page_asks_for_the_password_and_signs_out_everywhere(english):
    user = make_user(language="en")
    other_device = Client()
    other_device.login(username=user.username, password=PASSWORD)
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    page = client.get("/profile/erase/")
    assert page.status_code == 200
    assert b"cannot be undone" in page.content

    wrong = client.post("/profile/erase/", {"password": "not-it"})
    assert wrong.status_code == 400
    assert "not your password" in wrong.content.decode()
    assert not is_erased(User.objects.get(pk=user.pk))

    done = client.post("/profile/erase/", {"password": PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == "/"
    assert is_erased(User.objects.get(pk=user.pk))
    assert other_device.get("/path/").status_code == 302  # signed out there too
    assert not client.login(username=user.username, password=PASSWORD)


def test_administrators_cannot_erase_themselves():
    admin = make_user(superuser=True, joined=False)
    with pytest.raises(ErasureError):
        account_erase(user=admin)
    assert not is_erased(User.objects.get(pk=admin.pk))


def test_a_failure_half_way_leaves_everything_as_it_was(monkeypatch):
    user = make_user()
    file_request(user, subject=f"{SECRET} question")
    from ambassadors import erasure

    def broken(_user):
        raise RuntimeError("disk full")

    monkeypatch.setitem(erasure._erasers, "zz-broken", broken)
    with pytest.raises(RuntimeError):
        account_erase(user=user)
    assert Ticket.objects.filter(subject__contains=SECRET).exists()
    assert not is_erased(User.objects.get(pk=user.pk))


def test_erasure_reaches_copies_of_their_words_and_notifications_that_name_them(client_for):
    """A colleague post, an approved proposal and others' notifications lose name and words."""
    from ambassadors.models import Stage, Topic
    from ambassadors.roles import Role
    from sharing import services as sharing_services
    from sharing.models import TextVariant

    topic = Topic.objects.create(slug="heat", name_nl="Warmte", name_en="Heat")
    user = make_user(stage=Stage.CURATION)
    User.objects.filter(pk=user.pk).update(first_name="Zora", last_name="Quill")
    user.refresh_from_db()
    user.ambassador.topics.set([topic])
    colleague = make_user()
    colleague.ambassador.topics.set([topic])
    lead = make_mentor(lead=True)  # handles nothing: a new request waits and the lead hears
    comms = make_user(Role.COMMS)
    post, invited = sharing_services.colleague_post_create(
        user=user, url="https://www.linkedin.com/posts/zora-quill-123", comment=f"{SECRET} post"
    )
    assert invited == 1
    proposal = sharing_services.proposal_create(
        user=user, url="https://blog.example/heat", title="Heat pumps", comment=f"{SECRET} read"
    )
    sharing_services.proposal_review(item=proposal, approve=True, reason="", reviewer=comms)
    Share.objects.create(user=colleague, item=post, network="linkedin", text="Nice post")
    file_request(user, subject=f"{SECRET} help")
    named = Notification.objects.exclude(recipient=user)
    assert named.filter(recipient=colleague, kind="colleague_post").exists()
    assert named.filter(recipient=lead, subject__contains=SECRET).exists()

    account_erase(user=user)

    leftovers = [
        text
        for item in ContentItem.objects.filter(pk__in=[post.pk, proposal.pk])
        for text in (
            item.title,
            item.url,
            item.summary,
            item.proposal_comment,
            item.preview_title,
            *TextVariant.objects.filter(item=item).values_list("text", flat=True),
        )
        if SECRET in text or "Zora" in text or "zora" in text
    ]
    assert leftovers == []
    assert not Notification.objects.filter(subject__contains=SECRET).exists()
    assert not Notification.objects.filter(subject__contains="Zora").exists()
    assert not Notification.objects.filter(body__contains=SECRET).exists()
    # The post leaves colleagues' feeds; the approved article stays in the library.
    assert post.pk not in {i.pk for i in ContentItem.objects.shareable()}
    assert proposal.pk in {i.pk for i in ContentItem.objects.shareable()}
    assert Share.objects.filter(item=post, user=colleague).exists()  # the figures stay
    page = client_for(colleague).get("/share/").content.decode()
    assert SECRET not in page
    assert "Zora" not in page
