"""Charts drawn on the server as SVG: no scripts, no CDN. Every chart comes with a table
alternative in the template; the SVG itself is labelled for screen readers.

Sized for reading: each chart is drawn twice, for a wide panel and for a phone, and the
stylesheet never shows one wider than it was drawn (`.chart-wide`, `.chart-narrow`), so a
label of 13 units is 13 px on screen, or a little less where the panel is narrower than
the drawing (never under 12 px from 300 px of panel width up). Value axes get 4 to 6 round
ticks; date axes as many labels as fit without touching. Colours come from the stylesheet's
tokens through classes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.html import escape, format_html, mark_safe

FONT = 13  # user units; see the module docstring
CHAR = 7.4  # average width of a character of FONT in Inter, for laying out labels


@dataclass(frozen=True)
class Size:
    name: str
    width: int
    height: int


XWIDE = Size("xwide", 1080, 260)  # a panel across the page, on a wide screen
WIDE = Size("wide", 520, 260)
NARROW = Size("narrow", 300, 240)


def nice_ticks(maximum: float, *, whole: bool = True) -> list[float]:
    """Round tick values from 0 up to at least `maximum`: 4 to 6 of them, with a step of 1, 2,
    2.5 or 5 times a power of ten (whole numbers only when `whole`), the top as low as can be."""
    maximum = max(float(maximum), 0.0)
    if maximum == 0:
        return [0, 1, 2, 3] if whole else [0, 0.25, 0.5, 0.75, 1]
    power = 10 ** math.floor(math.log10(maximum / 5))
    best: tuple[float, float, float] | None = None  # (top, -step, step)
    for scale in (power / 10, power, power * 10):
        for factor in (1, 2, 2.5, 5):
            step = factor * scale
            if whole and (step < 1 or not float(step).is_integer()):
                continue
            top = math.ceil(maximum / step - 1e-9) * step
            if 4 <= round(top / step) + 1 <= 6 and (best is None or (top, -step) < best[:2]):
                best = (top, -step, step)
    if best is None:  # small whole numbers: count in ones
        return [0, 1, 2, 3]
    top, _negative, step = best
    return [round(step * index, 10) for index in range(round(top / step) + 1)]


def _label_every(count: int, room: float, longest: int) -> int:
    """Show every n-th of `count` labels so that they fit in `room` units without touching."""
    # The first and last label hang off their point to one side, the others are centred:
    # neighbours need one and a half labels of room.
    width = 1.5 * longest * CHAR + 6
    fits = max(int(room // width), 1)
    return max(math.ceil(count / fits), 1)


def _text(x: float, y: float, text: str, *, anchor: str = "start", css: str = "") -> str:
    classes = f' class="{css}"' if css else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{FONT}"{classes}>'
        f"{escape(text)}</text>"
    )


def _line_svg(
    size: Size, title: str, labels: list[str], series: dict[str, list[float | None]]
) -> str:
    values = [v for points in series.values() for v in points if v is not None]
    ticks = nice_ticks(max(values or [0]), whole=all(float(v).is_integer() for v in values))
    top = ticks[-1] or 1
    left = max(len(_short(tick)) for tick in ticks) * CHAR + 12
    right = 16
    legend = len(series) > 1
    upper = 12 + (FONT + 12 if legend else 0)
    bottom = size.height - (FONT + 16)
    plot_width = size.width - left - right
    plot_height = bottom - upper
    parts = []
    for tick in ticks:
        y = bottom - plot_height * tick / top
        parts.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{size.width - right}" y2="{y:.1f}" '
            f'class="{"chart-baseline" if tick == 0 else "chart-grid"}" />'
        )
        parts.append(_text(left - 8, y + FONT / 3, _short(tick), anchor="end", css="chart-tick"))
    step = plot_width / max(len(labels) - 1, 1)
    start = left + (plot_width / 2 if len(labels) == 1 else 0)  # one week: in the middle
    if labels:
        every = _label_every(len(labels), plot_width, max(len(label) for label in labels))
        # The last label always shows (the latest week); count back from it.
        for index in sorted(range(len(labels) - 1, -1, -every)):
            x = start + index * step
            anchor = "middle"
            if x - len(labels[index]) * CHAR / 2 < left - 8:
                anchor = "start"
            if index == len(labels) - 1 and len(labels) > 1:
                anchor = "end"
            parts.append(_text(x, size.height - 6, labels[index], anchor=anchor, css="chart-tick"))
    for index, (name, points) in enumerate(series.items()):
        # A value withheld (None: a group too small to show) breaks the line; it is not a 0.
        segment: list[str] = []
        for i, v in enumerate([*points, None]):
            if v is not None:
                segment.append(f"{start + i * step:.1f},{bottom - v * plot_height / top:.1f}")
                continue
            if segment:
                joined = " ".join(segment)
                parts.append(
                    f'<polyline points="{joined}" class="chart-line series-{index % 5}" />'
                )
            segment = []
        if len(points) <= 16:
            parts.extend(
                f'<circle cx="{start + i * step:.1f}" cy="{bottom - v * plot_height / top:.1f}" '
                f'r="3" class="chart-dot series-{index % 5}" />'
                for i, v in enumerate(points)
                if v is not None
            )
        if legend:
            x = left + index * (size.width - left) / len(series)
            parts.append(
                f'<rect x="{x:.1f}" y="6" width="12" height="12" rx="2" '
                f'class="chart-key series-{index % 5}" />'
            )
            parts.append(_text(x + 18, 6 + FONT - 2, name))
    return _svg(size, title, parts)


def line_chart(title: str, labels: list[str], series: dict[str, list[float | None]]) -> str:
    """Lines over time, one per series, on a value axis with round ticks; for a wide panel
    and for a phone."""
    return mark_safe(  # noqa: S308 (built by format_html, every text escaped)
        "".join(_line_svg(size, title, labels, series) for size in (WIDE, XWIDE, NARROW))
    )


def _bar_svg(size: Size, title: str, bars: list[tuple[str, float]]) -> str:
    values = [value for _label, value in bars]
    ticks = nice_ticks(max(values or [0]), whole=all(float(v).is_integer() for v in values))
    top = ticks[-1] or 1
    left, right = 4, 8 + len(_short(top)) * CHAR / 2
    plot_width = size.width - left - right
    bar, gap = 18, 14
    row = FONT + 6 + bar + gap  # the label on its own line above its bar: long labels fit
    height = 8 + row * len(bars) + FONT + 14
    bottom = 8 + row * len(bars)
    parts = []
    for tick in ticks:
        x = left + plot_width * tick / top
        parts.append(
            f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{bottom:.1f}" '
            f'class="{"chart-baseline" if tick == 0 else "chart-grid"}" />'
        )
        anchor = "start" if tick == 0 else "end" if tick == top else "middle"
        parts.append(_text(x, height - 6, _short(tick), anchor=anchor, css="chart-tick"))
    for index, (label, value) in enumerate(bars):
        y = 8 + index * row
        width = plot_width * value / top
        parts.append(_text(left, y + FONT, label))
        parts.append(
            f'<rect x="{left}" y="{y + FONT + 6}" width="{max(width, 0):.1f}" height="{bar}" '
            'rx="3" class="chart-bar" />'
        )
        inside = width > len(_short(value)) * CHAR + 16
        parts.append(
            _text(
                left + width - 6 if inside else left + width + 6,
                y + FONT + 6 + bar - 5,
                _short(value),
                anchor="end" if inside else "start",
                css="chart-value-in" if inside else "chart-value",
            )
        )
    return _svg(Size(size.name, size.width, int(height)), title, parts)


def bar_chart(title: str, bars: list[tuple[str, float]]) -> str:
    """Horizontal bars with their value, for a funnel or a comparison, on a value axis with
    round ticks; for a wide panel and for a phone."""
    return mark_safe(  # noqa: S308 (built by format_html, every text escaped)
        "".join(_bar_svg(size, title, bars) for size in (WIDE, XWIDE, NARROW))
    )


def _short(value: float) -> str:
    if value >= 10_000:
        return f"{round(value / 1000, 1):g}k"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _svg(size: Size, title: str, parts: list[str]) -> str:
    return format_html(
        '<svg class="chart chart-{}" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
        'aria-label="{}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
        size.name,
        size.width,
        size.height,
        size.width,
        size.height,
        title,
        title,
        mark_safe("".join(parts)),  # noqa: S308 (every text inside was escaped above)
    )
