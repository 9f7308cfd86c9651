"""The dashboard's tables, built once for the page and for the CSV files."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ambassadors.models import Stage
from ambassadors.services import default_weekly_budget
from missions.models import Mission

from . import charts, dashboard
from .dashboard import Filters, people
from .models import InsightSettings


@dataclass
class Table:
    key: str
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    chart: str = ""
    note: str = ""

    @property
    def columns(self) -> list[tuple[str, bool]]:
        """Each column's name and whether it holds numbers (those align right)."""
        return [
            (name, any(_is_number(row[index]) for row in self.rows if index < len(row)))
            for index, name in enumerate(self.header)
        ]

    @property
    def cells(self) -> list[list[tuple[object, str, bool]]]:
        """The rows, each cell with its column's name (for phones) and alignment."""
        columns = self.columns
        return [[(value, *columns[index]) for index, value in enumerate(row)] for row in self.rows]


def _is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _rate(part, whole):
    return round(100 * part / whole, 1) if whole else None


def build(filters: Filters) -> dict:
    """Every section of the dashboard, as tables (and charts) and a few headline figures."""
    settings = InsightSettings.load()
    funnel = dashboard.funnel(filters)
    withheld = {
        dashboard.WITHHELD_SMALL: _(
            "Fewer than 5 people match these filters, so figures about them are withheld."
        ),
        dashboard.WITHHELD_DIFFERENCE: _(
            "These filters leave out fewer than 5 people of a wider view, so figures are "
            "withheld: comparing the two would show that small group."
        ),
    }.get(dashboard.withhold_reason(filters), "")
    activity = dashboard.activity(filters)
    sharing = dashboard.sharing(filters, settings)
    tables: dict[str, Table] = {}

    steps = [(label, value) for label, value in funnel["steps"]]
    tables["funnel"] = Table(
        "funnel",
        _("From employee to producer"),
        [_("Step"), _("People")],
        [[label, people(value)] for label, value in steps],
        chart=charts.bar_chart(
            _("From employee to producer"),
            [(label, value if value >= dashboard.MINIMUM_GROUP else 0) for label, value in steps],
        ),
        note=_("Status at %(day)s.")
        % {"day": date_format(funnel["day"], "DATE_FORMAT") if funnel["day"] else "—"},
    )

    weeks = activity["periods"]["week"]
    months = activity["periods"]["month"]
    tables["active"] = Table(
        "active",
        _("Active ambassadors per week"),
        [_("Week starting"), _("Active people")],
        [[row["day"], people(row["active"])] for row in weeks],
        chart=charts.line_chart(
            _("Active ambassadors per week"),
            [f"{row['day']:%d-%m}" for row in weeks],
            {
                _("active"): [
                    row["active"] if row["active"] >= dashboard.MINIMUM_GROUP else None
                    for row in weeks
                ]
            },
        ),
        note=_("Active: did something — a lesson, a quiz, a share, a mission."),
    )
    tables["active_months"] = Table(
        "active_months",
        _("Active ambassadors per month"),
        [_("Month"), _("Active people")],
        [[f"{row['day']:%Y-%m}", people(row["active"])] for row in months],
    )
    moves = activity["weekly"]
    tables["movement"] = Table(
        "movement",
        _("Moving between stages"),
        [_("Week starting"), _("Moved up"), _("Moved back")],
        [
            [week, people(row["promoted"]), people(row["moved_back"])]
            for week, row in moves.items()
            if row["promoted"] or row["moved_back"]
        ],
    )

    t = activity["totals"]
    tables["learning"] = Table(
        "learning",
        _("Learning"),
        [_("Figure"), _("Value")],
        [
            [_("Lessons completed"), t["lessons"]],
            [_("Courses started"), t["courses_started"]],
            [_("Courses completed"), t["courses_completed"]],
            [_("Quiz attempts"), t["quiz_attempts"]],
            [
                _("Average quiz score (%)"),
                round(t["quiz_score_sum"] / t["quiz_attempts"], 1) if t["quiz_attempts"] else None,
            ],
            [_("Guideline acknowledgements"), t["acknowledgements"]],
            [
                _("Taking part with the current guidelines acknowledged (%)"),
                _rate(funnel["guidelines_current"], funnel["joined"]),
            ],
        ],
    )

    mission_rows = dashboard.missions(filters)
    tables["missions"] = Table(
        "missions",
        _("Missions"),
        [
            _("Stage"),
            _("Kind"),
            _("Offered"),
            _("Accepted"),
            _("Handed in"),
            _("Approved"),
            _("Rejected"),
            _("Average review time (hours)"),
        ],
        [
            [
                str(Stage(row["mission_stage"]).label),
                str(Mission.Kind(row["kind"]).label) if row["kind"] in Mission.Kind.values else "",
                row["offered"],
                row["accepted"],
                row["submitted"],
                row["approved"],
                row["rejected"],
                round(row["review_hours"] / row["reviews"], 1) if row["reviews"] else None,
            ]
            for row in mission_rows
        ],
    )

    currency = settings.currency
    tables["sharing"] = Table(
        "sharing",
        _("Sharing per network"),
        [
            _("Network"),
            _("Shares"),
            _("In own words (%)"),
            _("Clicks"),
            _("Unique clicks"),
            _("Unique clicks per share"),
            _("Estimated audience"),
            _("Estimated impressions"),
            _("Value of the clicks (%(currency)s)") % {"currency": currency},
            _("Value of the impressions (%(currency)s)") % {"currency": currency},
        ],
        [
            [
                row["label"],
                row["shares"],
                _rate(row["own_words"], row["shares"]),
                row["clicks"],
                row["unique_clicks"],
                _round(row["per_share"], 2),
                row["reach"],
                int(row["impressions"]),
                row["emv_clicks"].quantize(Decimal("0.01")),
                row["emv_impressions"].quantize(Decimal("0.01")),
            ]
            for row in sharing["per_network"]
        ],
        chart=charts.bar_chart(
            _("Unique clicks per network"),
            [(row["label"], row["unique_clicks"]) for row in sharing["per_network"]],
        ),
        note=_(
            "Audience, impressions and their value are estimates: audience is what ambassadors "
            "entered in their profile; impressions assume %(share)s of it sees a post; values "
            "use the cost per click and per 1,000 impressions set in Settings → Insight settings."
        )
        % {"share": f"{settings.impressions_per_audience:.0%}"},
    )
    tables["content"] = Table(
        "content",
        _("Top content"),
        [_("Item"), _("Shares"), _("Unique clicks")],
        [[row["item__title"], row["shares"], row["unique_clicks"]] for row in sharing["top"]],
        note=_("All departments and stages."),
    )
    tables["dismissals"] = Table(
        "dismissals",
        _("Why suggestions were hidden"),
        [_("Reason"), _("People")],
        [[row["reason"], row["count"]] for row in sharing["reasons"]],
        note=_("Reasons given by at least five people; %(count)s suggestions hidden in total.")
        % {"count": t["dismissals"]},
    )

    weeks_in_period = max(((filters.end - filters.start).days + 1) / 7, 1)
    per_person = t["nudges"] / funnel["joined"] / weeks_in_period if funnel["joined"] else None
    tables["attention"] = Table(
        "attention",
        _("Attention and fatigue"),
        [_("Figure"), _("Value")],
        [
            [_("Suggestions and requests sent"), t["nudges"]],
            [_("Of which still unread"), t["nudges_unread"]],
            [
                _("Per person taking part, per week"),
                round(per_person, 2) if per_person is not None else None,
            ],
            [_("Weekly budget per person"), default_weekly_budget()],
            [_("Pauses"), people(t["pauses"])],
            [_("Left the programme"), people(t["leaves"])],
            [_("Paused now"), people(funnel["paused"])],
        ],
    )

    desk_rows = dashboard.desk(filters)
    tables["desk"] = Table(
        "desk",
        _("Mentor desk"),
        [
            _("Kind"),
            _("New requests"),
            _("Average first response (hours)"),
            _("Average resolution (hours)"),
            _("First response in time (%)"),
            _("Resolved in time (%)"),
            _("Open past target now"),
            _("Satisfaction (1–5)"),
        ],
        [
            [
                row["label"],
                row["requests"],
                _round(row["first_response_hours"], 1),
                _round(row["resolution_hours"], 1),
                _rate(row["answered_in_time"], row["response_decided"]),
                _rate(row["resolved_in_time"], row["resolution_decided"]),
                row["overdue"],
                _round(row["satisfaction"], 1),
            ]
            for row in desk_rows
        ],
        note=_(
            "New requests: filed in the period. Averages and “in time”: requests answered or "
            "closed in the period, plus those still open past their target, which count as "
            "late. Open past target: at the end of the period, as on the desk's “Breached” "
            "tab. All departments: the desk is not split by group."
        ),
    )
    tables["leaders"] = Table(
        "leaders",
        _("Ambassadors who show their figures"),
        [_("Ambassador"), _("Department"), _("Points")],
        [[row.name, row.department, row.points] for row in _leaders(filters)],
        note=_("Only people who switched on the leaderboard in their profile appear here."),
    )
    if withheld:
        for key in (
            "funnel",
            "active",
            "active_months",
            "movement",
            "learning",
            "missions",
            "sharing",
            "attention",
        ):
            tables[key].rows = []
            tables[key].chart = ""
            tables[key].note = withheld
    headline = {
        "joined": people(funnel["joined"]),
        "shares": sharing["totals"]["shares"],
        "unique_clicks": sharing["totals"]["unique_clicks"],
        "emv": int(sharing["emv_clicks"] + sharing["emv_impressions"]),
        "currency": currency,
    }
    if withheld:
        headline = {"currency": currency}
    return {"tables": tables, "withheld": withheld, "headline": headline}


