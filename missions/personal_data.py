"""What missions keep about a person, for the personal data export."""

from ambassadors.erasure import delete_files_on_commit, register_eraser
from ambassadors.personal_data import register_section, rows

from .models import Assignment, PointsEntry, PromotionInvitation, StageChange, Submission


@register_section("missions")
def missions_data(user) -> list[dict]:
    return [
        {
            "assignments": rows(Assignment.objects.filter(user=user), exclude=["user"]),
            "submissions": rows(Submission.objects.filter(assignment__user=user)),
            "points": rows(PointsEntry.objects.filter(user=user), exclude=["user"]),
            "stage_changes": rows(StageChange.objects.filter(user=user), exclude=["user"]),
            "invitations": rows(PromotionInvitation.objects.filter(user=user), exclude=["user"]),
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
    StageChange.objects.filter(user=user).update(reason="")
