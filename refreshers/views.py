"""The refreshers page: one due question at a time, graded on the server; the reminder
choice. Works without JavaScript: each answer is a plain form POST."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ambassadors.views import participant_required
from core.forms import refuse

from . import selectors, services
from .forms import AnswerForm, QuestionRefForm, ReminderForm


def _render(request, *, form=None, graded=None, status=200):
    waiting = selectors.waiting_for(
        request.user, language=selectors.page_language(), request=request
    )
    if form is None and graded is None and waiting.due:
        form = AnswerForm(refresher=waiting.due[0])
    return render(
        request,
        "refreshers/page.html",
        {
            "waiting": waiting,
            "form": form,
            "graded": graded,
            "reminder_form": ReminderForm(
                initial={"remind": services.wants_reminder(request.user)}
            ),
        },
        status=status,
    )


@participant_required
def refresher_page(request):
    if request.method != "POST":
        return _render(request)
    which = QuestionRefForm(request.POST)
    if not which.is_valid():
        raise Http404  # no question, or a reference longer than any question has
    ref = which.cleaned_data["item"]
    now = timezone.now()
    found = {
        item.ref: item
        for item in selectors.refreshers_for(
            request.user, language=selectors.page_language(), request=request, now=now
        )
    }
    if ref not in found:
        raise Http404  # not a question this person is asked (another's course, a deleted one)
    form = AnswerForm(request.POST, refresher=found[ref])
    if form.is_valid():
        try:
            graded = services.refresher_answer(
                user=request.user,
                ref=ref,
                chosen=form.cleaned_data["choice"],
                language=selectors.page_language(),
                request=request,
                now=now,
            )
        except services.UnknownRefresher as error:
            raise Http404 from error
        except services.RefresherError as error:
            refuse(form, error)
        else:
            return _render(request, form=form, graded=graded)
    return _render(request, form=form, status=200)


@require_POST
@participant_required
def reminder_choose(request):
    form = ReminderForm(request.POST)
    if form.is_valid():
        services.reminder_choose(user=request.user, remind=form.cleaned_data["remind"])
        messages.success(
            request,
            _("We will remind you when a question is waiting.")
            if form.cleaned_data["remind"]
            else _("No more reminders about questions."),
        )
    return redirect("refreshers:page")
