"""Small, accessible SVG charts: titled, labelled axes, alt text, colour-blind-safe colours.

Every string that reaches the SVG is escaped here, because the chart is inserted into the
page as markup. Suppressed values are drawn as a gap with their GSS symbol, never as zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape as _html_escape

from reports.text import neutralise


def escape(value: str) -> str:
    """HTML-escaped, and never starting like a spreadsheet formula."""
    return _html_escape(str(neutralise(value)))

# Okabe-Ito: distinguishable with the common colour-vision deficiencies
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREY = "#595959"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None = suppressed or not applicable
    symbol: str | None = None


def _frame(chart_id: str, width: int, height: int, title: str, alt: str, body: str) -> str:
    n = escape(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-labelledby="chart-title-{n} chart-desc-{n}">'
        f'<title id="chart-title-{n}">{escape(title)}</title>'
        f'<desc id="chart-desc-{n}">{escape(alt)}</desc>'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
        f'<text x="8" y="20" font-size="15" font-weight="bold" fill="#000">{escape(title)}</text>'
        f"{body}</svg>"
    )


def bar_chart(chart_id: str, bars: list[Bar], title: str, axis_label: str, target: float | None = 100.0,
              alt: str = "", max_value: float = 100.0) -> str:
    """Horizontal bars (0..max_value) with an optional dashed target line."""
    left, right, top, row = 230, 60, 40, 22
    plot = 420
    height = top + row * len(bars) + 50
    width = left + plot + right
    parts = []
    for i, bar in enumerate(bars):
        y = top + i * row
        parts.append(f'<text x="{left - 6}" y="{y + 15}" font-size="12" text-anchor="end" '
                     f'fill="#000">{escape(bar.label[:38])}</text>')
        if bar.value is None:
            parts.append(f'<text x="{left + 4}" y="{y + 15}" font-size="12" fill="{GREY}">'
                         f'{escape(bar.symbol or "[x]")}</text>')
            continue
        w = max(0.0, min(1.0, bar.value / max_value)) * plot
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" '
                     f'fill="{BLUE}"/>')
        parts.append(f'<text x="{left + w + 4:.1f}" y="{y + 15}" font-size="12" fill="#000">'
                     f"{bar.value:.1f}%</text>")
    base = top + row * len(bars)
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{base}" stroke="#000"/>')
    parts.append(f'<line x1="{left}" y1="{base}" x2="{left + plot}" y2="{base}" stroke="#000"/>')
    for tick in range(0, 101, 25):
        x = left + plot * tick / 100
        parts.append(f'<text x="{x:.1f}" y="{base + 15}" font-size="11" text-anchor="middle" '
                     f'fill="#000">{tick * max_value / 100:g}</text>')
    if target is not None:
        x = left + plot * min(1.0, target / max_value)
        parts.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{base}" '
                     f'stroke="{ORANGE}" stroke-width="2" stroke-dasharray="6 3"/>')
        parts.append(f'<text x="{x - 4:.1f}" y="{top - 6}" font-size="11" text-anchor="end" '
                     f'fill="#000">target {target:g}%</text>')
    parts.append(f'<text x="{left + plot / 2}" y="{base + 34}" font-size="12" '
                 f'text-anchor="middle" fill="#000">{escape(axis_label)}</text>')
    return _frame(chart_id, width, height, title, alt, "".join(parts))


def line_chart(chart_id: str, points: list[tuple[str, float | None]], title: str, axis_label: str,
               alt: str = "", max_value: float = 100.0) -> str:
    """One series over time; gaps where a value is suppressed. Markers survive greyscale."""
    left, top, plot_w, plot_h = 60, 40, 560, 200
    width, height = left + plot_w + 30, top + plot_h + 60
    base = top + plot_h
    step = plot_w / max(1, len(points) - 1)
    parts = [f'<line x1="{left}" y1="{top}" x2="{left}" y2="{base}" stroke="#000"/>',
             f'<line x1="{left}" y1="{base}" x2="{left + plot_w}" y2="{base}" stroke="#000"/>']
    for tick in range(0, 101, 25):
        y = base - plot_h * tick / 100
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
                     f'fill="#000">{tick * max_value / 100:g}</text>')
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
                     f'stroke="#d9d9d9"/>')
    segment: list[str] = []
    for i, (label, value) in enumerate(points):
        x = left + i * step
        parts.append(f'<text x="{x:.1f}" y="{base + 16}" font-size="10" text-anchor="middle" '
                     f'fill="#000">{escape(label)}</text>')
        if value is None:
            if len(segment) > 1:
                parts.append(f'<polyline points="{" ".join(segment)}" fill="none" '
                             f'stroke="{BLUE}" stroke-width="2"/>')
            segment = []
            continue
        y = base - plot_h * max(0.0, min(1.0, value / max_value))
        segment.append(f"{x:.1f},{y:.1f}")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{BLUE}"/>')
    if len(segment) > 1:
        parts.append(f'<polyline points="{" ".join(segment)}" fill="none" stroke="{BLUE}" '
                     f'stroke-width="2"/>')
    parts.append(f'<text x="14" y="{top + plot_h / 2}" font-size="12" text-anchor="middle" '
                 f'transform="rotate(-90 14 {top + plot_h / 2})" fill="#000">'
                 f"{escape(axis_label)}</text>")
    return _frame(chart_id, width, height, title, alt, "".join(parts))


def dumbbell_chart(chart_id: str, items: list[tuple[str, float, float]], title: str,
                   axis_label: str, alt: str = "") -> str:
    """PRE (hollow circle) to POST (filled circle) per row, 0-100 scale; shapes survive greyscale."""
    left, right, top, row = 230, 60, 50, 26
    plot = 420
    height = top + row * len(items) + 50
    parts = [f'<circle cx="{left + 10}" cy="{top - 18}" r="5" fill="#ffffff" stroke="{GREY}" '
             f'stroke-width="2"/><text x="{left + 20}" y="{top - 14}" font-size="12" '
             f'fill="#000">PRE</text>',
             f'<circle cx="{left + 70}" cy="{top - 18}" r="5" fill="{BLUE}"/>'
             f'<text x="{left + 80}" y="{top - 14}" font-size="12" fill="#000">POST</text>']
    for i, (label, pre, post) in enumerate(items):
        y = top + i * row + row / 2
        x1 = left + plot * max(0.0, min(1.0, pre / 100))
        x2 = left + plot * max(0.0, min(1.0, post / 100))
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="12" text-anchor="end" '
                     f'fill="#000">{escape(label[:38])}</text>')
        parts.append(f'<line x1="{x1:.1f}" y1="{y:.1f}" x2="{x2:.1f}" y2="{y:.1f}" stroke="{GREY}" '
                     f'stroke-width="2"/>')
        parts.append(f'<circle cx="{x1:.1f}" cy="{y:.1f}" r="5" fill="#ffffff" stroke="{GREY}" '
                     f'stroke-width="2"/>')
        parts.append(f'<circle cx="{x2:.1f}" cy="{y:.1f}" r="5" fill="{BLUE}"/>')
    base = top + row * len(items)
    parts.append(f'<line x1="{left}" y1="{base}" x2="{left + plot}" y2="{base}" stroke="#000"/>')
    for tick in range(0, 101, 25):
        x = left + plot * tick / 100
        parts.append(f'<text x="{x:.1f}" y="{base + 15}" font-size="11" text-anchor="middle" '
                     f'fill="#000">{tick}</text>')
    parts.append(f'<text x="{left + plot / 2}" y="{base + 34}" font-size="12" '
                 f'text-anchor="middle" fill="#000">{escape(axis_label)}</text>')
    return _frame(chart_id, left + plot + right, height, title, alt, "".join(parts))
