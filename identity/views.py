"""Two-factor sign-in pages: the second step, setting up an app, and managing one's factors."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from ambassadors.forms import ButtonForm
from core.forms import posted, refuse

from . import two_factor
from .forms import AppAddForm, CodeForm, FreshCodeForm
from .models import ExternalIdentity
from .providers import providers
from .sessions import next_or_start

SETUP_KEY = "academy_two_factor_setup"


def _next(request, value: str | None = None) -> str:
    """A local page to go on to after the step, else the usual start page."""
    return next_or_start(request, value if value is not None else request.GET.get("next", ""))


@never_cache
@login_required
def verify(request):
    """The second step: a code from the app, a recovery code, or a passkey."""
    if request.user.is_verified():
        return redirect(_next(request))
    if not two_factor.has_second_factor(request.user):
        # An administrator reset this person's factors since the session began.
        two_factor.forget_factors(request)
        if two_factor.required_for(request.user):
            return redirect(reverse("identity:two_factor_setup") + "?" + request.GET.urlencode())
        return redirect(_next(request))
    form = CodeForm(posted(request), initial={"next": request.GET.get("next", "")})
    if form.is_valid():
        try:
            device = two_factor.second_factor_check(
                user=request.user, code=form.cleaned_data["code"]
            )
        except two_factor.TwoFactorRefused as refusal:
            refuse(form, refusal)
        else:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = two_factor.factors_of(request.user).recovery_codes_left
                messages.warning(
                    request,
                    _(
                        "You used a recovery code. %(left)d left: make new ones on your "
                        "two-factor page."
                    )
                    % {"left": left},
                )
            return redirect(_next(request, form.cleaned_data["next"]))
    factors = two_factor.factors_of(request.user)
    return render(
        request,
        "identity/two_factor_verify.html",
        {"form": form, "factors": factors, "second_step_owed": True},
        status=400 if form.is_bound else 200,
    )


def _setup_key(request) -> str:
    key = request.session.get(SETUP_KEY)
    if not key:
        key = request.session[SETUP_KEY] = two_factor.totp_secret_new()
    return key


@never_cache
@login_required
def setup(request):
    """Add an authenticator app: the secret to scan or type, then a code from the app."""
    user = request.user
    if not user.is_verified() and two_factor.has_second_factor(user):
        return redirect(reverse("identity:two_factor_verify") + "?" + request.GET.urlencode())
    key = _setup_key(request)
    form = AppAddForm(posted(request), initial={"next": request.GET.get("next", "")})
    if form.is_valid():
        try:
            device = two_factor.totp_device_add(
                user=user, key=key, code=form.cleaned_data["code"], name=form.cleaned_data["name"]
            )
        except two_factor.TwoFactorRefused as refusal:
            refuse(form, refusal)
        else:
            del request.session[SETUP_KEY]
            if not user.is_verified():
                otp_login(request, device)
            two_factor.forget_factors(request)
            if not two_factor.factors_of(user).recovery_codes_left:
                codes = two_factor.recovery_codes_new(user=user)
                return _codes_page(request, codes, _next(request, form.cleaned_data["next"]))
            messages.success(request, _("Your authenticator app has been added."))
            return redirect("identity:two_factor")
    config_url = two_factor.totp_config_url(user=user, key=key)
    qr_code = two_factor.totp_qr_code_svg(
        config_url=config_url, label=_("QR code to add this site to your authenticator app")
    )
    return render(
        request,
        "identity/two_factor_setup.html",
        {
            "form": form,
            "secret": two_factor.totp_secret_for_typing(key),
            "config_url": config_url,
            "qr_code": mark_safe(qr_code),  # noqa: S308 - segno's SVG; the label is escaped
            "first": not two_factor.has_second_factor(user),
            "required": two_factor.required_for(user),
            # Before the step, every other page bounces back here: base.html shows no menu.
            "second_step_owed": two_factor.step_owed(request) is not None,
        },
        status=400 if form.is_bound else 200,
    )


def _codes_page(request, codes: list[str], continue_to: str):
    return render(
        request,
        "identity/two_factor_codes.html",
        {"codes": codes, "continue_to": continue_to},
    )


@never_cache
@login_required
def manage(request):
    """The person's apps, passkeys and recovery codes."""
    return _manage_page(request)


def organisation_connections(user) -> list[dict]:
    """Each of the organisation's sign-in connections, with whether this account is linked to
    it (a staff account is linked only from here, signed in: identity.services)."""
    linked = {
        (identity.protocol, identity.connection): identity
        for identity in ExternalIdentity.objects.filter(user=user)
    }
    return [
        {
            "provider": found,
            "linked": linked.get((found.protocol, found.slug)),
            "url": f"{found.login_url}?{urlencode({'next': reverse('identity:two_factor')})}",
        }
        for found in providers()
    ]


def _manage_page(request, *, codes_form=None, status: int = 200):
    return render(
        request,
        "identity/two_factor_manage.html",
        {
            "factors": two_factor.factors_of(request.user),
            "required": two_factor.required_for(request.user),
            "codes_form": codes_form or FreshCodeForm(),
            "connections": organisation_connections(request.user),
        },
        status=status,
    )


@never_cache
@require_POST
@login_required
def recovery_codes(request):
    """New recovery codes, shown once; replacing existing ones takes a fresh code."""
    form = FreshCodeForm(request.POST)
    if form.is_valid():
        user = request.user
        try:
            if two_factor.factors_of(user).recovery_codes_left:
                two_factor.second_factor_recheck(user=user, code=form.cleaned_data["code"])
            elif not two_factor.has_second_factor(user):
                raise two_factor.TwoFactorRefused(two_factor.ERROR_NO_FACTOR)
        except two_factor.TwoFactorRefused as refusal:
            refuse(form, refusal)
        else:
            codes = two_factor.recovery_codes_new(user=user)
            return _codes_page(request, codes, reverse("identity:two_factor"))
    messages.error(request, _("Please correct the errors below."))
    return _manage_page(request, codes_form=form, status=400)


REMOVABLE = {"app": TOTPDevice, "passkey": WebAuthnCredential}


@require_POST
@login_required
def remove(request, kind: str, pk: int):
    """Remove one of the person's own apps or passkeys."""
    model = REMOVABLE.get(kind)
    if model is None:
        raise Http404
    device = get_object_or_404(model, pk=pk, user=request.user, confirmed=True)
    if ButtonForm(request.POST).is_valid():
        try:
            two_factor.second_factor_remove(user=request.user, device=device)
        except two_factor.TwoFactorRefused as refusal:
            messages.error(request, str(refusal))
        else:
            two_factor.forget_factors(request)
            messages.success(request, _("Removed."))
    return redirect("identity:two_factor")
