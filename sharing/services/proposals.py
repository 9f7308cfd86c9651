"""Proposals: an ambassador from the curation stage on proposes a link with their comment;
comms staff add it to the library or say why not."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Stage
from ambassadors.services import lazy_text, notify
from core.sanitise import clean_text

from ..models import ContentItem
from ..selectors import may_propose
from .errors import (
    ERROR_EMPTY_COMMENT,
    ERROR_MAY_NOT_REVIEW,
    ERROR_NOT_A_PROPOSAL,
    ERROR_PROPOSAL_STAGE,
    ERROR_REASON_NEEDED,
    SharingError,
)
from .library import item_add_for
from .shares import taking_part

REVIEW_PERMISSION = "sharing.change_contentitem"


def proposal_create(*, user: User, url: str, title: str, comment: str) -> ContentItem:
    """An ambassador in the curation stage or later proposes a link with their comment, for
    comms to review."""
    ambassador = taking_part(user)
    if not may_propose(ambassador):
        raise SharingError(ERROR_PROPOSAL_STAGE)
    if not comment.strip():
        raise SharingError(ERROR_EMPTY_COMMENT)
    return item_add_for(
        user=user,
        url=url.strip(),
        title=clean_text(title, max_length=ContentItem._meta.get_field("title").max_length),
        comment=clean_text(
            comment, max_length=ContentItem._meta.get_field("proposal_comment").max_length
        ),
        kind=ContentItem.Kind.THIRD_PARTY,
        status=ContentItem.Status.PROPOSED,
        stage=Stage.CURATION,
    )


def proposal_review(
    *, item: ContentItem, approve: bool, reason: str, reviewer: User
) -> ContentItem:
    """Comms staff approve or reject an open proposal; a rejection gives the reason, and the
    proposer hears the outcome."""
    if not reviewer.has_perm(REVIEW_PERMISSION):
        raise SharingError(ERROR_MAY_NOT_REVIEW)
    reason = clean_text(reason, max_length=ContentItem._meta.get_field("review_reason").max_length)
    with transaction.atomic():
        item = ContentItem.objects.select_for_update().get(pk=item.pk)
        if item.status != ContentItem.Status.PROPOSED:
            raise SharingError(ERROR_NOT_A_PROPOSAL)
        if not approve and not reason.strip():
            raise SharingError(ERROR_REASON_NEEDED)
        item.status = ContentItem.Status.PUBLISHED if approve else ContentItem.Status.REJECTED
        item.review_reason = reason.strip()
        item.save(update_fields=["status", "review_reason"])
        if item.proposed_by_id:
            subject = (
                _("Your proposal is in the library: %(title)s")
                if approve
                else _("Your proposal was not added: %(title)s")
            )
            notify(
                recipient=item.proposed_by,
                kind="proposal_reviewed",
                key=f"proposal:{item.pk}:{item.status}",
                subject=lazy_text(subject, title=item.title),
                body=item.review_reason,
                link=reverse("sharing:feed"),
            )
    return item
