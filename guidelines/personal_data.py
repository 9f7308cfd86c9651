"""What guidelines keep about a person, for the personal data export."""

from ambassadors.personal_data import register_section, rows

from .models import Acknowledgement


@register_section("guidelines")
def guidelines_data(user) -> list[dict]:
    return rows(Acknowledgement.objects.filter(user=user), exclude=["user"])
