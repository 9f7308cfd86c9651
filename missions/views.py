"""Mission pages for ambassadors, and the review queue for mentors and comms staff."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ambassadors.access import role_required
from ambassadors.gates import first_unmet_gate
from ambassadors.models import Stage
from ambassadors.roles import is_comms, is_mentor
from ambassadors.views import participant_required

from . import services
from .drafts import draft_origins, draft_text
from .forms import PromotionAnswerForm
from .models import Assignment, Campaign, Mission, Submission
from .selectors import REVIEW_AGES, missions_for, review_queue

S = Assignment.State
# image_clean() re-encodes every screenshot as one of these.
EVIDENCE_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def is_reviewer(user) -> bool:
    return is_mentor(user) or is_comms(user)


reviewer_required = role_required(is_reviewer)


@participant_required
def mission_list(request):
    ambassador = request.ambassador
    points = services.points_total(request.user)
    # Coming from a draft the mentor desk wrote: offer to start a mission from it.
    draft = request.GET.get("draft", "")[:60]
    if draft_text(request.user, draft) is None:
        draft = ""
    return render(
        request,
        "missions/list.html",
        {
            "mine": missions_for(ambassador),
            "draft": draft,
            "points": points,
            "badges": services.badges_earned(points),
            "next_badge": next((m for m in services.MILESTONES if m > points), None),
            "gate": first_unmet_gate(request.user),
            "paused": ambassador.status != ambassador.Status.ACTIVE,
        },
    )


@require_POST
@participant_required
def mission_pick(request, mission_id: int):
    mission = get_object_or_404(Mission, pk=mission_id)
    try:
        assignment = services.mission_pick(user=request.user, mission=mission)
    except services.MissionError as error:
        messages.error(request, str(error))
        return redirect("missions:list")
    messages.success(request, _("Mission accepted. Take your time."))
    return redirect("missions:assignment", pk=assignment.pk)


def _own_assignment(request, pk: int) -> Assignment:
    """The person's own assignment; someone else's is simply not found."""
    return get_object_or_404(
        Assignment.objects.select_related("mission", "mission__content_item", "mission__course"),
        pk=pk,
        user=request.user,
    )


@never_cache
@participant_required
def assignment_detail(request, pk: int):
    assignment = _own_assignment(request, pk)
    error = ""
    values = {"link": "", "text": "", "draft": request.GET.get("draft", "")[:60]}
    if values["draft"]:
        values["text"] = draft_text(request.user, values["draft"]) or ""
        if not values["text"]:
            values["draft"] = ""
    if request.method == "POST":
        values = {
            "link": request.POST.get("link", ""),
            "text": request.POST.get("text", ""),
            "draft": request.POST.get("draft", "")[:60],
        }
        try:
            services.assignment_submit(
                user=request.user,
                assignment=assignment,
                link=values["link"],
                screenshot=request.FILES.get("screenshot"),
                text=values["text"],
                draft_ref=values["draft"],
            )
        except services.MissionError as problem:
            error = str(problem)
        else:
            messages.success(
                request, _("Thank you! A mentor or the comms team will look at it soon.")
            )
            return redirect("missions:assignment", pk=assignment.pk)
    return render(
        request,
        "missions/assignment.html",
        {
            "assignment": assignment,
            "mission": assignment.mission,
            "submissions": assignment.submissions.all(),
            "can_submit": assignment.state in (S.ACCEPTED, S.CHANGES_REQUESTED),
            "error": error,
            "values": values,
        },
        status=400 if error else 200,
    )


@require_POST
@participant_required
def assignment_answer(request, pk: int, answer: str):
    """Accept or decline an offer (or let go of an accepted mission): both are fine."""
    assignment = _own_assignment(request, pk)
    action = services.assignment_accept if answer == "accept" else services.assignment_decline
    try:
        action(user=request.user, assignment=assignment)
    except services.MissionError as error:
        messages.error(request, str(error))
        return redirect("missions:list")
    if answer == "accept":
        messages.success(request, _("Mission accepted. Take your time."))
        return redirect("missions:assignment", pk=pk)
    messages.info(request, _("No problem. The mission is off your list."))
    return redirect("missions:list")


@participant_required
def leaderboard(request):
    ambassador = request.ambassador
    scope = "team" if request.GET.get("scope") == "team" and ambassador.department_id else "all"
    rows = (
        services.leaderboard(ambassador=ambassador, scope=scope)
        if ambassador.leaderboard_visible
        else []
    )
    return render(
        request,
        "missions/leaderboard.html",
        {"rows": rows, "scope": scope, "opted_in": ambassador.leaderboard_visible},
    )


@never_cache
def evidence(request, pk: int):
    """A screenshot, only for the person who handed it in and for reviewers."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    submission = get_object_or_404(Submission.objects.select_related("assignment"), pk=pk)
    if submission.assignment.user_id != request.user.pk and not is_reviewer(request.user):
        raise Http404
    if not submission.screenshot:
        raise Http404
    extension = submission.screenshot.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        submission.screenshot.open("rb"),
        content_type=EVIDENCE_TYPES.get(extension, "application/octet-stream"),
    )
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, no-store"
    return response


