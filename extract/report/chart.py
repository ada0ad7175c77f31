"""Charts of a subject's metric by period across documents, as inline SVG.

One chart per subject, metric and unit (CNY and USD figures do not share an axis). A
series is one segment at one granularity (quarterly revenue and annual revenue are drawn
apart). A point is one distinct value stated for a period, with the documents that state
it; a period is drawn at its middle with a thin bar over the days it covers. Points stated
as a target, forecast, guidance or plan are hollow. The line of a series joins the median
of each period's actual values.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape

from extract.report.fmt import compact, number
from extract.report.load import Row

# Period format -> (start, end, granularity); see docs/OUTPUTS.md for the formats.
_YEAR = re.compile(r"(\d{4})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_INTERVAL = re.compile(r"(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})")

GRANULARITY_NAMES = {
    "year": "annual",
    "half": "half-year",
    "quarter": "quarterly",
    "month": "monthly",
    "day": "on a day",
    "interval": "other periods",
}
SERIES_CLASSES = 8
_YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 78, 16, 14, 40


def _month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def period_span(period: str) -> tuple[date, date, str] | None:
    """The first and last day of a period and its granularity; None if it is not one."""
    try:
        if m := _YEAR.fullmatch(period):
            year = int(m[1])
            return date(year, 1, 1), date(year, 12, 31), "year"
        if m := _QUARTER.fullmatch(period):
            year, q = int(m[1]), int(m[2])
            return date(year, 3 * q - 2, 1), _month_end(year, 3 * q), "quarter"
        if m := _HALF.fullmatch(period):
            year, h = int(m[1]), int(m[2])
            return date(year, 6 * h - 5, 1), _month_end(year, 6 * h), "half"
        if m := _MONTH.fullmatch(period):
            year, month = int(m[1]), int(m[2])
            return date(year, month, 1), _month_end(year, month), "month"
        if _DAY.fullmatch(period):
            day = date.fromisoformat(period)
            return day, day, "day"
        if m := _INTERVAL.fullmatch(period):
            start, end = date.fromisoformat(m[1]), date.fromisoformat(m[2])
            return (start, end, "interval") if start <= end else None
    except ValueError:
        return None
    return None


@dataclass(slots=True)
class Point:
    """One distinct value stated for a period in a series, and who states it."""

    period: str
    start: date
    end: date
    value: float
    low: float
    high: float
    forward: bool
    docs: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, href)
    ident: str = ""

    @property
    def middle(self) -> float:
        return (self.start.toordinal() + self.end.toordinal() + 1) / 2


@dataclass(slots=True)
class Chart:
    """A subject's metric in one unit: its series of points, and its SVG once drawn."""

    subject: str
    metric: str
    unit: str
    ident: str
    series: dict[str, list[Point]] = field(default_factory=dict)
    doc_ids: set[str] = field(default_factory=set)
    points: int = 0
    svg: str = ""

    @property
    def title(self) -> str:
        unit = f" ({self.unit})" if self.unit else ""
        return f"{self.subject} · {self.metric}{unit}"

    @property
    def documents(self) -> int:
        return len(self.doc_ids)


def _fact_value(fact: Row) -> tuple[float, float, float] | None:
    """(value, low, high) of a fact; a range is drawn at its middle."""
    low, high, value = fact["value_low"], fact["value_high"], fact["value"]
    if value is not None:
        v = float(value)
        return v, float(low) if low is not None else v, float(high) if high is not None else v
    if low is not None and high is not None:
        return (float(low) + float(high)) / 2, float(low), float(high)
    return None


@dataclass(slots=True)
class ChartSet:
    """The charts per (subject, metric), and the point each (doc_id, fact_id) is drawn as."""

    by_pair: dict[tuple[str, str], list[Chart]]
    fact_points: dict[tuple[str, str], str]


