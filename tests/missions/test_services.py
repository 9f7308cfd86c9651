"""The growth-path engine: every transition, evidence checks, points once, promotion."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image

from ambassadors.models import Ambassador, Stage
from ambassadors.roles import Role
from missions import services
from missions.models import (
    Assignment,
    GrowthRule,
    PointsEntry,
    PromotionInvitation,
    StageChange,
    Submission,
)
from tests.factories import make_user
from tests.factories.missions import mission, screenshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
S = Assignment.State


def accepted(user, **fields):
    return services.mission_pick(user=user, mission=mission(**fields))


def test_the_whole_happy_path(employee, comms):
    """Offered → accepted → submitted → changes requested → submitted → approved."""
    assignment = Assignment.objects.create(mission=mission(), user=employee)
    assignment = services.assignment_accept(user=employee, assignment=assignment)
    assert assignment.state == S.ACCEPTED
    assert assignment.due_at > timezone.now()
    services.assignment_submit(user=employee, assignment=assignment, link="https://x.example/p/1")
    services.assignment_request_changes(
        assignment=assignment, reviewer=comms, feedback="Add a line of your own."
    )
    assert Assignment.objects.get(pk=assignment.pk).state == S.CHANGES_REQUESTED
    services.assignment_submit(user=employee, assignment=assignment, link="https://x.example/p/2")
    approved = services.assignment_approve(assignment=assignment, reviewer=comms)
    assert approved.state == S.APPROVED
    assert Submission.objects.filter(assignment=assignment).count() == 2  # nothing overwritten
    assert services.points_total(user=employee) == 10


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (S.OFFERED, "approve"),
        (S.OFFERED, "submit"),
        (S.ACCEPTED, "approve"),
        (S.SUBMITTED, "accept"),
        (S.APPROVED, "submit"),
        (S.APPROVED, "approve"),
        (S.REJECTED, "request_changes"),
        (S.DECLINED, "accept"),
        (S.EXPIRED, "submit"),
    ],
)
def test_impossible_transitions_are_clear_errors(employee, comms, state, action):
    """Each impossible step raises a readable error and changes nothing."""
    assignment = Assignment.objects.create(
        mission=mission(), user=employee, state=state, accepted_at=timezone.now()
    )
    calls = {
        "approve": lambda: services.assignment_approve(assignment=assignment, reviewer=comms),
        "submit": lambda: services.assignment_submit(
            user=employee, assignment=assignment, link="https://x.example/p"
        ),
        "accept": lambda: services.assignment_accept(user=employee, assignment=assignment),
        "request_changes": lambda: services.assignment_request_changes(
            assignment=assignment, reviewer=comms, feedback="x"
        ),
    }
    with pytest.raises(services.MissionError, match="cannot go from"):
        calls[action]()
    assert Assignment.objects.get(pk=assignment.pk).state == state
    assert not Submission.objects.exists()
    assert not PointsEntry.objects.exists()


def test_someone_elses_assignment_is_refused(employee, other_employee):
    """Submitting for another person's assignment is refused; nothing is written."""
    assignment = accepted(employee)
    with pytest.raises(services.MissionError, match="not yours"):
        services.assignment_submit(
            user=other_employee, assignment=assignment, link="https://x.example/p"
        )
    assert not Submission.objects.exists()


def test_submitting_after_the_deadline_is_refused(employee):
    """Past the due date the submission is refused."""
    assignment = accepted(employee)
    Assignment.objects.filter(pk=assignment.pk).update(
        due_at=timezone.now() - dt.timedelta(hours=1)
    )
    with pytest.raises(services.MissionError, match="passed"):
        services.assignment_submit(user=employee, assignment=assignment, link="https://x.example/p")
    assert services.assignments_expire() == 1
    assert Assignment.objects.get(pk=assignment.pk).state == S.EXPIRED


def test_changes_asked_after_the_due_date_can_still_be_made(employee, comms):
    """Evidence handed in on time and reviewed late: the waiting does not count against the
    person, and they always get two days for the changes (found by the soak run)."""
    assignment = accepted(employee)
    services.assignment_submit(user=employee, assignment=assignment, link="https://x.example/p")
    week_ago = timezone.now() - dt.timedelta(days=7)
    Assignment.objects.filter(pk=assignment.pk).update(
        submitted_at=week_ago, due_at=week_ago + dt.timedelta(hours=1)
    )
    services.assignment_request_changes(
        assignment=Assignment.objects.get(pk=assignment.pk), reviewer=comms, feedback="Add a line"
    )
    assignment = Assignment.objects.get(pk=assignment.pk)
    assert assignment.due_at >= timezone.now() + dt.timedelta(days=1, hours=23)
    assert services.assignments_expire() == 0
    services.assignment_submit(user=employee, assignment=assignment, link="https://x.example/q")
    assert Assignment.objects.get(pk=assignment.pk).state == S.SUBMITTED


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "data:text/html,x", "ftp://x.example", "x"]
)
def test_bad_links_are_refused(employee, link):
    """Only http(s) links count as evidence."""
    assignment = accepted(employee)
    with pytest.raises(services.MissionError, match="http"):
        services.assignment_submit(user=employee, assignment=assignment, link=link)
    assert Assignment.objects.get(pk=assignment.pk).state == S.ACCEPTED


