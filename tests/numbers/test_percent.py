"""normalize_percent: the text of one percentage -> value (or range) and unit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.normalize.percent import Percent, normalize_percent, percent_unit


def idfn(value: object) -> str | None:
    return value if isinstance(value, str) else None


def point(value: str, unit: str = "percent") -> Percent:
    d = Decimal(value)
    return Percent(d, d, d, unit)


def span(low: str, high: str, unit: str = "percent") -> Percent:
    return Percent(None, Decimal(low), Decimal(high), unit)


CORE = [
    ("22.3%", point("22.3")),
    ("100%", point("100")),
    ("27 %", point("27")),
    ("5\uff05", point("5")),
    ("100 percent", point("100")),
    ("100 percents", point("100")),
    ("100 percentage", point("100")),
    ("240 percent", point("240")),
    ("100-percent", point("100")),
    ("twenty percent", point("20")),
    ("thirty percentage", point("30")),
    ("one hundred percent", point("100")),
    ("one hundred percents", point("100")),
    ("12 pct", point("12")),
    ("5pc", point("5")),
    ("1.8 percentage points", point("1.8", "percentage_point")),
    ("1 percentage point", point("1", "percentage_point")),
    ("2 percentage-point", point("2", "percentage_point")),
    ("0.5 per cent", point("0.5")),
    ("3 per cent points", point("3", "percentage_point")),
    ("1.5 pp", point("1.5", "percentage_point")),
    ("3pp", point("3", "percentage_point")),
    ("2 ppt", point("2", "percentage_point")),
    ("2 ppts", point("2", "percentage_point")),
    ("150 basis points", point("1.5", "percentage_point")),
    ("25 bps", point("0.25", "percentage_point")),
    ("25bps", point("0.25", "percentage_point")),
    ("1 basis point", point("0.01", "percentage_point")),
    ("50 to 80%", span("50", "80")),
    ("5-10%", span("5", "10")),
    ("5%-10%", span("5", "10")),
    ("5% and 7%", span("5", "7")),
    ("5 to 10 percentage points", span("5", "10", "percentage_point")),
    ("-3%", point("-3")),
    ("\u22123%", point("-3")),
    ("minus five percent", point("-5")),
    ("negative 2 percent", point("-2")),
    ("-5 to -3%", span("-5", "-3")),
    ("-2% to 4%", span("-2", "4")),
]

# Inputs users reported as misread.
BUGS_CAUGHT = [
    ("80 per cent", point("80")),
    ("80 percent", point("80")),
    ("0.4%", point("0.4")),
]

NOT_PERCENT = ["percent", "80", "five", "per cent", "a few percent", "2012\u201313", ""]

XFAIL = [
    ("6 . 2 %", point("6.2")),
    ("half a percent", point("0.5")),
]


@pytest.mark.parametrize(("text", "expected"), CORE + BUGS_CAUGHT, ids=idfn)
def test_percent_normalizes_value_and_unit(text: str, expected: Percent) -> None:
    assert normalize_percent(text) == expected


@pytest.mark.parametrize("text", NOT_PERCENT, ids=idfn)
def test_percent_rejects_text_without_number_or_unit(text: str) -> None:
    assert normalize_percent(text) is None


@pytest.mark.parametrize(("text", "expected"), XFAIL, ids=idfn)
@pytest.mark.xfail(strict=True, reason="tokenized decimals and fractions are not read")
def test_percent_known_gaps(text: str, expected: Percent) -> None:
    assert normalize_percent(text) == expected


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("%", ("percent", 0)),
        ("per cent", ("percent", 0)),
        ("percentage", ("percent", 0)),
        ("percentage points", ("percentage_point", 0)),
        ("pp", ("percentage_point", 0)),
        ("p.p.", ("percentage_point", 0)),
        ("bps", ("percentage_point", -2)),
        ("basis points", ("percentage_point", -2)),
    ],
    ids=idfn,
)
def test_percent_unit_names(unit: str, expected: tuple[str, int]) -> None:
    assert percent_unit(unit) == expected
