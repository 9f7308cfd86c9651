"""A person who owes a second sign-in step reaches only that step (identity/two_factor.py)."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from . import two_factor

# The second step itself (its pages and the passkey endpoints), signing out, and files.
# The API (/api/) never reads the session: a bearer token is its only sign-in.
OPEN_PREFIXES = ("/two-factor/", "/accounts/logout/", "/healthz/", "/language/", "/api/")


class TwoFactorMiddleware:
    """Every other page, the CMS included, sends them to the code page or to set one up.

    In the middleware, not in each view, so no page, admin view or later endpoint can be
    forgotten; the Wagtail login (/cms/login/) signs a person in, but the next request lands
    here like any other.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.open = (*OPEN_PREFIXES, settings.STATIC_URL)

    def __call__(self, request):
        if not request.path_info.startswith(self.open):
            owed = two_factor.step_owed(request, cms=request.path_info.startswith("/cms/"))
            if owed is not None:
                target = reverse(
                    "identity:two_factor_verify"
                    if owed == "verify"
                    else "identity:two_factor_setup"
                )
                if request.method == "GET":
                    target += "?" + urlencode({"next": request.get_full_path()})
                return redirect(target)
        return self.get_response(request)
