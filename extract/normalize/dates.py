"""Resolve parsed date expressions to periods. Pure: the reference date is an argument.

A parsed expression (``DateExpr``) says what the text states: a day, a month, a quarter,
a year, a relative day, a range of two expressions, ... ``resolve_date`` turns it into a
``ResolvedDate``: first and last day covered, granularity and the ``period`` string of
OUTPUTS.md (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY-Qn``, ``YYYY-Hn``, ``YYYY`` or ``START/END``).

Conventions:

- A month, quarter, half or day named without a year is the most recent one that began on
  or before the reference date; when the sentence speaks of the future it is the first one
  that has not ended before the reference date.
- ``this quarter`` / ``the quarter`` is the quarter the article reports on (passed in as
  ``report_period``), else the quarter holding the reference date; ``the whole year`` is
  the year of that report period, else the reference year.
- Weeks are ISO weeks (Monday to Sunday); ``next Friday`` is the Friday of next week.
- One form per period: a span that is a calendar month, quarter, half or year is written
  with that label (``from July 1 to September 30`` -> ``2024-Q3``); ``canonical_period``
  rewrites a ``START/END`` string the same way.
- Fiscal years: ``FY2024`` is the fiscal year that ends in 2024 (``fiscal_label="end"``, the
  US convention) or, with ``fiscal_label="start"`` (the Japanese convention, stated by a
  document as ``fiscal 2023, the twelve months ended March 31, 2024``), the one that starts
  in 2024. With a fiscal-year start month other than January it is an interval
  (``2023-04-01/2024-03-31``); fiscal quarters and halves count from that start, and one
  that coincides with a calendar quarter or half is written as that (``2024-Q3``). With
  January (the default) it is the calendar year.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "MONTHS",
    "DateExpr",
    "ResolvedDate",
    "canonical_period",
    "day_period",
    "expand_two_digit_year",
    "half_period",
    "interval_period",
    "iso_week",
    "month_period",
    "quarter_period",
    "resolve_date",
    "shift_years",
    "span_period",
    "year_period",
]

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """First and last day covered, granularity and period string."""

    date_start: date
    date_end: date
    granularity: str
    period: str


@dataclass(frozen=True, slots=True)
class DateExpr:
    """What a date mention states, before it is resolved against a reference date.

    ``kind`` is one of:

    - ``day``: ``month``/``day`` (``month`` None: a day of the current month), optional
      ``year`` or ``year_offset`` (``March 5 next year``) or ``month_offset``
      (``the 20th of next month``);
    - ``month``: ``month`` or ``month_offset`` (``last month``), optional ``year`` /
      ``year_offset``;
    - ``quarter``: ``quarter`` with optional ``year`` / ``year_offset``, or
      ``quarter_offset`` relative to the reference date's quarter; ``fiscal`` marks a
      fiscal quarter;
    - ``report_quarter``: ``this quarter``, the quarter the article reports on;
    - ``half``: ``half`` with optional ``year`` / ``year_offset``;
    - ``year``: ``year`` or ``year_offset``; ``fiscal`` marks a fiscal year (with
      ``year_offset``, counted from the fiscal year holding the reference date);
      ``fiscal_label`` (``end`` or ``start``) says how a label names its year when the label
      itself settles it (``FY2023/24`` names the year ending in 2024), whatever the document's
      convention;
    - ``report_year``: ``the whole year``, the year of the report period;
    - ``same_period_last_year``: the report period one year earlier;
    - ``report_shift``: the report period moved by ``quarter_offset`` quarters (``the
      previous quarter``) or to ``year`` (``the same period of 2022``);
    - ``relative_day``: ``day_offset`` days from the reference date (today = 0);
    - ``weekday``: ``weekday`` (Monday = 0) in the week ``week_offset`` weeks from the
      reference date's ISO week, or, with no ``week_offset``, the nearest one;
    - ``week``: the ISO week ``week_offset`` weeks from the reference date's week;
    - ``weekend``: Saturday and Sunday of that week;
    - ``week_number``: ISO week ``count`` of ``year`` (or the reference year);
    - ``week_of``: the ISO week holding ``inner``;
    - ``nth_week``: week ``count`` (-1 the last) of the month or year ``inner``;
    - ``first_months``: the first ``count`` months of a year (``year``/``year_offset``);
    - ``ending``: the ``count`` months (or, with ``day_offset``, that many days) ending on
      the day ``inner``;
    - ``edge``: the last (``edge="end"``) or first (``edge="start"``) day of ``inner``;
    - ``range``: from ``start`` to ``end``.
    """

    kind: str
    year: int | None = None
    year_offset: int | None = None
    month: int | None = None
    month_offset: int | None = None
    day: int | None = None
    day_offset: int | None = None
    quarter: int | None = None
    quarter_offset: int | None = None
    half: int | None = None
    week_offset: int | None = None
    weekday: int | None = None
    count: int | None = None
    fiscal: bool = False
    fiscal_label: str = ""
    edge: str = ""
    inner: DateExpr | None = None
    start: DateExpr | None = None
    end: DateExpr | None = None

    @property
    def needs_reference(self) -> bool:
        """True when the expression cannot be resolved without a reference date."""
        if self.kind in ("range",):
            return bool(
                (self.start and self.start.needs_reference)
                or (self.end and self.end.needs_reference)
            )
        if self.kind in ("edge", "week_of", "ending", "nth_week"):
            return self.inner is None or self.inner.needs_reference
        if self.kind in ("day", "month", "quarter", "half", "year", "first_months"):
            return self.year is None and not (
                self.kind == "quarter" and self.quarter is None and self.quarter_offset is None
            )
        return True


# ----------------------------------------------------------------------------------------
# Period helpers


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + k
    return index // 12, index % 12 + 1


def day_period(day: date) -> ResolvedDate:
    """A single day."""
    return ResolvedDate(day, day, "day", day.isoformat())


def month_period(year: int, month: int) -> ResolvedDate:
    """A calendar month."""
    period = f"{year:04d}-{month:02d}"
    return ResolvedDate(date(year, month, 1), _month_end(year, month), "month", period)


def quarter_period(year: int, quarter: int) -> ResolvedDate:
    """A calendar quarter."""
    first = 3 * (quarter - 1) + 1
    return ResolvedDate(
        date(year, first, 1), _month_end(year, first + 2), "quarter", f"{year:04d}-Q{quarter}"
    )


def half_period(year: int, half: int) -> ResolvedDate:
    """A calendar half year."""
    first = 6 * (half - 1) + 1
    return ResolvedDate(
        date(year, first, 1), _month_end(year, first + 5), "half", f"{year:04d}-H{half}"
    )


def year_period(year: int) -> ResolvedDate:
    """A calendar year."""
    return ResolvedDate(date(year, 1, 1), date(year, 12, 31), "year", f"{year:04d}")


def interval_period(start: date, end: date) -> ResolvedDate:
    """Any other span of days, written ``START/END``."""
    return ResolvedDate(start, end, "interval", f"{start.isoformat()}/{end.isoformat()}")


def iso_week(day: date, offset: int = 0) -> ResolvedDate:
    """The ISO week (Monday to Sunday) holding ``day``, moved by ``offset`` weeks."""
    monday = day - timedelta(days=day.weekday()) + timedelta(weeks=offset)
    return interval_period(monday, monday + timedelta(days=6))


def expand_two_digit_year(yy: int, reference: date | None = None) -> int:
    """``'25`` -> 2025: the century that puts the year at most 20 years after the reference;
    without a reference, 00-68 are 2000-2068 and 69-99 are 1969-1999 (POSIX ``%y``)."""
    pivot = reference.year + 20 if reference else 2068
    year = 2000 + yy
    return year if year <= pivot else year - 100


def _from_span(start: date, end: date) -> ResolvedDate:
    """The tightest named period for ``start``..``end`` (used when shifting periods)."""
    if start == end:
        return day_period(start)
    if start.day == 1 and end == _month_end(end.year, end.month) and start.year == end.year:
        months = end.month - start.month + 1
        if months == 1:
            return month_period(start.year, start.month)
        if months == 3 and start.month % 3 == 1:
            return quarter_period(start.year, start.month // 3 + 1)
        if months == 6 and start.month in (1, 7):
            return half_period(start.year, 1 if start.month == 1 else 2)
        if months == 12:
            return year_period(start.year)
    return interval_period(start, end)


def span_period(start: date, end: date) -> ResolvedDate:
    """``start``..``end`` as the calendar month, quarter, half or year it is, else an interval."""
    return _from_span(start, end)


def canonical_period(period: str) -> str:
    """``period`` in its one canonical form: an interval that is a calendar month, quarter,
    half or year is written as that (``2023-07-01/2023-09-30`` -> ``2023-Q3``); anything
    else is returned as it is."""
    if "/" not in period:
        return period
    first, _, last = period.partition("/")
    try:
        start, end = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        return period
    if end < start:
        return period
    return _from_span(start, end).period


def _safe_replace_year(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a common year
        return day.replace(year=year, day=28)


def shift_years(period: ResolvedDate, years: int) -> ResolvedDate:
    """The same period ``years`` years later (earlier when negative)."""
    start = _safe_replace_year(period.date_start, period.date_start.year + years)
    end = _safe_replace_year(period.date_end, period.date_end.year + years)
    if period.granularity == "interval":
        if period.date_end == _month_end(period.date_end.year, period.date_end.month):
            end = _month_end(end.year, end.month)
        return interval_period(start, end)
    return _from_span(start, end)


# ----------------------------------------------------------------------------------------
# Resolution


def _infer(
    make: Callable[[int], ResolvedDate | None], reference: date, future: bool
) -> ResolvedDate | None:
    """The occurrence of a year-less period chosen by the reference date and tense."""
    if future:
        for year in range(reference.year - 1, reference.year + 9):
            resolved = make(year)
            if resolved is not None and resolved.date_end >= reference:
                return resolved
        return None
    for year in range(reference.year + 1, reference.year - 9, -1):
        resolved = make(year)
        if resolved is not None and resolved.date_start <= reference:
            return resolved
    return None


@dataclass(frozen=True, slots=True)
class _Fiscal:
    """First month of the fiscal year and whether a fiscal year is named by its end or start."""

    start: int = 1
    label: str = "end"  # end | start


_CALENDAR = _Fiscal()


class _Maker:
    """Builds the period of an expression for a given year (``None`` if invalid)."""

    __slots__ = ("expr", "fiscal_start")

    def __init__(self, expr: DateExpr, fiscal_start: _Fiscal) -> None:
        self.expr = expr
        if expr.fiscal_label and fiscal_start.start != 1:
            fiscal_start = _Fiscal(fiscal_start.start, expr.fiscal_label)
        self.fiscal_start = fiscal_start

    def __call__(self, year: int) -> ResolvedDate | None:
        expr = self.expr
        try:
            if expr.kind == "day" and expr.month is not None and expr.day is not None:
                return day_period(date(year, expr.month, expr.day))
            if expr.kind == "month" and expr.month is not None:
                return month_period(year, expr.month)
            if expr.kind == "quarter" and expr.quarter is not None:
                return _quarter(year, expr.quarter, expr.fiscal, self.fiscal_start)
            if expr.kind == "half" and expr.half is not None:
                return _half(year, expr.half, expr.fiscal, self.fiscal_start)
            if expr.kind == "year":
                return _year(year, expr.fiscal, self.fiscal_start)
            if expr.kind == "first_months" and expr.count:
                end_year, end_month = _add_months(year, 1, expr.count - 1)
                return _from_span(date(year, 1, 1), _month_end(end_year, end_month))
        except ValueError:
            return None
        return None


def _fiscal_start(year: int, fiscal_start: _Fiscal) -> tuple[int, int]:
    """First month of fiscal year ``year`` (the one ending, or with label ``start`` starting,
    in ``year``)."""
    if fiscal_start.start == 1 or fiscal_start.label == "start":
        return (year, fiscal_start.start)
    return (year - 1, fiscal_start.start)


def _fiscal_span(year: int, first_month: int, months: int, fiscal_start: _Fiscal) -> ResolvedDate:
    fy_year, fy_month = _fiscal_start(year, fiscal_start)
    start_year, start_month = _add_months(fy_year, fy_month, first_month)
    end_year, end_month = _add_months(start_year, start_month, months - 1)
    # A fiscal quarter or half that is a calendar one is written as such (``2024-Q3``).
    return _from_span(date(start_year, start_month, 1), _month_end(end_year, end_month))


def _fiscal_year_holding(day: date, fiscal_start: _Fiscal) -> int:
    """The label (year number) of the fiscal year that holds ``day``."""
    if fiscal_start.start == 1:
        return day.year
    first_year = day.year if day.month >= fiscal_start.start else day.year - 1
    return first_year if fiscal_start.label == "start" else first_year + 1


def _quarter(year: int, quarter: int, fiscal: bool, fiscal_start: _Fiscal) -> ResolvedDate:
    if fiscal and fiscal_start.start != 1:
        return _fiscal_span(year, 3 * (quarter - 1), 3, fiscal_start)
    return quarter_period(year, quarter)


def _half(year: int, half: int, fiscal: bool, fiscal_start: _Fiscal) -> ResolvedDate:
    if fiscal and fiscal_start.start != 1:
        return _fiscal_span(year, 6 * (half - 1), 6, fiscal_start)
    return half_period(year, half)


def _year(year: int, fiscal: bool, fiscal_start: _Fiscal) -> ResolvedDate:
    if fiscal and fiscal_start.start != 1:
        return _fiscal_span(year, 0, 12, fiscal_start)
    return year_period(year)


def _explicit_year(expr: DateExpr, reference: date | None) -> int | None:
    if expr.year is not None:
        return expr.year
    if expr.year_offset is not None and reference is not None:
        return reference.year + expr.year_offset
    return None


def _report_year(report_period: ResolvedDate | None, reference: date | None) -> int | None:
    if report_period is not None:
        return report_period.date_end.year
    return reference.year if reference is not None else None


def resolve_date(
    expr: DateExpr,
    *,
    reference_date: date | None,
    future: bool = False,
    report_period: ResolvedDate | None = None,
    fiscal_year_start: int = 1,
    fiscal_label: str = "end",
) -> ResolvedDate | None:
    """Resolve ``expr``; ``None`` when it needs a reference date that is missing or is invalid.

    ``future`` is True when the sentence speaks of the future; ``report_period`` is the
    period the paragraph reports on (the last quarter stated before it), used by ``this
    quarter``, ``the whole year`` and ``the same period last year``; ``fiscal_year_start``
    is the first month of the fiscal year of the company the sentence is about, and
    ``fiscal_label`` says whether ``fiscal 2024`` names the fiscal year ending (``end``) or
    starting (``start``) in 2024.
    """
    if fiscal_label not in ("end", "start"):
        raise ValueError(f"fiscal_label must be 'end' or 'start', not {fiscal_label!r}")
    fiscal = _Fiscal(fiscal_year_start, fiscal_label)
    try:
        return _resolve(expr, reference_date, future, report_period, fiscal)
    except (ValueError, OverflowError):
        return None


def _resolve(
    expr: DateExpr,
    ref: date | None,
    future: bool,
    report: ResolvedDate | None,
    fiscal_start: _Fiscal,
) -> ResolvedDate | None:
    kind = expr.kind
    maker = _Maker(expr, fiscal_start)
    if kind in ("month", "quarter", "half", "year", "first_months") and (
        expr.month_offset is None and expr.quarter_offset is None
    ):
        if kind == "year" and expr.fiscal and expr.year_offset is not None and ref is not None:
            return maker(_fiscal_year_holding(ref, fiscal_start) + expr.year_offset)
        year = _explicit_year(expr, ref)
        if year is not None:
            return maker(year)
        if ref is None or kind == "year":
            return None
        return _infer(maker, ref, future)
    if kind == "month" and expr.month_offset is not None:
        if ref is None:
            return None
        return month_period(*_add_months(ref.year, ref.month, expr.month_offset))
    if kind == "quarter" and expr.quarter_offset is not None:
        if ref is None:
            return None
        y, m = _add_months(ref.year, 3 * ((ref.month - 1) // 3) + 1, 3 * expr.quarter_offset)
        return quarter_period(y, (m - 1) // 3 + 1)
    if kind == "day":
        return _resolve_day(expr, ref, future, maker)
    if kind == "report_quarter":
        if report is not None and report.granularity == "quarter":
            return report
        if ref is None:
            return None
        return quarter_period(ref.year, (ref.month - 1) // 3 + 1)
    if kind == "report_year":
        year = _report_year(report, ref)
        return year_period(year) if year is not None else None
    if kind == "same_period_last_year":
        if report is not None:
            return shift_years(report, -1)
        return year_period(ref.year - 1) if ref is not None else None
    if kind == "report_shift":
        return _shift_report(expr, ref, report)
    if ref is None and kind in ("relative_day", "weekday", "week", "weekend"):
        return None
    if kind == "relative_day" and ref is not None:
        return day_period(ref + timedelta(days=expr.day_offset or 0))
    if kind == "weekday" and ref is not None and expr.weekday is not None:
        return _resolve_weekday(expr, ref, future)
    if kind == "week" and ref is not None:
        return iso_week(ref, expr.week_offset or 0)
    if kind == "weekend" and ref is not None:
        week = iso_week(ref, expr.week_offset or 0)
        return interval_period(week.date_end - timedelta(days=1), week.date_end)
    if kind == "week_number":
        year = expr.year if expr.year is not None else (ref.year if ref else None)
        if year is None or not expr.count:
            return None
        return iso_week(date.fromisocalendar(year, expr.count, 1))
    if kind in ("week_of", "edge", "ending", "nth_week"):
        if expr.inner is None:
            return None
        inner = _resolve(expr.inner, ref, future, report, fiscal_start)
        if inner is None:
            return None
        return _resolve_wrapped(expr, inner)
    if kind == "range" and expr.start is not None and expr.end is not None:
        return _resolve_range(expr.start, expr.end, ref, future, report, fiscal_start)
    return None


def _shift_report(
    expr: DateExpr, ref: date | None, report: ResolvedDate | None
) -> ResolvedDate | None:
    """``the previous quarter`` / ``the same period of 2022``: the report period moved."""
    if expr.year is not None:
        if report is None:
            return None
        return shift_years(report, expr.year - report.date_end.year)
    offset = expr.quarter_offset or 0
    if report is not None and report.granularity == "quarter":
        start = report.date_start
        y, m = _add_months(start.year, start.month, 3 * offset)
        return quarter_period(y, (m - 1) // 3 + 1)
    if ref is None:
        return None
    y, m = _add_months(ref.year, 3 * ((ref.month - 1) // 3) + 1, 3 * offset)
    return quarter_period(y, (m - 1) // 3 + 1)


def _resolve_day(
    expr: DateExpr, ref: date | None, future: bool, maker: _Maker
) -> ResolvedDate | None:
    if expr.day is None:
        return None
    if expr.month is None:
        if ref is None:
            return None
        if expr.month_offset is not None:
            y, m = _add_months(ref.year, ref.month, expr.month_offset)
            return day_period(date(y, m, expr.day))
        if expr.weekday is not None:
            # ``Tuesday the 11th``: the nearest such day that falls on that weekday.
            matches = []
            for k in range(-14, 15):
                y, m = _add_months(ref.year, ref.month, k)
                try:
                    day = date(y, m, expr.day)
                except ValueError:
                    continue
                if day.weekday() == expr.weekday:
                    matches.append(day)
            if matches:
                return day_period(min(matches, key=lambda d: (abs((d - ref).days), d > ref)))
        # A day of the month without a month: the nearest such day in the right direction.
        for k in range(13):
            y, m = _add_months(ref.year, ref.month, k if future else -k)
            try:
                day = date(y, m, expr.day)
            except ValueError:
                continue
            if (future and day >= ref) or (not future and day <= ref):
                return day_period(day)
        return None
    year = _explicit_year(expr, ref)
    if year is not None:
        return maker(year)
    if ref is None:
        return None
    if expr.weekday is not None:
        weekday = expr.weekday

        def on_weekday(y: int) -> ResolvedDate | None:
            if abs(y - ref.year) > 1:
                return None
            found = maker(y)
            return found if found is not None and found.date_start.weekday() == weekday else None

        matched = _infer(on_weekday, ref, future)
        if matched is not None:
            return matched
    return _infer(maker, ref, future)


def _resolve_weekday(expr: DateExpr, ref: date, future: bool) -> ResolvedDate:
    weekday = expr.weekday or 0
    if expr.week_offset is not None:
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=expr.week_offset)
        return day_period(monday + timedelta(days=weekday))
    delta = (weekday - ref.weekday()) % 7
    if future:
        return day_period(ref + timedelta(days=delta))
    return day_period(ref - timedelta(days=(7 - delta) % 7))


def _resolve_wrapped(expr: DateExpr, inner: ResolvedDate) -> ResolvedDate | None:
    if expr.kind == "week_of":
        return iso_week(inner.date_start)
    if expr.kind == "edge":
        return day_period(inner.date_end if expr.edge == "end" else inner.date_start)
    if expr.kind == "ending":
        if inner.granularity not in ("day", "month"):
            return None
        end = inner.date_end
        if expr.day_offset:  # ``the 26 weeks to 31 August``: a count of days
            return interval_period(end - timedelta(days=expr.day_offset - 1), end)
        if not expr.count:
            return None
        if end == _month_end(end.year, end.month):
            y, m = _add_months(end.year, end.month, 1 - expr.count)
            return _from_span(date(y, m, 1), end)
        y, m = _add_months(end.year, end.month, -expr.count)
        return interval_period(_safe_replace_day(end, y, m) + timedelta(days=1), end)
    if expr.kind == "nth_week":
        n = expr.count or 0
        if inner.granularity == "year":
            iso_year = inner.date_start.year
            weeks = date(iso_year, 12, 28).isocalendar()[1]
            number = n if n > 0 else weeks
            if number > weeks:
                return None
            return iso_week(date.fromisocalendar(iso_year, number, 1))
        if n > 0:
            first = inner.date_start
            monday = first + timedelta(days=(7 - first.weekday()) % 7)
            return iso_week(monday, n - 1)
        return iso_week(inner.date_end)
    return None


def _safe_replace_day(day: date, year: int, month: int) -> date:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def _with_year(expr: DateExpr, year: int) -> DateExpr:
    return DateExpr(
        kind=expr.kind, year=year, month=expr.month, day=expr.day, quarter=expr.quarter,
        half=expr.half, fiscal=expr.fiscal, count=expr.count,
    )  # fmt: skip


def _has_year(expr: DateExpr) -> bool:
    return expr.year is not None or expr.year_offset is not None


def _resolve_range(
    start: DateExpr,
    end: DateExpr,
    ref: date | None,
    future: bool,
    report: ResolvedDate | None,
    fiscal_start: _Fiscal,
) -> ResolvedDate | None:
    calendar_kinds = ("day", "month", "quarter", "half")
    if start.kind in calendar_kinds and end.kind in calendar_kinds:
        start_named = start.month is not None or start.quarter is not None or start.half
        end_named = end.month is not None or end.quarter is not None or end.half
        if not _has_year(start) and _has_year(end) and start_named:
            end_r = _resolve(end, ref, future, report, fiscal_start)
            if end_r is None:
                return None
            start_r = _resolve(
                _with_year(start, end_r.date_end.year), ref, future, report, _CALENDAR
            )
            if start_r is not None and start_r.date_start > end_r.date_end:
                start_r = _resolve(
                    _with_year(start, end_r.date_end.year - 1), ref, future, report, _CALENDAR
                )
            return _join(start_r, end_r)
        if _has_year(start) and not _has_year(end) and end_named:
            start_r = _resolve(start, ref, future, report, fiscal_start)
            if start_r is None:
                return None
            end_r = _resolve(
                _with_year(end, start_r.date_start.year), ref, future, report, _CALENDAR
            )
            if end_r is not None and end_r.date_end < start_r.date_start:
                end_r = _resolve(
                    _with_year(end, start_r.date_start.year + 1), ref, future, report, _CALENDAR
                )
            return _join(start_r, end_r)
        if not _has_year(start) and not _has_year(end) and start_named and end_named:
            if ref is None:
                return None

            def whole(year: int) -> ResolvedDate | None:
                start_r = _resolve(_with_year(start, year), ref, future, report, _CALENDAR)
                if start_r is None:
                    return None
                end_r = _resolve(_with_year(end, year), ref, future, report, _CALENDAR)
                if end_r is not None and end_r.date_end < start_r.date_start:
                    end_r = _resolve(_with_year(end, year + 1), ref, future, report, _CALENDAR)
                return _join(start_r, end_r)

            return _infer(whole, ref, future)
    start_r = _resolve(start, ref, future, report, fiscal_start)
    end_r = _resolve(end, ref, future, report, fiscal_start)
    return _join(start_r, end_r)


def _join(start: ResolvedDate | None, end: ResolvedDate | None) -> ResolvedDate | None:
    if start is None or end is None or end.date_end < start.date_start:
        return None
    return _from_span(start.date_start, end.date_end)