def collect(facts: Iterable[tuple[str, str, Row]]) -> ChartSet:
    """The charts of (doc_id, page href, fact row) triples; facts with no period or value
    are not drawn."""
    charts: dict[tuple[str, str, str], Chart] = {}
    points: dict[tuple[object, ...], Point] = {}
    fact_points: dict[tuple[str, str], str] = {}
    for doc_id, href, fact in facts:
        span = period_span(fact.text("period"))
        numbers = _fact_value(fact)
        subject, metric = fact.text("subject"), fact.text("metric")
        if span is None or numbers is None or not subject or not metric:
            continue
        unit = fact.text("unit")
        chart = charts.get((subject, metric, unit))
        if chart is None:
            chart = Chart(subject, metric, unit, ident=f"c{len(charts) + 1}")
            charts[(subject, metric, unit)] = chart
        start, end, granularity = span
        segment = fact.text("segment") or "total"
        label = f"{segment}, {GRANULARITY_NAMES[granularity]}"
        forward = fact.text("modality") not in ("", "actual")
        key = (subject, metric, unit, label, fact.text("period"), *numbers, forward)
        point = points.get(key)
        if point is None:
            ident = f"{chart.ident}-{chart.points + 1}"
            point = Point(fact.text("period"), start, end, *numbers, forward=forward, ident=ident)
            chart.series.setdefault(label, []).append(point)
            chart.points += 1
            points[key] = point
        if not point.docs or point.docs[-1][0] != doc_id:
            point.docs.append((doc_id, href))
        chart.doc_ids.add(doc_id)
        fact_points[(doc_id, fact.text("fact_id"))] = point.ident
    by_pair: dict[tuple[str, str], list[Chart]] = {}
    for (subject, metric, _unit), chart in sorted(charts.items()):
        by_pair.setdefault((subject, metric), []).append(chart)
    return ChartSet(by_pair, fact_points)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (steps of 1, 2 or 5 times a power of ten)."""
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    ticks = [math.floor(low / step) * step]
    while ticks[-1] < high - step * 1e-9:
        ticks.append(ticks[-1] + step)
    return [round(t, 12) for t in ticks]


def _x_ticks(lo: float, hi: float, most: int = 12) -> list[tuple[float, str, bool]]:
    """(ordinal, label, major) ticks: quarters when the span is short, else every year, or
    every 2, 5, 10, ... years so that at most ``most`` are labelled."""
    first, last = date.fromordinal(int(lo)), date.fromordinal(int(hi))
    short = hi - lo < 3 * 366
    years = last.year - first.year + 1
    step = next(s for s in _YEAR_STEPS if years / s <= most or s == _YEAR_STEPS[-1])
    ticks: list[tuple[float, str, bool]] = []
    for year in range(first.year - first.year % step, last.year + 2, step):
        for quarter in range(4 if short else 1):
            day = date(year, 3 * quarter + 1, 1).toordinal()
            if lo <= day <= hi:
                label = str(year) if quarter == 0 else f"Q{quarter + 1}"
                if not ticks and quarter:
                    label = f"{label} {year}"
                ticks.append((day, label, quarter == 0))
    return ticks


def draw(chart: Chart, doc_title: Callable[[str], str] = str) -> str:
    """The chart as an inline SVG element (classes only: the page's CSP forbids styles)."""
    all_points = [p for pts in chart.series.values() for p in pts]
    lo_x = min(p.start.toordinal() for p in all_points)
    hi_x = max(p.end.toordinal() + 1 for p in all_points)
    pad = max(20.0, (hi_x - lo_x) * 0.04)
    lo_x, hi_x = lo_x - pad, hi_x + pad
    y_ticks = nice_ticks(
        min(0.0, *(p.low for p in all_points)), max(0.0, *(p.high for p in all_points))
    )
    lo_y, hi_y = y_ticks[0], y_ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def sx(x: float) -> float:
        return LEFT + (x - lo_x) / (hi_x - lo_x) * plot_w

    def sy(y: float) -> float:
        return TOP + (hi_y - y) / (hi_y - lo_y or 1.0) * plot_h

    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(chart.title)} by period" xmlns="http://www.w3.org/2000/svg">'
    ]
    for y in y_ticks:
        out.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{sy(y):.1f}" '
            f'y2="{sy(y):.1f}"/><text class="ylab" x="{LEFT - 6}" y="{sy(y) + 4:.1f}">'
            f"{escape(compact(y))}</text>"
        )
    base = TOP + plot_h
    for x, label, major in _x_ticks(lo_x, hi_x):
        cls = "xtick major" if major else "xtick"
        out.append(
            f'<line class="{cls}" x1="{sx(x):.1f}" x2="{sx(x):.1f}" y1="{TOP}" y2="{base}"/>'
            f'<text class="xlab" x="{sx(x):.1f}" y="{base + 16}">{escape(label)}</text>'
        )
    for index, (label, points) in enumerate(chart.series.items()):
        cls = f"s{index % SERIES_CLASSES}"
        by_period: dict[float, list[float]] = {}
        for p in points:
            if not p.forward:
                by_period.setdefault(p.middle, []).append(p.value)
        if len(by_period) > 1:
            path = " ".join(
                f"{sx(x):.1f},{sy(statistics.median(v)):.1f}" for x, v in sorted(by_period.items())
            )
            out.append(f'<polyline class="line {cls}" points="{path}"/>')
        for p in sorted(points, key=lambda p: p.middle):
            out.append(_draw_point(chart, label, p, cls, sx, sy, doc_title))
    out.append("</svg>")
    return "".join(out)


def _draw_point(
    chart: Chart,
    label: str,
    p: Point,
    cls: str,
    sx: Callable[[float], float],
    sy: Callable[[float], float],
    doc_title: Callable[[str], str],
) -> str:
    x, y = sx(p.middle), sy(p.value)
    names = ", ".join(doc_title(d) for d, _ in p.docs[:3])
    more = f" and {len(p.docs) - 3} more" if len(p.docs) > 3 else ""
    kind = " (forward-looking)" if p.forward else ""
    tip = (
        f"{chart.subject} {chart.metric}, {label}, {p.period}: {number(p.value)} {chart.unit}"
        f"{kind}. Stated in {names}{more}"
    )
    parts = [f'<g class="pt {cls}{" fwd" if p.forward else ""}" data-pt="{p.ident}">']
    if p.end > p.start:
        x0, x1 = sx(p.start.toordinal()), sx(p.end.toordinal() + 1)
        parts.append(
            f'<line class="extent" x1="{x0:.1f}" x2="{x1:.1f}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
    if p.high > p.low:
        parts.append(
            f'<line class="range" x1="{x:.1f}" x2="{x:.1f}" y1="{sy(p.low):.1f}" '
            f'y2="{sy(p.high):.1f}"/>'
        )
    parts.append(
        f'<a href="{escape(p.docs[0][1])}"><circle cx="{x:.1f}" cy="{y:.1f}" r="4.5">'
        f"<title>{escape(tip)}</title></circle></a></g>"
    )
    return "".join(parts)
