"""What the content library keeps about a person, for the personal data export."""

from ambassadors.erasure import register_eraser
from ambassadors.personal_data import register_section, rows

from .models import ContentItem, DefaultText, Dismissal, Share
from .selectors import click_totals


@register_section("sharing")
def sharing_data(user) -> list[dict]:
    clicks = dict(
        Share.objects.filter(user=user)
        .annotate(**click_totals())
        .values_list("code", "human_clicks")
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


@register_eraser("sharing")
def erase_sharing(user) -> None:
    """The words of their posts and reasons go; that a share happened (and its clicks) stays.
    Proposals not in the library are removed; published ones stay without their proposer."""
    Share.objects.filter(user=user).update(text="")
    Dismissal.objects.filter(user=user).update(reason="")
    DefaultText.objects.filter(user=user).delete()
    proposals = ContentItem.objects.filter(proposed_by=user)
    proposals.exclude(status=ContentItem.Status.PUBLISHED).filter(shares=None).delete()
    proposals.update(proposed_by=None, proposal_comment="")