@reviewer_required
def review_list(request):
    filters = {
        name: request.GET.get(name, "") for name in ("stage", "kind", "campaign", "older_than")
    }
    queue = review_queue(**filters)
    page = Paginator(queue, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "missions/review_queue.html",
        {
            "page": page,
            "filters": filters,
            "stages": Stage.choices,
            "kinds": Mission.Kind.choices,
            "campaigns": Campaign.objects.order_by("-starts_at")[:50],
            "ages": REVIEW_AGES,
        },
    )


REVIEW_ACTIONS = {
    "approve": services.assignment_approve,
    "changes": services.assignment_request_changes,
    "reject": services.assignment_reject,
}


@reviewer_required
def review_detail(request, pk: int):
    assignment = get_object_or_404(
        Assignment.objects.select_related("mission", "user", "user__ambassador", "campaign"),
        pk=pk,
    )
    error = ""
    if request.method == "POST":
        action = REVIEW_ACTIONS.get(request.POST.get("decision", ""))
        try:
            if action is None:
                raise services.MissionError(_("Choose approve, ask for changes or reject."))
            if assignment.user_id == request.user.pk:
                raise services.MissionError(_("Someone else reviews your own missions."))
            action(
                assignment=assignment,
                reviewer=request.user,
                feedback=request.POST.get("feedback", ""),
            )
        except services.MissionError as problem:
            error = str(problem)
        else:
            messages.success(request, _("Review saved; the ambassador has been told."))
            return redirect("missions:review_queue")
    submissions = list(assignment.submissions.all())
    _mark_drafts(submissions)
    return render(
        request,
        "missions/review.html",
        {
            "assignment": assignment,
            "mission": assignment.mission,
            "submissions": submissions,
            "error": error,
            "feedback": request.POST.get("feedback", ""),
        },
        status=400 if error else 200,
    )


def _mark_drafts(submissions: list[Submission]) -> None:
    """Tell the reviewer which texts came from a mentor's draft, and whether they changed."""
    origins = draft_origins({submission.draft_ref for submission in submissions})
    for submission in submissions:
        origin = origins.get(submission.draft_ref)
        submission.draft_origin = origin
        submission.draft_unchanged = origin is not None and (
            " ".join(origin.text.split()) == " ".join(submission.text.split())
        )


@require_POST
@participant_required
def promotion_answer(request):
    """Accept the invitation to the next stage, or stay: both are fine."""
    form = PromotionAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to move up or to stay."))
        return redirect("ambassadors:dashboard")
    try:
        ambassador = services.promotion_answer(user=request.user, accept=form.accepted)
    except services.MissionError as error:
        messages.error(request, str(error))
    else:
        if form.accepted:
            messages.success(
                request, _("Welcome to %(stage)s!") % {"stage": ambassador.stage_label}
            )
        else:
            messages.info(
                request,
                _(
                    "You stay where you are. The invitation stays open: you can move up "
                    "from your path whenever you like."
                ),
            )
    return redirect("ambassadors:dashboard")
