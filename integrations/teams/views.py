"""A person's Teams pages: linking their account (by work e-mail, confirmed with a code the
bot sends them) and the "Not relevant" button of a suggestion that arrived in Teams."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ambassadors.forms import ButtonForm
from ambassadors.views import participant_required
from core.forms import refuse
from integrations.models.teams import TeamsAccount, TeamsConnection
from sharing.models import ContentItem, Dismissal
from sharing.services import SharingError, item_dismiss

from ..channels.teams import not_relevant_read
from . import services
from .forms import TeamsCodeForm, TeamsLinkForm


def _link_page(request, *, link_form=None, code_form=None, status=200):
    connection = TeamsConnection.load()
    account = TeamsAccount.objects.filter(user=request.user).first()
    return TemplateResponse(
        request,
        "integrations/teams/link.html",
        {
            "available": connection.bot_ready,
            "configured": connection.bot_configured,
            "account": account,
            "waiting": account is not None and account.confirmed_at is None and account.code_hash,
            "link_form": link_form
            or TeamsLinkForm(initial={"email": account.email if account else request.user.email}),
            "code_form": code_form or TeamsCodeForm(),
            "unlink_form": ButtonForm(),
        },
        status=status,
    )


@participant_required
def link(request):
    """GET: the state of the person's link; POST: send a code to this work e-mail in Teams."""
    if request.method != "POST":
        return _link_page(request)
    form = TeamsLinkForm(request.POST)
    if form.is_valid():
        try:
            services.teams_link_start(user=request.user, email=form.cleaned_data["email"])
        except services.TeamsError as refusal:
            refuse(form, refusal)
        else:
            messages.success(request, _("We sent you a code in Teams. Type it below."))
            return redirect("teams:link")
    return _link_page(request, link_form=form, status=400)


@require_POST
@participant_required
def confirm(request):
    form = TeamsCodeForm(request.POST)
    if form.is_valid():
        try:
            services.teams_link_confirm(user=request.user, code=form.cleaned_data["code"])
        except services.TeamsError as refusal:
            refuse(form, refusal)
        else:
            messages.success(
                request,
                _("Your Teams account is linked. Choose in your profile what may reach you there."),
            )
            return redirect("ambassadors:profile")
    return _link_page(request, code_form=form, status=400)


@require_POST
@participant_required
def unlink(request):
    if ButtonForm(request.POST).is_valid() and services.teams_unlink(user=request.user):
        messages.success(request, _("Your Teams account is no longer linked."))
    return redirect("teams:link")


@participant_required
def not_relevant(request, token: str):
    """The "Not relevant" button of a suggestion in Teams: GET shows one button (links are
    opened by previews and scanners, so looking writes nothing); POST dismisses the item.
    Only for the person the suggestion was sent to."""
    found = not_relevant_read(token)
    if found is None or found[0] != request.user.pk:
        raise Http404
    item = get_object_or_404(ContentItem, pk=found[1])
    form = ButtonForm(request.POST) if request.method == "POST" else ButtonForm()
    done = Dismissal.objects.filter(user=request.user, item=item).exists()
    if request.method == "POST" and form.is_valid() and not done:
        try:
            item_dismiss(user=request.user, item=item, reason="teams")
        except SharingError as refusal:
            refuse(form, refusal)
        else:
            messages.success(request, _("Done: you will not be asked to share this again."))
            return redirect("sharing:feed")
    return TemplateResponse(
        request,
        "integrations/teams/not_relevant.html",
        {"item": item, "form": form, "done": done},
        status=400 if form.errors else 200,
    )
