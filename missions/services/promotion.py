"""Promotion: an invitation once every requirement is met; moving up is the person's choice."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Ambassador, Stage
from ambassadors.services import lazy_text, notify

from ..models import PromotionInvitation, StageChange
from ..selectors import promotion_requirements
from .errors import ERROR_NO_INVITATION, ERROR_REQUIREMENTS_LAPSED, MissionError
from .stages import _stage_change


def _joined(labels: list) -> str:
    return "; ".join(str(label) for label in labels)


# The missing requirements, read in the language active where the message is shown.
_lazy_joined = lazy(_joined, str)


def promotion_check(*, ambassador: Ambassador) -> PromotionInvitation | None:
    """Invite the person to move up when every requirement is met; once per stage."""
    if ambassador.stage >= Stage.PRODUCTION:
        return None
    requirements = promotion_requirements(ambassador=ambassador)
    if not requirements or not all(item.done for item in requirements):
        return None
    invitation, created = PromotionInvitation.objects.get_or_create(
        user=ambassador.user, to_stage=ambassador.stage + 1
    )
    if created:
        notify(
            recipient=ambassador.user,
            kind="promotion_invitation",
            key=f"promotion:{ambassador.user_id}:{ambassador.stage + 1}",
            subject=lazy_text(
                _("You can move on to %(stage)s, if you like"),
                stage=Stage(ambassador.stage + 1).label,
            ),
            body=_("You did everything it takes. Moving up is your choice."),
            link=reverse("ambassadors:dashboard"),
        )
    return invitation


@transaction.atomic
def promotion_answer(*, user: User, accept: bool) -> Ambassador:
    """Accept the invitation (move up, if every requirement still holds) or stay for now.

    Staying keeps the invitation open: the person can accept it later from their path.
    """
    ambassador = Ambassador.objects.select_for_update().get(user=user)
    invitation = (
        PromotionInvitation.objects.open()
        .select_for_update()
        .filter(user=user, to_stage=ambassador.stage + 1)
        .first()
    )
    if invitation is None:
        raise MissionError(ERROR_NO_INVITATION)
    if accept:
        # A requirement may have lapsed since the invitation (a new guideline version).
        missing = [
            item.label for item in promotion_requirements(ambassador=ambassador) if not item.done
        ]
        if missing:
            raise MissionError(lazy_text(ERROR_REQUIREMENTS_LAPSED, missing=_lazy_joined(missing)))
    invitation.answered_at = timezone.now()
    invitation.accepted = accept
    invitation.save(update_fields=["answered_at", "accepted"])
    if accept:
        _stage_change(
            ambassador,
            user,
            to_stage=invitation.to_stage,
            kind=StageChange.Kind.PROMOTION,
            changed_by=user,
        )
    return ambassador
