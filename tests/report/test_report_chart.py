"""Charts: periods on a time axis, one chart per unit, one series per segment and granularity."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from extract.report.chart import _x_ticks, collect, draw, nice_ticks, period_span
from extract.report.load import Row


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2025", (date(2025, 1, 1), date(2025, 12, 31), "year")),
        ("2025-Q3", (date(2025, 7, 1), date(2025, 9, 30), "quarter")),
        ("2024-Q4", (date(2024, 10, 1), date(2024, 12, 31), "quarter")),
        ("2025-H1", (date(2025, 1, 1), date(2025, 6, 30), "half")),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29), "month")),
        ("2025-12", (date(2025, 12, 1), date(2025, 12, 31), "month")),
        ("2025-11-19", (date(2025, 11, 19), date(2025, 11, 19), "day")),
        ("2024-04-01/2025-03-31", (date(2024, 4, 1), date(2025, 3, 31), "interval")),
        ("", None),
        ("2025-Q5", None),
        ("2025-13", None),
        ("2025-03-31/2024-04-01", None),
        ("last year", None),
    ],
)
def test_report_chart_period_span(period: str, expected) -> None:
    assert period_span(period) == expected


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (0, 11.3e9, [0, 5e9, 10e9, 15e9]),
        (0, 100, [0, 20, 40, 60, 80, 100]),
        (-3, 7, [-4, -2, 0, 2, 4, 6, 8]),
        (0, 0, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
    ],
)
def test_report_chart_nice_ticks_cover_the_range(low, high, ticks) -> None:
    assert nice_ticks(low, high) == pytest.approx(ticks)


def _fact(**values: Any) -> Row:
    row = dict.fromkeys(
        (
            "subject",
            "metric",
            "period",
            "value",
            "value_low",
            "value_high",
            "unit",
            "segment",
            "modality",
            "fact_id",
        ),
        None,
    )
    row.update(values)
    return Row(row)


def test_report_chart_collect_groups_by_unit_series_and_value() -> None:
    base = {"subject": "Acme", "metric": "revenue", "modality": "actual"}
    facts = [
        (
            "a.txt",
            "../docs/a.html",
            _fact(**base, fact_id="f1", period="2025-Q3", value=5.0, unit="USD"),
        ),
        (
            "b.txt",
            "../docs/b.html",
            _fact(**base, fact_id="f1", period="2025-Q3", value=5.0, unit="USD"),
        ),
        (
            "b.txt",
            "../docs/b.html",
            _fact(**base, fact_id="f2", period="2025-Q2", value=4.0, unit="USD"),
        ),
        (
            "b.txt",
            "../docs/b.html",
            _fact(**base, fact_id="f3", period="2025", value=18.0, unit="USD"),
        ),
        (
            "b.txt",
            "../docs/b.html",
            _fact(**base, fact_id="f4", period="2025-Q3", value=2.0, unit="USD", segment="cloud"),
        ),
        (
            "c.txt",
            "../docs/c.html",
            _fact(**base, fact_id="f1", period="2025-Q3", value=30.0, unit="CNY"),
        ),
        ("c.txt", "../docs/c.html", _fact(**base, fact_id="f2", period="", value=30.0, unit="CNY")),
        ("c.txt", "../docs/c.html", _fact(**base, fact_id="f3", period="2025-Q3", unit="CNY")),
    ]
    charts = collect(facts)
    usd, cny = sorted(charts.by_pair[("Acme", "revenue")], key=lambda c: c.unit != "USD")
    assert (usd.unit, cny.unit) == ("USD", "CNY")
    assert list(usd.series) == ["total, quarterly", "total, annual", "cloud, quarterly"]
    q3 = usd.series["total, quarterly"][0]
    assert [d for d, _ in q3.docs] == ["a.txt", "b.txt"]
    assert charts.fact_points[("a.txt", "f1")] == charts.fact_points[("b.txt", "f1")]
    assert ("c.txt", "f2") not in charts.fact_points
    assert ("c.txt", "f3") not in charts.fact_points
    assert cny.points == 1


def test_report_chart_range_is_drawn_at_its_middle_with_a_bar() -> None:
    fact = _fact(
        subject="Acme",
        metric="revenue",
        period="2025",
        value_low=4.0,
        value_high=6.0,
        unit="USD",
        fact_id="f1",
        modality="guidance",
    )
    chart = collect([("a.txt", "../docs/a.html", fact)]).by_pair[("Acme", "revenue")][0]
    point = chart.series["total, annual"][0]
    assert (point.value, point.low, point.high, point.forward) == (5.0, 4.0, 6.0, True)
    svg = draw(chart)
    assert 'class="range"' in svg
    assert 'class="pt s0 fwd"' in svg


def test_report_chart_draw_escapes_names_and_links_points() -> None:
    facts = [
        (
            "a.txt",
            "../docs/a.html",
            _fact(
                subject="<b>Acme</b>",
                metric="revenue",
                period=p,
                value=v,
                unit="USD",
                fact_id=f"f{i}",
                modality="actual",
            ),
        )
        for i, (p, v) in enumerate([("2024-Q4", 3.0), ("2025-Q1", 4.0), ("2025-Q2", 5.0)])
    ]
    chart = collect(facts).by_pair[("<b>Acme</b>", "revenue")][0]
    svg = draw(chart, {"a.txt": 'Title "quoted" <i>'}.__getitem__)
    assert "<b>" not in svg
    assert "<i>" not in svg
    assert len(re.findall(r"<circle ", svg)) == 3
    assert svg.count('<a href="../docs/a.html">') == 3
    assert "<polyline" in svg
    ys = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)]
    assert ys == sorted(ys, reverse=True)


@pytest.mark.parametrize(
    ("first", "last", "labels"),
    [
        (date(2025, 2, 1), date(2025, 11, 30), ["Q2 2025", "Q3", "Q4"]),
        (date(2024, 6, 1), date(2025, 6, 1), ["Q3 2024", "Q4", "2025", "Q2"]),
        (date(2018, 6, 1), date(2025, 6, 1), [str(y) for y in range(2019, 2026)]),
        (date(1924, 7, 1), date(2025, 9, 30), [str(y) for y in range(1930, 2030, 10)]),
    ],
    ids=["quarters", "quarters-across-a-year", "years", "a-century"],
)
def test_report_chart_x_ticks_stay_few(first: date, last: date, labels: list[str]) -> None:
    ticks = _x_ticks(first.toordinal(), last.toordinal())
    assert [label for _, label, _ in ticks] == labels
