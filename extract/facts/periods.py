"""Period arithmetic on period strings (``2024-Q3``, ``2024-03-03/2024-08-31``): pure functions."""

from __future__ import annotations

import calendar
import datetime
import re

from extract.facts.cues import FIRST_HALF, INTERVAL
from extract.facts.records import DocContext


def ended_by(period: str, day: str) -> bool:
    """Whether ``period`` ended on or before ``day`` (true when either is unknown)."""
    end = period_end(period)
    return not end or not day or end <= day


def year_of_half(period: str, text: str) -> str:
    """The 52-week year holding a retailer's 26-week half (``2024-03-03/2024-08-31``): it
    starts with the half where the report calls it the first half, else ends with it."""
    match = INTERVAL.match(period)
    if match is None:
        return ""
    y1, m1, d1, y2, m2, d2 = (int(g) for g in match.groups())
    start, end = datetime.date(y1, m1, d1), datetime.date(y2, m2, d2)
    if abs((end - start).days + 1 - 182) > 3:
        return ""
    next_day = end + datetime.timedelta(days=1)
    if start.day == 1 and next_day.day == 1:
        # A half of calendar months (a fiscal half, April-September): its year is twelve
        # months, not 52 weeks.
        if FIRST_HALF.search(text):
            year_end = datetime.date(start.year + 1, start.month, 1) - datetime.timedelta(days=1)
            return f"{start.isoformat()}/{year_end.isoformat()}"
        year_start = datetime.date(next_day.year - 1, next_day.month, 1)
        return f"{year_start.isoformat()}/{end.isoformat()}"
    if FIRST_HALF.search(text):
        return f"{start.isoformat()}/{(start + datetime.timedelta(days=363)).isoformat()}"
    return f"{(end - datetime.timedelta(days=363)).isoformat()}/{end.isoformat()}"


def week_long(period: str) -> bool:
    match = INTERVAL.match(period)
    if match is None:
        return False
    y1, m1, d1, y2, m2, d2 = (int(g) for g in match.groups())
    return (datetime.date(y2, m2, d2) - datetime.date(y1, m1, d1)).days == 6


def report_interval(period: str) -> bool:
    """An interval as long as a reporting quarter, half or year (13, 26 or 52 weeks, or a
    fiscal year), not a year-to-date span such as nine months."""
    match = INTERVAL.match(period)
    if match is None:
        return False
    y1, m1, d1, y2, m2, d2 = (int(g) for g in match.groups())
    days = (datetime.date(y2, m2, d2) - datetime.date(y1, m1, d1)).days + 1
    return any(abs(days - length) <= 10 for length in (91, 182, 365))


def year_to_date(period: str) -> bool:
    """An interval of about nine months from the first of a month to the end of a quarter
    (``2025-01-01/2025-09-30``): the span a nine-month report covers."""
    match = INTERVAL.match(period)
    if match is None:
        return False
    y1, m1, d1, y2, m2, d2 = (int(g) for g in match.groups())
    days = (datetime.date(y2, m2, d2) - datetime.date(y1, m1, d1)).days + 1
    return d1 == 1 and m2 % 3 == 0 and abs(days - 273) <= 10


def year_long(period: str) -> bool:
    """An interval of about a year (a fiscal year such as ``2024-04-01/2025-03-31``)."""
    match = INTERVAL.match(period)
    if match is None:
        return False
    y1, m1, _, y2, m2, _ = (int(g) for g in match.groups())
    return (y2 - y1) * 12 + m2 - m1 >= 11


def period_end(period: str) -> str:
    """The last day of a period (``2024-Q4`` -> ``2024-12-31``), or "" if unknown."""
    match = INTERVAL.match(period)
    if match is not None:
        return period.split("/")[1]
    found = re.fullmatch(r"(\d{4})(?:-(Q[1-4]|H[12]|\d{2}))?", period)
    if found is None:
        return ""
    year, part = int(found.group(1)), found.group(2) or ""
    month = 12
    if part.startswith("Q"):
        month = int(part[1]) * 3
    elif part.startswith("H"):
        month = int(part[1]) * 6
    elif part:
        month = int(part)
    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def shift_year(period: str, years: int = -1) -> str:
    """The same period ``years`` years later (earlier when negative): ``2024-Q4`` -> ``2023-Q4``."""

    def shift(match: re.Match[str]) -> str:
        return str(int(match.group()) + years)

    shifted = re.sub(r"\b\d{4}(?=\b|-)", shift, period)
    return shifted.replace("-02-29", "-02-28")


def year_of(period: str, context: DocContext) -> str:
    """The year a period falls in, else the reference year."""
    return period[:4] if re.match(r"\d{4}", period) else context.reference_year


def previous_quarter(period: str) -> str:
    """``2024-Q2`` -> ``2024-Q1``, ``2024-Q1`` -> ``2023-Q4``; "" for other periods."""
    match = re.fullmatch(r"(\d{4})-Q([1-4])", period)
    if match is None:
        return ""
    year, quarter = int(match.group(1)), int(match.group(2))
    return f"{year}-Q{quarter - 1}" if quarter > 1 else f"{year - 1}-Q4"