def test_screenshot_is_verified_and_stripped(employee):
    """A real image is stored without EXIF; a renamed non-image is refused."""
    assignment = accepted(employee, needs_link=False, needs_screenshot=True)
    with pytest.raises(services.MissionError):
        services.assignment_submit(
            user=employee,
            assignment=assignment,
            screenshot=SimpleUploadedFile("proof.png", b"%PDF-1.4 not an image"),
        )
    submission = services.assignment_submit(
        user=employee, assignment=assignment, screenshot=screenshot()
    )
    with Image.open(submission.screenshot.path) as stored:
        assert not stored.getexif()


def test_text_evidence_is_sanitised(employee):
    """Script in the evidence text does not survive."""
    assignment = accepted(employee, needs_link=False, needs_text=True)
    submission = services.assignment_submit(
        user=employee, assignment=assignment, text="Done! <script>alert(1)</script>"
    )
    assert "<script" not in submission.text
    assert submission.text.startswith("Done!")


def test_points_are_awarded_once(employee, comms):
    """A retried review awards nothing twice; the ledger has one row per key."""
    assignment = accepted(employee)
    services.assignment_submit(user=employee, assignment=assignment, link="https://x.example/p")
    services.assignment_approve(assignment=assignment, reviewer=comms)
    with pytest.raises(services.MissionError):
        services.assignment_approve(assignment=assignment, reviewer=comms)
    assert (
        services.points_award(
            user=employee, points=10, reason="again", key=f"assignment:{assignment.pk}:approved"
        )
        is None
    )
    assert PointsEntry.objects.filter(user=employee).count() == 1


def test_review_without_feedback_is_refused(employee, comms):
    """Asking for changes or rejecting needs feedback."""
    assignment = accepted(employee)
    services.assignment_submit(user=employee, assignment=assignment, link="https://x.example/p")
    with pytest.raises(services.MissionError, match="feedback"):
        services.assignment_reject(assignment=assignment, reviewer=comms, feedback="  ")


def test_promotion_is_an_invitation_the_person_may_decline(employee, comms):
    """After the rule is met the person is invited; declining keeps the stage, accepting moves."""
    GrowthRule.objects.filter(from_stage=1).update(
        approved_missions=2, require_courses=False, require_guidelines=False
    )
    ambassador = Ambassador.objects.get(user=employee)
    requirements = services.promotion_requirements(ambassador=ambassador)
    assert [r.done for r in requirements] == [False]
    assert requirements[0].label == "0 of 2 missions of this stage approved"
    for number in range(2):
        assignment = services.mission_pick(user=employee, mission=mission(title_en=f"M{number}"))
        services.assignment_submit(user=employee, assignment=assignment, link="https://x.example/p")
        services.assignment_approve(assignment=assignment, reviewer=comms)
    invitation = PromotionInvitation.objects.get(user=employee)
    assert invitation.to_stage == Stage.CURATION
    services.promotion_answer(user=employee, accept=False)
    assert Ambassador.objects.get(user=employee).stage == Stage.ENGAGEMENT
    # Staying keeps the invitation open: accepting later still works.
    assert PromotionInvitation.objects.open().filter(user=employee).exists()
    services.promotion_answer(user=employee, accept=True)
    assert Ambassador.objects.get(user=employee).stage == Stage.CURATION
    assert StageChange.objects.get(user=employee).kind == StageChange.Kind.PROMOTION
    assert not PromotionInvitation.objects.open().filter(user=employee).exists()
    with pytest.raises(services.MissionError, match="no open invitation"):
        services.promotion_answer(user=employee, accept=True)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Not everything it takes to move up is met any more: current guidelines"),
        ("nl", "Niet meer alles wat nodig is om door te gaan is in orde: huidige richtlijnen"),
    ],
)
def test_accepting_checks_the_requirements_again(client_for, employee, comms, language, message):
    """A guideline version published after the invitation stops the move, in their language."""
    from guidelines import services as guideline_services
    from guidelines.models import GuidelinePage
    from tests.factories.guidelines import build_guidelines, major_change

    GrowthRule.objects.filter(from_stage=1).update(
        approved_missions=1, require_courses=False, require_guidelines=True
    )
    Ambassador.objects.filter(user=employee).update(language=language)
    guidelines = build_guidelines()

    def acknowledge_all():
        for page in GuidelinePage.objects.live():
            guideline_services.guideline_acknowledge(user=employee, page=page, version=page.version)

    acknowledge_all()
    assignment = accepted(employee)
    services.assignment_submit(user=employee, assignment=assignment, link="https://x.example/p")
    services.assignment_approve(assignment=assignment, reviewer=comms)
    assert PromotionInvitation.objects.open().filter(user=employee).exists()

    major_change(guidelines.main, "Never share customer names.")
    with pytest.raises(services.MissionError) as refused:
        services.promotion_answer(user=employee, accept=True)
    # Lazy text: it reads in the language of wherever it is shown (the page, below).
    with translation.override(language):
        assert message in str(refused.value)
    assert Ambassador.objects.get(user=employee).stage == Stage.ENGAGEMENT
    assert PromotionInvitation.objects.open().filter(user=employee).exists()
    page = client_for(employee).post("/path/move-up/", {"answer": "accept"}, follow=True)
    assert message in page.content.decode()
    assert 'value="accept"' not in page.content.decode()  # what is missing, not the button

    acknowledge_all()
    services.promotion_answer(user=employee, accept=True)
    assert Ambassador.objects.get(user=employee).stage == Stage.CURATION


