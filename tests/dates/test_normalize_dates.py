"""The pure date resolver: parsed expression + reference date -> period."""

from __future__ import annotations

from datetime import date

import pytest

from extract.normalize.dates import (
    DateExpr,
    ResolvedDate,
    canonical_period,
    expand_two_digit_year,
    iso_week,
    quarter_period,
    resolve_date,
    shift_years,
)

REF = date(2025, 11, 19)  # a Wednesday

E = DateExpr

# (expression, reference date, future, expected period)
CORE = [
    (E("day", year=2025, month=11, day=16), REF, False, "2025-11-16"),
    (E("day", month=11, day=16), REF, False, "2025-11-16"),
    (E("day", month=12, day=27), REF, False, "2024-12-27"),
    (E("day", month=12, day=27), REF, True, "2025-12-27"),
    (E("day", month=2, day=29), date(2017, 3, 22), False, "2016-02-29"),
    (E("day", month=2, day=29), date(2020, 3, 22), True, "2024-02-29"),
    (E("month", month=6), REF, False, "2025-06"),
    (E("month", month=12), REF, False, "2024-12"),
    (E("month", month=12), REF, True, "2025-12"),
    (E("month", month=11), REF, True, "2025-11"),
    (E("month", month=3, year_offset=0), REF, False, "2025-03"),
    (E("month", month=6, year_offset=1), REF, False, "2026-06"),
    (E("month", month_offset=-1), REF, False, "2025-10"),
    (E("quarter", quarter=3), REF, False, "2025-Q3"),
    (E("quarter", quarter=4), date(2025, 8, 19), False, "2024-Q4"),
    (E("quarter", quarter=2), date(2025, 8, 19), False, "2025-Q2"),
    (E("quarter", quarter=3), date(2016, 11, 7), True, "2017-Q3"),
    (E("quarter", quarter=1, year=2024), REF, False, "2024-Q1"),
    (E("quarter", quarter_offset=-1), date(2019, 1, 28), False, "2018-Q4"),
    (E("quarter", quarter_offset=1), date(2019, 12, 28), False, "2020-Q1"),
    (E("report_quarter"), REF, False, "2025-Q4"),
    (E("half", half=1, year_offset=0), REF, False, "2025-H1"),
    (E("half", half=2), date(2025, 3, 1), False, "2024-H2"),
    (E("year", year_offset=0), REF, False, "2025"),
    (E("year", year_offset=-1), REF, False, "2024"),
    (E("year", year_offset=1), REF, False, "2026"),
    (E("year", year=2027), None, False, "2027"),
    (E("report_year"), REF, False, "2025"),
    (E("same_period_last_year"), REF, False, "2024"),
    (E("relative_day", day_offset=0), REF, False, "2025-11-19"),
    (E("relative_day", day_offset=-1), REF, False, "2025-11-18"),
    (E("relative_day", day_offset=1), REF, False, "2025-11-20"),
    (E("weekday", weekday=4, week_offset=1), date(2019, 1, 31), False, "2019-02-08"),
    (E("weekday", weekday=2, week_offset=-1), date(2019, 1, 31), False, "2019-01-23"),
    (E("weekday", weekday=0), REF, False, "2025-11-17"),
    (E("weekday", weekday=0), REF, True, "2025-11-24"),
    (E("week", week_offset=0), REF, False, "2025-11-17/2025-11-23"),
    (E("week", week_offset=0), date(2026, 1, 1), False, "2025-12-29/2026-01-04"),
    (E("week", week_offset=1), REF, False, "2025-11-24/2025-11-30"),
    (E("weekend", week_offset=0), date(2016, 11, 7), False, "2016-11-12/2016-11-13"),
    (E("week_number", count=31), date(2018, 7, 2), False, "2018-07-30/2018-08-05"),
    (E("first_months", count=7, year_offset=0), REF, False, "2025-01-01/2025-07-31"),
    (E("first_months", count=9, year=2024), REF, False, "2024-01-01/2024-09-30"),
    (E("edge", edge="end", inner=E("month", month=9, year=2025)), REF, False, "2025-09-30"),
    (E("edge", edge="end", inner=E("year", year=2024)), REF, False, "2024-12-31"),
    (E("edge", edge="start", inner=E("year", year=2024)), REF, False, "2024-01-01"),
    (E("ending", count=3, inner=E("day", month=9, day=30)), REF, False, "2025-Q3"),
    (E("ending", day_offset=182, inner=E("day", month=8, day=31)), REF, False,
     "2025-03-03/2025-08-31"),
    (E("week_of", inner=E("day", month=4, day=10)), date(2018, 3, 14), False,
     "2017-04-10/2017-04-16"),
    (E("nth_week", count=1, inner=E("year", year=2015)), REF, False, "2014-12-29/2015-01-04"),
    (E("nth_week", count=-1, inner=E("year", year=2019)), REF, False, "2019-12-23/2019-12-29"),
    (E("nth_week", count=1, inner=E("month", month=10, year=2016)), REF, False,
     "2016-10-03/2016-10-09"),
    (E("range", start=E("month", month=5), end=E("month", month=10, year=2020)), REF, False,
     "2020-05-01/2020-10-31"),
    (E("range", start=E("month", month=11), end=E("month", month=2, year=2017)), REF, False,
     "2016-11-01/2017-02-28"),
    (E("range", start=E("month", month=4), end=E("month", month=6)), REF, False, "2025-Q2"),
    (E("range", start=E("day", month=10, day=25), end=E("day", month=1, day=25)),
     date(2018, 10, 24), False, "2017-10-25/2018-01-25"),
    (E("range", start=E("day", month=10, day=1), end=E("day", month=11, day=7)),
     date(2018, 10, 24), True, "2018-10-01/2018-11-07"),
    (E("range", start=E("year", year=2020), end=E("year", year=2025)), None, False,
     "2020-01-01/2025-12-31"),
]  # fmt: skip

