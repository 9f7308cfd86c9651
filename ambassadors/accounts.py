"""E-mails that carry a one-time link (invitations, password resets).

The link's token is made at send time from the user id, so no secret waits in the
database or in the task queue.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.backends import password_sign_in_allowed
from core.queue import enqueue_on_commit

from .middleware import LANGUAGE_PARAMETER
from .models import Ambassador
from .selectors import recipient_language
from .services import email_send


def set_password_url(user: User) -> str:
    """The one-time link; it carries the person's language, so the page opens in it."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return f"{settings.SITE_URL}{path}?{LANGUAGE_PARAMETER}={recipient_language(user)}"


def sign_in_url(user: User) -> str:
    """The sign-in page, in the person's language (its organisation buttons come first)."""
    return f"{settings.SITE_URL}{reverse('login')}?{LANGUAGE_PARAMETER}={recipient_language(user)}"


def _send(user: User, template: str) -> None:
    # Someone who signs in through the organisation gets no link to choose a password.
    with_password = password_sign_in_allowed(user)
    email_send(
        recipient=user,
        template=f"ambassadors/email/{template}",
        context={
            "user": user,
            "url": set_password_url(user) if with_password else sign_in_url(user),
            "organisation_sign_in": not with_password,
        },
    )


def invitation_send(*, ambassador_id: int) -> bool:
    """Invite an imported employee once: the claim is one UPDATE, released if sending fails."""
    now = timezone.now()
    claimed = Ambassador.objects.filter(pk=ambassador_id, invited_at__isnull=True).update(
        invited_at=now
    )
    if not claimed:
        return False
    ambassador = Ambassador.objects.select_related("user").get(pk=ambassador_id)
    try:
        _send(ambassador.user, "invitation")
    except Exception:
        Ambassador.objects.filter(pk=ambassador_id, invited_at=now).update(invited_at=None)
        raise
    return True


def invitations_pending() -> list[int]:
    """Recently imported people whose invitation has not gone out (for the sweep)."""
    recent = timezone.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    return list(
        Ambassador.objects.filter(
            invited_at__isnull=True,
            status=Ambassador.Status.INVITED,
            user__is_active=True,
            created_at__gte=recent,
        )
        .filter(~Q(user__email=""))
        .filter(user__password__startswith="!")  # noqa: S106 (unusable password)
        .values_list("pk", flat=True)
    )


def password_reset_send(*, user_id: int) -> None:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is not None and user.email and password_sign_in_allowed(user):
        _send(user, "password_reset")


INVITATIONS_PER_TASK = 50


def invitations_enqueue(ambassador_ids: list[int]) -> None:
    """After commit, one task per INVITATIONS_PER_TASK people: an import of 20,000 queues
    400 tasks, not 20,000 (each a broker write), and a task stays well within its timeout."""
    for start in range(0, len(ambassador_ids), INVITATIONS_PER_TASK):
        batch = ambassador_ids[start : start + INVITATIONS_PER_TASK]
        enqueue_on_commit("ambassadors.tasks.send_invitations", batch)
