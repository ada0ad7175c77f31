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
