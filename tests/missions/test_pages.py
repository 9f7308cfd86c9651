"""The mission pages as an ambassador and a reviewer use them, including bad input."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from ambassadors.models import Ambassador, Notification, Stage
from ambassadors.roles import Role
from missions import drafts, services
from missions.models import Assignment, Campaign, Mission, Submission
from tests.factories import make_user
from tests.factories.missions import mission, screenshot, submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
S = Assignment.State


@pytest.fixture
def employee(employee):
    return _in_english(employee)


@pytest.fixture
def other_employee(other_employee):
    return _in_english(other_employee)


@pytest.fixture
def mentor(mentor):
    return _in_english(mentor)


def _in_english(user):
    """The pages speak the language of the person's profile; these tests read English."""
    Ambassador.objects.filter(user=user).update(language="en")
    return user


def test_list_shows_offers_work_in_progress_and_what_can_be_picked(client_for, employee):
    """Offers that are due show; a future offer, own picks and other stages do not."""
    now = timezone.now()
    offered = Assignment.objects.create(
        mission=mission(title_en="Offered now"), user=employee, due_at=now + dt.timedelta(days=3)
    )
    Assignment.objects.create(
        mission=mission(title_en="Offered later"),
        user=employee,
        offered_at=now + dt.timedelta(days=2),
    )
    picked = services.mission_pick(user=employee, mission=mission(title_en="Picked already"))
    mission(title_en="Free to pick")
    mission(stage=Stage.PRODUCTION, title_en="Production only")
    mission(title_en="Campaign only", open_to_all=False)

    page = client_for(employee).get("/missions/").content.decode()

    assert "Offered now" in page
    assert f"/missions/{offered.pk}/accept/" in page
    assert "Offered later" not in page
    assert f"/missions/{picked.pk}/" in page
    assert "Free to pick" in page
    assert "Production only" not in page
    assert "Campaign only" not in page


