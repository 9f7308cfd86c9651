"""/sharing/daily and /content-items/{id}/figures: shares and clicks as totals per day and
network, read from the insights rollups. Never a click, never a person's share."""

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema

from ambassadors.models import Network
from insights import dashboard, selectors
from sharing.models import ContentItem

from ..auth import Token
from ..errors import ApiProblem
from ..filters import Day, Line, department_id

router = Router(tags=["sharing"])

ItemId = Annotated[int, Path(ge=1, description="The content item's id.")]
MAX_DAYS = 366
DEFAULT_DAYS = 30
PERIOD_TOO_LONG = f"Ask for at most {MAX_DAYS} days at a time."
PERIOD_BACKWARDS = "`since` must not come after `until`."
WITHHELD = {
    dashboard.WITHHELD_SMALL: "Fewer than 5 people take part in this department: withheld.",
    dashboard.WITHHELD_DIFFERENCE: (
        "This department leaves out fewer than 5 people of a wider view: withheld, as comparing "
        "the two would show that small group."
    ),
}


class Period(Schema):
    since: Day | None = Field(None, description=f"First day; default {DEFAULT_DAYS} days ago.")
    until: Day | None = Field(None, description="Last day; default today.")


class SharingFilter(Period):
    network: Network | None = None
    department: Line | None = Field(None, description="Department name (any case).")


class SharingDayOut(Schema):
    day: dt.date
    network: str
    shares: int
    own_words: int = Field(description="Shares whose text the person changed.")
    clicks: int = Field(description="Bots and link previews left out.")
    unique_clicks: int
    estimated_reach: int = Field(description="Audiences of the shares, as people entered them.")


class SharingDailyOut(Schema):
    since: dt.date
    until: dt.date
    withheld: str | None = Field(description="Why there are no rows, if figures are withheld.")
    days: list[SharingDayOut]


class ItemDayOut(Schema):
    day: dt.date
    network: str
    shares: int
    unique_clicks: int


class ItemFiguresOut(Schema):
    item: int
    since: dt.date
    until: dt.date
    days: list[ItemDayOut]


def _period(period: Period) -> tuple[dt.date, dt.date]:
    until = period.until or timezone.localdate()
    since = period.since or until - dt.timedelta(days=DEFAULT_DAYS - 1)
    if since > until:
        raise ApiProblem(422, PERIOD_BACKWARDS)
    if (until - since).days + 1 > MAX_DAYS:
        raise ApiProblem(422, PERIOD_TOO_LONG)
    return since, until


@router.get(
    "/sharing/daily",
    response=SharingDailyOut,
    auth=Token("sharing:read"),
    operation_id="sharing_daily",
    url_name="sharing-daily",
)
def sharing_daily(request: HttpRequest, filters: Query[SharingFilter]):
    """Shares, clicks and reach per day and network (up to yesterday's rollup), for
    everyone or one department; a department under five is withheld."""
    since, until = _period(filters)
    rows, reason = selectors.sharing_daily(
        start=since,
        end=until,
        network=filters.network or "",
        department_id=department_id(filters.department),
    )
    return {"since": since, "until": until, "withheld": WITHHELD.get(reason), "days": rows}


@router.get(
    "/content-items/{int:item_id}/figures",
    response=ItemFiguresOut,
    auth=Token("sharing:read"),
    operation_id="content_item_figures",
    url_name="content-item-figures",
)
def content_item_figures(request: HttpRequest, item_id: ItemId, period: Query[Period]):
    """An item's shares and unique clicks per day and network, everyone together."""
    item = get_object_or_404(ContentItem.objects.only("pk"), pk=item_id)
    since, until = _period(period)
    return {
        "item": item.pk,
        "since": since,
        "until": until,
        "days": selectors.content_figures(item_id=item.pk, start=since, end=until),
    }
