"""A person links their Slack account; Slack's interactive callbacks come in here."""

from __future__ import annotations

import hashlib
import hmac
import logging
import time

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ambassadors.forms import ButtonForm
from ambassadors.views import participant_required
from core.forms import refuse
from integrations.models.slack import SlackAccount

from . import services
from .forms import SlackCodeForm, SlackInteractionForm

logger = logging.getLogger(__name__)

# How old a signed callback may be (Slack's own advice): older ones may be replayed.
MAX_AGE_SECONDS = 5 * 60
MAX_BODY = 100_000


def _page(request, *, code_form=None, status=200):
    account = SlackAccount.objects.filter(user=request.user).first()
    connection = services.connection_usable()
    return render(
        request,
        "integrations/slack/link.html",
        {
            "connected": connection is not None,
            "workspace": connection.team_name if connection else "",
            "account": account,
            "linked": account is not None and account.confirmed_at is not None,
            "waiting": account is not None and account.confirmed_at is None,
            "code_form": code_form or SlackCodeForm(),
            "email": request.user.email,
        },
        status=status,
    )


@participant_required
def link(request):
    """GET: where the person stands; POST: send a code to them in Slack."""
    if request.method != "POST":
        return _page(request)
    form = ButtonForm(request.POST)
    if form.is_valid():
        try:
            services.account_link_start(user=request.user)
        except services.SlackError as refusal:
            messages.error(request, str(refusal))
            return _page(request, status=400)
        messages.success(
            request, _("We sent you a code in Slack. Type it below within 15 minutes.")
        )
    return redirect("slack:link")


@require_POST
@participant_required
def confirm(request):
    form = SlackCodeForm(request.POST)
    if form.is_valid():
        try:
            services.account_link_confirm(user=request.user, code=form.cleaned_data["code"])
        except services.SlackError as refusal:
            refuse(form, refusal)
        else:
            messages.success(
                request,
                _(
                    "Your Slack account is linked. Choose on your profile which messages "
                    "come to Slack."
                ),
            )
            return redirect("slack:link")
    return _page(request, code_form=form, status=400)


@require_POST
@participant_required
def unlink(request):
    form = ButtonForm(request.POST)
    if form.is_valid() and services.account_unlink(user=request.user):
        messages.success(request, _("Your Slack account is no longer linked."))
    return redirect("slack:link")


def signature_valid(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """Slack's v0 signature over `v0:{timestamp}:{body}`, compared in constant time, from a
    timestamp no older (or newer) than MAX_AGE_SECONDS."""
    if not secret or not timestamp.isdigit() or not signature.startswith("v0="):
        return False
    if abs(time.time() - int(timestamp)) > MAX_AGE_SECONDS:
        return False
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode())


@csrf_exempt
@require_POST
def interactions(request):
    """Slack's interactivity request URL: a verified button press is acted on; a forged,
    old or malformed one is refused with nothing done."""
    connection = services.connection_get()
    if len(request.body) > MAX_BODY:
        return HttpResponse(status=413)  # signed or not, nothing of ours is this large
    body = request.body
    if connection is None or not signature_valid(
        connection.signing_secret,
        request.headers.get("X-Slack-Request-Timestamp", ""),
        body,
        request.headers.get("X-Slack-Signature", ""),
    ):
        logger.warning("Slack interaction refused: signature or timestamp not valid")
        return HttpResponse(status=401)
    form = SlackInteractionForm(request.POST)
    if not form.is_valid():
        ignored = all(e.code == "ignored" for e in form.errors.as_data().get("payload", []))
        return HttpResponse(status=200 if ignored else 400)  # 200: nothing we act on
    services.interaction_handle(payload=form.cleaned_data["payload"])
    return JsonResponse({}, status=200)
