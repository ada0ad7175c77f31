"""The date stage: finds candidates and resolves them in document order."""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from extract.document import ParsedDoc
from extract.normalize.dates import (
    DateExpr,
    ResolvedDate,
    resolve_date,
    span_period,
)
from extract.normalize.scanning import guarded
from extract.records import Mention
from extract.stages.dates.calendars import CalendarTable, load_calendar_table
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
from extract.stages.dates.rules import _rules
from extract.stages.dates.tense import (
    _RESULTS,
    TextCues,
    _comparison_basis,
    _looks_english,
    _speaks_of_future,
)
from extract.stages.dates.windows import _windows


class DateStage:
    """Finds date mentions and resolves them against the document's reference date.

    Rules beyond ``extract.normalize.dates`` (docs/RULES.md gives them all, with examples):

    - Fiscal calendar of a sentence, in this order: the company it names (configured in
      ``fiscal_year_start``, else a company row of ``calendars``); a statement of the fiscal
      year's end or start (``fiscal 2023, which ended on Sept. 30, 2023``, ``its fiscal
      year ends in June``, ``whose fiscal year begins in July``); one inferred from a quarter
      and the month it ends in (``the fiscal fourth quarter ended Sept. 30``, ``the second
      quarter ended September``, ``Q2 FY25`` near ``the September quarter``): quarter ``n``
      ending in month ``M`` puts the start at ``M - 3n + 1``; the default of the country the
      document's cues name (``calendars``); else the calendar year.
    - In a non-calendar fiscal year, a quarter or half named without a year or month
      (``Q2``, ``the second quarter``, ``the first half``) is the fiscal one, unless only a
      packaged company row gives the calendar. Split-year labels (``FY2023/24``) name the
      year ending in their second year, starting in April when no calendar is known.
    - A fiscal quarter or half that coincides with a calendar one is written as that
      (``2024-Q3``); fiscal years and halves that are not calendar ones are intervals.
    - ``the 26 weeks to 31 August`` / ``the six months to 30 June`` is the span ending on
      that day (26 weeks = 182 days). When its sentence calls it the first half (a
      retailer's fiscal half), a year-less ``the first half`` is that span and ``the second
      half`` the span of the same length that follows.
    - ``this quarter`` is the last quarter named before it, else the first named after it
      (the quarter the article reports on); the same holds for ``the whole year``, ``the
      same period last year`` and ``the previous quarter``. Comparison bases after a cue
      (``from the previous quarter``) are left to the facts linker.
    - A year-less day, month or period is the next one when the sentence speaks of the
      future (see ``tense``), unless it is a comparison basis or a past-tense verb governs it.
    - A hyphenated period adjective after a superlative (``its strongest first-half
      performance``) is generic, not a date.
    - Chinese relative years with halves and quarters (``明年下半年`` -> the second half of
      next year) are dates in any paragraph.
    """

    name = "dates"

    def __init__(
        self,
        *,
        numeric_order: str = "mdy",
        fiscal_year_start: Mapping[str, int] | None = None,
        calendars: CalendarTable | None = None,
    ) -> None:
        if numeric_order not in ("mdy", "dmy"):
            raise ValueError(f"numeric_order must be 'mdy' or 'dmy', not {numeric_order!r}")
        self.numeric_order = numeric_order
        self.fiscal_year_start = dict(fiscal_year_start or {})
        self.calendars = calendars if calendars is not None else load_calendar_table()
        self._rules = _rules(numeric_order)
        # Company calendars: the packaged table, overlaid by the configured start months.
        self._company_calendars = {
            name: FiscalCalendar(start, label)
            for name, (start, label) in self.calendars.companies().items()
        }
        for name, start in self.fiscal_year_start.items():
            self._company_calendars[name] = FiscalCalendar(start, "end")
        names = sorted(self._company_calendars, key=len, reverse=True)
        self._companies = (
            guarded(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b") if names else None
        )

    # Finding ------------------------------------------------------------------------------

    def candidates(
        self, text: str, reference: date | None = None, *, combine: bool = True
    ) -> list[_Candidate]:
        """Date spans of ``text`` with their parsed expressions, in text order; with
        ``combine=False`` the atoms alone, before prefixes and ranges join them."""
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
        if not combine:
            return _select(atoms)
        return _combine(text, _select(atoms), prefixes)

    # Resolving ----------------------------------------------------------------------------

    @staticmethod
    def _stated_first_half(doc: ParsedDoc, candidates: list[_Candidate]) -> ResolvedDate | None:
        """A first half stated as a span of weeks or months ending on a day (``the 26 weeks
        to 31 August``, in a sentence calling it the first half): a retailer's fiscal half."""
        halves: list[int] | None = None
        for cand in candidates:
            expr = cand.expr
            if expr.kind != "ending" or not (expr.count == 6 or expr.day_offset in (182, 189)):
                continue
            s_start, s_end = doc.sentence_at(cand.start)
            if halves is None:
                halves = [m.start() for m in _HALF_SPAN.finditer(doc.text)]
            i = bisect.bisect_left(halves, s_start)
            if i == len(halves) or halves[i] >= s_end:
                continue
            resolved = resolve_date(expr, reference_date=doc.reference_date)
            if resolved is not None:
                return resolved
        return None

    def document_calendar(self, text: str, reference: date | None) -> FiscalCalendar | None:
        """The fiscal calendar of a document: stated in it, else inferred from a fiscal
        quarter and the month it ends in, else the default of the country its cues name
        (``extract/data/fiscal_calendars.csv``); ``None`` for the calendar year."""
        found = stated_fiscal_calendar(text) or inferred_fiscal_calendar(text, reference)
        if found is not None:
            return found
        country = self.calendars.country_of(text)
        if country is None or country.start_month == 1:
            return None
        return FiscalCalendar(country.start_month, country.label)

    def _fiscal(
        self,
        companies: list[tuple[int, str]],
        span: tuple[int, int],
        document: FiscalCalendar | None,
    ) -> FiscalCalendar:
        """The calendar of the first company (configured or packaged) named in the sentence
        ``span``, else the document's, else the calendar year. ``companies`` are the
        (position, name) of every company name in the text."""
        i = bisect.bisect_left(companies, (span[0], ""))
        found = companies[i][1] if i < len(companies) and companies[i][0] < span[1] else None
        if found is not None:
            company = self._company_calendars[found]
            if document is not None and document.start_month == company.start_month:
                return FiscalCalendar(company.start_month, document.label)
            return company
        return document if document is not None else FiscalCalendar()

    def _packaged_company(self, companies: list[tuple[int, str]], span: tuple[int, int]) -> bool:
        """True when the calendar of the sentence ``span`` comes from a packaged company row
        alone (not configured): it applies to fiscal labels (``fiscal 2024``, ``FY24``), not
        to a bare ``the third quarter``, which market research about such a company often
        means as the calendar quarter."""
        i = bisect.bisect_left(companies, (span[0], ""))
        if not (i < len(companies) and companies[i][0] < span[1]):
            return False
        return companies[i][1] not in self.fiscal_year_start

    def _plan(self, doc: ParsedDoc) -> list[_Planned]:
        """The candidates that are date mentions, each with what its sentence says."""
        text = doc.text
        foreign = [(p.start, p.end) for p in doc.paragraphs if p.language not in ("en", "")]
        foreign_starts = [start for start, _ in foreign]
        document = self.document_calendar(text, doc.reference_date)
        generic = sorted(_generic_fiscal_ends(text))
        generic_starts = [start for start, _ in generic]
        cues = TextCues(text)
        companies = (
            [(m.start(), m.group()) for m in self._companies.finditer(text)]
            if self._companies is not None
            else []
        )
        english: dict[int, bool] = {}  # by sentence start
        planned: list[_Planned] = []
        for cand in self.candidates(text, doc.reference_date):
            g = bisect.bisect_right(generic_starts, cand.start) - 1
            if g >= 0 and cand.end <= generic[g][1]:
                continue
            s_start, s_end = doc.sentence_at(cand.start)
            if not cand.numeric and foreign:
                i = bisect.bisect_right(foreign_starts, cand.start) - 1
                if i >= 0 and cand.start < foreign[i][1]:
                    if s_start not in english:
                        english[s_start] = _looks_english(text[s_start:s_end])
                    if not english[s_start]:
                        continue
            if _is_comparison_phrase(cand.expr) and _comparison_basis(cues, s_start, cand.start):
                continue
            future = _speaks_of_future(cues, s_start, s_end, cand.start, cand.end)
            if future and _RESULTS.match(text, cand.end):
                future = False  # results are reported for a period that has ended
            expr = cand.expr
            span = text[cand.start : cand.end]
            fiscal = self._fiscal(companies, (s_start, s_end), document)
            packaged_only = self._packaged_company(companies, (s_start, s_end))
            if fiscal.start_month != 1 and not packaged_only and _bare_fiscal_candidate(cand, span):
                # In a company's non-calendar fiscal year, ``Q2``, ``the second quarter``
                # and ``the first half`` are its fiscal periods.
                expr = replace(expr, fiscal=True)
            if not _is_fiscal(expr):
                fiscal = FiscalCalendar()
            elif fiscal.start_month == 1 and _has_split_label(expr):
                fiscal = FiscalCalendar(_SPLIT_YEAR_START, "end")
            planned.append(_Planned(cand, expr, span, future, fiscal))
        return planned

    def __call__(self, doc: ParsedDoc) -> list[Mention]:
        planned = self._plan(doc)
        reference = doc.reference_date
        first_half = self._stated_first_half(doc, [p.cand for p in planned])
        # Quarters a document names, in text order: ``this quarter`` before any of them is
        # the first one named after it (the quarter the article reports on).
        named: list[tuple[int, ResolvedDate]] = []  # (start, period), in text order
        for item in planned:
            if _names_quarter(item.expr):
                found = self._resolve(item, reference, None)
                if found is not None and found.granularity == "quarter":
                    named.append((item.cand.start, found))
        named_starts = [start for start, _ in named]
        mentions: list[Mention] = []
        report: ResolvedDate | None = None
        for item in planned:
            cand, expr = item.cand, item.expr
            current = report
            if current is None and named and _uses_report(expr):
                k = bisect.bisect_right(named_starts, cand.start)
                current = named[k][1] if k < len(named) else None
            if (
                expr.kind == "report_quarter"
                and item.future
                and current is not None
                and reference is not None
                and current.date_end < reference
            ):
                current = None  # ``we expect this quarter to ...``: the quarter under way
            resolved = self._resolve(item, reference, current)
            if first_half is not None and _bare_half(expr):
                resolved = first_half if expr.half == 1 else _following(first_half)
            if resolved is None:
                if reference is None and cand.expr.needs_reference:
                    mentions.append(
                        Mention(
                            "date", cand.start, cand.end, item.span, "regex", status="unresolved"
                        )
                    )
                continue
            if _names_quarter(expr) and resolved.granularity == "quarter":
                report = resolved
            mentions.append(
                Mention(
                    "date",
                    cand.start,
                    cand.end,
                    item.span,
                    "regex",
                    date_start=resolved.date_start,
                    date_end=resolved.date_end,
                    granularity=resolved.granularity,
                    period=resolved.period,
                )
            )
        return mentions

    @staticmethod
    def _resolve(
        item: _Planned, reference: date | None, report: ResolvedDate | None
    ) -> ResolvedDate | None:
        return resolve_date(
            item.expr,
            reference_date=reference,
            future=item.future,
            report_period=report,
            fiscal_year_start=item.fiscal.start_month,
            fiscal_label=item.fiscal.label,
        )


# A split-year label (``FY2023/24``) names a non-calendar fiscal year; without any other
# evidence it is taken to start in April, the most common split year (India, Japan, UK).
_SPLIT_YEAR_START = 4
_MONTH_WORD = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*[-\u2013]"
    r"|\b(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b"
)


