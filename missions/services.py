"""The growth-path engine: assignment transitions, evidence, points and promotion.

Every transition is one function, in a transaction, on a locked row; an impossible
transition raises MissionError with a message the person can read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ambassadors.gates import first_unmet_gate
from ambassadors.images import ImageRejected, image_clean
from ambassadors.models import Ambassador, Stage
from ambassadors.sanitise import clean_text
from ambassadors.services import notify
from courses.selectors import has_completed_required_courses
from guidelines.selectors import has_acknowledged_current_guidelines

from .models import (
    Assignment,
    GrowthRule,
    Mission,
    PointsEntry,
    PromotionInvitation,
    StageChange,
    Submission,
)

S = Assignment.State
ERROR_TRANSITION = _("This mission cannot go from “%(state)s” to “%(action)s”.")
ERROR_NOT_YOURS = _("This mission is not yours.")
ERROR_WRONG_STAGE = _("This mission is for another stage.")
ERROR_NOT_ACTIVE = _("This mission is not open at the moment.")
ERROR_EXPIRED = _("The time for this mission has passed.")
ERROR_LINK = _("Give the link to your post (an http or https address).")
ERROR_SCREENSHOT = _("Add a screenshot.")
ERROR_TEXT = _("Add a text.")
ERROR_FEEDBACK = _("Give feedback, so the ambassador knows what to change or why.")
ERROR_NO_INVITATION = _("There is no open invitation to move up.")
ERROR_REASON = _("Give the reason for this change of stage.")
SUBJECT_APPROVED = _("Approved: %(mission)s")
SUBJECT_CHANGES = _("Please change: %(mission)s")
SUBJECT_REJECTED = _("Not approved: %(mission)s")

TRANSITIONS = {
    "accept": {S.OFFERED},
    "decline": {S.OFFERED, S.ACCEPTED},
    "submit": {S.ACCEPTED, S.CHANGES_REQUESTED},
    "approve": {S.SUBMITTED},
    "request_changes": {S.SUBMITTED},
    "reject": {S.SUBMITTED},
    "expire": {S.OFFERED, S.ACCEPTED, S.CHANGES_REQUESTED},
}
ACTION_LABELS = {
    "accept": _("accepted"),
    "decline": _("declined"),
    "submit": _("submitted"),
    "approve": _("approved"),
    "request_changes": _("changes requested"),
    "reject": _("rejected"),
    "expire": _("expired"),
}
http_url = URLValidator(schemes=["http", "https"])


class MissionError(Exception):
    pass


def _locked(assignment: Assignment, action: str) -> Assignment:
    locked = Assignment.objects.select_for_update().select_related("mission").get(pk=assignment.pk)
    if locked.state not in TRANSITIONS[action]:
        raise MissionError(
            ERROR_TRANSITION
            % {"state": locked.get_state_display(), "action": ACTION_LABELS[action]}
        )
    return locked


def mission_is_active(mission: Mission, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (mission.active_from is None or mission.active_from <= now) and (
        mission.active_until is None or mission.active_until > now
    )


def mission_pick(*, user: User, mission: Mission) -> Assignment:
    """Take an open mission of your own stage: an accepted assignment right away."""
    ambassador = user.ambassador
    if ambassador.status != Ambassador.Status.ACTIVE:
        raise MissionError(_("Join the programme to take missions."))
    if mission.stage != ambassador.stage:
        raise MissionError(ERROR_WRONG_STAGE)
    if not mission.open_to_all or not mission_is_active(mission):
        raise MissionError(ERROR_NOT_ACTIVE)
    gate = first_unmet_gate(user)
    if gate is not None:
        raise MissionError(gate.message)
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
    assignment = _locked(assignment, "accept")
    if assignment.user_id != user.pk:
        raise MissionError(ERROR_NOT_YOURS)
    gate = first_unmet_gate(user)
    if gate is not None:
        raise MissionError(gate.message)
    now = timezone.now()
    assignment.state = S.ACCEPTED
    assignment.accepted_at = now
    assignment.due_at = now + dt.timedelta(days=assignment.mission.days_to_complete)
    assignment.save(update_fields=["state", "accepted_at", "due_at"])
    return assignment


@transaction.atomic
def assignment_decline(*, user: User, assignment: Assignment) -> Assignment:
    """No penalty, no nagging: the assignment simply ends."""
    assignment = _locked(assignment, "decline")
    if assignment.user_id != user.pk:
        raise MissionError(ERROR_NOT_YOURS)
    assignment.state = S.DECLINED
    assignment.save(update_fields=["state"])
    return assignment


def _evidence(mission: Mission, link: str, screenshot, text: str):
    link = (link or "").strip()
    if link:
        try:
            http_url(link)
        except ValidationError as exc:
            raise MissionError(ERROR_LINK) from exc
    if mission.needs_link and not link:
        raise MissionError(ERROR_LINK)
    cleaned = None
    if screenshot:
        try:
            cleaned = image_clean(screenshot, name="screenshot")
        except ImageRejected as error:
            raise MissionError(str(error)) from error
    if mission.needs_screenshot and cleaned is None:
        raise MissionError(ERROR_SCREENSHOT)
    text = clean_text(text or "").strip()[:5000]
    if mission.needs_text and not text:
        raise MissionError(ERROR_TEXT)
    return link, cleaned, text


def assignment_submit(
    *, user: User, assignment: Assignment, link: str = "", screenshot=None, text: str = ""
) -> Submission:
    """Hand in evidence; checked before anything is written, kept with every resubmission."""
    mission = Mission.objects.get(pk=assignment.mission_id)
    link, cleaned, text = _evidence(mission, link, screenshot, text)
    with transaction.atomic():
        assignment = _locked(assignment, "submit")
        if assignment.user_id != user.pk:
            raise MissionError(ERROR_NOT_YOURS)
        if assignment.due_at and assignment.due_at <= timezone.now():
            raise MissionError(ERROR_EXPIRED)
        submission = Submission(assignment=assignment, link=link, text=text)
        if cleaned is not None:
            submission.screenshot.save(cleaned.name, cleaned, save=False)
        submission.save()
        assignment.state = S.SUBMITTED
        assignment.submitted_at = timezone.now()
        assignment.save(update_fields=["state", "submitted_at"])
    return submission


def _review(assignment: Assignment, action: str, reviewer: User, feedback: str, state: str):
    feedback = clean_text(feedback or "").strip()
    if action != "approve" and not feedback:
        raise MissionError(ERROR_FEEDBACK)
    assignment = _locked(assignment, action)
    assignment.state = state
    assignment.reviewer = reviewer
    assignment.reviewed_at = timezone.now()
    assignment.feedback = feedback
    assignment.save(update_fields=["state", "reviewer", "reviewed_at", "feedback"])
    return assignment


def _tell(assignment: Assignment, subject: str) -> None:
    user = assignment.user
    language = getattr(getattr(user, "ambassador", None), "language", "nl")
    with translation.override(language):
        notify(
            recipient=user,
            kind="mission_reviewed",
            key=f"assignment:{assignment.pk}:{assignment.state}:{assignment.reviewed_at:%s}",
            subject=str(subject) % {"mission": assignment.mission.title},
            body=assignment.feedback,
            link="/missions/",
        )


def assignment_approve(*, assignment: Assignment, reviewer: User, feedback: str = "") -> Assignment:
    """Approve, award the mission's points once, and check whether the person may move up."""
    with transaction.atomic():
        assignment = _review(assignment, "approve", reviewer, feedback, S.APPROVED)
        points_award(
            user=assignment.user,
            points=assignment.mission.points,
            reason=f"mission:{assignment.mission_id}",
            key=f"assignment:{assignment.pk}:approved",
        )
        _tell(assignment, SUBJECT_APPROVED)
        promotion_check(ambassador=Ambassador.objects.get(user_id=assignment.user_id))
    return assignment


