"""Charts with round ticks and readable labels; panels arranged so none stands half empty."""

import re

import pytest

from insights import charts
from insights.tables import SIMILAR, Table, _estimated_lines, arrange


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [
        (0, [0, 1, 2, 3]),
        (1, [0, 1, 2, 3]),
        (10, [0, 2, 4, 6, 8, 10]),
        (36, [0, 10, 20, 30, 40]),
        (292, [0, 100, 200, 300]),
        (1483, [0, 500, 1000, 1500]),
    ],
)
def test_value_axes_get_four_to_six_round_ticks(maximum, ticks):
    """Ticks start at 0, reach the maximum, and step by 1, 2, 2.5 or 5 times a power of ten."""
    assert charts.nice_ticks(maximum) == ticks


@pytest.mark.parametrize("maximum", [3, 7, 9, 17, 24, 99, 101, 732, 4476, 12345, 0.4, 2.7])
def test_ticks_are_few_and_cover_the_values(maximum):
    ticks = charts.nice_ticks(maximum, whole=float(maximum).is_integer())
    assert 4 <= len(ticks) <= 6
    assert ticks[0] == 0
    assert ticks[-1] >= maximum
    assert ticks[-2] < maximum


def test_charts_are_drawn_for_each_width_with_labels_of_13_units():
    """A wide, an across-the-page and a phone drawing; no label smaller than 13 units, and
    every date label of the phone drawing clear of its neighbours."""
    labels = [f"{day:02d}-09" for day in range(1, 27, 2)]
    svg = charts.line_chart("Active", labels, {"active": [5, 7, None, 9, 12] * 2 + [8, 9, 10]})
    assert re.findall(r'class="chart chart-(\w+)"', svg) == ["wide", "xwide", "narrow"]
    assert set(re.findall(r'font-size="(\d+)"', svg)) == {"13"}
    narrow = svg[svg.index("chart-narrow") :]
    shown = re.findall(r">(\d\d-09)</text>", narrow)
    assert 2 <= len(shown) < len(labels)
    assert shown[-1] == labels[-1]
    # A withheld week (None) breaks the line instead of drawing a 0: two gaps, three lines.
    assert narrow.count("<polyline") == 3
    bars = charts.bar_chart("Funnel", [("Employees", 36), ("Taking part", 28)])
    assert bars.count("<svg") == 3
    assert "<script" not in svg + bars


def _table(key, rows, header=2, note="", chart=""):
    header_row = [f"c{n}" for n in range(header)]
    body = [[f"r{n}"] * header for n in range(rows)]
    return Table(key, key, header_row, body, chart=chart, note=note)


def test_panels_pair_by_height_and_wide_ones_take_the_row():
    tables = {
        "funnel": _table("funnel", 5, chart="<svg/>"),
        "active": _table("active", 12, chart="<svg/>"),
        "missions": _table("missions", 8, header=8),
        "content": _table("content", 10),
        "learning": _table("learning", 7),
        "attention": _table("attention", 7),
        "leaders": _table("leaders", 2),
        "movement": _table("movement", 0),
    }
    rows, empty = arrange(tables)
    keys = [[table.key for table in row.tables] for row in rows]
    assert keys[0] == ["funnel", "active"]
    assert ["missions"] in keys
    assert [table.key for table in empty] == ["movement"]
    for row in rows:
        if len(row.tables) == 2 and not row.tables[0].chart:
            low, high = sorted(_estimated_lines(table) for table in row.tables)
            assert low >= SIMILAR * high
    # The short leaders table has no partner of its height: it gets the row to itself.
    assert ["leaders"] in keys
