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

from . import services
from .forms import ColleaguePostForm, ProposalForm
from .models import NETWORK_LIMITS, ContentItem, Share
from .selectors import feed_for, my_reach, primary_network

CODE_ALPHABET = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def _network_from(request, ambassador) -> str:
    network = request.GET.get("network") or request.POST.get("network")
    return network if network in Network.values else primary_network(ambassador)


@participant_required
def feed(request):
    network = _network_from(request, request.ambassador)
    suggestions, network = feed_for(ambassador=request.ambassador, network=network)
    return render(
        request,
        "sharing/feed.html",
        {
            "suggestions": suggestions,
            "network": network,
            "networks": Network.choices,
            "gate": first_unmet_gate(request.user),
        },
    )


@participant_required
def share(request, item_id: int):
    """Edit the text, then go to the network's own share page with the tracked link."""
    item = get_object_or_404(ContentItem.objects.shareable(), pk=item_id)
    ambassador = request.ambassador
    network = _network_from(request, ambassador)
    gate = first_unmet_gate(request.user)
    error = ""
    if request.method == "POST" and gate is None:
        text = request.POST.get("text", "")
        try:
            created = services.share_create(
                user=request.user, item=item, network=network, text=text
            )
        except services.SharingError as problem:
            error = str(problem)
        else:
            if network == Network.INSTAGRAM:
                return redirect("sharing:instagram", code=created.code)
            return HttpResponseRedirect(services.intent_url(created))
    defaults = services.default_variants(user=request.user, items=[item], network=network)
    offered = defaults.get(item.pk)
    text = (
        request.POST.get("text") if request.method == "POST" else (offered.text if offered else "")
    )
    return render(
        request,
        "sharing/share.html",
        {
            "item": item,
            "network": network,
            "network_label": Network(network).label,
            "networks": Network.choices,
            "text": text,
            "limit": NETWORK_LIMITS[network],
            "error": error,
            "gate": gate,
        },
        status=400 if error else 200,
    )


@participant_required
def instagram(request, code: str):
    """Instagram has no web share page: the text to copy and the image to download."""
    share = get_object_or_404(
        Share.objects.select_related("item__image"), code=code, user=request.user
    )
    return render(
        request, "sharing/instagram.html", {"share": share, "link": services.tracked_url(share)}
    )


@require_POST
@participant_required
def dismiss(request, item_id: int):
    item = get_object_or_404(ContentItem.objects.published(), pk=item_id)
    services.item_dismiss(user=request.user, item=item, reason=request.POST.get("reason", ""))
    messages.success(request, _("Hidden. We will suggest less of this kind."))
    return redirect("sharing:feed")


@participant_required
def reach(request):
    rows, totals = my_reach(ambassador=request.ambassador)
    return render(request, "sharing/reach.html", {"rows": rows, "totals": totals})


@require_GET
@never_cache
def tracked_link(request, code: str):
    """Count the click and send the visitor to the item's stored address, never elsewhere."""
    if not 6 <= len(code) <= 16 or not set(code) <= CODE_ALPHABET:
        raise Http404
    share_id, target = services.link_target(code)
    if share_id is None:
        raise Http404
    services.click_record(
        share_id=share_id,
        ip=request.META.get("REMOTE_ADDR", ""),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )
    return HttpResponseRedirect(target)


@participant_required
def propose(request):
    """Stage 2 and up: propose a link with your own comment; comms staff review it."""
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_create(user=request.user, **form.cleaned_data)
        except services.SharingError as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, _("Thank you! The comms team will look at your proposal."))
            return redirect("sharing:feed")
    return render(
        request,
        "sharing/propose.html",
        {"form": form, "allowed": request.ambassador.stage >= 2},
        status=400 if form.errors else 200,
    )


@participant_required
def my_post(request):
    """Share the link of your own LinkedIn post so colleagues with your topics can engage."""
    form = ColleaguePostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _item, invited = services.colleague_post_create(user=request.user, **form.cleaned_data)
        except services.SharingError as problem:
            form.add_error(None, str(problem))
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
