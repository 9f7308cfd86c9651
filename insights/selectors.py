"""Reads of the rollups for other systems (the API): sharing per day and network, an item's
figures, and the dashboard's tables. Aggregates only, never a click or a share of a person;
the rule of five as on the dashboard (`dashboard.withhold_reason`)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from core.errors import Refusal

from . import dashboard, tables
from .dashboard import Filters
from .models import ContentDaily, SharingDaily

SHARING_FIGURES = ("shares", "own_words", "clicks", "unique_clicks", "estimated_reach")


def sharing_daily(
    *,
    start: dt.date,
    end: dt.date,
    network: str = "",
    department_id: int | None = None,
) -> tuple[list[dict], str]:
    """Shares, clicks and reach per day and network from `start` to `end`, for everyone or
    one department; with the reason ("" or `dashboard.WITHHELD_*`) when the figures must be
    withheld (fewer than five people taking part), and then no rows. Two queries."""
    # Asked also without a department: an organisation of fewer than five people taking part
    # is withheld as the dashboard withholds it.
    reason = dashboard.withhold_reason(Filters(start=start, end=end, department=department_id))
    if reason:
        return [], reason
    rows = SharingDaily.objects.filter(window=0, day__gte=start, day__lte=end)
    if network:
        rows = rows.filter(network=network)
    if department_id is not None:
        rows = rows.filter(department_id=department_id)
    return list(
        rows.values("day", "network")
        .annotate(**{name: Sum(name) for name in SHARING_FIGURES})
        .order_by("day", "network")
    ), ""


def content_figures(*, item_id: int, start: dt.date, end: dt.date) -> list[dict]:
    """An item's shares and unique clicks per day and network (everyone together). One query."""
    return list(
        ContentDaily.objects.filter(window=0, item_id=item_id, day__gte=start, day__lte=end)
        .values("day", "network", "shares", "unique_clicks")
        .order_by("day", "network")
    )


class FilterRefused(Refusal):
    """A filter value the dashboard does not offer (the page would quietly drop it)."""


ERROR_UNKNOWN_FILTER = _("There is no %(name)s with the value “%(value)s”.")


def insight_tables(query: dict) -> tuple[dict[str, tables.Table], str]:
    """The dashboard's tables for the filters in `query` (as the dashboard's address reads
    them), the same the CSV files hold, with the reason text when figures are withheld.
    A value the filter bar does not offer is refused, not read as "all"."""
    form = dashboard.filter_form(query)
    # The filter bar falls back to "all" for a value it does not offer; here that is a no.
    for name, value in query.items():
        kept = form.values.get(name)
        if value not in ("", None) and str("" if kept is None else kept) != str(value):
            raise FilterRefused(ERROR_UNKNOWN_FILTER % {"name": name, "value": value}, field=name)
    built = tables.build(Filters.from_form(form))
    return built["tables"], built["withheld"]
