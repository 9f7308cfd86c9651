"""Reads of peer review with a rubric: the list colleagues choose from, what the author
sees, the reviewers' agreement per submission, and the mentors' calibration overview.

Each runs a fixed number of queries whatever the number of reviews.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from statistics import mean

from django.contrib.auth.models import User
from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambassadors.models import FEWER_THAN_FIVE, MINIMUM_GROUP, Ambassador, Stage

from .models import Assignment, RubricCriterion, RubricReview, RubricScore, Submission
from .services.rubrics import PEER_REVIEW_STATES, PEERS_PER_SUBMISSION, PEERS_SHOWN_FROM

Role = RubricReview.Role
QUEUE_SIZE = 20
# Colleagues review recent work: older posts have had their moment.
PEER_REVIEW_WINDOW = dt.timedelta(days=30)
CALIBRATION_WINDOW = dt.timedelta(days=90)


def _latest_submission():
    return Subquery(
        Submission.objects.filter(assignment=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )


def peer_reviewable(*, user: User, now: dt.datetime | None = None) -> QuerySet[Assignment]:
    """Colleagues' recent production work with a rubric that `user` may open to review:
    handed in or approved, by someone taking part, never their own. The caller checks
    that `user` may peer review at all (`services.peer_reviewer_ok`)."""
    now = now or timezone.now()
    peers = (
        RubricReview.objects.filter(submission_id=OuterRef("latest_submission"), role=Role.PEER)
        .order_by()
        .values("submission_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Assignment.objects.filter(
            state__in=PEER_REVIEW_STATES,
            mission__stage=Stage.PRODUCTION,
            mission__rubric__isnull=False,
            submitted_at__gt=now - PEER_REVIEW_WINDOW,
            user__ambassador__status=Ambassador.Status.ACTIVE,
        )
        .exclude(user=user)
        .annotate(
            latest_submission=_latest_submission(),
            peer_reviews=Coalesce(Subquery(peers, output_field=IntegerField()), 0),
            reviewed_by_me=Exists(
                RubricReview.objects.filter(
                    submission_id=OuterRef("latest_submission"), reviewer=user
                )
            ),
        )
        .filter(latest_submission__isnull=False)
        .select_related("mission", "mission__rubric")
    )


def peer_review_queue(*, user: User, now: dt.datetime | None = None) -> list[Assignment]:
    """What the person may review now, least-reviewed and oldest first, so every
    colleague's work gets its reviews: never reviewed by them, under the cap of peers."""
    return list(
        peer_reviewable(user=user, now=now)
        .filter(reviewed_by_me=False, peer_reviews__lt=PEERS_PER_SUBMISSION)
        .order_by("peer_reviews", "submitted_at", "pk")[:QUEUE_SIZE]
    )


def criteria_of(mission) -> list[RubricCriterion]:
    return list(RubricCriterion.objects.filter(rubric_id=mission.rubric_id).order_by("sort_order"))


@dataclass
class CriterionScores:
    criterion: RubricCriterion
    # (who, level): "Mentor" or "A colleague" as the author sees it.
    entries: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class RubricFeedback:
    criteria: list[CriterionScores]
    comments: list[tuple[str, str]]
    mentor_in: bool
    peers: int
    peers_shown: bool

    @property
    def visible(self) -> bool:
        return self.mentor_in or self.peers_shown

    @property
    def peers_waiting(self) -> int:
        """Colleagues' reviews in but not shown yet (too few to keep them anonymous)."""
        return 0 if self.peers_shown else self.peers


def _reviews(submission: Submission) -> list[RubricReview]:
    return list(
        RubricReview.objects.filter(submission=submission)
        .prefetch_related("scores")
        .order_by("role", "submitted_at", "pk")
    )


def rubric_feedback(*, assignment: Assignment) -> RubricFeedback | None:
    """What the author sees of the reviews of their latest submission, together per
    criterion: the mentor's marked as the mentor's, colleagues' as "a colleague" and only
    from PEERS_SHOWN_FROM of them on. None when the mission has no rubric or nothing was
    handed in."""
    if assignment.mission.rubric_id is None:
        return None
    submission = assignment.submissions.order_by("-created_at", "-pk").first()
    if submission is None:
        return None
    criteria = criteria_of(assignment.mission)
    reviews = _reviews(submission)
    peers = sum(1 for review in reviews if review.role == Role.PEER)
    peers_shown = peers >= PEERS_SHOWN_FROM
    shown = [r for r in reviews if r.role == Role.MENTOR or peers_shown]
    rows = {criterion.pk: CriterionScores(criterion) for criterion in criteria}
    comments = []
    for review in shown:
        who = _("Mentor") if review.role == Role.MENTOR else _("A colleague")
        for score in review.scores.all():
            if score.criterion_id in rows:
                rows[score.criterion_id].entries.append((who, score.level))
        if review.comment:
            comments.append((who, review.comment))
    for row in rows.values():
        # Colleagues' scores by level, not by when they came in: no order to guess from.
        row.entries.sort(key=lambda entry: (str(entry[0]) != str(_("Mentor")), entry[1]))
    return RubricFeedback(
        criteria=list(rows.values()),
        comments=comments,
        mentor_in=any(review.role == Role.MENTOR for review in reviews),
        peers=peers,
        peers_shown=peers_shown,
    )