BUGS_CAUGHT = [
    # The day of a weekday-named date picks the month where the weekday fits.
    (E("day", day=11, weekday=1), date(2019, 6, 10), False, "2019-06-11"),
    # A future range that has begun but not ended is the current one.
    (E("range", start=E("day", month=11, day=18), end=E("day", month=11, day=20)),
     date(2025, 11, 19), True, "2025-11-18/2025-11-20"),
]  # fmt: skip

XFAIL = [
    # The library reading of "the last week of July" when the month ends on a Monday.
    (E("nth_week", count=-1, inner=E("month", month=7, year=2017)), REF, False,
     "2017-07-24/2017-07-30"),
]  # fmt: skip


def _idfn(value: object) -> str:
    if isinstance(value, DateExpr):
        return value.kind
    return str(value)


@pytest.mark.parametrize(("expr", "ref", "future", "expected"), CORE + BUGS_CAUGHT, ids=_idfn)
def test_normalize_dates_resolves_period(
    expr: DateExpr, ref: date | None, future: bool, expected: str
) -> None:
    resolved = resolve_date(expr, reference_date=ref, future=future)
    assert resolved is not None
    assert resolved.period == expected


@pytest.mark.parametrize(("expr", "ref", "future", "expected"), XFAIL, ids=_idfn)
@pytest.mark.xfail(strict=True, reason="week conventions of other libraries not followed")
def test_normalize_dates_xfail(
    expr: DateExpr, ref: date | None, future: bool, expected: str
) -> None:
    resolved = resolve_date(expr, reference_date=ref, future=future)
    assert resolved is not None
    assert resolved.period == expected


