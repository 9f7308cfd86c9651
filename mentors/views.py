"""The employee's help pages and the mentors' desk."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ambassadors.access import role_required
from ambassadors.forms import ButtonForm
from ambassadors.roles import is_mentor
from ambassadors.views import participant_required
from core.forms import posted, posted_files, refuse

from . import access, kept, selectors, services, tally
from .forms import (
    FORMS,
    AvailabilityForm,
    CannedDeleteForm,
    CannedResponseForm,
    DeskActionForm,
    DeskFilterForm,
    DeskReplyForm,
    DraftForm,
    HelpReplyForm,
    KeepForm,
    RatingForm,
    ReassignForm,
    TicketActionForm,
    details_for_display,
    handover_choices,
)
from .models import Attachment, CannedResponse, Kind, MentorProfile, Rating, Ticket
from .templatetags.mentors_tags import queue_rows, with_due

T = Ticket.State


mentor_required = role_required(is_mentor)
# The query flag after "Take it": the reply box gets the focus (the person came to answer).
REPLY_NOW = "reply"


# --- for employees --------------------------------------------------------------------------


@participant_required
def help_home(request):
    page = Paginator(selectors.own_tickets(user=request.user), 20).get_page(request.GET.get("page"))
    # Mediation first: the one that cannot wait.
    order = [Kind.MEDIATION, Kind.QUESTION, Kind.COACHING, Kind.GHOSTWRITING, Kind.EDITING]
    kinds = [(kind, FORMS[kind].intro) for kind in order]
    return render(request, "mentors/help_home.html", {"page": page, "kinds": kinds})


@participant_required
def help_new(request, kind: str):
    if kind not in Kind.values:
        raise Http404
    form_class = FORMS[kind]
    form = form_class(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        try:
            ticket = services.ticket_create(
                requester=request.user,
                kind=kind,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                details=form.details(),
                network=form.cleaned_data.get("network", ""),
                files=form.cleaned_data.get("files") or [],
            )
        except services.DeskError as problem:
            refuse(form, problem)
        else:
            messages.success(request, _("Your request is in. A mentor will get back to you."))
            return redirect("mentors:help_ticket", pk=ticket.pk)
    return render(
        request,
        "mentors/help_new.html",
        {"form": form, "kind": Kind(kind), "intro": form_class.intro},
        status=400 if request.method == "POST" else 200,
    )


def _own_ticket(request, pk: int) -> Ticket:
    return get_object_or_404(
        Ticket.objects.select_related("assignee"), pk=pk, requester=request.user
    )


@never_cache
@participant_required
def help_ticket(request, pk: int):
    """The employee's view of their request: never internal notes or their attachments."""
    ticket = _own_ticket(request, pk)
    form = HelpReplyForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.ticket_reply(
                ticket=ticket,
                author=request.user,
                body=form.cleaned_data["body"],
                files=form.cleaned_data["files"],
            )
        except services.DeskError as problem:
            refuse(form, problem)
        else:
            return redirect("mentors:help_ticket", pk=pk)
    return _help_page(request, ticket, reply_form=form)


def _help_page(request, ticket: Ticket, *, reply_form=None, rating_form=None, action_form=None):
    """The request page, with the forms as they were posted (errors and input kept)."""
    drafts = list(ticket.drafts.select_related("author"))
    if ticket.kind == Kind.EDITING:
        for draft in drafts:
            draft.changes = selectors.text_diff(ticket.body, draft.text)
    closed = ticket.state == T.RESOLVED
    reopen_refusal = selectors.reopen_refusal(ticket=ticket) if closed else None
    rating = getattr(ticket, "rating", None) if closed else None
    if rating_form is None:
        rating_form = RatingForm(
            initial={"satisfaction": str(rating.satisfaction), "comment": rating.comment}
            if rating
            else None
        )
    bound = [f for f in (reply_form, rating_form, action_form) if f is not None and f.is_bound]
    return render(
        request,
        "mentors/help_ticket.html",
        {
            "ticket": ticket,
            "detail_rows": details_for_display(ticket),
            "thread": ticket.messages.filter(internal=False).select_related("author"),
            "attachments": selectors.visible_attachments(ticket=ticket),
            "drafts": drafts,
            "can_reopen": closed and reopen_refusal is None,
            "reopen_limit": reopen_refusal == services.ERROR_REOPEN_LIMIT,
            "rating": rating,
            "reply_form": reply_form or HelpReplyForm(),
            "rating_form": rating_form,
            "action_form": action_form,
        },
        status=400 if any(f.errors for f in bound) else 200,
    )


