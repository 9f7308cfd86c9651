"""SAML sign-in pages: start, the IdP's answer (ACS), finish, and our SP metadata."""

from __future__ import annotations

import logging
from functools import wraps

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import saml
from .forms import SamlAnswerForm
from .oidc import failed
from .providers import Claims, Provider, provider
from .services import SignInRefused, person_sign_in
from .sessions import local_path, next_or_start, organisation_sign_in_complete
from .two_factor import confirmed_user

logger = logging.getLogger("identity.saml")

# The backend the session remembers: SSO people have no password, the site's own backend
# still loads them by id on every request.
BACKEND = "core.backends.EmailOrUsernameBackend"


def _failed(request: HttpRequest, message, *, status: int, reason: str, slug: str) -> HttpResponse:
    logger.warning("SAML sign-in through %r refused: %s", slug, reason)
    return failed(request, message, status)


def _with_connection(view):
    """The view gets the SAML connection of its slug; an unknown slug gets the refusal page."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str) -> HttpResponse:
        connection = provider(slug, "saml")
        if connection is None:
            return _failed(
                request, saml.ERROR_UNKNOWN_CONNECTION, status=404, reason="unknown", slug=slug
            )
        return view(request, connection, slug)

    return wrapped


@never_cache
@require_GET
@_with_connection
def saml_login(request: HttpRequest, connection: Provider, slug: str) -> HttpResponse:
    """Send the browser to the IdP with a new AuthnRequest."""
    next_path = request.GET.get("next", "")
    try:
        location = saml.authn_request_start(
            provider=connection,
            session=request.session,
            relay_state=local_path(request, next_path),
        )
    except saml.MetadataUnavailable as failure:
        return _failed(
            request, saml.ERROR_UNAVAILABLE, status=503, reason=f"metadata: {failure}", slug=slug
        )
    return HttpResponseRedirect(location)


@csrf_exempt  # the IdP's cross-site POST: its signature and InResponseTo protect it
@never_cache
@require_POST
@_with_connection
def saml_acs(request: HttpRequest, connection: Provider, slug: str) -> HttpResponse:
    """The IdP's answer (HTTP-POST binding): verify it, then send the browser to finish."""
    form = SamlAnswerForm(request.POST)
    form.is_valid()  # a missing answer is refused by the verification; a bad RelayState dropped
    posted = form.cleaned_data
    try:
        answer = saml.authn_response_verify(
            provider=connection, saml_response=posted.get("SAMLResponse", "")
        )
        saml.answer_record(
            provider=connection,
            answer=answer,
            # Only the page asked for: the start page depends on who signs in (saml_finish).
            next_path=local_path(request, posted.get("RelayState", "")),
        )
    except saml.SamlRefused as refused:
        return _failed(
            request, refused.message, status=refused.status, reason=refused.reason, slug=slug
        )
    # 303: the browser follows with a top-level GET, which carries the (Lax) session cookie.
    return HttpResponseRedirect(reverse("identity:saml-finish", args=[slug]), status=303)


@never_cache
@require_GET
@_with_connection
def saml_finish(request: HttpRequest, connection: Provider, slug: str) -> HttpResponse:
    """Sign in the person of the answer to a request this browser sent."""
    try:
        answer = saml.answer_take(provider=connection, session=request.session)
        user = person_sign_in(
            provider=connection,
            claims=Claims.read(connection, answer.subject, answer.attributes),
            signed_in=confirmed_user(request),
        )
    except (saml.SamlRefused, SignInRefused) as refused:
        return _failed(
            request,
            refused.message,
            status=getattr(refused, "status", 403),
            reason=getattr(refused, "reason", f"sign-in refused: {refused}"),
            slug=slug,
        )
    organisation_sign_in_complete(request, user, connection=slug, backend=BACKEND)
    logger.info("SAML sign-in through %r: user %s", slug, user.pk)
    return redirect(next_or_start(request, answer.next_path, user))


@require_GET
@_with_connection
def saml_metadata(request: HttpRequest, connection: Provider, slug: str) -> HttpResponse:
    """Our SP metadata for this connection (public: the IdP's administrator imports it)."""
    return HttpResponse(saml.sp_metadata(connection), content_type="application/samlmetadata+xml")
