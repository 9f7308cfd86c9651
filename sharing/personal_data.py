"""What the content library keeps about a person, for the personal data export."""

from django.db.models import Count

from ambassadors.personal_data import register_section, rows

from .models import ContentItem, Dismissal, Share


@register_section("sharing")
def sharing_data(user) -> list[dict]:
    clicks = dict(
        Share.objects.filter(user=user).annotate(n=Count("clicks")).values_list("code", "n")
    )
    shares = rows(Share.objects.filter(user=user), exclude=["user"])
    for share in shares:
        share["clicks"] = clicks.get(share["code"], 0)
    return [
        {
            "shares": shares,
            "dismissed": rows(Dismissal.objects.filter(user=user), exclude=["user"]),
            "proposed": list(
                ContentItem.objects.filter(proposed_by=user)
                .order_by("pk")
                .values("url", "title", "proposal_comment", "status", "created_at")
            ),
        }
    ]
