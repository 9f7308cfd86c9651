"""Who may use the learner-facing parts of the site: one check for views and pages."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .models import Ambassador
from .selectors import profile_of


def participant_or_redirect(request: HttpRequest) -> HttpResponse | None:
    """None when the person may continue (signed in, joined or paused); else the redirect.

    Sets `request.ambassador` for the caller.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    # No profile yet: they have not joined, and looking records nothing (no writes on GET).
    ambassador = profile_of(request.user)
    if ambassador is None or ambassador.status not in (
        Ambassador.Status.ACTIVE,
        Ambassador.Status.PAUSED,
    ):
        return redirect("ambassadors:welcome")
    request.ambassador = ambassador
    return None


def role_required(allowed):
    """Signed in (else the login page) and `allowed(user)` true (else 403), for staff views."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
