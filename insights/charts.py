"""Charts drawn on the server as SVG: no scripts, no CDN. Every chart comes with a table
alternative in the template; the SVG itself is labelled for screen readers."""

from __future__ import annotations

from django.utils.html import escape, format_html, mark_safe

WIDTH, HEIGHT, PAD = 640, 220, 36
COLOURS = ["#0b5d63", "#b5541c", "#6a4c93", "#1f7a8c", "#8a4b00"]


def _scale(maximum: float) -> float:
    return (HEIGHT - 2 * PAD) / maximum if maximum else 0


def line_chart(title: str, labels: list[str], series: dict[str, list[float]]) -> str:
    """Lines over time, one per series, with the first and last label on the axis."""
    values = [v for points in series.values() for v in points]
    maximum = max(values or [0]) or 1
    step = (WIDTH - 2 * PAD) / max(len(labels) - 1, 1)
    scale = _scale(maximum)
    parts = [
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" '
        'stroke="#8a9a9c" />',
        f'<text x="{PAD - 4}" y="{PAD + 4}" text-anchor="end" font-size="11">'
        f"{escape(_short(maximum))}</text>",
        f'<text x="{PAD - 4}" y="{HEIGHT - PAD}" text-anchor="end" font-size="11">0</text>',
    ]
    if labels:
        parts.append(
            f'<text x="{PAD}" y="{HEIGHT - PAD + 16}" font-size="11">{escape(labels[0])}</text>'
        )
        parts.append(
            f'<text x="{WIDTH - PAD}" y="{HEIGHT - PAD + 16}" text-anchor="end" '
            f'font-size="11">{escape(labels[-1])}</text>'
        )
    for index, (name, points) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        coordinates = " ".join(
            f"{PAD + i * step:.1f},{HEIGHT - PAD - v * scale:.1f}" for i, v in enumerate(points)
        )
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2.5" points="{coordinates}" />'
        )
        parts.append(
            f'<rect x="{PAD + index * 150}" y="6" width="12" height="12" fill="{colour}" />'
            f'<text x="{PAD + index * 150 + 16}" y="16" font-size="12">{escape(name)}</text>'
        )
    return _svg(title, parts)


def bar_chart(title: str, bars: list[tuple[str, float]]) -> str:
    """Horizontal bars with their value, for a funnel or a comparison."""
    maximum = max([value for _label, value in bars] or [0]) or 1
    row = 28
    height = max(row * len(bars) + 12, 40)
    label_width = 170
    usable = WIDTH - label_width - 70
    parts = []
    for index, (label, value) in enumerate(bars):
        y = 6 + index * row
        width = usable * value / maximum
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end" font-size="12">'
            f"{escape(label)}</text>"
            f'<rect x="{label_width}" y="{y}" width="{width:.1f}" height="20" '
            f'fill="{COLOURS[0]}" rx="3" />'
            f'<text x="{label_width + width + 6:.1f}" y="{y + 15}" font-size="12">'
            f"{escape(_short(value))}</text>"
        )
    return _svg(title, parts, height=height)


def _short(value: float) -> str:
    if value >= 10_000:
        return f"{value / 1000:.0f}k"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _svg(title: str, parts: list[str], height: int = HEIGHT) -> str:
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
        WIDTH,
        height,
        title,
        title,
        mark_safe("".join(parts)),  # noqa: S308 (every text inside was escaped above)
    )
