"""An assignment's life cycle: pick, accept, decline, hand in evidence, review, expire.

Every transition is one function, in a transaction, on a locked row, allowed only by
`Assignment.TRANSITIONS`; the person acts only on their own assignment, a reviewer only on
someone else's. A refused step raises MissionError with a message the person can read.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambassadors import personal
from ambassadors.gates import first_unmet_gate
from ambassadors.models import Ambassador
from ambassadors.roles import is_comms, is_mentor
from ambassadors.services import lazy_text, notify
from core import versions
from core.audit import record
from core.images import ImageRejected, image_clean
from core.outbound import public_url
from core.sanitise import clean_text

from ..drafts import draft_text
from ..models import Assignment, Mission, Submission
from ..signals import assignment_approved
from .errors import (
    ERROR_EXPIRED,
    ERROR_FEEDBACK,
    ERROR_LINK,
    ERROR_NOT_ACTIVE,
    ERROR_NOT_REVIEWER,
    ERROR_NOT_TAKING_PART,
    ERROR_NOT_YOURS,
    ERROR_OWN_REVIEW,
    ERROR_SCREENSHOT,
    ERROR_TEXT,
    ERROR_TRANSITION,
    ERROR_WRONG_STAGE,
    MissionError,
)
from .points import points_award
from .promotion import promotion_check

S = Assignment.State
SUBJECT_APPROVED = _("Approved: %(mission)s")
SUBJECT_CHANGES = _("Please change: %(mission)s")
SUBJECT_REJECTED = _("Not approved: %(mission)s")

# Time a person always has to make the changes a reviewer asked for.
CHANGES_AT_LEAST = dt.timedelta(days=2)
# Links shown to people: the one strict reading of an address (core.outbound).
http_url = public_url


def is_reviewer(user: User) -> bool:
    """Mentors and comms staff review evidence."""
    return is_mentor(user) or is_comms(user)


def _locked(assignment: Assignment, action: str) -> Assignment:
    """The assignment, locked, if the life cycle allows `action` from its state now."""
    locked = Assignment.objects.select_for_update().select_related("mission").get(pk=assignment.pk)
    if not locked.can(action):
        raise MissionError(
            ERROR_TRANSITION
            % {"state": locked.get_state_display(), "action": Assignment.ACTION_LABELS[action]}
        )
    return locked


def _refuse_unless_own(assignment: Assignment, user: User) -> None:
    if assignment.user_id != user.pk:
        raise MissionError(ERROR_NOT_YOURS)


def _refuse_unless_taking_part(user: User, mission: Mission | None = None) -> None:
    """Taking on a mission: an active participant, of the mission's stage, past every gate."""
    ambassador = Ambassador.objects.filter(user=user).first()
    if ambassador is None or ambassador.status != Ambassador.Status.ACTIVE:
        raise MissionError(ERROR_NOT_TAKING_PART)
    if mission is not None and mission.stage != ambassador.stage:
        raise MissionError(ERROR_WRONG_STAGE)
    if mission is not None and (not mission.open_to_all or not mission.is_active()):
        raise MissionError(ERROR_NOT_ACTIVE)
    gate = first_unmet_gate(user)
    if gate is not None:
        raise MissionError(gate.message)


def mission_pick(*, user: User, mission: Mission) -> Assignment:
    """Take an open mission of your own stage: an accepted assignment right away."""
    _refuse_unless_taking_part(user, mission)
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(mission=mission, user=user)
    except IntegrityError:
        assignment = Assignment.objects.get(mission=mission, user=user)
    if assignment.state == S.OFFERED:
        assignment = assignment_accept(user=user, assignment=assignment)
    return assignment


@transaction.atomic
def assignment_accept(*, user: User, assignment: Assignment) -> Assignment:
    """Take on an offer: the days to complete it start now."""
    _refuse_unless_own(assignment, user)
    assignment = _locked(assignment, "accept")
    if assignment.is_past_due():
        raise MissionError(ERROR_EXPIRED)
    _refuse_unless_taking_part(user)
    now = timezone.now()
    assignment.state = Assignment.TRANSITIONS["accept"][1]
    assignment.accepted_at = now
    assignment.due_at = now + dt.timedelta(days=assignment.mission.days_to_complete)
    assignment.save(update_fields=["state", "accepted_at", "due_at"])
    return assignment


@transaction.atomic
def assignment_decline(*, user: User, assignment: Assignment) -> Assignment:
    """No penalty, no nagging: the assignment simply ends."""
    _refuse_unless_own(assignment, user)
    assignment = _locked(assignment, "decline")
    assignment.state = Assignment.TRANSITIONS["decline"][1]
    assignment.save(update_fields=["state"])
    return assignment


def _evidence(mission: Mission, link: str, screenshot: UploadedFile | None, text: str):
    link = (link or "").strip()
    if link:
        try:
            http_url(link)
        except ValidationError as exc:
            raise MissionError(ERROR_LINK, field="link") from exc
    if mission.needs_link and not link:
        raise MissionError(ERROR_LINK, field="link")
    cleaned = None
    if screenshot:
        try:
            cleaned = image_clean(screenshot, name="screenshot")
        except ImageRejected as error:
            raise MissionError(str(error), field="screenshot") from error
    if mission.needs_screenshot and cleaned is None:
        raise MissionError(ERROR_SCREENSHOT, field="screenshot")
    max_length = Submission._meta.get_field("text").max_length
    text = clean_text(text, max_length=max_length).strip()
    if mission.needs_text and not text:
        raise MissionError(ERROR_TEXT, field="text")
    return link, cleaned, text


