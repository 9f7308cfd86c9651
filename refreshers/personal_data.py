"""What refreshers keep about a person, for the personal data export and erasure."""

from ambassadors.erasure import register_eraser
from ambassadors.personal_data import register_section, rows

from .models import RefresherAnswer, RefresherSettings, ReviewState


@register_section("refreshers")
def refreshers_data(user) -> list[dict]:
    return [
        {
            "answers": rows(RefresherAnswer.objects.filter(user=user), exclude=["user"]),
            "schedules": rows(ReviewState.objects.filter(user=user), exclude=["user"]),
            "settings": rows(RefresherSettings.objects.filter(user=user), exclude=["user"]),
        }
    ]


@register_eraser("refreshers")
def erase_refreshers(user) -> None:
    """The schedules and the reminder choice go; answers stay for the report's figures
    (right or wrong, on which section), without the options chosen."""
    ReviewState.objects.filter(user=user).delete()
    RefresherSettings.objects.filter(user=user).delete()
    RefresherAnswer.objects.filter(user=user).update(chosen=[])
