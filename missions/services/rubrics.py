"""Peer review of production work with a rubric: opting in, and one review with its scores.

Who may review: mentors and comms staff (the role "mentor", with their decision on the
review page) and colleagues in the production stage who opted in (the role "peer"). Nobody
reviews their own work or the same submission twice. Peers choose from a list themselves
(rubric_selectors.peer_review_queue), least-reviewed work first: nothing is handed out to
go stale or to nag about, which suits a voluntary programme; two caps keep it fair, at
most PEERS_PER_SUBMISSION colleagues per submission and PEER_REVIEWS_PER_WEEK reviews per
person per week.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Ambassador, Stage
from ambassadors.services import lazy_text, notify
from core.sanitise import clean_text

from ..models import (
    RUBRIC_COMMENT_MAX_LENGTH,
    Assignment,
    Mission,
    PeerReviewOptIn,
    RubricCriterion,
    RubricReview,
    RubricScore,
    Submission,
)
from .assignments import REVIEW_DECISIONS, is_reviewer
from .errors import (
    ERROR_ALREADY_REVIEWED,
    ERROR_ENOUGH_PEERS,
    ERROR_LEVEL_RANGE,
    ERROR_NO_RUBRIC,
    ERROR_NOT_REVIEWER,
    ERROR_NOTHING_TO_REVIEW,
    ERROR_OPT_IN_STAGE,
    ERROR_OWN_REVIEW,
    ERROR_PEER_LIMIT,
    ERROR_PEER_NOT_ALLOWED,
    ERROR_SCORE_MISSING,
    ERROR_UNKNOWN_CRITERION,
    MissionError,
)

S = Assignment.State
Role = RubricReview.Role
# Work colleagues may review: handed in and waiting, or approved (the post is public).
PEER_REVIEW_STATES = (S.SUBMITTED, S.APPROVED)
PEERS_PER_SUBMISSION = 3
PEER_REVIEWS_PER_WEEK = 5
# The author sees colleagues' scores once this many are in: one alone could be guessed.
PEERS_SHOWN_FROM = 2
RUBRIC_FEEDBACK_KIND = "rubric_feedback"
SUBJECT_PEER_FEEDBACK = _("Colleagues reviewed your work: %(mission)s")


def score_field(criterion: RubricCriterion) -> str:
    """The form field (and error field) of a criterion's level."""
    return f"criterion_{criterion.pk}"


def peer_reviewer_ok(user: User) -> bool:
    """Taking part, in the production stage, and opted in to review colleagues' work."""
    return (
        Ambassador.objects.filter(
            user=user, status=Ambassador.Status.ACTIVE, stage=Stage.PRODUCTION
        ).exists()
        and PeerReviewOptIn.objects.filter(user=user).exists()
    )


@transaction.atomic
def peer_review_opt_in(*, user: User, opt_in: bool) -> bool:
    """Say yes (production stage, taking part) or no to reviewing colleagues' work."""
    if not opt_in:
        PeerReviewOptIn.objects.filter(user=user).delete()
        return False
    if not Ambassador.objects.filter(
        user=user, status=Ambassador.Status.ACTIVE, stage=Stage.PRODUCTION
    ).exists():
        raise MissionError(ERROR_OPT_IN_STAGE)
    PeerReviewOptIn.objects.get_or_create(user=user)
    return True


def _levels(criteria: list[RubricCriterion], scores: Mapping[int, int]) -> dict[int, int]:
    """The level per criterion id, each in its criterion's range, none missing or extra."""
    known = {criterion.pk for criterion in criteria}
    if set(scores) - known:
        raise MissionError(ERROR_UNKNOWN_CRITERION)
    levels = {}
    for criterion in criteria:
        level = scores.get(criterion.pk)
        if level is None or level == "":
            raise MissionError(
                ERROR_SCORE_MISSING % {"criterion": criterion.name}, field=score_field(criterion)
            )
        try:
            level = int(level)
        except (TypeError, ValueError):
            level = 0
        if not 1 <= level <= criterion.levels:
            raise MissionError(
                ERROR_LEVEL_RANGE % {"criterion": criterion.name, "levels": criterion.levels},
                field=score_field(criterion),
            )
        levels[criterion.pk] = level
    return levels


def latest_submission(assignment: Assignment) -> Submission | None:
    return assignment.submissions.order_by("-created_at", "-pk").first()


