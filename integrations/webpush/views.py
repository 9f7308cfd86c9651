"""The person's devices with push: turn on (JSON from static/js/push-devices.js), remove,
send a test."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ambassadors.views import participant_required
from core.errors import Refusal

from ..models import PushSubscription
from . import keys, services
from .devices import device_label
from .forms import (
    ERROR_NOT_JSON,
    ERROR_TOO_LARGE,
    MAX_BODY_BYTES,
    DeviceRemoveForm,
    PushSubscriptionForm,
    PushTestForm,
)


@participant_required
def devices(request):
    subscriptions = list(PushSubscription.objects.filter(user=request.user))
    return render(
        request,
        "integrations/push_devices.html",
        {
            "subscriptions": subscriptions,
            "push_available": keys.available(),
            "public_key": keys.public_key() if keys.available() else "",
        },
    )


def _refused(message, status=400) -> JsonResponse:
    return JsonResponse({"ok": False, "errors": [str(message)]}, status=status)


@require_POST
@participant_required
def subscribe(request):
    """Store the subscription the browser made; JSON in, JSON out (the page's script)."""
    if not keys.available():
        return _refused(services.ERROR_NOT_SET_UP, status=404)
    if len(request.body) > MAX_BODY_BYTES:
        return _refused(ERROR_TOO_LARGE, status=413)
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return _refused(ERROR_NOT_JSON)
    form = PushSubscriptionForm.from_json(data)
    if not form.is_valid():
        errors = [str(error) for field_errors in form.errors.values() for error in field_errors]
        return _refused(errors[0] if len(set(errors)) == 1 else "; ".join(dict.fromkeys(errors)))
    try:
        subscription = services.push_subscription_save(
            user=request.user,
            label=device_label(request.headers.get("User-Agent", "")),
            **form.cleaned_data,
        )
    except Refusal as refusal:
        return _refused(refusal)
    messages.success(request, _("Push is on for %(device)s.") % {"device": subscription.label})
    return JsonResponse({"ok": True, "device": subscription.label}, status=201)


@require_POST
@participant_required
def remove(request, pk: int):
    subscription = get_object_or_404(PushSubscription, pk=pk, user=request.user)
    if DeviceRemoveForm(request.POST).is_valid():
        services.push_subscription_remove(subscription=subscription)
        messages.success(
            request,
            _("%(device)s will get no more notifications.") % {"device": subscription.label},
        )
    return redirect("integrations:push_devices")


@require_POST
@participant_required
def test(request):
    if PushTestForm(request.POST).is_valid():
        try:
            services.push_test_request(user=request.user)
        except Refusal as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("A test notification is on its way to your devices."))
    return redirect("integrations:push_devices")
