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
from ambassadors.gates import unmet_gate_shown
from ambassadors.models import Stage
from ambassadors.views import participant_required
from core.forms import refuse

from . import rubric_selectors, selectors, services
from .drafts import draft_origins, draft_text
from .forms import (
    ActionForm,
    EvidenceForm,
    PeerOptInForm,
    PromotionAnswerForm,
    ReviewFilterForm,
    ReviewForm,
    RubricReviewForm,
)
from .models import Assignment, Campaign, Mission, PeerReviewOptIn, Submission
from .selectors import review_queue

# image_clean() re-encodes every screenshot as one of these.
EVIDENCE_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
DRAFT_REF_LENGTH = Submission._meta.get_field("draft_ref").max_length

reviewer_required = role_required(services.is_reviewer)


def _draft_ref(request) -> str:
    """The mentor desk draft named in the address, if it is one this person may use."""
    draft = request.GET.get("draft", "")[:DRAFT_REF_LENGTH]
    return draft if draft_text(request.user, draft) is not None else ""


def _render_list(request, *, pick_form: ActionForm | None = None, status: int = 200):
    ambassador = request.ambassador
    return render(
        request,
        "missions/list.html",
        {
            **selectors.missions_page_data(ambassador=ambassador, request=request),
            # Coming from a draft the mentor desk wrote: offer to start a mission from it.
            "draft": _draft_ref(request),
            "gate": unmet_gate_shown(request.user),
            "paused": ambassador.status != ambassador.Status.ACTIVE,
            "pick_form": pick_form,
        },
        status=status,
    )


@participant_required
def mission_list(request):
    return _render_list(request)


@require_POST
@participant_required
def mission_pick(request, mission_id: int):
    mission = get_object_or_404(Mission, pk=mission_id)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            assignment = services.mission_pick(user=request.user, mission=mission)
        except services.MissionError as error:
            refuse(form, error)
        else:
            messages.success(request, _("Mission accepted. Take your time."))
            return redirect("missions:assignment", pk=assignment.pk)
    return _render_list(request, pick_form=form, status=400)


def _own_assignment(request, pk: int) -> Assignment:
    """The person's own assignment; someone else's is simply not found."""
    return get_object_or_404(
        Assignment.objects.select_related("mission", "mission__content_item", "mission__course"),
        pk=pk,
        user=request.user,
    )


def _render_assignment(
    request,
    assignment: Assignment,
    *,
    form: EvidenceForm | None = None,
    action_form: ActionForm | None = None,
    status: int = 200,
):
    if form is None:
        draft = _draft_ref(request)
        form = EvidenceForm(
            mission=assignment.mission,
            initial={"draft": draft, "text": draft_text(request.user, draft) if draft else ""},
        )
    return render(
        request,
        "missions/assignment.html",
        {
            "assignment": assignment,
            "mission": assignment.mission,
            "submissions": assignment.submissions.all(),
            "actions": assignment.person_actions,
            # Open work whose date passed: the page says so instead of showing a form.
            "past_due": (assignment.can("accept") or assignment.can("submit"))
            and assignment.is_past_due(),
            "form": form,
            "action_form": action_form,
            "rubric_feedback": rubric_selectors.rubric_feedback(assignment=assignment),
        },
        status=status,
    )


@never_cache
@participant_required
def assignment_detail(request, pk: int):
    assignment = _own_assignment(request, pk)
    if request.method != "POST":
        return _render_assignment(request, assignment)
    form = EvidenceForm(request.POST, request.FILES, mission=assignment.mission)
    if form.is_valid():
        try:
            services.assignment_submit(
                user=request.user,
                assignment=assignment,
                link=form.cleaned_data["link"],
                screenshot=form.cleaned_data["screenshot"],
                text=form.cleaned_data["text"],
                draft_ref=form.cleaned_data["draft"],
            )
        except services.MissionError as error:
            refuse(form, error)
        else:
            messages.success(
                request, _("Thank you! A mentor or the comms team will look at it soon.")
            )
            return redirect("missions:assignment", pk=assignment.pk)
    return _render_assignment(request, assignment, form=form, status=400)


ANSWERS = {"accept": services.assignment_accept, "decline": services.assignment_decline}