@dataclass
class Agreement:
    criterion: RubricCriterion
    mentor: float | None
    peers: list[int]
    spread: int | None  # highest minus lowest level
    within_one: float | None  # share of reviewer pairs at most one level apart
    from_mentor: float | None  # colleagues' mean absolute difference from the mentor


def _within_one(levels: list[int]) -> float | None:
    pairs = list(combinations(levels, 2))
    if not pairs:
        return None
    return sum(1 for a, b in pairs if abs(a - b) <= 1) / len(pairs)


def rubric_agreement(*, submission: Submission | None, mission) -> list[Agreement]:
    """How far the reviewers of a submission agree, per criterion (for mentors)."""
    if submission is None or mission.rubric_id is None:
        return []
    criteria = criteria_of(mission)
    mentor_levels, peer_levels = defaultdict(list), defaultdict(list)
    for review in _reviews(submission):
        target = mentor_levels if review.role == Role.MENTOR else peer_levels
        for score in review.scores.all():
            target[score.criterion_id].append(score.level)
    rows = []
    for criterion in criteria:
        mentors, peers = mentor_levels[criterion.pk], sorted(peer_levels[criterion.pk])
        everyone = mentors + peers
        mentor = mean(mentors) if mentors else None
        rows.append(
            Agreement(
                criterion=criterion,
                mentor=mentor,
                peers=peers,
                spread=max(everyone) - min(everyone) if everyone else None,
                within_one=_within_one(everyone),
                from_mentor=mean(abs(level - mentor) for level in peers)
                if mentor is not None and peers
                else None,
            )
        )
    return rows


@dataclass
class CalibrationRow:
    criterion: RubricCriterion
    reviews: int | str  # colleagues' scores compared with a mentor's
    people: int | str  # distinct colleagues behind them
    from_mentor: float | None = None
    within_one: float | None = None


def calibration(*, now: dt.datetime | None = None) -> list[CalibrationRow]:
    """Per criterion over the last 90 days: how far colleagues' scores sit from the mentor's
    on the same submission. A figure needs five colleagues and five scores behind it (the
    rule of five); below that (but not zero) it reads "fewer than 5"."""
    since = (now or timezone.now()) - CALIBRATION_WINDOW
    recent = RubricReview.objects.filter(role=Role.PEER, submitted_at__gte=since).values(
        "submission_id"
    )
    scores = RubricScore.objects.filter(review__submission_id__in=recent).values_list(
        "review__submission_id",
        "criterion_id",
        "review__role",
        "review__reviewer_id",
        "review__submitted_at",
        "level",
    )
    mentors: dict[tuple[int, int], list[int]] = defaultdict(list)
    peers = []
    for submission_id, criterion_id, role, reviewer_id, at, level in scores:
        if role == Role.MENTOR:
            mentors[(submission_id, criterion_id)].append(level)
        elif at >= since:
            peers.append((submission_id, criterion_id, reviewer_id, level))
    differences, people = defaultdict(list), defaultdict(set)
    for submission_id, criterion_id, reviewer_id, level in peers:
        levels = mentors.get((submission_id, criterion_id))
        if levels:
            differences[criterion_id].append(abs(level - mean(levels)))
            people[criterion_id].add(reviewer_id)
    criteria = RubricCriterion.objects.filter(pk__in=list(differences)).select_related("rubric")
    rows = []
    for criterion in sorted(criteria, key=lambda c: (c.rubric.name, c.rubric_id, c.sort_order)):
        found, who = differences[criterion.pk], len(people[criterion.pk])
        enough = len(found) >= MINIMUM_GROUP and who >= MINIMUM_GROUP
        rows.append(
            CalibrationRow(
                criterion=criterion,
                reviews=len(found) if len(found) >= MINIMUM_GROUP else FEWER_THAN_FIVE,
                people=who if who >= MINIMUM_GROUP else FEWER_THAN_FIVE,
                from_mentor=mean(found) if enough else None,
                within_one=sum(1 for d in found if d <= 1) / len(found) if enough else None,
            )
        )
    return rows


def peer_reviews_this_week(*, user: User) -> int:
    """The colleagues' work `user` reviewed in the last seven days (the weekly cap)."""
    return RubricReview.objects.filter(
        reviewer=user, role=Role.PEER, submitted_at__gt=timezone.now() - dt.timedelta(days=7)
    ).count()
