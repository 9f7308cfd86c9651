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
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.backends import password_sign_in_allowed
from core.forms import posted, refuse

from . import selectors, services
from .access import participant_or_redirect
from .dashboard import path_page_data
from .forms import (
    ButtonForm,
    ConsentForm,
    EraseForm,
    LanguageForm,
    NetworksForm,
    ParticipationForm,
    ProfileForm,
    QueuedPasswordResetForm,
    UnsubscribeForm,
)
from .gates import first_unmet_gate
from .models import Ambassador, Notification
from .roles import is_mentor
from .start import start_page_for


class PasswordResetView(auth_views.PasswordResetView):
    """The password reset form, given the request so it can limit requests per address."""

    form_class = QueuedPasswordResetForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choosing a new password from an e-mailed link; a link sent before password sign-in was
    switched off for this person counts as invalid."""

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is None or password_sign_in_allowed(user) else None


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
    """The front page; a signed-in person goes on to their start page (see `start`)."""
    if request.user.is_authenticated:
        return redirect(start_page_for(request.user))
    return render(request, "ambassadors/home.html")


def _after_joining(user) -> str:
    """Straight on to what stands before a first share (the guidelines), then the feed;
    with nothing in the way, the path."""
    gate = first_unmet_gate(user)
    if gate is None:
        return reverse("ambassadors:dashboard")
    # By URL name, not import: the feed is the higher sharing app's, where the gate leads.
    return f"{gate.url()}?{urlencode({'next': reverse('sharing:feed')})}"


@login_required
def welcome(request):
    """The consent page: what the programme is and exactly what is recorded."""
    # Reading the page records nothing: the profile is made when the person joins. (The
    # stand-in is made by id, so that it does not pass for the person's profile.)
    ambassador = selectors.profile_of(request.user) or Ambassador(user_id=request.user.pk)
    if request.method == "POST":
        form = ConsentForm(request.POST)
        if form.is_valid():
            try:
                services.ambassador_join(
                    ambassador=services.ambassador_get_or_create(user=request.user)
                )
            except services.ParticipationError as error:
                refuse(form, error)
            else:
                messages.success(request, _("Welcome! You are now taking part."))
                return HttpResponseRedirect(_after_joining(request.user))
    elif ambassador.status in (Ambassador.Status.ACTIVE, Ambassador.Status.PAUSED):
        return redirect("ambassadors:dashboard")
    else:
        form = ConsentForm()
    return render(
        request,
        "ambassadors/welcome.html",
        {
            "ambassador": ambassador,
            "form": form,
            "rejoining": ambassador.status == Ambassador.Status.LEFT,
            "consent_version": services.CONSENT_VERSION,
        },
        status=400 if form.errors else 200,
    )


@participant_required
def dashboard(request):
    ambassador = request.ambassador
    return render(
        request,
        "ambassadors/dashboard.html",
        {"ambassador": ambassador, **path_page_data(request, ambassador)},
    )


def _profile_forms(ambassador: Ambassador, data=None) -> tuple[ProfileForm, NetworksForm]:
    profile = ProfileForm(
        data,
        instance=ambassador,
        budget_default=selectors.default_weekly_budget(),
        quiet_default=selectors.programme_quiet_hours(),
        desk=is_mentor(ambassador.user),
    )
    return profile, NetworksForm(data, ambassador=ambassador)


def _profile_page(request, *, forms=None, participation=None, status: int = 200):
    form, networks = forms or _profile_forms(request.ambassador)
    return render(
        request,
        "ambassadors/profile.html",
        {
            "ambassador": request.ambassador,
            "form": form,
            "networks": networks,
            "participation": participation or ParticipationForm(),
        },
        status=status,
    )


@participant_required
def profile(request):
    if request.method != "POST":
        return _profile_page(request)
    form, networks = _profile_forms(request.ambassador, request.POST)
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
    return _profile_page(request, forms=(form, networks))


PARTICIPATION_CHANGES = {
    ParticipationForm.PAUSE: (
        services.ambassador_pause,
        gettext_lazy("Paused. You will get no suggestions until you resume."),
    ),
    ParticipationForm.RESUME: (
        services.ambassador_resume,
        gettext_lazy("Welcome back! Suggestions will come again."),
    ),
    ParticipationForm.LEAVE: (
        services.ambassador_leave,
        gettext_lazy("You have left the programme. You can rejoin whenever you like."),
    ),
}


@require_POST
@participant_required
def participation(request):
    """Pause, resume or leave; a change that is not possible is shown on the profile page."""
    form = ParticipationForm(request.POST)
    if form.is_valid():
        if form.needs_confirmation():
            return render(
                request, "ambassadors/leave_confirm.html", {"ambassador": request.ambassador}
            )
        change, message = PARTICIPATION_CHANGES[form.cleaned_data["action"]]
        try:
            ambassador = change(ambassador=request.ambassador)
        except services.ParticipationError as error:
            refuse(form, error)
        else:
            messages.success(request, message)
            if ambassador.status == Ambassador.Status.LEFT:
                return redirect("ambassadors:welcome")
            return redirect("ambassadors:profile")
    return _profile_page(request, participation=form, status=400)


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
    ButtonForm(request.POST).is_valid()
    try:
        notification = services.notification_mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist as exc:
        raise Http404 from exc
    link = notification.text.link  # the reader's language now: a page's own translation
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts=None, require_https=False):
        return HttpResponseRedirect(link)
    return redirect("ambassadors:notifications")


@require_POST
@login_required
def notifications_read_all(request):
    ButtonForm(request.POST).is_valid()
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
    form = LanguageForm(
        request.POST, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    form.is_valid()  # what cleans is safe: a known language, a local page; else the defaults
    language = form.cleaned_data.get("language")
    response = HttpResponseRedirect(form.cleaned_data.get("next") or reverse("ambassadors:home"))
    if not language:  # not a language of the site: nothing changes
        return response
    if request.user.is_authenticated:
        services.ambassador_language_set(user=request.user, language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


@csrf_exempt  # RFC 8058: mail programs post the one-click unsubscribe without a session
@require_http_methods(["GET", "POST"])
@never_cache
def unsubscribe(request, token: str):
    """The link in an e-mail's footer and List-Unsubscribe header, open without signing in:
    GET shows what will stop and a button, POST (the button, or a mail program's one-click)
    stops it. The signed token is the proof; a forged or expired one changes nothing."""
    template = "ambassadors/unsubscribe.html"
    try:
        link = services.unsubscribe_read(token=token)
    except services.UnsubscribeError as error:
        return render(request, template, {"error": error}, status=400)
    form = UnsubscribeForm(posted(request))
    with translation.override(selectors.recipient_language(link.ambassador)):
        if form.is_bound and form.is_valid():
            try:
                link = services.email_unsubscribe(token=token)
            except services.UnsubscribeError as error:
                return render(request, template, {"error": error}, status=400)
            return render(request, template, {"link": link, "unsubscribed": True})
        status = 400 if form.is_bound else 200
        return render(request, template, {"link": link, "form": form}, status=status)


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

    form = EraseForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            account_erase(user=request.user)
        except ErasureError as problem:
            refuse(form, problem)
        else:
            logout(request)
            messages.success(request, _("Your account has been erased. Goodbye!"))
            return redirect("ambassadors:home")
    return render(
        request,
        "ambassadors/erase_confirm.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
