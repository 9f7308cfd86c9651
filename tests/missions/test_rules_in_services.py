"""The growth path's rules hold for every caller: called directly, as a task or the CMS would,
they refuse what the pages refuse; the pages read the same table and show the refusal."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ambassadors.models import Ambassador, Notification
from missions import selectors, services, tasks
from missions.models import Assignment, Mission, Submission
from tests.factories.missions import mission, submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
S = Assignment.State


def _in_english(*users):
    Ambassador.objects.filter(user__in=users).update(language="en")


def _accepted(user, **fields) -> Assignment:
    return services.mission_pick(user=user, mission=mission(**fields))


# --- reviewing ------------------------------------------------------------------------------


@pytest.mark.parametrize("decision", ["approve", "request_changes", "reject"])
def test_nobody_reviews_their_own_mission(mentor, decision):
    """The review service itself refuses a reviewer's own evidence, whoever calls it."""
    own = submitted(mentor, with_screenshot=False)
    with pytest.raises(services.MissionError) as refused:
        services.REVIEW_DECISIONS[decision](assignment=own, reviewer=mentor, feedback="Fine.")
    assert refused.value.message == services.ERROR_OWN_REVIEW
    own.refresh_from_db()
    assert own.state == S.SUBMITTED
    assert own.reviewer is None


def test_only_mentors_and_comms_staff_review(employee, other_employee):
    """An employee passed in as reviewer (by a task or an API) is refused."""
    theirs = submitted(other_employee, with_screenshot=False)
    with pytest.raises(services.MissionError) as refused:
        services.assignment_approve(assignment=theirs, reviewer=employee)
    assert refused.value.message == services.ERROR_NOT_REVIEWER
    assert Assignment.objects.get(pk=theirs.pk).state == S.SUBMITTED
    assert selectors.points_total(user=other_employee) == 0


