"""The employee's help pages and the mentors' desk."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ambassadors.access import role_required
from ambassadors.roles import is_mentor
from ambassadors.views import participant_required
from core.numbers import query_int

from . import access, selectors, services
from .forms import FORMS, details_for_display
from .models import Attachment, CannedResponse, Kind, MentorProfile, Ticket

T = Ticket.State


mentor_required = role_required(is_mentor)


# --- for employees --------------------------------------------------------------------------


@participant_required
def help_home(request):
    tickets = Ticket.objects.filter(requester=request.user).order_by("-created_at")
    page = Paginator(tickets, 20).get_page(request.GET.get("page"))
    # Mediation first: the one that cannot wait.
    order = [Kind.MEDIATION, Kind.QUESTION, Kind.COACHING, Kind.GHOSTWRITING, Kind.EDITING]
    kinds = [(kind, FORMS[kind].intro) for kind in order]
    return render(request, "mentors/help_home.html", {"page": page, "kinds": kinds})


@participant_required
def help_new(request, kind: str):
    if kind not in Kind.values:
        raise Http404
    form_class = FORMS[kind]
    form = form_class(request.POST or None, request.FILES or None)
    error = ""
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
            error = str(problem)
        else:
            messages.success(request, _("Your request is in. A mentor will get back to you."))
            return redirect("mentors:help_ticket", pk=ticket.pk)
    return render(
        request,
        "mentors/help_new.html",
        {"form": form, "kind": Kind(kind), "intro": form_class.intro, "error": error},
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
    error = ""
    if request.method == "POST":
        try:
            services.ticket_reply(
                ticket=ticket,
                author=request.user,
                body=request.POST.get("body", ""),
                files=request.FILES.getlist("files"),
            )
        except services.DeskError as problem:
            error = str(problem)
        else:
            return redirect("mentors:help_ticket", pk=pk)
    thread = ticket.messages.filter(internal=False).select_related("author")
    attachments = ticket.attachments.filter(
        Q(message__isnull=True) | Q(message__internal=False)
    ).order_by("created_at")
    drafts = list(ticket.drafts.select_related("author"))
    if ticket.kind == Kind.EDITING:
        for draft in drafts:
            draft.changes = selectors.text_diff(ticket.body, draft.text)
    reopen_refusal = services.reopen_refusal(ticket) if ticket.state == T.RESOLVED else None
    return render(
        request,
        "mentors/help_ticket.html",
        {
            "ticket": ticket,
            "detail_rows": details_for_display(ticket),
            "thread": thread,
            "attachments": attachments,
            "drafts": drafts,
            "can_reopen": ticket.state == T.RESOLVED and reopen_refusal is None,
            "reopen_limit": reopen_refusal == services.ERROR_REOPEN_LIMIT,
            "rating": getattr(ticket, "rating", None) if ticket.state == T.RESOLVED else None,
            "error": error,
        },
        status=400 if error else 200,
    )


def _ticket_action(request, pk, action):
    ticket = _own_ticket(request, pk)
    try:
        action(ticket)
    except services.DeskError as problem:
        messages.error(request, str(problem))
    return redirect("mentors:help_ticket", pk=pk)


@require_POST
@participant_required
def help_close(request, pk: int):
    messages.success(request, _("Glad you were helped. You can rate the help below."))
    return _ticket_action(request, pk, lambda t: services.ticket_resolve(ticket=t, by=request.user))


@require_POST
@participant_required
def help_reopen(request, pk: int):
    return _ticket_action(
        request, pk, lambda t: services.ticket_reopen(ticket=t, user=request.user)
    )


@require_POST
@participant_required
def help_rate(request, pk: int):
    def rate(ticket):
        services.ticket_rate(
            ticket=ticket,
            user=request.user,
            satisfaction=request.POST.get("satisfaction"),
            comment=request.POST.get("comment", ""),
        )
        messages.success(request, _("Thank you for your rating."))

    return _ticket_action(request, pk, rate)


@never_cache
def attachment(request, pk: int):
    """An attachment, for the request's author (not on internal notes) and for the mentors
    who may open the request on the desk (see `access`)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    found = get_object_or_404(Attachment.objects.select_related("ticket", "message"), pk=pk)
    own = found.ticket.requester_id == request.user.pk and not (
        found.message is not None and found.message.internal
    )
    if not (own or access.can_open(request.user, found.ticket)):
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
    view = request.GET.get("view", "mine")
    view = view if view in selectors.VIEWS else "mine"
    kind = request.GET.get("kind", "")
    tickets = selectors.queue(user=request.user, view=view, kind=kind)
    page = Paginator(tickets, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "mentors/desk.html",
        {
            "page": page,
            "view": view,
            "kind": kind,
            "kinds": Kind.choices,
            "counts": selectors.queue_counts(user=request.user),
            "now": timezone.now(),
            "views": [
                ("mine", _("Mine")),
                ("unassigned", _("Unassigned")),
                ("soon", _("Breaching soon")),
                ("breached", _("Breached")),
                ("all", _("All open")),
            ],
        },
    )


