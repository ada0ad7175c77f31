"""Period arithmetic of the linker: comparison phrases re-anchored to the compared period."""

from __future__ import annotations

import pytest

from extract.facts.periods import previous_period, reanchor, year_of_half, year_to_date

# (phrase, period of the figure compared with, expected period of the phrase)
REANCHOR = [
    # the period before, of the same length
    ("the previous quarter", "2024-Q3", "2024-Q2"),
    ("the previous quarter", "2024-Q1", "2023-Q4"),
    ("the preceding quarter", "2025-Q2", "2025-Q1"),
    ("the prior quarter", "2023-Q4", "2023-Q3"),
    ("last quarter", "2024-Q3", "2024-Q2"),
    ("the last quarter", "2024-Q1", "2023-Q4"),
    ("the sequential quarter", "2024-Q3", "2024-Q2"),
    ("a quarter earlier", "2024-Q3", "2024-Q2"),
    ("a quarter ago", "2024-Q1", "2023-Q4"),
    ("one quarter before", "2024-Q2", "2024-Q1"),
    ("the previous half", "2024-H2", "2024-H1"),
    ("the previous half", "2024-H1", "2023-H2"),
    ("the prior half", "2025-H1", "2024-H2"),
    ("the previous month", "2024-03", "2024-02"),
    ("the previous month", "2024-01", "2023-12"),
    ("last month", "2025-10", "2025-09"),
    ("a month earlier", "2025-01", "2024-12"),
    ("a month ago", "2025-07", "2025-06"),
    ("the previous period", "2024-Q3", "2024-Q2"),
    ("the prior period", "2024-H1", "2023-H2"),
    ("the previous three months", "2024-Q3", "2024-Q2"),
    # the same period a year before
    ("a year earlier", "2024-Q3", "2023-Q3"),
    ("a year ago", "2024-Q4", "2023-Q4"),
    ("one year before", "2024-H1", "2023-H1"),
    ("a year earlier", "2024-05", "2023-05"),
    ("a year earlier", "2024", "2023"),
    ("the previous year", "2024-Q3", "2023-Q3"),
    ("the previous year", "2024", "2023"),
    ("the prior year", "2025-H1", "2024-H1"),
    ("last year", "2024-Q3", "2023-Q3"),
    ("last year", "2025", "2024"),
    ("the same period last year", "2024-Q3", "2023-Q3"),
    ("the same period of last year", "2024-H1", "2023-H1"),
    ("the same period in the previous year", "2024-Q2", "2023-Q2"),
    ("the same quarter last year", "2024-Q4", "2023-Q4"),
    ("the same quarter of the prior year", "2024-Q1", "2023-Q1"),
    ("the same quarter a year earlier", "2025-Q3", "2024-Q3"),
    ("same quarter a year ago", "2025-Q2", "2024-Q2"),
    ("the same month last year", "2025-10", "2024-10"),
    ("the same half of last year", "2025-H1", "2024-H1"),
    ("the same period a year earlier", "2025-Q3", "2024-Q3"),
    ("the same period a year ago", "2025-H1", "2024-H1"),
    ("the year-ago quarter", "2024-Q3", "2023-Q3"),
    ("the year ago quarter", "2024-Q1", "2023-Q1"),
    ("the year-earlier period", "2025-H1", "2024-H1"),
    ("the prior-year quarter", "2024-Q2", "2023-Q2"),
    ("the prior-year period", "2024", "2023"),
    ("the year-ago month", "2025-09", "2024-09"),
    ("a year earlier", "2024-03-03/2024-08-31", "2023-03-03/2023-08-31"),
    ("a year earlier", "2024-02-29", "2023-02-28"),
    # the same period in a named year
    ("the same period of 2022", "2024-Q3", "2022-Q3"),
    ("the same period in 2022", "2023-Q3", "2022-Q3"),
    ("the same quarter of 2021", "2024-Q1", "2021-Q1"),
    ("the same quarter in 2023", "2024-Q4", "2023-Q4"),
    ("the same half of 2023", "2024-H1", "2023-H1"),
    ("the same month of 2024", "2025-08", "2024-08"),
    ("same period of 2022", "2023-H2", "2022-H2"),
    ("the same period of fiscal 2023", "2024-Q2", "2023-Q2"),
    ("the same period of 2022", "2024", "2022"),
    # spacing and case do not matter
    ("The Previous  Quarter", "2024-Q3", "2024-Q2"),
    ("A YEAR EARLIER", "2024-Q3", "2023-Q3"),
    ("the same\nperiod of 2022", "2024-Q3", "2022-Q3"),
    # no comparison phrase, or nothing to compare with
    ("the third quarter", "2024-Q3", ""),
    ("2023", "2024-Q3", ""),
    ("September 30, 2024", "2024-Q3", ""),
    ("next quarter", "2024-Q3", ""),
    ("the previous quarter", "", ""),
    ("a year earlier", "", ""),
    # a unit that does not fit the compared period
    ("the previous quarter", "2024", ""),
    ("the previous half", "2024-Q3", ""),
    ("the previous month", "2024-Q3", ""),
]


@pytest.mark.parametrize(("phrase", "compared", "expected"), REANCHOR, ids=str)
def test_periods_reanchor_comparison_phrase(phrase: str, compared: str, expected: str) -> None:
    assert reanchor(phrase, compared) == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2024-Q2", "2024-Q1"),
        ("2024-Q1", "2023-Q4"),
        ("2024-H1", "2023-H2"),
        ("2024-H2", "2024-H1"),
        ("2024-01", "2023-12"),
        ("2024-11", "2024-10"),
        ("2024", "2023"),
        ("2024-03-03/2024-08-31", ""),
        ("", ""),
    ],
    ids=str,
)
def test_periods_previous_period(period: str, expected: str) -> None:
    assert previous_period(period) == expected


@pytest.mark.parametrize(
    ("half", "text", "expected"),
    [
        # A fiscal half of calendar months: its year is twelve calendar months.
        ("2025-04-01/2025-09-30", "in the first half", "2025-04-01/2026-03-31"),
        ("2025-04-01/2025-09-30", "results", "2024-10-01/2025-09-30"),
        # A retailer's 26-week half: its year is 52 weeks.
        ("2024-03-03/2024-08-31", "in the first half", "2024-03-03/2025-03-01"),
        ("2025-01-01/2025-09-30", "in the first half", ""),
    ],
)
def test_periods_year_of_half(half: str, text: str, expected: str) -> None:
    assert year_of_half(half, text) == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2025-01-01/2025-09-30", True),
        ("2025-04-01/2025-12-31", True),
        ("2025-01-01/2025-06-30", False),
        ("2025-Q3", False),
    ],
)
def test_periods_year_to_date(period: str, expected: bool) -> None:
    assert year_to_date(period) is expected