@dataclass(frozen=True, slots=True)
class _Planned:
    """A candidate kept as a date mention, with what its sentence and document say."""

    cand: _Candidate
    expr: DateExpr
    span: str
    future: bool
    fiscal: FiscalCalendar


def _bare_fiscal_candidate(cand: _Candidate, span: str) -> bool:
    """``Q2``, ``the second quarter``, ``third-quarter``, ``the first half``: a quarter or
    half named without a year, a month or a fiscal label (``the September quarter`` and the
    Chinese ``第三季度`` are calendar quarters)."""
    expr = cand.expr
    if expr.kind not in ("quarter", "half") or expr.fiscal or cand.numeric:
        return False
    if expr.year is not None or expr.year_offset is not None:
        return False
    if expr.quarter is None and expr.half is None:
        return False
    return _MONTH_WORD.search(span) is None


def _has_split_label(expr: DateExpr) -> bool:
    if expr.fiscal_label:
        return True
    return any(_has_split_label(e) for e in (expr.start, expr.end, expr.inner) if e is not None)


def _is_comparison_phrase(expr: DateExpr) -> bool:
    """Phrases that, after a comparison cue, are the basis of a comparison (``the same period
    last year``, ``the previous quarter``, ``last quarter``, ``the same period of 2022``)."""
    if expr.kind in ("same_period_last_year", "report_shift"):
        return expr.kind == "same_period_last_year" or (expr.quarter_offset or 0) <= 0
    return expr.kind == "quarter" and (expr.quarter_offset or 0) < 0


def _uses_report(expr: DateExpr) -> bool:
    """Expressions resolved against the quarter the article reports on."""
    if expr.kind in ("report_quarter", "report_year", "same_period_last_year", "report_shift"):
        return True
    return expr.inner is not None and _uses_report(expr.inner)


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