DESK_ACTIONS = {"reply", "take", "pickup", "wait", "resolve", "reassign", "draft", "keep"}


@never_cache
@mentor_required
def desk_ticket(request, pk: int):
    """A request on the desk, for those who may open it (else not found, as for anyone)."""
    ticket = get_object_or_404(
        Ticket.objects.select_related("requester", "assignee").filter(
            access.open_to_q(request.user)
        ),
        pk=pk,
    )
    error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            _desk_action(request, ticket, action)
        except services.DeskError as problem:
            error = str(problem)
        else:
            ticket.refresh_from_db()
            if not access.can_open(request.user, ticket):
                messages.success(request, _("The request is handed over."))
                return redirect("mentors:desk")
            return redirect("mentors:desk_ticket", pk=pk)
    ticket.refresh_from_db()
    mentors = (
        MentorProfile.objects.filter(
            **{f"handles_{ticket.kind}": True},
            user__in=User.objects.filter(access.mentors_q()).values("pk"),
        )
        .exclude(user__in=[ticket.assignee_id, ticket.requester_id])
        .select_related("user")
        .annotate(
            open_count=Count(
                "user__assigned_tickets",
                filter=Q(user__assigned_tickets__state__in=[T.ASSIGNED, T.WAITING]),
            )
        )
    )
    return render(
        request,
        "mentors/desk_ticket.html",
        {
            "ticket": ticket,
            "detail_rows": details_for_display(ticket),
            "thread": ticket.messages.select_related("author"),
            "attachments": ticket.attachments.select_related("message"),
            "drafts": ticket.drafts.select_related("author"),
            "events": ticket.events.select_related("actor", "to_user"),
            "canned": CannedResponse.objects.filter(Q(kind="") | Q(kind=ticket.kind)),
            "mentors": mentors,
            "rating": getattr(ticket, "rating", None),
            "can_take": ticket.state == T.QUEUED and access.can_take(request.user, ticket),
            "can_work": access.can_work(request.user, ticket),
            "error": error,
            "now": timezone.now(),
        },
        status=400 if error else 200,
    )


def _desk_action(request, ticket: Ticket, action: str) -> None:
    user = request.user
    if action not in DESK_ACTIONS:
        raise services.DeskError(_("Unknown action."))
    if action == "reply":
        services.ticket_reply(
            ticket=ticket,
            author=user,
            body=request.POST.get("body", ""),
            internal=request.POST.get("internal") == "on",
            files=request.FILES.getlist("files"),
            then_wait=request.POST.get("then") == "wait",
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
        to_user = query_int(request.POST, "to_user", minimum=1)
        target = User.objects.filter(pk=to_user).first() if to_user else None
        if target is None:
            raise services.DeskError(_("Choose a mentor."))
        services.ticket_reassign(
            ticket=ticket, to_user=target, actor=user, reason=request.POST.get("reason", "")
        )
    elif action == "draft":
        services.draft_add(ticket=ticket, mentor=user, text=request.POST.get("text", ""))
    elif action == "keep":
        services.ticket_keep(ticket=ticket, mentor=user, reason=request.POST.get("reason", ""))


@mentor_required
def desk_figures(request):
    """Team figures: a mentor sees their own, the team lead sees everyone's."""
    profile = MentorProfile.objects.filter(user=request.user).first()
    lead = bool(profile and profile.is_team_lead)
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
    error = ""
    if request.method == "POST":
        if "delete" in request.POST:
            pk = query_int(request.POST, "delete", minimum=1)
            if pk is not None:
                CannedResponse.objects.filter(pk=pk).delete()
            return redirect("mentors:desk_canned")
        title = request.POST.get("title", "").strip()[:120]
        body = request.POST.get("body", "").strip()[:5000]
        kind = request.POST.get("kind", "")
        if not title or not body or (kind and kind not in Kind.values):
            error = _("Give the response a title and a text.")
        else:
            from core.sanitise import clean_text

            CannedResponse.objects.create(title=clean_text(title), body=clean_text(body), kind=kind)
            messages.success(request, _("Canned response saved."))
            return redirect("mentors:desk_canned")
    return render(
        request,
        "mentors/desk_canned.html",
        {"responses": CannedResponse.objects.all(), "kinds": Kind.choices, "error": error},
        status=400 if error else 200,
    )


class AvailabilityForm(forms.ModelForm):
    class Meta:
        model = MentorProfile
        fields = ["capacity", "away_from", "away_until"]
        widgets = {
            "away_from": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "away_until": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("away_from"), cleaned.get("away_until")
        if start and end and end <= start:
            raise forms.ValidationError(_("“Away until” must be after “away from”."))
        return cleaned


@mentor_required
def desk_availability(request):
    """A mentor sets how many requests they take at once and when they are away."""
    profile = MentorProfile.objects.filter(user=request.user).first()
    if profile is None:
        profile = MentorProfile(user=request.user)
    form = AvailabilityForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your availability is saved."))
        return redirect("mentors:desk_availability")
    return render(
        request,
        "mentors/desk_availability.html",
        {"form": form, "profile": profile},
        status=400 if request.method == "POST" else 200,
    )
