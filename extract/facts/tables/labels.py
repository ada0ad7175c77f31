"""What a column header or caption says: a period (``Q3 2025``, ``2025Q3``, ``3Q25``,
``H1 2025``, ``FY2024``, ``Sep 2025``, ``Sep Qtr 2025``, fiscal ``Q2FY26``, ``H1FY26``) or a
change (``YoY %``, ``QoQ``, ``Change (organic)``)."""

from __future__ import annotations

import calendar
import re
from datetime import date

__all__ = ["CHANGE_HEADER", "PERIOD", "change_of", "header_period"]

_MONTH = (
    r"(?P<{name}>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))(?![a-z])\.?"
)
_YEAR = r"\s*['\u2019]?(?P<{name}>\d{{4}}|\d{{2}})(?!\d)"
# Period labels of column headers, calendar and fiscal, in the forms tables use.
PERIOD = re.compile(
    r"Q(?P<fq1>[1-4])\s*-?\s*FY"
    + _YEAR.format(name="fqy1")
    + r"|(?P<fq2>[1-4])Q\s*-?\s*FY"
    + _YEAR.format(name="fqy2")
    + r"|H(?P<fh1>[12])\s*-?\s*FY"
    + _YEAR.format(name="fhy1")
    + r"|(?P<fh2>[12])H\s*-?\s*FY"
    + _YEAR.format(name="fhy2")
    + r"|Q(?P<q1>[1-4])"
    + _YEAR.format(name="qy1")
    + r"|(?P<qy2>\d{4})\s*-?\s*Q(?P<q2>[1-4])"
    + r"|(?P<q3>[1-4])Q"
    + _YEAR.format(name="qy3")
    + r"|H(?P<h1>[12])"
    + _YEAR.format(name="hy1")
    + r"|(?P<hy2>\d{4})\s*-?\s*H(?P<h2>[12])"
    + r"|(?P<h3>[12])H"
    + _YEAR.format(name="hy3")
    + r"|FY"
    + _YEAR.format(name="fy")
    + r"|"
    + _MONTH.format(name="qmon")
    + r"\s*(?i:qtr|quarter)\.?"
    + _YEAR.format(name="qmy")
    # A two-digit year right after a month is glued to it (``Sep-25``, ``Sep'25``): after a
    # space it is a day (``September 30``).
    + r"|"
    + _MONTH.format(name="mon")
    + r"(?:\s*-?\s*(?P<my>\d{4})|(?:-|\s*['\u2019])?(?P<my2>\d{2}))(?!\d)"
    + r"|(?<!\d)(?P<year>(?:19|20)\d{2})(?!\d)"
)
_MONTHS_WORDS = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "3": 3, "6": 6, "9": 9, "12": 12}
# A span ending in a month, as US releases head their columns: ``Three Months Ended
# September 30, 2025``, ``Nine months to 30 June 2025``, ``Year Ended December 31, 2024``.
_ENDED = re.compile(
    r"(?:(?P<count>three|six|nine|twelve|3|6|9|12)[\s-]+months?|(?P<unit>quarter|year))\s+"
    r"(?:ended|ending|to)\s+(?:(?:\d{1,2})\s+)?"
    + _MONTH.format(name="emon")
    + r"(?:\s*\d{1,2})?,?\s*(?P<ey>\d{4})(?!\d)",
    re.IGNORECASE,
)
CHANGE_HEADER = re.compile(
    r"\b(?:yoy|y/y|y-o-y|qoq|q/q|q-o-q|mom|m/m|change|chg|growth|var\.?|variation|vs\.?)\b"
    r"|\+/-|%\s*ch",
    re.IGNORECASE,
)
_QOQ = re.compile(r"\bq\s*[-/]?\s*o?\s*[-/]?\s*q\b|quarter|sequential", re.IGNORECASE)
_YOY = re.compile(r"\by\s*[-/]?\s*o?\s*[-/]?\s*y\b|year", re.IGNORECASE)
_MOM = re.compile(r"\bm\s*[-/]?\s*o?\s*[-/]?\s*m\b|month", re.IGNORECASE)
# A growth rate at constant exchange rates or on a like-for-like basis: the alternative
# to the reported change (``Change (organic)``, ``YoY cc``).
_ALTERNATIVE = re.compile(
    r"organic|constant|like[\s-]*for[\s-]*like|\blfl\b|underlying|comparable|\bcc\b|"
    r"currency[\s-]*(?:adjusted|neutral)|fx[\s-]*neutral|internal",
    re.IGNORECASE,
)