@dataclass
class Row:
    """Panels shown side by side: one (full width) or two of a similar height."""

    tables: list[Table]

    @property
    def single(self) -> bool:
        return len(self.tables) == 1


def _estimated_lines(table: Table) -> float:
    """How tall a panel will be in a half-width column, in table lines: enough to pair panels
    of a similar height. A long first cell wraps."""
    lines = 3 + len(table.note) / 60
    lines += sum(max(1, math.ceil(len(str(row[0])) / 30)) for row in table.rows)
    if table.chart:
        lines += 8
    return lines


SIMILAR = 0.6  # a panel at least this share of its neighbour's height sits beside it


def arrange(tables: dict[str, Table]) -> tuple[list[Row], list[Table]]:
    """The panels in rows, so that none stands half empty beside a tall one.

    Charts first (side by side when they have narrow tables), then wide tables across the
    full width, then the narrow tables two by two, ordered by height so each pairs with the
    closest in size; one with no partner of a similar height gets the full width. Sections
    with nothing in the period come back apart, for one short list.
    """
    empty = [table for table in tables.values() if not table.rows]
    shown = [table for table in tables.values() if table.rows]
    wide = [table for table in shown if len(table.header) > 4]
    charts = [table for table in shown if table.chart and table not in wide]
    narrow = sorted(
        (table for table in shown if table not in wide and table not in charts),
        key=_estimated_lines,
        reverse=True,
    )
    rows = [Row(charts[index : index + 2]) for index in range(0, len(charts), 2)]
    rows += [Row([table]) for table in wide]
    while narrow:
        first = narrow.pop(0)
        if narrow and _estimated_lines(narrow[0]) >= SIMILAR * _estimated_lines(first):
            rows.append(Row([first, narrow.pop(0)]))
        else:
            rows.append(Row([first]))
    return rows, empty


def _leaders(filters: Filters):
    """The opted-in leaderboard (names only for those who allow it), for the filtered group."""
    from ambassadors.models import Ambassador
    from missions.services import leaderboard

    viewer = Ambassador(department_id=filters.department)
    return leaderboard(ambassador=viewer, scope="team" if filters.department else "all", limit=10)


def _round(value: float | None, digits: int):
    return round(value, digits) if value is not None else None
