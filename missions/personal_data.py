"""What missions keep about a person, for the personal data export."""

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
