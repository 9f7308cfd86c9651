"""What the content library keeps about a person, for the personal data export."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambassadors.erasure import register_eraser
from ambassadors.personal_data import register_section, rows

from .models import ContentItem, Dismissal, SavedItem, Share, TextVariant
from .selectors import click_totals
from .services.library import item_text

REMOVED_POST_TITLE = _("A post by a colleague (removed)")


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
            "saved": rows(SavedItem.objects.filter(user=user), exclude=["user"]),
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
    Proposals not in the library are removed; published ones stay without their proposer
    and without their words (summary, suggested text); a post of their own that colleagues
    were asked to engage with leaves the library, without their name, words or address."""
    Share.objects.filter(user=user).update(text="")
    Dismissal.objects.filter(user=user).update(reason="")
    SavedItem.objects.filter(user=user).delete()
    proposals = ContentItem.objects.filter(proposed_by=user)
    proposals.exclude(status=ContentItem.Status.PUBLISHED).filter(shares=None).delete()
    for item in proposals.prefetch_related("variants"):
        _erase_proposer_words(item)


def _erase_proposer_words(item: ContentItem) -> None:
    comment = item.proposal_comment.strip()
    if item.kind == ContentItem.Kind.COLLEAGUE:
        # Their own LinkedIn post: its address, title and fetched preview name them too.
        item.title = item_text(REMOVED_POST_TITLE, language=item.language)
        item.url = f"https://www.linkedin.com/#removed-{item.pk}"
        item.summary = ""
        item.preview_title = item.preview_description = item.preview_image_url = ""
        now = timezone.now()
        if item.expires_at is None or item.expires_at > now:
            item.expires_at = now
        if item.publish_from and item.publish_from >= item.expires_at:
            item.publish_from = None
        TextVariant.objects.filter(item=item).update(text=item.title)
    else:
        if item.summary.strip() == comment:
            item.summary = ""
        if comment:
            TextVariant.objects.filter(item=item, text=comment[:2900]).update(text=item.title)
    item.proposed_by = None
    item.proposal_comment = ""
    item.save(
        update_fields=[
            "title",
            "url",
            "summary",
            "preview_title",
            "preview_description",
            "preview_image_url",
            "expires_at",
            "publish_from",
            "proposed_by",
            "proposal_comment",
        ]
    )