def _ticket_action(request, pk, action, success: str):
    """A button on the request page (close, reopen): a refusal is shown on the page."""
    ticket = _own_ticket(request, pk)
    form = TicketActionForm(request.POST)
    try:
        action(ticket)
    except services.DeskError as problem:
        refuse(form, problem)
        return _help_page(request, ticket, action_form=form)
    if success:
        messages.success(request, success)
    return redirect("mentors:help_ticket", pk=pk)


@require_POST
@participant_required
def help_close(request, pk: int):
    return _ticket_action(
        request,
        pk,
        lambda t: services.ticket_resolve(ticket=t, by=request.user),
        success=_("Glad you were helped. You can rate the help below."),
    )


@require_POST
@participant_required
def help_reopen(request, pk: int):
    return _ticket_action(
        request, pk, lambda t: services.ticket_reopen(ticket=t, user=request.user), success=""
    )


@require_POST
@participant_required
def help_rate(request, pk: int):
    ticket = _own_ticket(request, pk)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.ticket_rate(
                ticket=ticket,
                user=request.user,
                satisfaction=form.cleaned_data["satisfaction"],
                comment=form.cleaned_data["comment"],
            )
        except services.DeskError as problem:
            refuse(form, problem)
        else:
            messages.success(request, _("Thank you for your rating."))
            return redirect("mentors:help_ticket", pk=pk)
    return _help_page(request, ticket, rating_form=form)


