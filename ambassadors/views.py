from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .access import participant_or_redirect
from .dashboard import panels_for
from .forms import NetworksForm, ProfileForm, QueuedPasswordResetForm
from .models import Ambassador, Language, Notification, Stage

PATH_STEPS = [
    {
        "stage": Stage.ENGAGEMENT,
        "summary": gettext_lazy(
            "Like, share and briefly comment on posts of the organisation and of colleagues."
        ),
    },
    {
        "stage": Stage.CURATION,
        "summary": gettext_lazy(
            "Share articles, reports and news from others that matter in your field, "
            "each with a short comment of your own."
        ),
    },
    {
        "stage": Stage.PRODUCTION,
        "summary": gettext_lazy(
            "Make your own content: articles, photos or videos about customer visits, "
            "events, training or your view on the news."
        ),
    },
]


class PasswordResetView(auth_views.PasswordResetView):
    """The password reset form, given the request so it can limit requests per address."""

    form_class = QueuedPasswordResetForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


def participant_required(view):
    """Signed in and taking part (or paused); otherwise to the login or consent page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        refusal = participant_or_redirect(request)
        if refusal is not None:
            return refusal
        return view(request, *args, **kwargs)

    return wrapped


def home(request):
    if request.user.is_authenticated:
        return redirect("ambassadors:dashboard")
    return render(request, "ambassadors/home.html")


@login_required
def welcome(request):
    """The consent page: what the programme is and exactly what is recorded."""
    ambassador = services.ambassador_get_or_create(user=request.user)
    if request.method == "POST":
        if request.POST.get("consent") != "yes":
            messages.error(request, _("Tick the box to confirm that you want to take part."))
        else:
            try:
                services.ambassador_join(ambassador=ambassador)
            except services.ParticipationError as error:
                messages.info(request, str(error))
            else:
                messages.success(request, _("Welcome! You are now taking part."))
            return redirect("ambassadors:dashboard")
    elif ambassador.status in (Ambassador.Status.ACTIVE, Ambassador.Status.PAUSED):
        return redirect("ambassadors:dashboard")
    return render(
        request,
        "ambassadors/welcome.html",
        {
            "ambassador": ambassador,
            "rejoining": ambassador.status == Ambassador.Status.LEFT,
            "consent_version": services.CONSENT_VERSION,
        },
    )


@participant_required
def dashboard(request):
    ambassador = request.ambassador
    steps = [
        {
            **step,
            "label": step["stage"].label,
            "done": step["stage"] < ambassador.stage,
            "current": step["stage"] == ambassador.stage,
        }
        for step in PATH_STEPS
    ]
    next_stage = Stage(ambassador.stage + 1) if ambassador.stage < Stage.PRODUCTION else None
    recent = selectors.notifications_shown(user=request.user)[:5]
    return render(
        request,
        "ambassadors/dashboard.html",
        {
            "ambassador": ambassador,
            "steps": steps,
            "next_stage": next_stage,
            "recent": recent,
            "budget": selectors.budget_status(ambassador=ambassador),
            "panels": panels_for(request, ambassador),
        },
    )


@participant_required
def profile(request):
    ambassador = request.ambassador
    budget_default = selectors.default_weekly_budget()
    quiet_default = selectors.programme_quiet_hours()
    if request.method == "POST":
        form = ProfileForm(
            request.POST,
            instance=ambassador,
            budget_default=budget_default,
            quiet_default=quiet_default,
        )
        networks = NetworksForm(request.POST, ambassador=ambassador)
        if form.is_valid() and networks.is_valid():
            with transaction.atomic():
                form.save()
                networks.save()
            translation.activate(form.instance.language)
            messages.success(request, _("Your profile has been saved."))
            response = redirect("ambassadors:profile")
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, form.instance.language)
            return response
        messages.error(request, _("Please correct the errors below."))
    else:
        form = ProfileForm(
            instance=ambassador, budget_default=budget_default, quiet_default=quiet_default
        )
        networks = NetworksForm(ambassador=ambassador)
    return render(
        request,
        "ambassadors/profile.html",
        {"ambassador": ambassador, "form": form, "networks": networks},
    )


@require_POST
@participant_required
def participation(request):
    actions = {
        "pause": (
            services.ambassador_pause,
            _("Paused. You will get no suggestions until you resume."),
        ),
        "resume": (services.ambassador_resume, _("Welcome back! Suggestions will come again.")),
        "leave": (
            services.ambassador_leave,
            _("You have left the programme. You can rejoin whenever you like."),
        ),
    }
    action = actions.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Unknown choice."))
        return redirect("ambassadors:profile")
    change, message = action
    if change is services.ambassador_leave and request.POST.get("confirm") != "yes":
        return render(request, "ambassadors/leave_confirm.html", {"ambassador": request.ambassador})
    try:
        ambassador = change(ambassador=request.ambassador)
    except services.ParticipationError as error:
        messages.error(request, str(error))
        return redirect("ambassadors:profile")
    messages.success(request, message)
    if ambassador.status == Ambassador.Status.LEFT:
        return redirect("ambassadors:welcome")
    return redirect("ambassadors:profile")


@login_required
def notification_list(request):
    page = Paginator(selectors.notifications_shown(user=request.user), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "ambassadors/notifications.html", {"page": page})


@require_POST
@login_required
def notification_open(request, pk: int):
    """Mark as read and go to the notification's stored link (a local path, never user input)."""
    try:
        notification = services.notification_mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist as exc:
        raise Http404 from exc
    if notification.link and url_has_allowed_host_and_scheme(
        notification.link, allowed_hosts=None, require_https=False
    ):
        return HttpResponseRedirect(notification.link)
    return redirect("ambassadors:notifications")


@require_POST
@login_required
def notifications_read_all(request):
    count = services.notifications_mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s notification marked as read.",
            "%(count)s notifications marked as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("ambassadors:notifications")


@require_POST
def set_language(request):
    """Switch the interface language; for a signed-in person also in their profile."""
    language = request.POST.get("language", "")
    if language not in Language.values:
        language = settings.LANGUAGE_CODE
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("ambassadors:home")
    if request.user.is_authenticated:
        Ambassador.objects.filter(user=request.user).update(language=language)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


@login_required
@require_GET
@never_cache
def my_data(request):
    """Everything the platform keeps about the signed-in person, as a JSON download."""
    from django.core.serializers.json import DjangoJSONEncoder

    from .personal_data import personal_data

    response = JsonResponse(
        personal_data(request.user), encoder=DjangoJSONEncoder, json_dumps_params={"indent": 2}
    )
    response["Content-Disposition"] = (
        f'attachment; filename="ambassador-academy-{request.user.username}.json"'
    )
    return response


@login_required
@never_cache
def erase(request):
    """Erase the signed-in person's account, after they confirm with their password."""
    from django.contrib.auth import logout

    from .erasure import ErasureError, account_erase

    error = ""
    if request.method == "POST":
        if not request.user.check_password(request.POST.get("password", "")):
            error = _("That is not your password; nothing was erased.")
        else:
            try:
                account_erase(user=request.user)
            except ErasureError as problem:
                error = str(problem)
            else:
                logout(request)
                messages.success(request, _("Your account has been erased. Goodbye!"))
                return redirect("ambassadors:home")
    return render(
        request, "ambassadors/erase_confirm.html", {"error": error}, status=400 if error else 200
    )
