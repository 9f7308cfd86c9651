"""What missions keep about a person, for the personal data export."""

from ambassadors.erasure import delete_files_on_commit, register_eraser
from ambassadors.personal_data import register_section, rows

from .models import (
    Assignment,
    PeerReviewOptIn,
    PointsEntry,
    PromotionInvitation,
    RubricReview,
    StageChange,
    Submission,
)


@register_section("missions")
def missions_data(user) -> list[dict]:
    return [
        {
            "assignments": rows(Assignment.objects.filter(user=user), exclude=["user"]),
            "submissions": rows(Submission.objects.filter(assignment__user=user)),
            "points": rows(PointsEntry.objects.filter(user=user), exclude=["user"]),
            "stage_changes": rows(StageChange.objects.filter(user=user), exclude=["user"]),
            "invitations": rows(PromotionInvitation.objects.filter(user=user), exclude=["user"]),
            "peer_review_opt_in": rows(PeerReviewOptIn.objects.filter(user=user), exclude=["user"]),
            "rubric_reviews_given": rows(
                RubricReview.objects.filter(reviewer=user), exclude=["reviewer"]
            ),
        }
    ]


@register_eraser("missions")
def erase_missions(user) -> None:
    """Evidence (links, texts, screenshots) and what reviewers wrote about the person go;
    assignments, points and stage changes stay as anonymous facts for the figures."""
    submissions = Submission.objects.filter(assignment__user=user)
    delete_files_on_commit([submission.screenshot for submission in submissions])
    submissions.update(link="", text="", screenshot="", draft_ref="")
    Assignment.objects.filter(user=user).update(feedback="")
    # Comments on the person's work, and the words they wrote about colleagues' work.
    RubricReview.objects.filter(submission__assignment__user=user).update(comment="")
    RubricReview.objects.filter(reviewer=user).update(comment="")
    PeerReviewOptIn.objects.filter(user=user).delete()
    StageChange.objects.filter(user=user).update(reason="")