def _year(value: str) -> int:
    return int(value) + 2000 if len(value) == 2 else int(value)


def _month_index(name: str) -> int:
    return [
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
    ].index(name[:3].lower()) + 1


def _span(start: date, months: int) -> str:
    """The period of ``months`` months from ``start``, as the contract writes it."""
    index = start.year * 12 + start.month - 1 + months - 1
    end_year, end_month = divmod(index, 12)
    end = date(end_year, end_month + 1, calendar.monthrange(end_year, end_month + 1)[1])
    if months == 3 and start.month % 3 == 1:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if months == 6 and start.month in (1, 7):
        return f"{start.year}-H{1 if start.month == 1 else 2}"
    if months == 12 and start.month == 1:
        return str(start.year)
    return f"{start.isoformat()}/{end.isoformat()}"


def _fiscal_start(year: int, start_month: int, label: str) -> date:
    """First day of fiscal year ``year``: named by its end (``end``, FY2026 ends in 2026)
    or by its start (``start``, the Japanese usage)."""
    if start_month == 1:
        return date(year, 1, 1)
    return date(year if label == "start" else year - 1, start_month, 1)


def _shift(start: date, months: int) -> date:
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def header_period(label: str, fiscal: tuple[int, str] = (1, "end")) -> str:
    """The period a column header names (``Q3 2025`` -> ``2025-Q3``), or "". Fiscal labels
    (``Q2FY26``, ``FY26``, ``H1FY26``) are resolved in the calendar ``fiscal``: (first month,
    ``end`` or ``start``)."""
    ended = _ENDED.search(label)
    if ended is not None:
        months = _MONTHS_WORDS[ended["count"].lower()] if ended["count"] else 0
        months = months or (3 if ended["unit"].lower() == "quarter" else 12)
        end_month = _month_index(ended["emon"])
        return _span(_shift(date(int(ended["ey"]), end_month, 1), 1 - months), months)
    found = PERIOD.search(label)
    if found is None:
        return ""
    g = found.groupdict()
    start_month, naming = fiscal
    for q, y in (("fq1", "fqy1"), ("fq2", "fqy2")):
        if g[q]:
            first = _fiscal_start(_year(g[y]), start_month, naming)
            return _span(_shift(first, 3 * (int(g[q]) - 1)), 3)
    for h, y in (("fh1", "fhy1"), ("fh2", "fhy2")):
        if g[h]:
            first = _fiscal_start(_year(g[y]), start_month, naming)
            return _span(_shift(first, 6 * (int(g[h]) - 1)), 6)
    if g["fy"]:
        return _span(_fiscal_start(_year(g["fy"]), start_month, naming), 12)
    for q, y in (("q1", "qy1"), ("q2", "qy2"), ("q3", "qy3")):
        if g[q]:
            return f"{_year(g[y])}-Q{g[q]}"
    for h, y in (("h1", "hy1"), ("h2", "hy2"), ("h3", "hy3")):
        if g[h]:
            return f"{_year(g[y])}-H{g[h]}"
    if g["qmon"]:
        return f"{_year(g['qmy'])}-Q{(_month_index(g['qmon']) - 1) // 3 + 1}"
    if g["mon"]:
        return f"{_year(g['my'] or g['my2'])}-{_month_index(g['mon']):02d}"
    return g["year"] or ""


def is_fiscal(label: str) -> bool:
    found = PERIOD.search(label)
    return found is not None and any(found.group(k) for k in ("fq1", "fq2", "fh1", "fh2", "fy"))


def change_of(label: str) -> tuple[bool, str, bool]:
    """``(is a change column, its basis, an alternative to the reported change)`` of a
    header: ``YoY %`` -> (True, "yoy", False); ``Change (organic)`` -> (True, "", True)."""
    if not CHANGE_HEADER.search(label):
        return False, "", False
    basis = ""
    if _QOQ.search(label):
        basis = "qoq"
    elif _YOY.search(label):
        basis = "yoy"
    elif _MOM.search(label):
        basis = "mom"
    return True, basis, bool(_ALTERNATIVE.search(label))