@transaction.atomic
def assignment_request_changes(
    *, assignment: Assignment, reviewer: User, feedback: str
) -> Assignment:
    assignment = _review(assignment, "request_changes", reviewer, feedback, S.CHANGES_REQUESTED)
    _tell(assignment, SUBJECT_CHANGES)
    return assignment


@transaction.atomic
def assignment_reject(*, assignment: Assignment, reviewer: User, feedback: str) -> Assignment:
    assignment = _review(assignment, "reject", reviewer, feedback, S.REJECTED)
    _tell(assignment, SUBJECT_REJECTED)
    return assignment


def assignments_expire(*, now: dt.datetime | None = None) -> int:
    """Periodic: open assignments past their date end quietly (no penalty)."""
    now = now or timezone.now()
    return Assignment.objects.filter(state__in=TRANSITIONS["expire"], due_at__lte=now).update(
        state=S.EXPIRED
    )


def points_award(*, user: User, points: int, reason: str, key: str) -> PointsEntry | None:
    """Append to the ledger once per key; a retried review awards nothing twice."""
    try:
        with transaction.atomic():
            return PointsEntry.objects.create(user=user, points=points, reason=reason, key=key)
    except IntegrityError:
        return None


def points_total(user: User) -> int:
    return PointsEntry.objects.filter(user=user).aggregate(total=Sum("points"))["total"] or 0


