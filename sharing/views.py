from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ambassadors.gates import unmet_gate_shown
from ambassadors.models import Network
from ambassadors.views import participant_required
from core.client_address import client_address
from core.forms import posted, refuse

from . import services, snapshots
from .cards import feed_cards
from .checks import posting_hints, posting_rules
from .coach import Echo, text_echo
from .forms import (
    CoachForm,
    ColleaguePostForm,
    DismissForm,
    NetworkChoiceForm,
    ProposalForm,
    SaveForm,
    ShareForm,
)
from .models import NETWORK_LIMITS, ContentItem, text_length
from .selectors import (
    Suggestion,
    best_text,
    feed_for,
    hashtags_for,
    intent_url,
    link_target,
    may_propose,
    my_reach,
    networks_for,
    saved_count,
    saved_for,
    share_of,
    tracked_url,
)

CODE_ALPHABET = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
SAVED = "saved"


def _networks(request, ambassador) -> tuple[str, list[str]]:
    """The network in the address (a tab) or the share form, else the person's own; and
    every network, the person's own first."""
    networks = networks_for(ambassador, request)
    chosen = NetworkChoiceForm(request.GET).network_or("")
    if not chosen and request.method == "POST":
        chosen = NetworkChoiceForm(request.POST).network_or("")
    return chosen or networks[0], networks


def _tabs(networks: list[str], current: str, **params) -> list[dict]:
    """Network tabs as links (they work without JavaScript), the current one marked."""
    return [
        {
            "network": network,
            "label": Network(network).label,
            "query": "?" + urlencode({**params, "network": network}),
            "current": network == current,
        }
        for network in networks
    ]


def _feed_page(request, *, refused_item: int | None = None, dismiss_form=None):
    """The feed (or the saved items), with one card's hiding form bound (and its error) when
    that was refused."""
    ambassador = request.ambassador
    network, networks = _networks(request, ambassador)
    show = SAVED if request.GET.get("show") == SAVED else ""
    if show:
        suggestions = saved_for(ambassador=ambassador, network=network, request=request)
    else:
        suggestions, network = feed_for(ambassador=ambassador, network=network, request=request)
    cards = feed_cards(
        request,
        suggestions,
        network=network,
        show=show,
        refused_item=refused_item,
        dismiss_form=dismiss_form,
    )
    return render(
        request,
        "sharing/feed.html",
        {
            "suggestions": suggestions,
            "cards": list(zip(suggestions, cards, strict=True)),
            "network": network,
            "network_label": Network(network).label,
            "network_tabs": _tabs(networks, network, **({"show": show} if show else {})),
            "show": show,
            "saved_count": saved_count(ambassador, request),
            "gate": unmet_gate_shown(request.user),
        },
        status=400 if dismiss_form is not None else 200,
    )


@participant_required
def feed(request):
    return _feed_page(request)


def _composer_item(request, item_id: int) -> ContentItem:
    """A shareable item with what the composer shows of it (image, topics, texts)."""
    item = snapshots.composer_item(item_id, timezone.now(), request)
    if item is None:
        raise Http404
    return item


def _initials(user) -> str:
    names = [user.first_name, user.last_name] if user.first_name else [user.get_username()]
    return "".join(name.strip()[:1] for name in names if name.strip()).upper()[:2] or "?"


def _preview(request, item: ContentItem) -> dict:
    """What the network's post shows: the person, then the link card (the item's own image,
    else its fetched preview's; the preview's title, else the item's)."""
    user = request.user
    card = Suggestion(item=item, score=0, text=None, topic_match=0)
    return {
        "name": user.get_full_name() or user.get_username(),
        "initials": _initials(user),
        "domain": card.domain,
        "title": item.preview_title or item.title,
        "image_url": item.preview_image_url,
        "card": card,  # the generated image of an item without one
    }


