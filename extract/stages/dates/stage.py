"""The date stage: finds candidates and resolves them in document order."""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta

from extract.document import ParsedDoc
from extract.normalize.dates import (
    DateExpr,
    ResolvedDate,
    resolve_date,
    span_period,
)
from extract.records import Mention
from extract.stages.dates.combine import (
    _combine,
    _select,
)
from extract.stages.dates.fiscal import (
    _HALF_SPAN,
    FiscalCalendar,
    _generic_fiscal_ends,
    inferred_fiscal_calendar,
    stated_fiscal_calendar,
)
from extract.stages.dates.handlers import (
    _Candidate,
)
from extract.stages.dates.rules import (
    _rules,
    _windows,
)
from extract.stages.dates.tense import (
    _RESULTS,
    _comparison_basis,
    _looks_english,
    _speaks_of_future,
)


class DateStage:
    """Finds date mentions and resolves them against the document's reference date.

    Rules beyond ``extract.normalize.dates``:

    - Fiscal calendar of a document, in this order: the configured start month of a company
      the sentence names; a statement of the fiscal year's end (``fiscal 2023, which ended
      on Sept. 30, 2023``, ``its fiscal year ends in June``); else one inferred from a
      fiscal quarter and the calendar months it covers: ``the fiscal fourth quarter ended
      Sept. 30``, or ``Q2 FY25`` with ``the September quarter`` nearby (``the <Month>
      quarter`` is the calendar quarter ending in that month). Quarter ``n`` ending in month
      ``M`` puts the fiscal year's start at ``M - 3n + 1``; a fiscal-year label with it says
      whether years are named by their end (``FY25`` = April 2024 - March 2025, Q2 FY25 =
      July - September 2024) or start year. Without any such evidence fiscal labels are
      read as calendar periods.
    - A fiscal quarter or half that coincides with a calendar one is written as that
      (``2024-Q3``); fiscal years and halves that are not calendar ones are intervals
      (``2023-10-01/2024-09-30``). In a document with a non-calendar fiscal year a bare
      ``Q2`` is the fiscal quarter.
    - ``the 26 weeks to 31 August`` / ``the six months to 30 June`` is the span ending on
      that day (26 weeks = 182 days). When its sentence calls it the first half (a
      retailer's fiscal half), a year-less ``the first half`` is that span and ``the second
      half`` the span of the same length that follows.
    - A year-less day, month or period is the next one when the sentence speaks of the
      future: ``will``, ``would`` (not ``would have``), ``expects``, ``to be paid``,
      ``payable``, ``later this month``, or a forecast noun governing it (``the outlook for
      December``, ``guidance for the December quarter``).
    - A hyphenated period adjective after a superlative (``its strongest first-half
      performance``) is generic, not a date.
    - Chinese relative years with halves and quarters (``明年下半年`` -> the second half of
      next year) are dates in any paragraph.
    - A month range ``October to December`` / ``from May to Oct 2020`` is one interval.
    """

    name = "dates"

    def __init__(
        self,
        *,
        numeric_order: str = "mdy",
        fiscal_year_start: Mapping[str, int] | None = None,
    ) -> None:
        if numeric_order not in ("mdy", "dmy"):
            raise ValueError(f"numeric_order must be 'mdy' or 'dmy', not {numeric_order!r}")
        self.numeric_order = numeric_order
        self.fiscal_year_start = dict(fiscal_year_start or {})
        self._rules = _rules(numeric_order)
        names = sorted(self.fiscal_year_start, key=len, reverse=True)
        self._companies = (
            re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b") if names else None
        )

    # Finding ------------------------------------------------------------------------------

    def candidates(self, text: str, reference: date | None = None) -> list[_Candidate]:
        """Date spans of ``text`` with their parsed expressions, in text order."""
        atoms: list[_Candidate] = []
        prefixes: list[_Candidate] = []
        windows = _windows(text)
        for rule in self._rules:
            for window_start, window_end in windows[rule.trigger]:
                for m in rule.pattern.finditer(text, window_start, window_end):
                    expr = rule.handler(m, text, reference)
                    if expr is None:
                        continue
                    cand = _Candidate(m.start(), m.end(), expr, rule.role, rule.numeric)
                    (prefixes if rule.role == "prefix" else atoms).append(cand)
        return _combine(text, _select(atoms), prefixes)

    # Resolving ----------------------------------------------------------------------------

    @staticmethod
    def _stated_first_half(doc: ParsedDoc, candidates: list[_Candidate]) -> ResolvedDate | None:
        """A first half stated as a span of weeks or months ending on a day (``the 26 weeks
        to 31 August``, in a sentence calling it the first half): a retailer's fiscal half."""
        for cand in candidates:
            expr = cand.expr
            if expr.kind != "ending" or not (expr.count == 6 or expr.day_offset in (182, 189)):
                continue
            s_start, s_end = doc.sentence_at(cand.start)
            if not _HALF_SPAN.search(doc.text, s_start, s_end):
                continue
            resolved = resolve_date(expr, reference_date=doc.reference_date)
            if resolved is not None:
                return resolved
        return None

    def _fiscal(self, sentence: str, stated: FiscalCalendar | None) -> FiscalCalendar:
        """The configured calendar of a company the sentence names, else the one the document
        states, else the calendar year."""
        found = self._companies.search(sentence) if self._companies is not None else None
        if found is not None:
            start = self.fiscal_year_start[found.group()]
            label = stated.label if stated is not None and stated.start_month == start else "end"
            return FiscalCalendar(start, label)
        return stated if stated is not None else FiscalCalendar()

    def __call__(self, doc: ParsedDoc) -> list[Mention]:
        text = doc.text
        mentions: list[Mention] = []
        report: ResolvedDate | None = None
        foreign = [(p.start, p.end) for p in doc.paragraphs if p.language not in ("en", "")]
        foreign_starts = [start for start, _ in foreign]
        stated = stated_fiscal_calendar(text) or inferred_fiscal_calendar(text, doc.reference_date)
        generic = _generic_fiscal_ends(text)
        candidates = self.candidates(text, doc.reference_date)
        first_half = self._stated_first_half(doc, candidates)
        for cand in candidates:
            if any(start <= cand.start and cand.end <= end for start, end in generic):
                continue
            s_start, s_end = doc.sentence_at(cand.start)
            sentence = text[s_start:s_end]
            if not cand.numeric and foreign:
                i = bisect.bisect_right(foreign_starts, cand.start) - 1
                if i >= 0 and cand.start < foreign[i][1] and not _looks_english(sentence):
                    continue
            if cand.expr.kind == "same_period_last_year" and _comparison_basis(
                text, s_start, cand.start
            ):
                continue
            future = _speaks_of_future(text, s_start, s_end, cand.start, cand.end)
            if future and _RESULTS.match(text, cand.end):
                future = False  # results are reported for a period that has ended
            expr = cand.expr
            span = text[cand.start : cand.end]
            if (
                stated is not None
                and stated.start_month != 1
                and expr.kind == "quarter"
                and re.fullmatch(r"Q[1-4]", span)
            ):
                # A bare ``Q2`` in a document with a non-calendar fiscal year is a fiscal one.
                expr = replace(expr, fiscal=True)
            fiscal = self._fiscal(sentence, stated) if _is_fiscal(expr) else FiscalCalendar()
            resolved = resolve_date(
                expr,
                reference_date=doc.reference_date,
                future=future,
                report_period=report,
                fiscal_year_start=fiscal.start_month,
                fiscal_label=fiscal.label,
            )
            if first_half is not None and _bare_half(expr):
                resolved = first_half if expr.half == 1 else _following(first_half)
            if resolved is None:
                if doc.reference_date is None and cand.expr.needs_reference:
                    mentions.append(
                        Mention("date", cand.start, cand.end, span, "regex", status="unresolved")
                    )
                continue
            if _names_quarter(cand.expr) and resolved.granularity == "quarter":
                report = resolved
            mentions.append(
                Mention(
                    "date",
                    cand.start,
                    cand.end,
                    span,
                    "regex",
                    date_start=resolved.date_start,
                    date_end=resolved.date_end,
                    granularity=resolved.granularity,
                    period=resolved.period,
                )
            )
        return mentions


def _bare_half(expr: DateExpr) -> bool:
    """``the second half``: a half with no year and no fiscal label."""
    return (
        expr.kind == "half"
        and expr.half is not None
        and expr.year is None
        and expr.year_offset is None
        and not expr.fiscal
    )


def _following(period: ResolvedDate) -> ResolvedDate:
    """The span of the same length right after ``period`` (a retailer's second half)."""
    start = period.date_end + timedelta(days=1)
    if period.date_start.day == 1 and period.date_end == _last_day(period.date_end):
        months = (
            (period.date_end.year - period.date_start.year) * 12
            + period.date_end.month
            - period.date_start.month
        )
        index = start.year * 12 + start.month - 1 + months
        return span_period(start, _last_day(date(index // 12, index % 12 + 1, 1)))
    return span_period(start, start + (period.date_end - period.date_start))


def _last_day(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def _is_fiscal(expr: DateExpr) -> bool:
    if expr.fiscal:
        return True
    return any(_is_fiscal(e) for e in (expr.start, expr.end, expr.inner) if e is not None)


def _names_quarter(expr: DateExpr) -> bool:
    return expr.kind == "quarter" and expr.quarter is not None
