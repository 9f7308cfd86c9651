"""The growth-path engine: every write of the missions app, one submodule per subdomain.

- assignments: pick, accept, decline, hand in evidence, review, expire
- points: the ledger and its milestones
- promotion: the invitation to move up and the person's answer
- stages: changes of stage by hand
- campaigns: offering a campaign's missions within the attention budget
- reminders: before a mission ends, and "we miss you"
- rubrics: peer review of production work with a rubric (opt-in, reviews and scores)

Reads live in `missions.selectors`; the few re-exported below keep older callers working.
"""

from ..models import COURSE_POINTS, MILESTONES
from ..selectors import (
    LeaderboardRow,
    Requirement,
    badges_earned,
    campaign_segment,
    campaigns_due,
    inactive_ambassadors,
    leaderboard,
    points_total,
    promotion_requirements,
)
from .assignments import (
    CHANGES_AT_LEAST,
    REVIEW_DECISIONS,
    assignment_accept,
    assignment_approve,
    assignment_decline,
    assignment_reject,
    assignment_request_changes,
    assignment_submit,
    assignments_expire,
    http_url,
    is_reviewer,
    mission_pick,
)
from .campaigns import campaign_plan
from .errors import (
    ERROR_EMPTY_SEGMENT,
    ERROR_EXPIRED,
    ERROR_FEEDBACK,
    ERROR_LINK,
    ERROR_NO_INVITATION,
    ERROR_NOT_ACTIVE,
    ERROR_NOT_REVIEWER,
    ERROR_NOT_STAGE_CHANGER,
    ERROR_NOT_TAKING_PART,
    ERROR_NOT_YOURS,
    ERROR_OWN_REVIEW,
    ERROR_REASON,
    ERROR_REQUIREMENTS_LAPSED,
    ERROR_SAME_STAGE,
    ERROR_SCREENSHOT,
    ERROR_TEXT,
    ERROR_TRANSITION,
    ERROR_WRONG_STAGE,
    MissionError,
)
from .points import points_award
from .promotion import promotion_answer, promotion_check
from .reminders import REMINDER_BEFORE, miss_you_send, reminders_send
from .rubrics import (
    PEER_REVIEWS_PER_WEEK,
    PEERS_PER_SUBMISSION,
    PEERS_SHOWN_FROM,
    assignment_review,
    peer_review_opt_in,
    peer_reviewer_ok,
    rubric_needed,
    rubric_review_submit,
    score_field,
)
from .stages import STAGE_PERMISSION, stage_set

__all__ = [
    "PEER_REVIEWS_PER_WEEK",
    "PEERS_PER_SUBMISSION",
    "PEERS_SHOWN_FROM",
    "assignment_review",
    "peer_review_opt_in",
    "peer_reviewer_ok",
    "rubric_needed",
    "rubric_review_submit",
    "score_field",
    "CHANGES_AT_LEAST",
    "COURSE_POINTS",
    "ERROR_EMPTY_SEGMENT",
    "ERROR_EXPIRED",
    "ERROR_FEEDBACK",
    "ERROR_LINK",
    "ERROR_NOT_ACTIVE",
    "ERROR_NOT_REVIEWER",
    "ERROR_NOT_TAKING_PART",
    "ERROR_NOT_YOURS",
    "ERROR_NO_INVITATION",
    "ERROR_OWN_REVIEW",
    "ERROR_NOT_STAGE_CHANGER",
    "ERROR_SAME_STAGE",
    "ERROR_REASON",
    "ERROR_REQUIREMENTS_LAPSED",
    "ERROR_SCREENSHOT",
    "ERROR_TEXT",
    "ERROR_TRANSITION",
    "ERROR_WRONG_STAGE",
    "MILESTONES",
    "REMINDER_BEFORE",
    "REVIEW_DECISIONS",
    "LeaderboardRow",
    "MissionError",
    "Requirement",
    "assignment_accept",
    "assignment_approve",
    "assignment_decline",
    "assignment_reject",
    "assignment_request_changes",
    "assignment_submit",
    "assignments_expire",
    "badges_earned",
    "campaign_plan",
    "campaign_segment",
    "campaigns_due",
    "http_url",
    "inactive_ambassadors",
    "is_reviewer",
    "leaderboard",
    "miss_you_send",
    "mission_pick",
    "points_award",
    "points_total",
    "promotion_answer",
    "promotion_check",
    "promotion_requirements",
    "reminders_send",
    "stage_set",
    "STAGE_PERMISSION",
]