def test_manual_stage_change_keeps_the_reason(employee, comms):
    """Comms staff move someone back with a reason; without one it is refused."""
    ambassador = Ambassador.objects.get(user=employee)
    with pytest.raises(services.MissionError):
        services.stage_set(ambassador=ambassador, to_stage=2, reason="", changed_by=comms)
    services.stage_set(
        ambassador=ambassador, to_stage=2, reason="Already curating", changed_by=comms
    )
    change = StageChange.objects.get(user=employee)
    assert (change.from_stage, change.to_stage, change.reason) == (1, 2, "Already curating")


def test_picking_needs_the_right_stage_and_the_guidelines(employee):
    """A mission of another stage is refused; with guidelines published, they come first."""
    with pytest.raises(services.MissionError, match="another stage"):
        services.mission_pick(user=employee, mission=mission(stage=Stage.PRODUCTION))
    from tests.factories.guidelines import build_guidelines

    build_guidelines()
    with pytest.raises(services.MissionError, match="guidelines"):
        services.mission_pick(user=employee, mission=mission())


def test_other_employees_see_none_of_it(other_employee):
    """Nothing here leaks: a fresh employee has no points and no assignments."""
    make_user(Role.EMPLOYEE)
    assert services.points_total(user=other_employee) == 0
    assert not Assignment.objects.filter(user=other_employee).exists()


def test_dashboard_invitation_and_answer(client_for, employee, comms):
    """The dashboard shows what is still needed, then the invitation; the answer moves up."""
    GrowthRule.objects.filter(from_stage=1).update(
        approved_missions=1, require_courses=False, require_guidelines=False
    )
    client = client_for(employee)
    panel = next(p for t, p in client.get("/path/").context["panels"] if "missions" in t)
    assert panel["invitation"] is None
    assert [r.done for r in panel["requirements"]] == [False]
    assignment = services.mission_pick(user=employee, mission=mission())
    services.assignment_submit(user=employee, assignment=assignment, link="https://x.example/p")
    services.assignment_approve(assignment=assignment, reviewer=comms)
    panel = next(p for t, p in client.get("/path/").context["panels"] if "missions" in t)
    assert panel["invitation"] is not None
    assert panel["points"] == 10
    client.post("/path/move-up/", {"answer": "accept"})
    assert Ambassador.objects.get(user=employee).stage == Stage.CURATION


def test_staying_keeps_the_invitation_on_the_path(client_for, employee, comms):
    """ "Not now" says the invitation stays open; the path shows it and accepting later works."""
    GrowthRule.objects.filter(from_stage=1).update(
        approved_missions=1, require_courses=False, require_guidelines=False
    )
    Ambassador.objects.filter(user=employee).update(language="en")
    assignment = accepted(employee)
    services.assignment_submit(user=employee, assignment=assignment, link="https://x.example/p")
    services.assignment_approve(assignment=assignment, reviewer=comms)
    client = client_for(employee)
    stayed = client.post("/path/move-up/", {"answer": "stay"}, follow=True).content.decode()
    assert "The invitation stays open" in stayed
    assert "Your invitation to move on to Curation stays open" in stayed
    assert 'name="answer" value="accept"' in stayed
    assert "Not now, I stay" not in stayed
    moved = client.post("/path/move-up/", {"answer": "accept"}, follow=True).content.decode()
    assert "Welcome to Curation!" in moved
    assert Ambassador.objects.get(user=employee).stage == Stage.CURATION
    nonsense = client.post("/path/move-up/", {"answer": "maybe"}, follow=True).content.decode()
    assert "Choose to move up or to stay." in nonsense