def assignment_submit(
    *,
    user: User,
    assignment: Assignment,
    link: str = "",
    screenshot: UploadedFile | None = None,
    text: str = "",
    draft_ref: str = "",
) -> Submission:
    """Hand in evidence; checked before anything is written, kept with every resubmission.

    `draft_ref` names a mentor desk draft the text started from (kept only if it is one
    the person may use).
    """
    _refuse_unless_own(assignment, user)
    mission = Mission.objects.get(pk=assignment.mission_id)
    link, cleaned, text = _evidence(mission, link, screenshot, text)
    if draft_ref and draft_text(user, draft_ref) is None:
        draft_ref = ""
    with transaction.atomic():
        assignment = _locked(assignment, "submit")
        if assignment.is_past_due():
            raise MissionError(ERROR_EXPIRED)
        submission = Submission(
            assignment=assignment,
            link=link,
            text=text,
            draft_ref=draft_ref[: Submission._meta.get_field("draft_ref").max_length],
        )
        if cleaned is not None:
            submission.screenshot.save(cleaned.name, cleaned, save=False)
        submission.save()
        assignment.state = Assignment.TRANSITIONS["submit"][1]
        assignment.submitted_at = timezone.now()
        assignment.save(update_fields=["state", "submitted_at"])
    return submission


def _review(assignment: Assignment, action: str, reviewer: User, feedback: str) -> Assignment:
    """A reviewer's decision on someone else's evidence, kept in the audit trail."""
    if not is_reviewer(reviewer):
        raise MissionError(ERROR_NOT_REVIEWER)
    if assignment.user_id == reviewer.pk:
        raise MissionError(ERROR_OWN_REVIEW)
    feedback = clean_text(feedback or "").strip()
    if action != "approve" and not feedback:
        raise MissionError(ERROR_FEEDBACK, field="feedback")
    assignment = _locked(assignment, action)
    state = Assignment.TRANSITIONS[action][1]
    assignment.state = state
    assignment.reviewer = reviewer
    assignment.reviewed_at = timezone.now()
    assignment.feedback = feedback
    assignment.save(update_fields=["state", "reviewer", "reviewed_at", "feedback"])
    record(
        assignment,
        "academy.review",
        user=reviewer,
        title=f"{assignment.mission} — {assignment.user.get_full_name() or assignment.user}",
        person=assignment.user,
        decision=state,
    )
    return assignment


def _tell(assignment: Assignment, subject) -> None:
    notify(
        recipient=assignment.user,
        kind="mission_reviewed",
        key=f"assignment:{assignment.pk}:{assignment.state}:{assignment.reviewed_at:%s}",
        subject=lazy_text(subject, mission=assignment.mission),
        body=assignment.feedback,
        link=reverse("missions:assignment", args=[assignment.pk]),
    )


def assignment_approve(*, assignment: Assignment, reviewer: User, feedback: str = "") -> Assignment:
    """Approve, award the mission's points once, and check whether the person may move up."""
    with transaction.atomic():
        assignment = _review(assignment, "approve", reviewer, feedback)
        points_award(
            user=assignment.user,
            points=assignment.mission.points,
            reason=f"mission:{assignment.mission_id}",
            key=f"assignment:{assignment.pk}:approved",
        )
        _tell(assignment, SUBJECT_APPROVED)
        promotion_check(ambassador=Ambassador.objects.get(user_id=assignment.user_id))
        assignment_approved.send(sender=Assignment, assignment=assignment)
    return assignment


@transaction.atomic
def assignment_request_changes(
    *, assignment: Assignment, reviewer: User, feedback: str
) -> Assignment:
    assignment = _review(assignment, "request_changes", reviewer, feedback)
    if assignment.due_at is not None and assignment.submitted_at is not None:
        # The days the evidence waited for review do not count against the person, and
        # there are always a couple of days left to make the changes.
        now = timezone.now()
        waited = now - assignment.submitted_at
        assignment.due_at = max(assignment.due_at + waited, now + CHANGES_AT_LEAST)
        assignment.save(update_fields=["due_at"])
    _tell(assignment, SUBJECT_CHANGES)
    return assignment


@transaction.atomic
def assignment_reject(*, assignment: Assignment, reviewer: User, feedback: str) -> Assignment:
    assignment = _review(assignment, "reject", reviewer, feedback)
    _tell(assignment, SUBJECT_REJECTED)
    return assignment


# What a reviewer may decide, by the name of the action in `Assignment.TRANSITIONS`.
REVIEW_DECISIONS = {
    "approve": assignment_approve,
    "request_changes": assignment_request_changes,
    "reject": assignment_reject,
}


def assignments_expire(*, now: dt.datetime | None = None) -> int:
    """Periodic: open assignments past their date end quietly (no penalty)."""
    due = Assignment.objects.past_due(at=now)
    people = set(due.values_list("user_id", flat=True))
    ended = due.update(state=Assignment.TRANSITIONS["expire"][1])
    personal.forget(people)  # after the update: a page computed before it is not kept
    if ended:
        versions.move(versions.PROGRAMME)
    return ended
