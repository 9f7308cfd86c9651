"""The insights dashboard for comms staff, and its tables as CSV."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ambassadors.access import role_required
from ambassadors.roles import is_comms
from sharing.services import PUSH_PERMISSION

from . import dashboard, services, tables
from . import programme as programme_overview
from .export import csv_response
from .forms import SummarySubscriptionForm
from .models import SummarySubscription

comms_required = role_required(is_comms)


@comms_required
def programme(request):
    """The programme overview: comms staff's start page (see ambassadors.start)."""
    return render(
        request,
        "insights/programme.html",
        {
            **programme_overview.overview(),
            "may_push": request.user.has_perm(PUSH_PERMISSION),
        },
    )


@comms_required
def insights(request):
    form = dashboard.filter_form(request.GET)
    filters = dashboard.Filters.from_form(form)
    built = tables.build(filters)
    rows, empty = tables.arrange(built["tables"])
    return render(
        request,
        "insights/dashboard.html",
        {
            **built,
            "rows": rows,
            "empty": empty,
            "filters": filters,
            "filter_form": form,
            "freshness": dashboard.freshness(),
            "subscribed": SummarySubscription.objects.filter(user=request.user).exists(),
        },
    )


@require_POST
@comms_required
def subscription(request):
    """Switch the weekly summary e-mail on or off for yourself."""
    form = SummarySubscriptionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()  # only a forged request sends another value
    subscribe = form.cleaned_data["subscribe"]
    services.summary_subscription_set(user=request.user, subscribe=subscribe)
    if subscribe:
        messages.success(request, _("You will get a summary every Monday."))
    else:
        messages.info(request, _("No more weekly summaries."))
    return redirect("insights:dashboard")


@comms_required
def export(request, key: str):
    filters = dashboard.Filters.from_query(request.GET)
    table = tables.build(filters)["tables"].get(key)
    if table is None:
        raise Http404
    return csv_response(
        f"insights-{key}-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.csv", table.header, table.rows
    )