@never_cache
def attachment(request, pk: int):
    """An attachment, for the request's author (not on internal notes) and for the mentors
    who may open the request on the desk (see `access`)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    found = get_object_or_404(Attachment.objects.select_related("ticket", "message"), pk=pk)
    if not access.can_download(request.user, found):
        raise Http404
    response = FileResponse(
        found.file.open("rb"),
        content_type=found.content_type,
        as_attachment=not found.content_type.startswith("image/"),
        filename=found.name,
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- for mentors ----------------------------------------------------------------------------


@mentor_required
def desk(request):
    form = DeskFilterForm(request.GET)
    view, kind = form.values["view"], form.values["kind"]
    after = selectors.cursor_text(request.GET.get("after", ""))
    now = timezone.now()
    # The tabs "Breaching soon" and "Breached" read the SLA marks: brought up to date first.
    tally.phases_advance(now=now, check=True)
    queue = kept.cached(
        request.user,
        f"queue:{view}:{kind}:{after}:{get_language()}",
        lambda: _queue(request.user, form, after),
    )
    return render(
        request,
        "mentors/desk.html",
        {
            "queue": queue,
            # The rows are kept drawn; their due times are drawn for this moment.
            "rows": with_due(queue["rows"], now),
            "view": view,
            "kind": kind,
            # Above every tab: urgent mediation nobody has taken yet, with "Take it".
            "urgent": selectors.urgent_untaken(user=request.user, limit=10),
            "now": now,
            "views": [
                ("mine", _("Mine")),
                ("unassigned", _("Unassigned")),
                ("soon", _("Breaching soon")),
                ("breached", _("Breached")),
                ("all", _("All open")),
            ],
        },
    )


def _queue(user, form: DeskFilterForm, after: str) -> dict:
    """One tab of the queue as the page shows it: its rows and the filter bar drawn (neither
    holds a form token: the filter is a GET form), the tab counts and the paging."""
    view, kind = form.values["view"], form.values["kind"]
    page = selectors.queue_page(user=user, view=view, kind=kind, after=after)
    # Drawn with escaping, they are SafeStrings, and stay so when kept.
    return {
        "rows": queue_rows(page.tickets),
        "filter": form["view"].as_widget() + form["kind"].as_field_group(),
        "counts": selectors.queue_counts(user=user),
        "next_after": page.next_after,
        "first": page.first,
    }


@require_POST
@mentor_required
def desk_take(request, pk: int):
    """ "Take it" from the urgent banner or the desk's Urgent group: then on to the request
    with the reply box ready. Someone was quicker: back to the desk, told so."""
    ticket = get_object_or_404(Ticket, pk=pk)
    form = ButtonForm(request.POST)
    form.is_valid()
    try:
        services.ticket_take_urgent(ticket=ticket, mentor=request.user)
    except services.DeskError as problem:
        messages.error(request, str(problem))
        return redirect("mentors:desk")
    return redirect(reverse("mentors:desk_ticket", args=[pk]) + f"?{REPLY_NOW}=1")


@never_cache
@mentor_required
def desk_ticket(request, pk: int):
    """A request on the desk, for those who may open it (else not found, as for anyone).
    Opening it changes nothing: picking it up is a button (a POST).
    Read from what the desk keeps (`kept`) unless something is posted."""
    posted = request.POST if request.method == "POST" else None
    if posted is None:
        shown = kept.cached(request.user, f"ticket:{pk}", lambda: _ticket_shown(request.user, pk))
    else:
        shown = _ticket_shown(request.user, pk)
    if shown is None:
        raise Http404
    ticket = shown["ticket"]
    action_form = DeskActionForm(posted)
    action = action_form.cleaned_data["action"] if action_form.is_valid() else ""
    forms_ = {
        "reply": DeskReplyForm(
            posted if action == "reply" else None,
            request.FILES if action == "reply" else None,
            auto_id="%s",
        ),
        "draft": DraftForm(
            posted if action == "draft" else None, ticket=ticket, auto_id="draft-%s"
        ),
        "reassign": ReassignForm(
            posted if action == "reassign" else None,
            ticket=ticket,
            candidates=shown["candidates"],
            auto_id="%s",
        ),
        "keep": KeepForm(
            posted if action == "keep" else None,
            initial={"reason": ticket.keep_reason},
            auto_id="keep_%s",
        ),
    }
    if posted is None and request.GET.get(REPLY_NOW) and access.can_work(request.user, ticket):
        forms_["reply"].fields["body"].widget.attrs["autofocus"] = True
    if posted is not None:
        form = forms_.get(action, action_form)
        if form.is_valid():
            try:
                _desk_action(request.user, ticket, action, form)
            except services.DeskError as problem:
                refuse(form, problem)
            else:
                ticket.refresh_from_db()
                if not access.can_open(request.user, ticket):
                    messages.success(request, _("The request is handed over."))
                    return redirect("mentors:desk")
                return redirect("mentors:desk_ticket", pk=pk)
        shown = _ticket_shown(request.user, pk) or shown
        ticket = shown["ticket"]
        if form is not action_form and not _form_shown(request.user, ticket, action):
            # The request changed meanwhile (closed, handed over): say why at the top.
            for error in form.non_field_errors():
                action_form.add_error(None, error)
    return render(
        request,
        "mentors/desk_ticket.html",
        {
            **shown,
            "detail_rows": details_for_display(ticket),
            "can_take": ticket.state == T.QUEUED and access.can_take(request.user, ticket),
            "can_work": access.can_work(request.user, ticket),
            "action_form": action_form,
            "now": timezone.now(),
            **{f"{name}_form": form for name, form in forms_.items()},
        },
        status=400 if posted is not None else 200,
    )


def _ticket_shown(user, pk: int) -> dict | None:
    """A request as its desk page shows it, with its thread, attachments, drafts, history,
    rating and the canned responses for its kind; None if `user` may not open it."""
    ticket = (
        Ticket.objects.select_related("requester", "assignee")
        .filter(access.open_to_q(user), pk=pk)
        .first()
    )
    if ticket is None:
        return None
    return {
        "ticket": ticket,
        "thread": list(ticket.messages.select_related("author")),
        "attachments": list(ticket.attachments.select_related("message")),
        "drafts": list(ticket.drafts.select_related("author")),
        "events": list(ticket.events.select_related("actor", "to_user")),
        "canned": list(selectors.canned_for(kind=ticket.kind)),
        "rating": Rating.objects.filter(ticket=ticket).first(),
        "candidates": handover_choices(ticket),
    }


def _form_shown(user, ticket: Ticket, action: str) -> bool:
    """Whether the desk page shows the form of `action` (as the template decides)."""
    working = access.can_work(user, ticket)
    if action == "keep":
        return working
    if action == "draft" and ticket.kind not in (Kind.GHOSTWRITING, Kind.EDITING):
        return False
    return working and ticket.state != T.RESOLVED


def _desk_action(user, ticket: Ticket, action: str, form) -> None:
    """Carry out the pressed button through its service, with the form's cleaned data."""
    data = form.cleaned_data
    if action == "reply":
        services.ticket_reply(
            ticket=ticket,
            author=user,
            body=data["body"],
            internal=data["internal"],
            files=data["files"],
            then_wait=form.then_wait,
        )
    elif action == "take":
        services.ticket_take(ticket=ticket, mentor=user)
    elif action == "pickup":
        services.ticket_pick_up(ticket=ticket, mentor=user)
    elif action == "wait":
        services.ticket_wait(ticket=ticket, mentor=user)
    elif action == "resolve":
        services.ticket_resolve(ticket=ticket, by=user)
    elif action == "reassign":
        services.ticket_reassign(
            ticket=ticket, to_user=data["to_user"], actor=user, reason=data["reason"]
        )
    elif action == "draft":
        services.draft_add(ticket=ticket, mentor=user, text=data["text"])
    elif action == "keep":
        services.ticket_keep(ticket=ticket, mentor=user, reason=data["reason"])


