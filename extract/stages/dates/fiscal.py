"""Fiscal calendars a document states or implies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extract.normalize.scanning import fold, guarded
from extract.stages.dates.vocabulary import (
    _DAY_NUM,
    _MONTH,
    _YEAR4,
    _month,
    _two_digit,
)

_FY_LABEL = r"(?:fiscal\s+(?:year\s+)?|FY\s*)(?P<label>(?:19|20)\d\d|['\u2019]?\d\d)(?![\w])"
_FY_DAY = (
    rf"(?:(?P<d0>(?:the\s+)?{_DAY_NUM})\s+(?:of\s+)?)?(?P<mon>{_MONTH})\s*(?P<d>{_DAY_NUM})?,?\s*"
    rf"(?P<ey>{_YEAR4})?(?![\w])"
)
_FY_SPAN = (
    r"(?:the\s+)?(?:(?:twelve|12)[\s-]+months?|(?:fiscal\s+|financial\s+)?year|period)"
    r"\s+(?:that\s+)?(?:ended|ending|ends|to|through|closing|closed)\s+(?:on\s+|in\s+)?"
)
_FISCAL_STATEMENTS = (
    # ``fiscal 2023, the twelve months ended March 31, 2024`` / ``FY25 (year ending June 30)``
    guarded(rf"{_FY_LABEL}\s*(?:,|\(|-|\u2014|\u2013)?\s*(?:which|that)?\s*{_FY_SPAN}{_FY_DAY}",
               re.IGNORECASE),
    # ``fiscal 2023 ended March 31, 2024`` / ``fiscal 2023, which ended on Sept. 30, 2023``
    guarded(rf"{_FY_LABEL}\s*(?:,\s*(?:which|that)\s+|\s)(?:ended|ending|ends|closed)\s+"
               rf"(?:on\s+)?{_FY_DAY}", re.IGNORECASE),
    # ``the twelve months ended March 31, 2024 (fiscal 2023)``
    guarded(rf"{_FY_SPAN}{_FY_DAY}\s*(?:,\s*(?:or\s+|known\s+as\s+)?|\(\s*){_FY_LABEL}",
               re.IGNORECASE),
    # ``its fiscal year ends in March`` / ``the fiscal year ended June 30, 2024``
    guarded(rf"(?:fiscal|financial)\s+year\s+(?:that\s+)?(?:ends|ended|ending|closes|runs\s+to"
               rf"|runs\s+through)\s+(?:on\s+|in\s+)?{_FY_DAY}", re.IGNORECASE),
)  # fmt: skip


# ``whose fiscal year begins in July``, ``its financial year starts on April 1``
_FISCAL_BEGINS = guarded(
    rf"(?:fiscal|financial)\s+year\s+(?:that\s+)?(?:begins|began|starts|started|commences"
    rf"|runs\s+from)\s+(?:on\s+|in\s+)?{_FY_DAY}",
    re.IGNORECASE,
)


# A fiscal statement names a fiscal year (``fiscal 2024``, ``fiscal year``, ``financial
# year``, ``FY24``); a fiscal quarter label names one or says ``fiscal``. A text whose folded
# form has none of these words has nothing for the patterns below to find.
_STATEMENT_WORDS = re.compile(
    r"f(?:y\s*['\u2019]?\d|iscal\s+(?:year|['\u2019]?\d)|inancial\s+year)"
)
_FISCAL_WORDS = re.compile(r"f(?:y\s*['\u2019]?\d|iscal|inancial)")


def _states_fiscal_year(text: str) -> bool:
    return _STATEMENT_WORDS.search(fold(text)) is not None


def _speaks_of_fiscal(text: str) -> bool:
    return _FISCAL_WORDS.search(fold(text)) is not None


def _generic_fiscal_ends(text: str) -> list[tuple[int, int]]:
    """Spans of the month (and day) in ``its fiscal year ends in June`` / ``ending March 31``
    / ``begins in July`` with no year: a recurring date, not one day or month."""
    if not _states_fiscal_year(text):
        return []
    return [
        (m.start("d0") if m["d0"] else m.start("mon"), m.end())
        for pattern in (_FISCAL_STATEMENTS[-1], _FISCAL_BEGINS)
        for m in pattern.finditer(text)
        if m["ey"] is None
    ]


@dataclass(frozen=True, slots=True)
class FiscalCalendar:
    """A fiscal calendar: first month of the fiscal year, and whether ``fiscal 2024`` names
    the fiscal year ending (``end``, the US convention) or starting (``start``) in 2024."""

    start_month: int = 1
    label: str = "end"


def stated_fiscal_calendar(text: str) -> FiscalCalendar | None:
    """The fiscal calendar a document states (``fiscal 2023, the twelve months ended March 31,
    2024`` -> April start, labelled by the start year), or ``None``.

    A statement naming both the fiscal-year label and the year of its last day settles the
    labelling; one naming only the closing month (``its fiscal year ends in June``) gives the
    start month, labelled by the end year.
    """
    if not _states_fiscal_year(text):
        return None
    found: FiscalCalendar | None = None
    for pattern in _FISCAL_STATEMENTS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            end_month = _month(m["mon"])
            start_month = end_month % 12 + 1
            label = "end"
            if groups.get("label") and m["ey"]:
                end_year = int(m["ey"])
                digits = m["label"].strip("'\u2019")
                named = int(digits) if len(digits) == 4 else end_year // 100 * 100 + int(digits)
                if named > end_year:
                    named -= 100
                gap = end_year - named
                if gap not in (0, 1) or (gap == 1 and start_month == 1):
                    continue
                label = "start" if gap == 1 else "end"
                return FiscalCalendar(start_month, label)
            if found is None:
                found = FiscalCalendar(start_month, label)
    if found is None:
        for m in _FISCAL_BEGINS.finditer(text):
            return FiscalCalendar(_month(m["mon"]), "end")
    return found


_FQ_LABEL = guarded(
    r"""(?<![\w])(?:
        [Qq](?P<q>[1-4])\s*(?:of\s+)?(?:FY|fiscal\s+(?:year\s+)?)\s*['\u2019]?(?P<fy>\d{4}|\d\d)(?![\w])
      | FY\s*['\u2019]?(?P<fy2>\d{4}|\d\d)\s*[-/]?\s*[Qq](?P<q2>[1-4])(?![\w])
      | fiscal\s+(?P<o1>first|second|third|fourth)[\s-]+quarter(?![\w])
      | (?P<o2>first|second|third|fourth)[\s-]+fiscal[\s-]+quarter(?![\w])
      | (?P<o3>first|second|third|fourth)[\s-]+quarter\s+of\s+(?:the\s+)?
        (?:fiscal|financial)\s+year\s*['\u2019]?(?P<fy3>\d{4}|\d\d)?(?![\w])
      | (?P<o4>first|second|third|fourth)[\s-]+quarter
        (?=\s*(?:,\s*(?:which|that)\s+)?(?:ended|ending)\s)
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_FQ_ENDED = guarded(
    rf"""\s*(?:,\s*(?:which|that)\s+|\(\s*)?(?:(?:the\s+)?(?:quarter|period|three\s+months)\s+)?
    (?:ended|ending|ends|to|through)\s+(?:on\s+)?(?P<mon>{_MONTH})(?:\s*(?P<d>{_DAY_NUM}))?
    (?:,?\s*(?P<ey>{_YEAR4}))?""",
    re.VERBOSE | re.IGNORECASE,
)
_MONTH_QUARTER = guarded(rf"(?<![\w])the\s+(?P<mon>{_MONTH})\s+quarter(?![\w])", re.IGNORECASE)
_FQ_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_FQ_NEAR = 600  # characters between a fiscal quarter and the ``<Month> quarter`` naming it


def inferred_fiscal_calendar(text: str, reference: date | None = None) -> FiscalCalendar | None:
    """The fiscal calendar implied by a fiscal quarter and the calendar months it covers.

    ``the fiscal fourth quarter ended Sept. 30``, ``the second quarter ended September`` (a
    quarter and the month it ends in), or ``Q2 FY25``
    with ``the September quarter`` nearby (``the <Month> quarter`` is the quarter ending in
    that month): quarter ``n`` ends in month ``M``, so the fiscal year starts in month
    ``M - 3n + 1``. When the quarter carries a fiscal-year label and the year of month ``M``
    is known (written, or the latest such month begun by the reference date), the label says
    whether fiscal years are named by their end (``FY25`` = April 2024 - March 2025) or
    start year. ``None`` when there is no such evidence or it points to the calendar year.
    """
    # A label names a fiscal year, or is an ordinal quarter followed by ``ended``/``ending``.
    if not _speaks_of_fiscal(text) and not ("ended" in fold(text) or "ending" in fold(text)):
        return None
    anchors: list[tuple[int, re.Match[str]]] | None = None  # found when first needed
    for label in _FQ_LABEL.finditer(text):
        ordinal = label["o1"] or label["o2"] or label["o3"] or label["o4"]
        number = _FQ_ORDINALS[ordinal.lower()] if ordinal else int(label["q"] or label["q2"])
        fy_raw = label["fy"] or label["fy2"] or label["fy3"]
        ended = _FQ_ENDED.match(text, label.end())
        end_month = end_year = None
        if ended is not None:
            end_month = _month(ended["mon"])
            end_year = int(ended["ey"]) if ended["ey"] else None
        elif label["o4"]:
            continue  # a quarter without ``fiscal`` counts only with the month it ended in
        else:
            if anchors is None:
                anchors = [(m.start(), m) for m in _MONTH_QUARTER.finditer(text)]
            near = [
                (abs(pos - label.start()), m) for pos, m in anchors
                if abs(pos - label.start()) <= _FQ_NEAR
            ]  # fmt: skip
            if not near:
                continue
            end_month = _month(min(near, key=lambda item: item[0])[1]["mon"])
        start_month = (end_month - 3 * number) % 12 + 1
        if start_month == 1:
            return None
        if end_year is None and reference is not None:
            end_year = reference.year if end_month <= reference.month else reference.year - 1
        label_kind = "end"
        if fy_raw and end_year is not None:
            first_index = end_year * 12 + end_month - 1 - (3 * number - 1)
            fy_start_year = first_index // 12
            named = _two_digit(fy_raw, reference)
            if named == fy_start_year:
                label_kind = "start"
            elif named != fy_start_year + 1:
                continue  # the two statements do not fit together
        return FiscalCalendar(start_month, label_kind)
    return None


_HALF_SPAN = guarded(r"first[\s-]+half|half[\s-]+year|\binterim\b|\bH1\b", re.IGNORECASE)