@dataclass
class Requirement:
    label: str
    done: bool


def promotion_requirements(ambassador: Ambassador) -> list[Requirement]:
    """What it takes to leave the person's stage, each with whether it is met."""
    rule = GrowthRule.objects.filter(from_stage=ambassador.stage).first()
    if rule is None:
        return []
    approved = Assignment.objects.filter(
        user=ambassador.user, state=S.APPROVED, mission__stage=ambassador.stage
    ).count()
    needed = [
        Requirement(
            label=gettext("%(done)s of %(needed)s missions of this stage approved")
            % {"done": min(approved, rule.approved_missions), "needed": rule.approved_missions},
            done=approved >= rule.approved_missions,
        )
    ]
    if rule.require_courses:
        needed.append(
            Requirement(
                label=gettext("required courses of this stage completed"),
                done=has_completed_required_courses(ambassador, ambassador.stage),
            )
        )
    if rule.require_guidelines:
        needed.append(
            Requirement(
                label=gettext("current guidelines acknowledged"),
                done=has_acknowledged_current_guidelines(ambassador.user),
            )
        )
    return needed


def promotion_check(*, ambassador: Ambassador) -> PromotionInvitation | None:
    """Invite the person to move up when every requirement is met; once per stage."""
    if ambassador.stage >= Stage.PRODUCTION:
        return None
    requirements = promotion_requirements(ambassador)
    if not requirements or not all(item.done for item in requirements):
        return None
    invitation, created = PromotionInvitation.objects.get_or_create(
        user=ambassador.user, to_stage=ambassador.stage + 1
    )
    if created:
        with translation.override(ambassador.language):
            notify(
                recipient=ambassador.user,
                kind="promotion_invitation",
                key=f"promotion:{ambassador.user_id}:{ambassador.stage + 1}",
                subject=gettext("You can move on to %(stage)s, if you like")
                % {"stage": Stage(ambassador.stage + 1).label},
                body=gettext("You did everything it takes. Moving up is your choice."),
                link="/path/",
            )
    return invitation


@transaction.atomic
def promotion_answer(*, user: User, accept: bool) -> Ambassador:
    """Accept the invitation (move up) or stay; both are fine."""
    ambassador = Ambassador.objects.select_for_update().get(user=user)
    invitation = (
        PromotionInvitation.objects.select_for_update()
        .filter(user=user, to_stage=ambassador.stage + 1, answered_at__isnull=True)
        .first()
    )
    if invitation is None:
        raise MissionError(ERROR_NO_INVITATION)
    invitation.answered_at = timezone.now()
    invitation.accepted = accept
    invitation.save(update_fields=["answered_at", "accepted"])
    if accept:
        StageChange.objects.create(
            user=user,
            from_stage=ambassador.stage,
            to_stage=invitation.to_stage,
            kind=StageChange.Kind.PROMOTION,
            changed_by=user,
        )
        ambassador.stage = invitation.to_stage
        ambassador.save(update_fields=["stage"])
    return ambassador


@transaction.atomic
def stage_set(
    *, ambassador: Ambassador, to_stage: int, reason: str, changed_by: User
) -> Ambassador:
    """Comms staff move someone up or back by hand, with the reason kept."""
    if not reason.strip():
        raise MissionError(ERROR_REASON)
    ambassador = Ambassador.objects.select_for_update().get(pk=ambassador.pk)
    if to_stage not in Stage.values or to_stage == ambassador.stage:
        raise MissionError(ERROR_WRONG_STAGE)
    StageChange.objects.create(
        user=ambassador.user,
        from_stage=ambassador.stage,
        to_stage=to_stage,
        kind=StageChange.Kind.MANUAL,
        reason=reason.strip()[:300],
        changed_by=changed_by,
    )
    ambassador.stage = to_stage
    ambassador.save(update_fields=["stage"])
    return ambassador