@mentor_required
def desk_figures(request):
    """Team figures: a mentor sees their own, the team lead sees everyone's."""
    lead = access.desk_role(request.user).lead
    only = None if lead else request.user
    return render(
        request,
        "mentors/desk_figures.html",
        {
            "lead": lead,
            "by_kind": selectors.figures(group_by="kind", mentor=only),
            "by_mentor": selectors.figures(group_by="mentor", mentor=only),
        },
    )


@mentor_required
def desk_canned(request):
    """Canned responses per kind, kept by the mentors themselves."""
    form = CannedResponseForm()
    if request.method == "POST":
        if "delete" in request.POST:
            delete = CannedDeleteForm(request.POST)
            if delete.is_valid():
                services.canned_delete(user=request.user, canned=delete.cleaned_data["delete"])
                messages.success(request, _("Canned response deleted."))
            else:
                messages.error(request, _("That canned response was deleted already."))
            return redirect("mentors:desk_canned")
        form = CannedResponseForm(request.POST)
        if form.is_valid():
            try:
                services.canned_create(user=request.user, **form.cleaned_data)
            except services.DeskError as problem:
                refuse(form, problem)
            else:
                messages.success(request, _("Canned response saved."))
                return redirect("mentors:desk_canned")
    return render(
        request,
        "mentors/desk_canned.html",
        {"responses": CannedResponse.objects.all(), "form": form},
        status=400 if form.errors else 200,
    )


@mentor_required
def desk_availability(request):
    """A mentor sets how many requests they take at once and when they are away."""
    profile = MentorProfile.objects.filter(user=request.user).first()
    if profile is None:
        profile = MentorProfile(user=request.user)
    form = AvailabilityForm(posted(request), instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.availability_set(user=request.user, **form.cleaned_data)
        except services.DeskError as problem:
            refuse(form, problem)
        else:
            messages.success(request, _("Your availability is saved."))
            return redirect("mentors:desk_availability")
    return render(
        request,
        "mentors/desk_availability.html",
        {"form": form, "profile": profile},
        status=400 if request.method == "POST" else 200,
    )
