from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ambassadors.gates import first_unmet_gate
from ambassadors.models import Network
from ambassadors.views import participant_required
from core.client_address import client_address
from core.forms import posted, refuse

from . import services
from .forms import ColleaguePostForm, DismissForm, NetworkChoiceForm, ProposalForm, ShareForm
from .models import ContentItem
from .selectors import (
    feed_for,
    intent_url,
    link_target,
    may_propose,
    my_reach,
    offered_variants,
    primary_network,
    share_of,
    tracked_url,
)

CODE_ALPHABET = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def _network(request, ambassador) -> str:
    """The network in the address (a filter) or the share form, else the person's own."""
    default = primary_network(ambassador)
    chosen = NetworkChoiceForm(request.GET).network_or("")
    return chosen or NetworkChoiceForm(request.POST).network_or(default)


def _feed_page(request, *, refused_item: int | None = None, dismiss_form=None):
    """The feed, with one card's hiding form bound (and its error) when that was refused."""
    network = _network(request, request.ambassador)
    suggestions, network = feed_for(ambassador=request.ambassador, network=network)
    cards = [
        (
            suggestion,
            dismiss_form
            if suggestion.item.pk == refused_item
            else DismissForm(auto_id=f"dismiss-{suggestion.item.pk}-%s"),
        )
        for suggestion in suggestions
    ]
    return render(
        request,
        "sharing/feed.html",
        {
            "suggestions": suggestions,
            "cards": cards,
            "network": network,
            "network_form": NetworkChoiceForm.shown(network, label=_("Texts for")),
            "gate": first_unmet_gate(request.user),
        },
        status=400 if dismiss_form is not None else 200,
    )


@participant_required
def feed(request):
    return _feed_page(request)


@participant_required
def share(request, item_id: int):
    """Edit the text, then go to the network's own share page with the tracked link."""
    item = get_object_or_404(ContentItem.objects.shareable(), pk=item_id)
    network = _network(request, request.ambassador)
    gate = first_unmet_gate(request.user)
    offered = offered_variants(user=request.user, items=[item], network=network).get(item.pk)
    form = ShareForm(
        request.POST if request.method == "POST" and gate is None else None,
        initial={"text": offered.text if offered else ""},
        network=network,
    )
    if form.is_bound and form.is_valid():
        try:
            created = services.share_create(
                user=request.user, item=item, network=network, text=form.cleaned_data["text"]
            )
        except services.SharingError as problem:
            refuse(form, problem)
        else:
            if network == Network.INSTAGRAM:
                return redirect("sharing:instagram", code=created.code)
            return HttpResponseRedirect(intent_url(created))
    return render(
        request,
        "sharing/share.html",
        {
            "item": item,
            "form": form,
            "network": network,
            "network_label": Network(network).label,
            "network_form": NetworkChoiceForm.shown(network),
            "text": form["text"].value(),
            "gate": gate,
        },
        status=400 if form.errors else 200,
    )


@participant_required
def instagram(request, code: str):
    """Instagram has no web share page: the text to copy and the image to download."""
    share = share_of(user=request.user, code=code)
    if share is None:
        raise Http404
    return render(request, "sharing/instagram.html", {"share": share, "link": tracked_url(share)})


@require_POST
@participant_required
def dismiss(request, item_id: int):
    item = get_object_or_404(ContentItem.objects.published(), pk=item_id)
    form = DismissForm(request.POST, auto_id=f"dismiss-{item.pk}-%s")
    if form.is_valid():
        try:
            services.item_dismiss(user=request.user, item=item, reason=form.cleaned_data["reason"])
        except services.SharingError as problem:
            refuse(form, problem)
        else:
            messages.success(request, _("Hidden. We will suggest less of this kind."))
            return redirect("sharing:feed")
    return _feed_page(request, refused_item=item.pk, dismiss_form=form)


@participant_required
def reach(request):
    rows, totals = my_reach(ambassador=request.ambassador)
    return render(request, "sharing/reach.html", {"rows": rows, "totals": totals})


@require_GET
@never_cache
def tracked_link(request, code: str):
    """Count the click and send the visitor to the item's stored address, never elsewhere.

    The one write on a GET, on purpose: this is a redirect endpoint posted on the networks,
    not a page, and counting the visit is what it is for."""
    if not 6 <= len(code) <= 16 or not set(code) <= CODE_ALPHABET:
        raise Http404
    share_id, target = link_target(code)
    if share_id is None:
        raise Http404
    services.click_record(
        share_id=share_id,
        ip=client_address(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )
    return HttpResponseRedirect(target)


@participant_required
def propose(request):
    """Curation stage and up: propose a link with your own comment; comms staff review it."""
    form = ProposalForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_create(user=request.user, **form.cleaned_data)
        except services.SharingError as problem:
            refuse(form, problem)
        else:
            messages.success(request, _("Thank you! The comms team will look at your proposal."))
            return redirect("sharing:feed")
    return render(
        request,
        "sharing/propose.html",
        {"form": form, "allowed": may_propose(request.ambassador)},
        status=400 if form.errors else 200,
    )


@participant_required
def my_post(request):
    """Share the link of your own LinkedIn post so colleagues with your topics can engage."""
    form = ColleaguePostForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            _item, invited = services.colleague_post_create(user=request.user, **form.cleaned_data)
        except services.SharingError as problem:
            refuse(form, problem)
        else:
            if invited:
                messages.success(
                    request,
                    ngettext(
                        "Done. %(count)s colleague with the same topics has been invited "
                        "to engage with your post.",
                        "Done. %(count)s colleagues with the same topics have been invited "
                        "to engage with your post.",
                        invited,
                    )
                    % {"count": invited},
                )
            else:
                messages.info(
                    request,
                    _(
                        "Your post is in the library. No colleague with the same topics has "
                        "room in their attention budget right now."
                    ),
                )
            return redirect("sharing:feed")
    return render(
        request, "sharing/my_post.html", {"form": form}, status=400 if form.errors else 200
    )