@pytest.mark.parametrize(
    ("expr", "granularity", "start", "end"),
    [
        (E("quarter", quarter=3, year=2025), "quarter", date(2025, 7, 1), date(2025, 9, 30)),
        (E("half", half=1, year=2025), "half", date(2025, 1, 1), date(2025, 6, 30)),
        (E("month", month=2, year=2024), "month", date(2024, 2, 1), date(2024, 2, 29)),
        (E("year", year=2024), "year", date(2024, 1, 1), date(2024, 12, 31)),
        (E("day", year=2025, month=9, day=30), "day", date(2025, 9, 30), date(2025, 9, 30)),
        (E("week", week_offset=0), "interval", date(2025, 11, 17), date(2025, 11, 23)),
    ],
)
def test_normalize_dates_fills_bounds_and_granularity(
    expr: DateExpr, granularity: str, start: date, end: date
) -> None:
    resolved = resolve_date(expr, reference_date=REF)
    assert resolved is not None
    assert (resolved.date_start, resolved.date_end, resolved.granularity) == (
        start,
        end,
        granularity,
    )


@pytest.mark.parametrize(
    ("expr", "report", "expected"),
    [
        (E("report_quarter"), quarter_period(2025, 3), "2025-Q3"),
        (E("report_year"), quarter_period(2025, 2), "2025"),
        (E("same_period_last_year"), quarter_period(2025, 3), "2024-Q3"),
        (E("report_quarter"), None, "2025-Q4"),
    ],
)
def test_normalize_dates_uses_report_period(
    expr: DateExpr, report: ResolvedDate | None, expected: str
) -> None:
    resolved = resolve_date(expr, reference_date=REF, report_period=report)
    assert resolved is not None
    assert resolved.period == expected


@pytest.mark.parametrize(
    ("expr", "fiscal_start", "expected"),
    [
        (E("year", year=2024, fiscal=True), 4, "2023-04-01/2024-03-31"),
        (E("year", year=2024, fiscal=True), 10, "2023-10-01/2024-09-30"),
        (E("year", year=2024, fiscal=True), 1, "2024"),
        (E("half", half=1, year=2023, fiscal=True), 4, "2022-04-01/2022-09-30"),
        (E("quarter", quarter=1, year=2024, fiscal=True), 10, "2023-Q4"),
        (E("quarter", quarter=1, year=2024, fiscal=True), 1, "2024-Q1"),
    ],
)
def test_normalize_dates_fiscal_year_ends_in_named_year(
    expr: DateExpr, fiscal_start: int, expected: str
) -> None:
    resolved = resolve_date(expr, reference_date=REF, fiscal_year_start=fiscal_start)
    assert resolved is not None
    assert resolved.period == expected


@pytest.mark.parametrize(
    ("expr", "fiscal_start", "expected"),
    [
        (E("year", year=2024, fiscal=True), 4, "2024-04-01/2025-03-31"),
        (E("quarter", quarter=4, year=2024, fiscal=True), 4, "2025-Q1"),
        (E("half", half=1, year=2025, fiscal=True), 4, "2025-04-01/2025-09-30"),
        (E("year", year=2024, fiscal=True), 1, "2024"),
    ],
)
def test_normalize_dates_fiscal_year_starts_in_named_year(
    expr: DateExpr, fiscal_start: int, expected: str
) -> None:
    resolved = resolve_date(
        expr, reference_date=REF, fiscal_year_start=fiscal_start, fiscal_label="start"
    )
    assert resolved is not None
    assert resolved.period == expected


def test_normalize_dates_rejects_bad_fiscal_label() -> None:
    with pytest.raises(ValueError, match="fiscal_label"):
        resolve_date(E("year", year=2024), reference_date=REF, fiscal_label="middle")


@pytest.mark.parametrize(
    "expr",
    [
        E("month", month=6),
        E("quarter", quarter=3),
        E("year", year_offset=0),
        E("relative_day", day_offset=0),
        E("week", week_offset=0),
        E("report_quarter"),
        E("weekday", weekday=4),
    ],
    ids=_idfn,
)
def test_normalize_dates_relative_needs_reference(expr: DateExpr) -> None:
    assert expr.needs_reference
    assert resolve_date(expr, reference_date=None) is None


