"""How values read on the pages: exact with separators, short in narrow columns, tips."""

from __future__ import annotations

from datetime import date

import pytest

from extract.report import fmt
from extract.report.load import Row


@pytest.mark.parametrize(
    ("value", "exact", "brief"),
    [
        (113_100_000_000.0, "113,100,000,000", "113.1 bn"),
        (5_400_000_000.0, "5,400,000,000", "5.4 bn"),
        (287_000_000.0, "287,000,000", "287 m"),
        (1_234_567.0, "1,234,567", "1.235 m"),
        (108_796.0, "108,796", "108,796"),
        (22.3, "22.3", "22.3"),
        (-4.02, "-4.02", "-4.02"),
        (2.5e12, "2,500,000,000,000", "2.5 tn"),
    ],
)
def test_report_fmt_numbers(value: float, exact: str, brief: str) -> None:
    assert fmt.number(value) == exact
    assert fmt.short(value) == brief


def _row(**values) -> Row:
    keys = (
        "kind",
        "mention_id",
        "value",
        "value_low",
        "value_high",
        "unit",
        "qualifier",
        "period",
        "date_start",
        "date_end",
        "canonical",
        "status",
        "change_value",
        "change_unit",
        "change_basis",
    )
    row = dict.fromkeys(keys)
    row.update(values)
    return Row(row)


@pytest.mark.parametrize(
    ("row", "tip"),
    [
        (
            _row(kind="money", mention_id="m1", value=5.4e9, unit="EUR", qualifier="exact"),
            "money: 5,400,000,000 EUR · m1",
        ),
        (
            _row(
                kind="money",
                mention_id="m2",
                value_low=4000.0,
                value_high=5000.0,
                unit="CNY",
                qualifier="range",
            ),
            "money: 4,000\u20135,000 CNY · m2",
        ),
        (
            _row(
                kind="quantity",
                mention_id="m3",
                value=40000.0,
                unit="vehicle",
                qualifier="lower_bound",
            ),
            "quantity: > 40,000 vehicle · m3",
        ),
        (
            _row(
                kind="percent",
                mention_id="m4",
                value=1.8,
                unit="percentage_point",
                qualifier="approx",
            ),
            "percent: \u2248 1.8 percentage_point · m4",
        ),
        (
            _row(
                kind="date",
                mention_id="m5",
                period="2025-Q3",
                date_start=date(2025, 7, 1),
                date_end=date(2025, 9, 30),
            ),
            "date: 2025-Q3 (2025-07-01 to 2025-09-30) · m5",
        ),
        (
            _row(kind="date", mention_id="m6", status="unresolved"),
            "date: unresolved: no reference date · m6",
        ),
        (_row(kind="org", mention_id="m7", canonical="Acme Widgets"), "org: Acme Widgets · m7"),
        (_row(kind="person", mention_id="m8"), "person: (no canonical name) · m8"),
    ],
    ids=["money", "range", "lower-bound", "approx-pp", "quarter", "unresolved", "org", "none"],
)
def test_report_fmt_mention_tip(row: Row, tip: str) -> None:
    assert fmt.mention_tip(row) == tip


@pytest.mark.parametrize(
    ("row", "text"),
    [
        (_row(change_value=22.3, change_unit="percent", change_basis="yoy"), "+22.3 percent yoy"),
        (_row(change_value=-4.02, change_unit="percent"), "-4.02 percent"),
        (_row(), ""),
    ],
)
def test_report_fmt_change(row: Row, text: str) -> None:
    assert fmt.change(row) == text