def _coach(echo: Echo) -> dict:
    """The coach's words for an echo: scores and counts only, never colleagues' texts."""
    if echo.suggestion >= 90:
        advice = _(
            "This is still the suggested text. Add one sentence about why this matters to you."
        )
    elif echo.suggestion >= 60:
        advice = _(
            "Partly your own words. One sentence about why this matters to you makes it yours."
        )
    else:
        advice = _("In your own words: that is what makes people read it.")
    if echo.colleagues == 0:
        crowd = _("No colleague shared this in the last 7 days.")
    elif echo.similar:
        crowd = ngettext(
            "%(similar)s of the %(count)s colleagues who shared this in the last 7 days "
            "used nearly the same text.",
            "%(similar)s of the %(count)s colleagues who shared this in the last 7 days "
            "used nearly the same text.",
            echo.similar,
        ) % {"similar": echo.similar, "count": echo.colleagues}
    else:
        crowd = ngettext(
            "%(count)s colleague shared this in the last 7 days; the closest post is "
            "%(score)s%% alike.",
            "%(count)s colleagues shared this in the last 7 days; the closest post is "
            "%(score)s%% alike.",
            echo.colleagues,
        ) % {"count": echo.colleagues, "score": echo.closest // 10 * 10}  # banded: asked
        # again and again, an exact likeness to one colleague's post would spell it out
    return {
        "suggestion": echo.suggestion,
        "colleagues": echo.colleagues,
        "similar": echo.similar,
        "warn": echo.warn,
        "advice": advice,
        "crowd": crowd,
    }


@participant_required
def share(request, item_id: int):
    """The composer: the text with a live preview, the count and the coach; then the network's
    own share page with the tracked link (Facebook and Instagram: a copy step first)."""
    item = _composer_item(request, item_id)
    network, networks = _networks(request, request.ambassador)
    gate = unmet_gate_shown(request.user)
    form = ShareForm(
        request.POST if request.method == "POST" and gate is None else None,
        initial={"text": best_text(user=request.user, item=item, network=network)},
        network=network,
    )
    crowd = None
    if form.is_bound and form.is_valid() and not form.cleaned_data["check"]:
        text = form.cleaned_data["text"]
        echo = text_echo(user=request.user, item=item, text=text, request=request)
        if echo.warn and not form.cleaned_data["confirmed"]:
            crowd = echo  # the confirmation step: the choice stays the person's
        else:
            try:
                created = services.share_create(
                    user=request.user, item=item, network=network, text=text
                )
            except services.SharingError as problem:
                refuse(form, problem)
            else:
                if network == Network.INSTAGRAM:
                    return redirect("sharing:instagram", code=created.code)
                if network == Network.FACEBOOK:
                    return redirect("sharing:facebook", code=created.code)
                return HttpResponseRedirect(intent_url(created))
    text = form["text"].value() or ""
    echo = crowd or text_echo(user=request.user, item=item, text=text, request=request)
    return render(
        request,
        "sharing/share.html",
        {
            "item": item,
            "form": form,
            "network": network,
            "network_label": Network(network).label,
            "network_tabs": _tabs(networks, network),
            "text": text,
            "used": text_length(network, text),
            "limit": NETWORK_LIMITS[network],
            "preview": _preview(request, item),
            "hashtags": hashtags_for(item),
            "coach": _coach(echo),
            "crowd": crowd,
            "hints": posting_hints(
                text=text, network=network, item=item, checks=posting_rules(request)
            ),
            "copy_first": network in (Network.FACEBOOK, Network.INSTAGRAM),
            "gate": gate,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@participant_required
def coach(request, item_id: int):
    """The own-words coach while typing: scores and counts as JSON, no texts of others, and
    the posting checks' hints for the network. A POST, so the draft never lands in an address
    (access logs, history)."""
    item = _composer_item(request, item_id)
    form = CoachForm(request.POST)
    if not form.is_valid():
        if "text" in form.errors:
            return JsonResponse({"error": _("The text is too long to compare.")}, status=400)
        return JsonResponse({"error": _("Choose a network.")}, status=400)
    text = form.cleaned_data["text"]
    network = form.cleaned_data["network"] or _networks(request, request.ambassador)[0]
    echo = text_echo(user=request.user, item=item, text=text, request=request)
    hints = posting_hints(text=text, network=network, item=item, checks=posting_rules(request))
    response = JsonResponse({**_coach(echo), "hints": [hint.as_json() for hint in hints]})
    response["Cache-Control"] = "private, no-store"
    return response


def _handoff(request, code: str, network: str, template: str):
    share = share_of(user=request.user, code=code)
    if share is None or share.network != network:
        raise Http404
    return render(
        request,
        template,
        {"share": share, "link": tracked_url(share), "intent": intent_url(share)},
    )


@participant_required
def facebook(request, code: str):
    """Facebook's share page takes no text: the text is copied here, then Facebook opens."""
    return _handoff(request, code, Network.FACEBOOK, "sharing/facebook.html")


@participant_required
def instagram(request, code: str):
    """Instagram has no web share page: the text to copy and the image to download."""
    return _handoff(request, code, Network.INSTAGRAM, "sharing/instagram.html")


@require_POST
@participant_required
def save(request, item_id: int):
    """Save an item for later in the person's own list, or let it go."""
    item = get_object_or_404(ContentItem.objects.published(), pk=item_id)
    form = SaveForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        saved = services.item_save(user=request.user, item=item, saved=form.cleaned_data["saved"])
    except services.SharingError as problem:
        messages.error(request, str(problem))
    else:
        if saved:
            messages.success(request, _("Saved. You find it under Saved."))
        else:
            messages.success(request, _("Removed from your saved items."))
    params = {key: form.cleaned_data[key] for key in ("show", "network") if form.cleaned_data[key]}
    return redirect(reverse("sharing:feed") + (f"?{urlencode(params)}" if params else ""))


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