def test_pick_submit_and_see_the_screenshot(client_for, employee):
    """Pick a mission, hand in a link and a screenshot; only the owner can open it."""
    task = mission(needs_screenshot=True)
    client = client_for(employee)
    response = client.post(f"/missions/pick/{task.pk}/")
    assignment = Assignment.objects.get(user=employee, mission=task)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/missions/{assignment.pk}/")

    response = client.post(
        f"/missions/{assignment.pk}/",
        {"link": "https://www.linkedin.example/p/1", "screenshot": screenshot()},
    )
    assert response.status_code == 302
    submission = Submission.objects.get(assignment=assignment)
    stored = Path(submission.screenshot.path)
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT))

    served = client.get(f"/missions/evidence/{submission.pk}/")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert "no-store" in served["Cache-Control"]
    image = Image.open(io.BytesIO(b"".join(served.streaming_content)))
    assert not image.getexif()  # camera data removed
    assert client.get(f"/missions/{assignment.pk}/").content.decode().count("evidence/") >= 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"link": "javascript:alert(1)"}, "http or https"),
        ({"link": "ftp://example.org/x"}, "http or https"),
        (
            {
                "link": "https://x.example/p",
                "screenshot": SimpleUploadedFile("cat.png", b"MZ\x90\x00 not an image"),
            },
            "not a JPEG, PNG or WebP",
        ),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_written(client_for, employee, fields, message):
    """A clear error on the page; no submission, the assignment still open."""
    assignment = services.mission_pick(user=employee, mission=mission())
    response = client_for(employee).post(f"/missions/{assignment.pk}/", fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Submission.objects.exists()
    assert Assignment.objects.get(pk=assignment.pk).state == S.ACCEPTED


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_decompression_bomb_is_refused(client_for, employee):
    """An image that would take gigabytes to decode is refused before decoding."""
    output = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(output, format="PNG")
    assignment = services.mission_pick(user=employee, mission=mission(needs_screenshot=True))
    response = client_for(employee).post(
        f"/missions/{assignment.pk}/",
        {
            "link": "https://x.example/p",
            "screenshot": SimpleUploadedFile("big.png", output.getvalue()),
        },
    )
    assert response.status_code == 400
    assert not Submission.objects.exists()


def test_submitting_twice_or_after_expiry_is_refused(client_for, employee):
    assignment = services.mission_pick(user=employee, mission=mission())
    client = client_for(employee)
    assert (
        client.post(f"/missions/{assignment.pk}/", {"link": "https://x.example/1"}).status_code
        == 302
    )
    again = client.post(f"/missions/{assignment.pk}/", {"link": "https://x.example/2"})
    assert again.status_code == 400
    assert "cannot go from" in again.content.decode()

    late = services.mission_pick(user=employee, mission=mission())
    Assignment.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.post(f"/missions/{late.pk}/", {"link": "https://x.example/3"})
    assert response.status_code == 400
    assert "has passed" in response.content.decode()
    assert Submission.objects.count() == 1


def test_someone_elses_assignment_is_not_found(client_for, employee, other_employee):
    """By id, for reading, accepting, declining, submitting and the evidence itself."""
    theirs = submitted(other_employee)
    client = client_for(employee)
    assert client.get(f"/missions/{theirs.pk}/").status_code == 404
    assert client.post(f"/missions/{theirs.pk}/", {"link": "https://x.example"}).status_code == 404
    assert client.post(f"/missions/{theirs.pk}/accept/").status_code == 404
    assert client.post(f"/missions/{theirs.pk}/decline/").status_code == 404
    evidence = theirs.submissions.get()
    assert client.get(f"/missions/evidence/{evidence.pk}/").status_code == 404
    assert Assignment.objects.get(pk=theirs.pk).state == S.SUBMITTED


def test_accept_and_decline_an_offer(client_for, employee):
    first = Assignment.objects.create(mission=mission(), user=employee)
    second = Assignment.objects.create(mission=mission(), user=employee)
    before = Notification.objects.filter(recipient=employee).count()
    client = client_for(employee)
    client.post(f"/missions/{first.pk}/accept/")
    client.post(f"/missions/{second.pk}/decline/")
    assert Assignment.objects.get(pk=first.pk).state == S.ACCEPTED
    assert Assignment.objects.get(pk=second.pk).state == S.DECLINED
    # Declining carries no penalty: no notification, no points change.
    assert Notification.objects.filter(recipient=employee).count() == before
    assert services.points_total(user=employee) == 0


def test_review_asks_for_changes_then_approves(client_for, employee, mentor):
    """The reviewer's feedback reaches the ambassador; approval gives the points."""
    assignment = submitted(employee, points=15)
    reviewer = client_for(mentor)
    page = reviewer.get(f"/missions/review/{assignment.pk}/").content.decode()
    assert f"/missions/evidence/{assignment.submissions.get().pk}/" in page

    missing = reviewer.post(f"/missions/review/{assignment.pk}/", {"decision": "changes"})
    assert missing.status_code == 400
    assert "Give feedback" in missing.content.decode()

    reviewer.post(
        f"/missions/review/{assignment.pk}/",
        {"decision": "changes", "feedback": "Add one sentence of your own."},
    )
    mine = client_for(employee).get(f"/missions/{assignment.pk}/").content.decode()
    assert "Add one sentence of your own." in mine
    assert 'name="link"' in mine

    services.assignment_submit(
        user=employee, assignment=assignment, link="https://x.example/2", screenshot=screenshot()
    )
    reviewer.post(f"/missions/review/{assignment.pk}/", {"decision": "approve"})
    assert Assignment.objects.get(pk=assignment.pk).state == S.APPROVED
    assert services.points_total(user=employee) == 15
    assert Notification.objects.filter(recipient=employee, kind="mission_reviewed").count() == 2


def test_review_guards(client_for, employee, mentor):
    """No reviewing your own work, no approving what was not handed in, no unknown decision."""
    own = submitted(mentor)
    response = client_for(mentor).post(f"/missions/review/{own.pk}/", {"decision": "approve"})
    assert response.status_code == 400
    assert "Someone else" in response.content.decode()

    accepted = services.mission_pick(user=employee, mission=mission())
    response = client_for(mentor).post(f"/missions/review/{accepted.pk}/", {"decision": "approve"})
    assert response.status_code == 400
    assert Assignment.objects.get(pk=accepted.pk).state == S.ACCEPTED

    response = client_for(mentor).post(f"/missions/review/{own.pk}/", {"decision": "maybe"})
    assert response.status_code == 400


def test_review_queue_filters(client_for, mentor):
    engagement = submitted(with_screenshot=False)
    production_user = make_user(Role.EMPLOYEE, stage=Stage.PRODUCTION)
    production = submitted(
        production_user, with_screenshot=False, stage=Stage.PRODUCTION, kind=Mission.Kind.VIDEO
    )
    campaign = Campaign.objects.create(name="Open day", starts_at=timezone.now())
    Assignment.objects.filter(pk=production.pk).update(
        campaign=campaign, submitted_at=timezone.now() - dt.timedelta(days=4)
    )
    client = client_for(mentor)

    def shown(query):
        page = client.get(f"/missions/review/?{query}").content.decode()
        return {a.pk for a in (engagement, production) if f"/missions/review/{a.pk}/" in page}

    assert shown("") == {engagement.pk, production.pk}
    assert shown("stage=3") == {production.pk}
    assert shown("kind=comment") == {engagement.pk}
    assert shown(f"campaign={campaign.pk}") == {production.pk}
    assert shown("older_than=3") == {production.pk}


def test_a_draft_from_another_app_starts_the_text(client_for, employee):
    """The mentor desk seam: a registered draft source fills the text and is remembered."""

    def source(user, ref):
        return "A draft my mentor wrote." if user == employee and ref == "draft-7" else None

    drafts.register_draft_source(source)
    try:
        assignment = services.mission_pick(user=employee, mission=mission(needs_text=True))
        client = client_for(employee)
        page = client.get(f"/missions/{assignment.pk}/?draft=draft-7").content.decode()
        assert "A draft my mentor wrote." in page
        assert 'value="draft-7"' in page
        unknown = client.get(f"/missions/{assignment.pk}/?draft=draft-8").content.decode()
        assert 'value="draft-8"' not in unknown
        assert "A draft my mentor wrote." not in unknown
        client.post(
            f"/missions/{assignment.pk}/",
            {"link": "https://x.example", "text": "My version of the draft.", "draft": "draft-7"},
        )
        assert Submission.objects.get().draft_ref == "draft-7"
    finally:
        drafts._sources.remove(source)


def test_the_reviewer_sees_that_a_text_came_from_a_mentors_draft(client_for, employee, mentor):
    """A ghostwritten text says so on the review page: the kind, the mentor, and if it changed."""
    from mentors.models import Draft, Kind
    from mentors.services import ticket_create

    writer = make_user(Role.EMPLOYEE, Role.MENTOR)
    writer.first_name, writer.last_name = "Joost", "Writer"
    writer.save()
    Ambassador.objects.filter(user=employee).update(stage=Stage.PRODUCTION)
    ticket = ticket_create(
        requester=employee, kind=Kind.GHOSTWRITING, subject="A post", body="About our project."
    )
    draft = Draft.objects.create(ticket=ticket, author=writer, text="We finished the project.")
    task = mission(stage=Stage.PRODUCTION, kind=Mission.Kind.ARTICLE, needs_text=True)
    assignment = services.mission_pick(user=employee, mission=task)
    services.assignment_submit(
        user=employee,
        assignment=assignment,
        link="https://x.example/p",
        text="We  finished the project.",
        draft_ref=f"desk-{draft.pk}",
    )
    page = client_for(mentor).get(f"/missions/review/{assignment.pk}/").content.decode()
    assert "From a mentor's draft: Ghostwriting by Joost Writer on the mentor desk." in page
    assert "Handed in exactly as the mentor wrote it." in page

    services.assignment_request_changes(
        assignment=assignment, reviewer=mentor, feedback="Add a line of your own."
    )
    services.assignment_submit(
        user=employee,
        assignment=assignment,
        link="https://x.example/p",
        text="We finished the project. I learned a lot.",
        draft_ref=f"desk-{draft.pk}",
    )
    page = client_for(mentor).get(f"/missions/review/{assignment.pk}/").content.decode()
    assert "Changed by the ambassador before handing it in." in page
    own = services.mission_pick(user=employee, mission=mission(stage=Stage.PRODUCTION))
    services.assignment_submit(user=employee, assignment=own, link="https://x.example/q")
    plain = client_for(mentor).get(f"/missions/review/{own.pk}/").content.decode()
    assert "mentor's draft" not in plain