@pytest.mark.parametrize(
    "expr",
    [E("day", year=2025, month=2, day=30), E("week_number", count=0, year=2019)],
    ids=_idfn,
)
def test_normalize_dates_invalid_is_none(expr: DateExpr) -> None:
    assert resolve_date(expr, reference_date=REF) is None


@pytest.mark.parametrize(
    ("yy", "ref", "expected"),
    [(25, REF, 2025), (89, date(2016, 11, 7), 1989), (27, date(2016, 11, 7), 2027),
     (40, date(2016, 11, 7), 1940), (24, None, 2024), (68, None, 2068), (69, None, 1969)],
)  # fmt: skip
def test_normalize_dates_two_digit_year(yy: int, ref: date | None, expected: int) -> None:
    assert expand_two_digit_year(yy, ref) == expected


@pytest.mark.parametrize(
    ("period", "years", "expected"),
    [
        (quarter_period(2025, 3), -1, "2024-Q3"),
        (iso_week(REF), -1, "2024-11-17/2024-11-23"),
    ],
)
def test_normalize_dates_shift_years(period: ResolvedDate, years: int, expected: str) -> None:
    assert shift_years(period, years).period == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2023-07-01/2023-09-30", "2023-Q3"),
        ("2023-01-01/2023-06-30", "2023-H1"),
        ("2023-01-01/2023-12-31", "2023"),
        ("2023-09-01/2023-09-30", "2023-09"),
        ("2023-09-30/2023-09-30", "2023-09-30"),
        ("2023-04-01/2024-03-31", "2023-04-01/2024-03-31"),
        ("2023-Q3", "2023-Q3"),
        ("2023-09-30/2023-07-01", "2023-09-30/2023-07-01"),
        ("not/a-period", "not/a-period"),
    ],
)
def test_normalize_dates_canonical_period(period: str, expected: str) -> None:
    assert canonical_period(period) == expected


REPORT_Q3 = quarter_period(2024, 3)


@pytest.mark.parametrize(
    ("expr", "report", "expected"),
    [
        (E("report_shift", quarter_offset=-1), REPORT_Q3, "2024-Q2"),
        (E("report_shift", quarter_offset=1), REPORT_Q3, "2024-Q4"),
        (E("report_shift", quarter_offset=-1), None, "2025-Q3"),  # from the reference's
        (E("report_shift", year=2022), REPORT_Q3, "2022-Q3"),
        (E("report_shift", year=2022), None, None),
    ],
)
def test_normalize_dates_report_shift(
    expr: DateExpr, report: ResolvedDate | None, expected: str | None
) -> None:
    found = resolve_date(expr, reference_date=REF, report_period=report)
    assert (found.period if found else None) == expected


@pytest.mark.parametrize(
    ("expr", "ref", "label", "expected"),
    [
        # The fiscal year holding the reference date, then counted from it.
        (E("year", year_offset=0, fiscal=True), date(2023, 8, 4), "start", "2023-04-01/2024-03-31"),
        (E("year", year_offset=0, fiscal=True), date(2023, 8, 4), "end", "2023-04-01/2024-03-31"),
        (E("year", year_offset=1, fiscal=True), date(2024, 5, 2), "end", "2025-04-01/2026-03-31"),
        (E("year", year_offset=-1, fiscal=True), date(2024, 2, 2), "end", "2022-04-01/2023-03-31"),
        # A split-year label names the year ending in its second year, whatever the convention.
        (E("year", year=2024, fiscal=True, fiscal_label="end"), REF, "start",
         "2023-04-01/2024-03-31"),
    ],
)  # fmt: skip
def test_normalize_dates_fiscal_year_relative_and_split(
    expr: DateExpr, ref: date, label: str, expected: str
) -> None:
    found = resolve_date(expr, reference_date=ref, fiscal_year_start=4, fiscal_label=label)
    assert found is not None
    assert found.period == expected