def test_a_refused_review_keeps_what_the_reviewer_typed(client_for, mentor):
    own = submitted(mentor, with_screenshot=False)
    _in_english(mentor)
    response = client_for(mentor).post(
        f"/missions/review/{own.pk}/", {"decision": "approve", "feedback": "Looks good to me"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone else reviews your own missions." in page
    assert "Looks good to me</textarea>" in page


def test_missing_feedback_shows_on_the_feedback_field(client_for, employee, mentor):
    assignment = submitted(employee, with_screenshot=False)
    _in_english(mentor)
    page = (
        client_for(mentor)
        .post(f"/missions/review/{assignment.pk}/", {"decision": "reject"})
        .content.decode()
    )
    assert 'id="id_feedback_error"' in page
    assert "Give feedback" in page


# --- the person's own assignment ------------------------------------------------------------


def test_nobody_acts_on_someone_elses_assignment(employee, other_employee):
    """Accept, decline and hand in: the services check whose assignment it is."""
    offered = Assignment.objects.create(mission=mission(), user=other_employee)
    accepted = _accepted(other_employee)
    for act, assignment in [
        (services.assignment_accept, offered),
        (services.assignment_decline, offered),
        (services.assignment_decline, accepted),
    ]:
        with pytest.raises(services.MissionError) as refused:
            act(user=employee, assignment=assignment)
        assert refused.value.message == services.ERROR_NOT_YOURS
    with pytest.raises(services.MissionError) as refused:
        services.assignment_submit(user=employee, assignment=accepted, link="https://x.example/p")
    assert refused.value.message == services.ERROR_NOT_YOURS
    assert Assignment.objects.get(pk=offered.pk).state == S.OFFERED
    assert Assignment.objects.get(pk=accepted.pk).state == S.ACCEPTED
    assert not Submission.objects.exists()


def test_the_tasks_take_no_person_and_touch_only_what_is_due(employee, other_employee):
    """The hourly task ends overdue work of anyone, and nothing that is not overdue."""
    overdue = _accepted(employee)
    running = _accepted(other_employee)
    Assignment.objects.filter(pk=overdue.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    tasks.hourly()
    assert Assignment.objects.get(pk=overdue.pk).state == S.EXPIRED
    assert Assignment.objects.get(pk=running.pk).state == S.ACCEPTED


def test_a_paused_person_cannot_accept_an_offer(employee):
    """Bug: pausing stopped picking missions but not accepting offers."""
    offer = Assignment.objects.create(mission=mission(), user=employee)
    Ambassador.objects.filter(user=employee).update(status=Ambassador.Status.PAUSED)
    with pytest.raises(services.MissionError) as refused:
        services.assignment_accept(user=employee, assignment=offer)
    assert refused.value.message == services.ERROR_NOT_TAKING_PART
    assert Assignment.objects.get(pk=offer.pk).state == S.OFFERED


def test_an_offer_whose_time_passed_cannot_be_accepted(client_for, employee):
    """Bug: an offer hidden from the list (its time passed) could still be accepted by POST."""
    _in_english(employee)
    offer = Assignment.objects.create(
        mission=mission(), user=employee, due_at=timezone.now() - dt.timedelta(minutes=1)
    )
    with pytest.raises(services.MissionError) as refused:
        services.assignment_accept(user=employee, assignment=offer)
    assert refused.value.message == services.ERROR_EXPIRED
    response = client_for(employee).post(f"/missions/{offer.pk}/accept/")
    assert response.status_code == 400
    assert "The time for this mission has passed." in response.content.decode()
    assert f'action="/missions/{offer.pk}/accept/"' not in response.content.decode()
    assert Assignment.objects.get(pk=offer.pk).state == S.OFFERED
    page = client_for(employee).get(f"/missions/{offer.pk}/").content.decode()
    assert "The time for this mission has passed." in page
    assert f'action="/missions/{offer.pk}/accept/"' not in page


def test_letting_go_while_changes_are_asked_for(client_for, employee, mentor):
    """Bug: the page offered "Let this mission go" after a review asked for changes, and
    pressing it failed; letting go is always fine."""
    _in_english(employee)
    assignment = submitted(employee, with_screenshot=False)
    services.assignment_request_changes(
        assignment=assignment, reviewer=mentor, feedback="One more line."
    )
    client = client_for(employee)
    page = client.get(f"/missions/{assignment.pk}/").content.decode()
    assert f"/missions/{assignment.pk}/decline/" in page
    response = client.post(f"/missions/{assignment.pk}/decline/")
    assert response.status_code == 302
    assert Assignment.objects.get(pk=assignment.pk).state == S.DECLINED


def test_past_due_work_shows_why_instead_of_a_form(client_for, employee):
    _in_english(employee)
    late = _accepted(employee)
    Assignment.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(minutes=1))
    page = client_for(employee).get(f"/missions/{late.pk}/").content.decode()
    assert "The time for this mission has passed." in page
    assert 'name="link"' not in page
    with pytest.raises(services.MissionError) as refused:
        services.assignment_submit(user=employee, assignment=late, link="https://x.example/p")
    assert refused.value.message == services.ERROR_EXPIRED


# --- the pages show refusals with what was typed --------------------------------------------


def test_refused_evidence_keeps_what_the_person_typed(client_for, employee):
    _in_english(employee)
    assignment = _accepted(employee, needs_text=True)
    response = client_for(employee).post(
        f"/missions/{assignment.pk}/", {"link": "ftp://x.example/p", "text": "My own words"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_link_error"' in page  # the refusal sits on the link field
    assert 'value="ftp://x.example/p"' in page
    assert "My own words</textarea>" in page
    assert 'maxlength="5000"' in page  # the limit comes from the model, once


def test_a_refused_pick_shows_on_the_list(client_for, employee):
    _in_english(employee)
    other_stage = mission(stage=3, kind=Mission.Kind.ARTICLE, title_en="Write it")
    response = client_for(employee).post(f"/missions/pick/{other_stage.pk}/")
    assert response.status_code == 400
    assert "This mission is for another stage." in response.content.decode()
    assert not Assignment.objects.exists()


# --- one definition of each named state -----------------------------------------------------


def test_active_missions_one_rule_for_queries_and_objects():
    now = timezone.now()
    hour = dt.timedelta(hours=1)
    cases = {
        "always": mission(),
        "started": mission(active_from=now - hour),
        "not yet": mission(active_from=now + hour),
        "ended": mission(active_until=now),
        "running": mission(active_from=now - hour, active_until=now + hour),
    }
    active = set(Mission.objects.active(at=now).values_list("pk", flat=True))
    assert {name for name, m in cases.items() if m.pk in active} == {"always", "started", "running"}
    assert {name for name, m in cases.items() if m.is_active(at=now)} == {
        "always",
        "started",
        "running",
    }


def test_the_dashboard_counts_what_the_list_shows(client_for, employee):
    """Bug: the path counted an offer whose time had passed, which the list no longer shows."""
    now = timezone.now()
    Assignment.objects.create(mission=mission(), user=employee, due_at=now + dt.timedelta(days=1))
    Assignment.objects.create(mission=mission(), user=employee, due_at=now - dt.timedelta(hours=1))
    _accepted(employee)
    mine = selectors.missions_for(ambassador=employee.ambassador)
    assert selectors.current_count(user=employee) == len(mine.offered) + len(mine.in_progress) == 2


def test_the_life_cycle_table_is_what_services_and_pages_follow(employee):
    offer = Assignment.objects.create(mission=mission(), user=employee)
    assert offer.person_actions == {"accept", "decline"}
    accepted = _accepted(employee)
    assert accepted.person_actions == {"decline", "submit"}
    assert not accepted.awaits_review
    services.assignment_submit(user=employee, assignment=accepted, link="https://x.example/p")
    accepted.refresh_from_db()
    assert accepted.person_actions == frozenset()
    assert accepted.awaits_review
    for action, (sources, _target) in Assignment.TRANSITIONS.items():
        assert sources <= set(Assignment.State), action


# --- notifications --------------------------------------------------------------------------


def test_notification_links_are_the_pages_urls(employee, mentor):
    assignment = submitted(employee, with_screenshot=False)
    services.assignment_reject(assignment=assignment, reviewer=mentor, feedback="Not ours.")
    note = Notification.objects.get(recipient=employee, kind="mission_reviewed")
    assert note.link == reverse("missions:assignment", args=[assignment.pk])


def test_only_comms_staff_change_a_stage_by_hand_whoever_calls(employee, other_employee, comms):
    """The stage service refuses a caller without the stage permission (a task, an API),
    not only the CMS page."""
    from missions.services import ERROR_NOT_STAGE_CHANGER, MissionError, stage_set

    with pytest.raises(MissionError) as refused:
        stage_set(
            ambassador=employee.ambassador, to_stage=2, reason="Ready", changed_by=other_employee
        )
    assert refused.value.args[0] == ERROR_NOT_STAGE_CHANGER
    employee.ambassador.refresh_from_db()
    assert employee.ambassador.stage == 1
    stage_set(ambassador=employee.ambassador, to_stage=2, reason="Ready", changed_by=comms)
    employee.ambassador.refresh_from_db()
    assert employee.ambassador.stage == 2


def test_moving_someone_to_the_stage_they_are_in_says_so(employee, comms):
    from missions.services import ERROR_SAME_STAGE, MissionError, stage_set

    with pytest.raises(MissionError) as refused:
        stage_set(ambassador=employee.ambassador, to_stage=1, reason="Again", changed_by=comms)
    assert refused.value.message == ERROR_SAME_STAGE


def test_a_reviewer_does_not_find_their_own_submission_in_the_queue(employee):
    """A mentor who takes part sees colleagues' evidence to review, not their own."""
    from missions.selectors import review_queue
    from tests.factories.missions import submitted

    own = submitted(user=employee)
    colleague = submitted()
    assert list(review_queue(reviewer=employee)) == [colleague]
    assert set(review_queue()) == {own, colleague}