def normal_period(period: str) -> str:
    """A date interval that is exactly a calendar quarter, half, month or year, named so."""
    match = INTERVAL.match(period)
    if match is None:
        return period
    y1, m1, d1, y2, m2, d2 = (int(g) for g in match.groups())
    if y1 != y2 or d1 != 1 or d2 != calendar.monthrange(y2, m2)[1]:
        return period
    months = (m1, m2)
    if months == (1, 12):
        return f"{y1}"
    if m1 == m2:
        return f"{y1}-{m1:02d}"
    if m2 - m1 == 2 and m1 % 3 == 1:
        return f"{y1}-Q{(m1 + 2) // 3}"
    if months in ((1, 6), (7, 12)):
        return f"{y1}-H{1 if m1 == 1 else 2}"
    return period


def previous_period(period: str) -> str:
    """The period just before one of the same length: ``2024-Q1`` -> ``2023-Q4``, ``2024-H1``
    -> ``2023-H2``, ``2024-03`` -> ``2024-02``, ``2024`` -> ``2023``; "" for other periods."""
    found = re.fullmatch(r"(\d{4})(?:-(Q[1-4]|H[12]|\d{2}))?", period)
    if found is None:
        return ""
    year, part = int(found.group(1)), found.group(2) or ""
    if not part:
        return str(year - 1)
    if part[0] in "QH":
        number, count = int(part[1]), 4 if part[0] == "Q" else 2
        return f"{year}-{part[0]}{number - 1}" if number > 1 else f"{year - 1}-{part[0]}{count}"
    month = int(part)
    return f"{year}-{month - 1:02d}" if month > 1 else f"{year - 1}-12"


_UNIT = r"(?:period|quarter|half|month|year|three\s+months|six\s+months|twelve\s+months)"
# Phrases naming the period a figure is compared with, by how it is found from the period of
# the figure compared: the one before ("the previous quarter"), the same a year before ("a
# year earlier", "the same period last year"), the same in a named year ("the same period of
# 2022").
_PREVIOUS_FORM = (
    rf"(?:the\s+)?(?:previous|preceding|prior|last|sequential)\s+{_UNIT}|"
    r"(?:a|one|the)\s+(?:quarter|month|half)\s+(?:earlier|ago|before)"
)
_YEAR_BEFORE_FORM = (
    r"(?:a|one)\s+year\s+(?:earlier|ago|before)|(?:the\s+)?(?:previous|prior|last)\s+year|"
    rf"(?:the\s+)?same\s+{_UNIT}\s+(?:of\s+|in\s+)?(?:last|the\s+previous|the\s+prior|a)\s+year|"
    rf"(?:the\s+)?same\s+{_UNIT}\s+(?:a\s+)?year\s+(?:earlier|ago|before)|"
    rf"(?:the\s+)?(?:year[\s-]+(?:ago|earlier)|prior[\s-]+year)\s+{_UNIT}"
)
_SAME_IN_YEAR_FORM = (
    rf"(?:the\s+)?same\s+{_UNIT}\s+(?:of|in)\s+(?:fiscal\s+|FY\s*)?(?P<year>\d{{4}})"
)
_PREVIOUS = re.compile(rf"^(?:{_PREVIOUS_FORM})$", re.IGNORECASE)
_YEAR_BEFORE = re.compile(rf"^(?:{_YEAR_BEFORE_FORM})$", re.IGNORECASE)
_SAME_IN_YEAR = re.compile(rf"^{_SAME_IN_YEAR_FORM}$", re.IGNORECASE)
# "$1.8 billion in the previous quarter", "(the same period of 2022: $1.2 billion)"
_COMPARISON_AFTER = re.compile(
    r"\s*,?\s*(?:(?:in|during|for|of|over|from)\s+)?"
    rf"(?P<phrase>{_SAME_IN_YEAR_FORM}|{_YEAR_BEFORE_FORM}|{_PREVIOUS_FORM})\b",
    re.IGNORECASE,
)


def comparison_after(text: str, start: int, end: int) -> str:
    """The comparison phrase right after a figure (``in the previous quarter``), or ""."""
    found = _COMPARISON_AFTER.match(text, start, end)
    return " ".join(found.group("phrase").split()) if found is not None else ""


_GRANULARITY = {"quarter": "quarter", "half": "half", "month": "month"}


def _granularity(period: str) -> str:
    if re.fullmatch(r"\d{4}-Q[1-4]", period):
        return "quarter"
    if re.fullmatch(r"\d{4}-H[12]", period):
        return "half"
    if re.fullmatch(r"\d{4}-\d{2}", period):
        return "month"
    return "year" if re.fullmatch(r"\d{4}", period) else ""


def reanchor(phrase: str, compared: str) -> str:
    """The period a comparison phrase names, found from ``compared``, the period of the figure
    it compares with; "" when ``phrase`` is no comparison phrase or ``compared`` is unknown.

    >>> reanchor("the same period of 2022", "2024-Q3")
    '2022-Q3'
    >>> reanchor("the previous quarter", "2024-Q1")
    '2023-Q4'
    """
    words = " ".join(phrase.split())
    if not compared:
        return ""
    if _PREVIOUS.match(words):
        unit = words.split()[-1].lower() if words.split()[-1].isalpha() else ""
        if unit in ("ago", "earlier", "before"):
            unit = words.split()[-2].lower()
        if unit == "year":
            return shift_year(compared)  # "up from $2 billion last year": the same period
        if unit in _GRANULARITY and _GRANULARITY[unit] != _granularity(compared):
            return ""
        return previous_period(compared)
    if _YEAR_BEFORE.match(words):
        return shift_year(compared)
    same = _SAME_IN_YEAR.match(words)
    if same is not None and re.match(r"\d{4}", compared):
        return shift_year(compared, int(same.group("year")) - int(compared[:4]))
    return ""