def rubric_review_submit(
    *,
    reviewer: User,
    assignment: Assignment,
    scores: Mapping[int, int],
    comment: str = "",
) -> RubricReview:
    """One review of the latest submission: a level per criterion and a plain-text comment.

    Mentors and comms staff review as "mentor", colleagues who opted in as "peer"."""
    role = Role.MENTOR if is_reviewer(reviewer) else Role.PEER
    if assignment.user_id == reviewer.pk:
        raise MissionError(ERROR_OWN_REVIEW)
    if role == Role.PEER and not peer_reviewer_ok(reviewer):
        raise MissionError(ERROR_PEER_NOT_ALLOWED)
    mission = Mission.objects.select_related("rubric").get(pk=assignment.mission_id)
    criteria = list(mission.rubric.criteria.all()) if mission.rubric_id else []
    if not criteria:
        raise MissionError(ERROR_NO_RUBRIC)
    levels = _levels(criteria, scores)
    comment = clean_text(comment, max_length=RUBRIC_COMMENT_MAX_LENGTH).strip()
    now = timezone.now()
    with transaction.atomic():
        # The reviewer first: their weekly cap is counted below, and two tabs reviewing
        # different work lock different assignments, so only this lock makes them wait.
        if (
            role == Role.PEER
            and PeerReviewOptIn.objects.select_for_update().filter(user=reviewer).first() is None
        ):
            raise MissionError(ERROR_PEER_NOT_ALLOWED)
        locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
        submission = latest_submission(locked)
        if submission is None or (role == Role.PEER and locked.state not in PEER_REVIEW_STATES):
            raise MissionError(ERROR_NOTHING_TO_REVIEW)
        reviews = RubricReview.objects.filter(submission=submission)
        if reviews.filter(reviewer=reviewer).exists():
            raise MissionError(ERROR_ALREADY_REVIEWED)
        if role == Role.PEER:
            if reviews.filter(role=Role.PEER).count() >= PEERS_PER_SUBMISSION:
                raise MissionError(ERROR_ENOUGH_PEERS)
            this_week = RubricReview.objects.filter(
                reviewer=reviewer, role=Role.PEER, submitted_at__gt=now - dt.timedelta(days=7)
            )
            if this_week.count() >= PEER_REVIEWS_PER_WEEK:
                raise MissionError(ERROR_PEER_LIMIT % {"limit": PEER_REVIEWS_PER_WEEK})
        try:
            with transaction.atomic():
                review = RubricReview.objects.create(
                    submission=submission,
                    reviewer=reviewer,
                    role=role,
                    comment=comment,
                    submitted_at=now,
                )
        except IntegrityError as error:
            raise MissionError(ERROR_ALREADY_REVIEWED) from error
        RubricScore.objects.bulk_create(
            RubricScore(review=review, criterion_id=criterion_id, level=level)
            for criterion_id, level in levels.items()
        )
        # The mentor's scores come with their decision, which tells the author already;
        # colleagues' once there are enough of them to show.
        if role == Role.PEER and reviews.filter(role=Role.PEER).count() == PEERS_SHOWN_FROM:
            notify(
                recipient=locked.user,
                kind=RUBRIC_FEEDBACK_KIND,
                key=f"rubric:{submission.pk}:peers",
                subject=lazy_text(SUBJECT_PEER_FEEDBACK, mission=mission),
                link=reverse("missions:assignment", args=[locked.pk]),
            )
    return review


def rubric_needed(*, assignment: Assignment, reviewer: User) -> list[RubricCriterion]:
    """The criteria a reviewer still scores with their decision (none: no rubric part)."""
    mission = assignment.mission
    if mission.rubric_id is None:
        return []
    submission = latest_submission(assignment)
    if submission is None or submission.rubric_reviews.filter(reviewer=reviewer).exists():
        return []
    return list(mission.rubric.criteria.all())


def assignment_review(
    *,
    assignment: Assignment,
    reviewer: User,
    action: str,
    feedback: str = "",
    scores: Mapping[int, int] | None = None,
) -> Assignment:
    """A reviewer's decision, with their rubric scores where the mission has a rubric.

    Scores are required to approve or ask for changes; rejecting (work that is off the
    mission) may leave them out. Both are kept, or neither."""
    if not is_reviewer(reviewer):
        raise MissionError(ERROR_NOT_REVIEWER)
    scores = {key: value for key, value in (scores or {}).items() if value not in (None, "")}
    with transaction.atomic():
        if rubric_needed(assignment=assignment, reviewer=reviewer) and (
            scores or action != "reject"
        ):
            rubric_review_submit(reviewer=reviewer, assignment=assignment, scores=scores)
        return REVIEW_DECISIONS[action](assignment=assignment, reviewer=reviewer, feedback=feedback)