@require_POST
@participant_required
def assignment_answer(request, pk: int, answer: str):
    """Accept or decline an offer (or let go of an accepted mission): both are fine."""
    assignment = _own_assignment(request, pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            ANSWERS[answer](user=request.user, assignment=assignment)
        except services.MissionError as error:
            refuse(form, error)
        else:
            if answer == "accept":
                messages.success(request, _("Mission accepted. Take your time."))
                return redirect("missions:assignment", pk=pk)
            messages.info(request, _("No problem. The mission is off your list."))
            return redirect("missions:list")
    assignment.refresh_from_db()
    return _render_assignment(request, assignment, action_form=form, status=400)


@participant_required
def leaderboard(request):
    ambassador = request.ambassador
    scope = "team" if request.GET.get("scope") == "team" and ambassador.department_id else "all"
    rows = (
        selectors.leaderboard(ambassador=ambassador, scope=scope)
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
    if submission.assignment.user_id != request.user.pk and not services.is_reviewer(request.user):
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
    campaigns = Campaign.objects.order_by("-starts_at").values_list("pk", "name")[:50]
    form = ReviewFilterForm(request.GET, campaigns=list(campaigns))
    filters = form.values
    queue = review_queue(reviewer=request.user, **filters)
    page = Paginator(queue, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "missions/review_queue.html",
        {"page": page, "filters": filters, "filter_form": form},
    )


@reviewer_required
def review_detail(request, pk: int):
    assignment = get_object_or_404(
        Assignment.objects.select_related("mission", "user", "user__ambassador", "campaign"),
        pk=pk,
    )
    # A production mission with a rubric: the reviewer's scores go with their decision.
    criteria = (
        services.rubric_needed(assignment=assignment, reviewer=request.user)
        if assignment.awaits_review
        else []
    )
    data = request.POST if request.method == "POST" else None
    form = ReviewForm(data, criteria=criteria)
    if form.is_bound and form.is_valid():
        try:
            services.assignment_review(
                assignment=assignment,
                reviewer=request.user,
                action=form.action,
                feedback=form.cleaned_data["feedback"],
                scores=form.scores,
            )
        except services.MissionError as error:
            refuse(form, error)
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
            "form": form,
            "agreement": rubric_selectors.rubric_agreement(
                submission=submissions[0] if submissions else None, mission=assignment.mission
            ),
        },
        status=400 if form.errors else 200,
    )


@reviewer_required
def calibration(request):
    """For mentors: how far colleagues' rubric scores sit from mentors', per criterion."""
    return render(
        request,
        "missions/calibration.html",
        {
            "rows": rubric_selectors.calibration(),
            "days": rubric_selectors.CALIBRATION_WINDOW.days,
            "minimum": rubric_selectors.MINIMUM_GROUP,
        },
    )


def _render_peer_list(request, *, opt_in_form: PeerOptInForm | None = None, status: int = 200):
    user = request.user
    ambassador = request.ambassador
    production = ambassador.stage == Stage.PRODUCTION
    opted_in = PeerReviewOptIn.objects.filter(user=user).exists()
    may_review = production and opted_in and ambassador.status == ambassador.Status.ACTIVE
    return render(
        request,
        "missions/peer_review_list.html",
        {
            "production": production,
            "opted_in": opted_in,
            "queue": rubric_selectors.peer_review_queue(user=user) if may_review else [],
            "may_review": may_review,
            "this_week": rubric_selectors.peer_reviews_this_week(user=user),
            "per_week": services.PEER_REVIEWS_PER_WEEK,
            "opt_in_form": opt_in_form,
        },
        status=status,
    )


@participant_required
def peer_review_list(request):
    return _render_peer_list(request)


@require_POST
@participant_required
def peer_review_opt_in(request):
    form = PeerOptInForm(request.POST)
    if form.is_valid():
        try:
            opted_in = services.peer_review_opt_in(user=request.user, opt_in=form.opt_in)
        except services.MissionError as error:
            refuse(form, error)
        else:
            if opted_in:
                messages.success(request, _("Thank you! Pick a colleague's post below."))
            else:
                messages.info(request, _("Fine. You no longer review colleagues' work."))
            return redirect("missions:peer_reviews")
    return _render_peer_list(request, opt_in_form=form, status=400)


@never_cache
@participant_required
def peer_review(request, pk: int):
    """A colleague's production work and the rubric to review it with (opted-in peers)."""
    if not services.peer_reviewer_ok(request.user):
        raise Http404
    assignment = get_object_or_404(rubric_selectors.peer_reviewable(user=request.user), pk=pk)
    criteria = rubric_selectors.criteria_of(assignment.mission)
    data = request.POST if request.method == "POST" else None
    form = RubricReviewForm(data, criteria=criteria)
    if form.is_bound and form.is_valid():
        try:
            services.rubric_review_submit(
                reviewer=request.user,
                assignment=assignment,
                scores=form.scores,
                comment=form.cleaned_data["comment"],
            )
        except services.MissionError as error:
            refuse(form, error)
        else:
            messages.success(request, _("Thank you for your review!"))
            return redirect("missions:peer_reviews")
    return render(
        request,
        "missions/peer_review.html",
        {
            "assignment": assignment,
            "mission": assignment.mission,
            "rubric": assignment.mission.rubric,
            "submission": Submission.objects.get(pk=assignment.latest_submission),
            "form": form,
        },
        status=400 if form.errors else 200,
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
