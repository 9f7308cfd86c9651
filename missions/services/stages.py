"""Changes of stage: by accepting an invitation, or by comms staff with a reason."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Ambassador, Stage
from ambassadors.services import lazy_text, notify
from core.audit import record

from ..models import StageChange
from .errors import (
    ERROR_NOT_STAGE_CHANGER,
    ERROR_REASON,
    ERROR_SAME_STAGE,
    ERROR_WRONG_STAGE,
    MissionError,
)

# Who may move someone by hand (comms staff and administrators hold it).
STAGE_PERMISSION = "missions.add_stagechange"


def _stage_change(
    ambassador: Ambassador, user: User, *, to_stage: int, changed_by: User, **fields
) -> StageChange:
    """Move the (locked) ambassador to `to_stage`, kept as a StageChange and in the trail."""
    change = StageChange.objects.create(
        user=user, from_stage=ambassador.stage, to_stage=to_stage, changed_by=changed_by, **fields
    )
    ambassador.stage = to_stage
    ambassador.save(update_fields=["stage"])
    record(
        ambassador,
        "academy.stage_change",
        user=changed_by,
        title=user.get_full_name() or user.get_username(),
        person=user,
        from_stage=change.from_stage,
        to_stage=change.to_stage,
        kind=change.kind,
    )
    return change


@transaction.atomic
def stage_set(
    *, ambassador: Ambassador, to_stage: int, reason: str, changed_by: User
) -> Ambassador:
    """Comms staff move someone up or back by hand, with the reason kept."""
    if not changed_by.has_perm(STAGE_PERMISSION):
        raise MissionError(ERROR_NOT_STAGE_CHANGER)
    if not reason.strip():
        raise MissionError(ERROR_REASON)
    ambassador = Ambassador.objects.select_for_update().get(pk=ambassador.pk)
    if to_stage not in Stage.values:
        raise MissionError(ERROR_WRONG_STAGE)
    if to_stage == ambassador.stage:
        raise MissionError(ERROR_SAME_STAGE)
    reason = reason.strip()[: StageChange._meta.get_field("reason").max_length]
    _stage_change(
        ambassador,
        ambassador.user,
        to_stage=to_stage,
        kind=StageChange.Kind.MANUAL,
        reason=reason,
        changed_by=changed_by,
    )
    notify(
        recipient=ambassador.user,
        kind="stage_changed",
        key=f"stage:{ambassador.user_id}:{timezone.now():%s%f}",
        subject=lazy_text(_("Your stage is now %(stage)s"), stage=Stage(to_stage).label),
        body=reason,
        link=reverse("ambassadors:dashboard"),
    )
    return ambassador
