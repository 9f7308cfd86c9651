"""Erasing a person removes their ids at the organisation's identity provider."""

from django.contrib.auth.models import User

from ambassadors.erasure import register_eraser

from .models import ExternalIdentity


@register_eraser("identity")
def _identity(user: User) -> None:
    ExternalIdentity.objects.filter(user=user).delete()
