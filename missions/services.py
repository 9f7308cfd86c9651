"""The growth-path engine: assignment transitions, evidence, points and promotion.

Every transition is one function, in a transaction, on a locked row; an impossible
transition raises MissionError with a message the person can read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from ambassadors.gates import first_unmet_gate
from ambassadors.models import MINIMUM_GROUP, Ambassador, Stage
from ambassadors.quiet import awake_moment
from ambassadors.services import (
    LEFT_OUT_AFTER_END,
    TIME_TO_ACT,
    Nudge,
    lazy_text,
    notify,
    nudge_plan_many,
    programme_quiet_hours,
)
from core.audit import record
from core.images import ImageRejected, image_clean
from core.outbound import public_url
from core.queue import in_batches
from core.sanitise import clean_text
from courses.selectors import has_completed_required_courses
from guidelines.selectors import has_acknowledged_current_guidelines

from .drafts import draft_text
from .models import (
    Assignment,
    Campaign,
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
ERROR_REQUIREMENTS_LAPSED = _(
    "Not everything it takes to move up is met any more: %(missing)s. "
    "Your invitation stays open until it is."
)
ERROR_REASON = _("Give the reason for this change of stage.")
ERROR_EMPTY_SEGMENT = _("Nobody taking part matches this campaign; nothing was offered.")
SUBJECT_APPROVED = _("Approved: %(mission)s")
SUBJECT_CHANGES = _("Please change: %(mission)s")
SUBJECT_REJECTED = _("Not approved: %(mission)s")

# Time a person always has to make the changes a reviewer asked for.
CHANGES_AT_LEAST = dt.timedelta(days=2)

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
# Links shown to people: the one strict reading of an address (core.outbound).
http_url = public_url

# Points for each completed course, and the totals that earn a badge.
COURSE_POINTS = 20
MILESTONES = (50, 100, 250, 500, 1000)
REMINDER_BEFORE = dt.timedelta(days=2)
INACTIVE_AFTER = dt.timedelta(days=30)


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
    text = clean_text(text, max_length=5000).strip()
    if mission.needs_text and not text:
        raise MissionError(ERROR_TEXT)
    return link, cleaned, text


def assignment_submit(
    *,
    user: User,
    assignment: Assignment,
    link: str = "",
    screenshot=None,
    text: str = "",
    draft_ref: str = "",
) -> Submission:
    """Hand in evidence; checked before anything is written, kept with every resubmission.

    `draft_ref` names a mentor desk draft the text started from (kept only if it is one
    the person may use).
    """
    mission = Mission.objects.get(pk=assignment.mission_id)
    link, cleaned, text = _evidence(mission, link, screenshot, text)
    if draft_ref and draft_text(user, draft_ref) is None:
        draft_ref = ""
    with transaction.atomic():
        assignment = _locked(assignment, "submit")
        if assignment.user_id != user.pk:
            raise MissionError(ERROR_NOT_YOURS)
        if assignment.due_at and assignment.due_at <= timezone.now():
            raise MissionError(ERROR_EXPIRED)
        submission = Submission(
            assignment=assignment, link=link, text=text, draft_ref=draft_ref[:60]
        )
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
        link=f"/missions/{assignment.pk}/",
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
            entry = PointsEntry.objects.create(user=user, points=points, reason=reason, key=key)
    except IntegrityError:
        return None
    total = points_total(user)
    for milestone in MILESTONES:
        if total - points < milestone <= total:
            _milestone_tell(user, milestone)
    return entry


def _milestone_tell(user: User, milestone: int) -> None:
    notify(
        recipient=user,
        kind="points_milestone",
        key=f"milestone:{user.pk}:{milestone}",
        subject=lazy_text(_("New badge: %(points)s points"), points=milestone),
        body=_("Thank you for everything you did for the programme."),
        link="/missions/",
        email=False,
    )


def badges_earned(total: int) -> list[int]:
    """The milestones a points total has reached."""
    return [milestone for milestone in MILESTONES if total >= milestone]


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
        notify(
            recipient=ambassador.user,
            kind="promotion_invitation",
            key=f"promotion:{ambassador.user_id}:{ambassador.stage + 1}",
            subject=lazy_text(
                _("You can move on to %(stage)s, if you like"),
                stage=Stage(ambassador.stage + 1).label,
            ),
            body=_("You did everything it takes. Moving up is your choice."),
            link="/path/",
        )
    return invitation


@transaction.atomic
def promotion_answer(*, user: User, accept: bool) -> Ambassador:
    """Accept the invitation (move up, if every requirement still holds) or stay for now.

    Staying keeps the invitation open: the person can accept it later from their path.
    """
    ambassador = Ambassador.objects.select_for_update().get(user=user)
    invitation = (
        PromotionInvitation.objects.open()
        .select_for_update()
        .filter(user=user, to_stage=ambassador.stage + 1)
        .first()
    )
    if invitation is None:
        raise MissionError(ERROR_NO_INVITATION)
    if accept:
        # A requirement may have lapsed since the invitation (a new guideline version).
        with translation.override(ambassador.language):
            missing = [item.label for item in promotion_requirements(ambassador) if not item.done]
            if missing:
                raise MissionError(ERROR_REQUIREMENTS_LAPSED % {"missing": "; ".join(missing)})
    invitation.answered_at = timezone.now()
    invitation.accepted = accept
    invitation.save(update_fields=["answered_at", "accepted"])
    if accept:
        _stage_change(
            ambassador,
            user,
            to_stage=invitation.to_stage,
            kind=StageChange.Kind.PROMOTION,
            changed_by=user,
        )
    return ambassador


def _stage_change(ambassador: Ambassador, user: User, *, to_stage: int, changed_by: User, **fields):
    """Move the (locked) ambassador to `to_stage`, kept as a StageChange and in the trail."""
    change = StageChange.objects.create(
        user=user, from_stage=ambassador.stage, to_stage=to_stage, changed_by=changed_by, **fields
    )
    ambassador.stage = to_stage
    ambassador.save(update_fields=["stage"])
    record(
        ambassador,
        "academy.stage_change",
        user=changed_by,
        title=user.get_full_name() or user.get_username(),
        person=user,
        from_stage=change.from_stage,
        to_stage=change.to_stage,
        kind=change.kind,
    )
    return change


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
    _stage_change(
        ambassador,
        ambassador.user,
        to_stage=to_stage,
        kind=StageChange.Kind.MANUAL,
        reason=reason.strip()[:300],
        changed_by=changed_by,
    )
    notify(
        recipient=ambassador.user,
        kind="stage_changed",
        key=f"stage:{ambassador.user_id}:{timezone.now():%s%f}",
        subject=lazy_text(_("Your stage is now %(stage)s"), stage=Stage(to_stage).label),
        body=reason.strip()[:300],
        link="/path/",
    )
    return ambassador


# --- campaigns ------------------------------------------------------------------------------


def campaign_segment(campaign: Campaign) -> QuerySet[Ambassador]:
    """Participants the campaign is for: its segment, in a stage one of its missions fits."""
    stages = set(campaign.missions.values_list("stage", flat=True))
    if campaign.stage:
        stages &= {campaign.stage}
    people = Ambassador.objects.participating().filter(stage__in=stages)
    if campaign.department_id:
        people = people.filter(department_id=campaign.department_id)
    if campaign.language:
        people = people.filter(language=campaign.language)
    topic_ids = list(campaign.topics.values_list("pk", flat=True))
    if topic_ids:
        people = people.filter(topics__in=topic_ids).distinct()
    return people.select_related("user")


def campaign_plan(*, campaign: Campaign) -> Campaign:
    """Offer the campaign's missions, one nudge per person spread over the window.

    Each person's offer counts against the same attention budget as sharing's pushes; a
    person whose budget is full is left out, not squeezed in. Idempotent: running it again
    keeps every existing offer and slot.
    """
    now = timezone.now()
    missions = [m for m in campaign.missions.all() if mission_is_active(m, now)]
    people = list(campaign_segment(campaign).order_by("pk"))
    if not people or not missions:
        raise MissionError(ERROR_EMPTY_SEGMENT)
    segment = campaign_segment(campaign).values("user_id")
    taken = set(
        Assignment.objects.filter(user_id__in=segment, mission__in=missions).values_list(
            "user_id", "mission_id"
        )
    )
    already = set(
        Assignment.objects.filter(campaign=campaign, user_id__in=segment).values_list(
            "user_id", flat=True
        )
    )
    start = max(campaign.starts_at, now)
    end = start + dt.timedelta(hours=campaign.window_hours)
    default_quiet = programme_quiet_hours()
    offered = 0
    nudges, offers = [], {}
    for position, ambassador in enumerate(people):
        theirs = [
            mission
            for mission in missions
            if mission.stage == ambassador.stage and (ambassador.user_id, mission.pk) not in taken
        ]
        if not theirs:
            offered += ambassador.user_id in already
            continue
        key = f"campaign:{campaign.pk}:{ambassador.user_id}"
        offers[key] = (ambassador, theirs)
        subject = ngettext_lazy(
            "A mission for you: %(title)s",
            "%(count)s missions for you, starting with: %(title)s",
            len(theirs),
        )
        # Every mission offered must still be open, with time to act, when the offer shows:
        # the offers are spread up to that moment when it comes before the window's end.
        ends = [mission.active_until for mission in theirs if mission.active_until]
        latest = min(ends) - TIME_TO_ACT if ends else None
        spread_end = latest if latest is not None and start < latest < end else end
        nudges.append(
            Nudge(
                ambassador_id=ambassador.pk,
                kind="mission_offer",
                key=key,
                subject=lazy_text(subject, count=len(theirs), title=theirs[0]),
                body=_("Taking it on is up to you; saying no is fine too."),
                link="/missions/",
                earliest=awake_moment(
                    start=start,
                    end=spread_end,
                    fraction=position / len(people),
                    hours=ambassador.quiet_hours(default_quiet),
                ),
                latest=latest,
            )
        )
    left_out: dict[str, str] = {}
    outcome = nudge_plan_many(nudges, left_out=left_out)
    skipped = sum(notification is None for notification in outcome.values())
    Assignment.objects.bulk_create(
        [
            Assignment(
                mission=mission,
                user_id=ambassador.user_id,
                campaign=campaign,
                offered_at=notification.visible_from,
                due_at=notification.visible_from + dt.timedelta(days=mission.days_to_complete),
            )
            for key, (ambassador, theirs) in offers.items()
            if (notification := outcome[key]) is not None
            for mission in theirs
        ],
        ignore_conflicts=True,
        batch_size=500,
    )
    offered += len(nudges) - skipped
    Campaign.objects.filter(pk=campaign.pk).update(
        planned_at=now,
        segment_size=len(people),
        offered=offered,
        skipped=skipped,
        skipped_after_end=sum(reason == LEFT_OUT_AFTER_END for reason in left_out.values()),
    )
    campaign.refresh_from_db()
    return campaign


def campaigns_due(now: dt.datetime | None = None) -> list[int]:
    """Campaigns whose start has come and that were not planned yet."""
    now = now or timezone.now()
    return list(
        Campaign.objects.filter(starts_at__lte=now, planned_at__isnull=True).values_list(
            "pk", flat=True
        )
    )


# --- gentle reminders -----------------------------------------------------------------------


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """One reminder per accepted mission, shortly before it ends, within the budget."""
    now = now or timezone.now()
    due_soon = Assignment.objects.filter(
        state__in=[S.ACCEPTED, S.CHANGES_REQUESTED],
        due_at__gt=now,
        due_at__lte=now + REMINDER_BEFORE,
    ).select_related("mission", "user__ambassador")
    nudges = []
    for assignment in in_batches(due_soon):
        ambassador = assignment.user.ambassador
        nudges.append(
            Nudge(
                ambassador_id=ambassador.pk,
                kind="mission_reminder",
                key=f"mission-reminder:{assignment.pk}",
                subject=lazy_text(_("Your mission ends soon: %(title)s"), title=assignment.mission),
                body=_(
                    "Still want to do it? Hand in your evidence before the date. "
                    "Letting it go is fine too."
                ),
                link=f"/missions/{assignment.pk}/",
                earliest=now,
                latest=assignment.due_at - dt.timedelta(hours=2),
            )
        )
    return sum(note is not None for note in nudge_plan_many(nudges).values())


def inactive_ambassadors(now: dt.datetime | None = None) -> QuerySet[Ambassador]:
    """Taking part, asked for e-mail, no sign of life in 30 days, not told so this month."""
    now = now or timezone.now()
    since = now - INACTIVE_AFTER
    return (
        Ambassador.objects.participating()
        .filter(email_notifications=True, consented_at__lt=since)
        .filter(Q(user__last_login__lt=since) | Q(user__last_login__isnull=True))
        .exclude(user__assignments__submitted_at__gte=since)
        .exclude(user__notifications__kind="miss_you", user__notifications__created_at__gte=since)
        .distinct()
    )


def miss_you_send(*, now: dt.datetime | None = None) -> int:
    """At most one friendly "we miss you" per month, within the attention budget."""
    now = now or timezone.now()
    nudges = []
    for ambassador in in_batches(inactive_ambassadors(now).select_related("user")):
        nudges.append(
            Nudge(
                ambassador_id=ambassador.pk,
                kind="miss_you",
                key=f"miss-you:{ambassador.user_id}:{now:%Y-%m}",
                subject=_("We miss you at Ambassador Academy"),
                body=_(
                    "There are new missions and things to share whenever you feel like "
                    "it. No pressure: you can also pause or lower how often we write."
                ),
                link="/",
                earliest=now,
            )
        )
    return sum(note is not None for note in nudge_plan_many(nudges).values())


# --- the leaderboard ------------------------------------------------------------------------


@dataclass
class LeaderboardRow:
    rank: int
    name: str
    department: str
    points: int
    is_me: bool


def _participants_per_department(department_ids: set[int | None]) -> dict[int | None, int]:
    """How many people take part in each of these departments (None: without one)."""
    if not department_ids:
        return {}
    wanted = Q(department_id__in=[pk for pk in department_ids if pk is not None])
    if None in department_ids:
        wanted |= Q(department__isnull=True)
    counts = (
        Ambassador.objects.participating()
        .filter(wanted)
        .values("department_id")
        .annotate(people=Count("pk"))
        .order_by()
    )
    return {row["department_id"]: row["people"] for row in counts}


def leaderboard(*, ambassador: Ambassador, scope: str, limit: int = 20) -> list[LeaderboardRow]:
    """Only people who opted in appear; those who asked for it without their name.

    The rule of five holds for what identifies an anonymous entry: its department is shown
    only when at least five people take part in it, and a department's own list (where the
    department goes without saying) leaves other people's anonymous entries out when fewer
    than five take part there.
    """
    totals = (
        PointsEntry.objects.filter(user=OuterRef("user"))
        .values("user")
        .annotate(total=Sum("points"))
        .values("total")
    )
    people = Ambassador.objects.participating().filter(leaderboard_visible=True)
    if scope == "team":
        people = people.filter(department_id=ambassador.department_id)
        sizes = _participants_per_department({ambassador.department_id})
        if sizes.get(ambassador.department_id, 0) < MINIMUM_GROUP:
            people = people.exclude(Q(leaderboard_anonymous=True) & ~Q(pk=ambassador.pk))
    people = list(
        people.select_related("user", "department")
        .annotate(points=Coalesce(Subquery(totals, output_field=IntegerField()), 0))
        .order_by("-points", "pk")[:limit]
    )
    if scope != "team":
        sizes = _participants_per_department(
            {person.department_id for person in people if person.leaderboard_anonymous}
        )
    rows = []
    for rank, person in enumerate(people, start=1):
        anonymous = person.leaderboard_anonymous
        name = (
            gettext("An ambassador")
            if anonymous
            else (person.user.get_full_name() or person.user.username)
        )
        department = str(person.department or "")
        if anonymous and sizes.get(person.department_id, 0) < MINIMUM_GROUP:
            department = ""
        rows.append(
            LeaderboardRow(
                rank=rank,
                name=name,
                department=department,
                points=person.points,
                is_me=person.pk == ambassador.pk,
            )
        )
    return rows
