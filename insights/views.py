"""The insights dashboard for comms staff, and its tables as CSV."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ambassadors.access import role_required
from ambassadors.roles import is_comms
from sharing.services import PUSH_PERMISSION

from . import cache, dashboard, services, tables
from . import programme as programme_overview
from .export import csv_response
from .forms import SummarySubscriptionForm
from .models import SummarySubscription

comms_required = role_required(is_comms)


@comms_required
def programme(request):
    """The programme overview: comms staff's start page (see ambassadors.start)."""
    may_push = cache.has_perm(request.user, PUSH_PERMISSION)
    overview = programme_overview.cached_overview()

    def render_html() -> str:
        return render_to_string(
            "insights/_programme_figures.html", {**overview, "may_push": may_push}
        )

    # The same for every comms person with the same right to push, in their language.
    name = f"programme-html:{get_language()}:{int(may_push)}:{overview['computed_at'].timestamp()}"
    figures_html = cache.cached(name, (cache.ROLLUPS, cache.PROGRAMME), render_html)
    return render(
        request,
        "insights/programme.html",
        {**overview, "may_push": may_push, "figures_html": figures_html},
    )


@comms_required
def insights(request):
    form = dashboard.filter_form(request.GET)
    filters = dashboard.Filters.from_form(form)
    return render(
        request,
        "insights/dashboard.html",
        {
            "figures": _dashboard_html(filters),
            "subscribed": SummarySubscription.objects.filter(user=request.user).exists(),
        },
    )


def _dashboard_html(filters: dashboard.Filters) -> dict[str, str]:
    """The dashboard around the person's own switch, as HTML that is the same for every comms
    person: its tables built and charts drawn once per version of the figures (see
    insights/cache.py), language and filters. The filter bar shows the filters as read (an
    odd value as "all"), not as typed."""

    def render_html() -> dict[str, str]:
        built = tables.build(filters)
        rows, empty = tables.arrange(built["tables"])
        context = {
            **built,
            "rows": rows,
            "empty": empty,
            "freshness": dashboard.freshness(),
            "filters": filters,
            "filter_form": dashboard.filter_form(QueryDict(filters.query_string())),
        }
        return {
            part: render_to_string(f"insights/_figures_{part}.html", context)
            for part in ("top", "panels")
        }

    name = f"dashboard-html:{get_language()}:{filters.start:%Y%m%d}:{filters.query_string()}"
    return cache.cached(name, (cache.ROLLUPS, cache.PEOPLE), render_html)


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
