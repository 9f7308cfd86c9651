"""/insights/{table}: the dashboard's tables with its filters, the same the CSV files hold.
A count under five is null with the reason; a view of a small group has no rows at all."""

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from ambassadors.models import Language, Network
from insights import dashboard, selectors

from ..auth import Token
from ..errors import ApiProblem

router = Router(tags=["insights"])

TableName = Literal[
    "funnel",
    "active",
    "active_months",
    "movement",
    "learning",
    "missions",
    "sharing",
    "content",
    "dismissals",
    "attention",
    "desk",
    "leaders",
]
Cell = int | float | str | None
WITHHELD_CELL = "fewer than 5 people: withheld"


class InsightFilter(Schema):
    days: Literal["7", "30", "90", "365"] = Field("90", description="The period, up to today.")
    department: int | None = Field(None, description="Department id.")
    stage: int | None = Field(None, ge=1, le=3)
    language: Language | None = None
    network: Network | None = None
    topic: int | None = Field(None, description="Topic id.")


class WithheldCell(Schema):
    row: int
    column: int
    reason: str


class TableOut(Schema):
    table: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    withheld: str | None = Field(
        description="Why the table has no rows, if its figures are withheld for these filters."
    )
    withheld_cells: list[WithheldCell] = Field(description="Cells left null: too few people.")
    note: str


def _cell(value) -> Cell:
    if isinstance(value, dashboard.Withheld) or value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    if hasattr(value, "quantize"):  # Decimal money
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


@router.get(
    "/insights/{table}",
    response=TableOut,
    auth=Token("insights:read"),
    operation_id="insights_table",
    url_name="insights-table",
)
def insights_table(request: HttpRequest, table: TableName, filters: Query[InsightFilter]):
    """One table of the dashboard for these filters. Individuals appear only in `leaders`,
    and only those who switched the leaderboard on."""
    query = {
        key: str(getattr(value, "value", value))
        for key, value in filters.dict().items()
        if value is not None
    }
    try:
        tables, withheld = selectors.insight_tables(query)
    except selectors.FilterRefused as refused:
        # A department or topic id that does not exist: not found, never "all".
        raise ApiProblem(404, str(refused)) from None
    found = tables[table]
    return {
        "table": found.key,
        "title": str(found.title),
        "columns": [str(name) for name in found.header],
        "rows": [[_cell(value) for value in row] for row in found.rows],
        "withheld": withheld if withheld and not found.rows else None,
        "withheld_cells": [
            {"row": r, "column": c, "reason": WITHHELD_CELL}
            for r, row in enumerate(found.rows)
            for c, value in enumerate(row)
            if isinstance(value, dashboard.Withheld)
        ],
        "note": str(found.note),
    }
