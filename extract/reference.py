"""The reference date of a document: the day its relative dates are resolved against.

Order (OUTPUTS.md): the ``published`` value of a metadata file beside the document, a
date-time in the document's header lines or its wire dateline, the ``--reference-date``
option, the latest full date stated in the text.

Datelines (``SHENZHEN, China, May 4, 2024 /PRNewswire/ --``, ``LONDON, May 4 (Reuters) -``,
``May 4 (Reuters) -``, ``NEW YORK (AP) --``) open the first paragraph of a wire story or
release. A dated one is a header date. A year-less one takes the year of the nearest such day
to ``--reference-date``, else the year that puts it on or after the latest full date in the
text (a release follows the period it reports). When a document has a dateline, the latest
full date in the text is never taken from a period end (``the quarter ended September 30``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from extract.normalize.dates import MONTHS
from extract.stages.dates import explicit_days

__all__ = [
    "Dateline",
    "Reference",
    "detect_reference",
    "find_dateline",
    "header_datetime",
    "latest_full_date",
]


@dataclass(frozen=True, slots=True)
class Reference:
    """The chosen reference date, where it came from and the publication date-time found."""

    reference_date: date | None
    reference_from: str  # metadata | header | cli | latest_in_text | none
    published: str = ""  # ISO 8601 date or date-time, or ""


_MONTH_WORDS = (
    r"(?:(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december)(?![a-z])|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?![a-z])\.?)"
)
_MONTH = (
    r"(?P<mon>(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december)(?![a-z])|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?![a-z])\.?)"
)
_TIME = (
    r"(?:(?:\s*,\s*|\s+|T)(?:at\s+)?(?P<hh>[01]?\d|2[0-3])[:.h](?P<mm>[0-5]\d)(?::[0-5]\d)?"
    r"(?:\s*(?P<ampm>[ap])\.?m\b\.?)?)?"
)
_HEADER_FORMS = (
    re.compile(
        r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<s>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=s)"
        r"(?P<d>0?[1-9]|[12]\d|3[01])(?!\d)" + _TIME,
        re.IGNORECASE,
    ),
    re.compile(
        r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>0?[1-9]|1[0-2])\s*月\s*(?P<d>0?[1-9]|[12]\d|3[01])\s*日"
        + _TIME,
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<![\w])" + _MONTH + r"\s*(?P<d>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s*"
        r"(?P<y>(?:19|20)\d\d)(?!\d)" + _TIME,
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<![\w])(?P<d>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\.?\s+"
        + _MONTH
        + r",?\s*(?P<y>(?:19|20)\d\d)(?!\d)"
        + _TIME,
        re.IGNORECASE,
    ),
)
_LABEL = re.compile(
    r"^\W*(?:published|updated|posted|date|release[d]?|last\s+updated|first\s+published)\b",
    re.IGNORECASE,
)
# A wire dateline opens the first paragraph: a place in capitals (with an optional state or
# country), a date, an optional source in parentheses or slashes, a dash:
# ``NEW YORK, Feb. 6, 2025 (Newswire) --``, ``SHENZHEN, China, May 4, 2024 /PRNewswire/ --``,
# ``BENGALURU, Oct 24 (Reuters) -``. Wire stories may give no place (``Oct 24 (Reuters) -``)
# or no date (``NEW YORK (Reuters) -``).
_PLACE = (
    r"[A-Z][A-Z.'\u2019-]*(?:\s+[A-Z][A-Z.'\u2019-]*){0,3}"
    r"(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2})?"
)
_SOURCE = r"(?:\([^()\n]{1,40}\)|/[^/\n]{1,30}/)"
_DASH = r"(?:--|\u2014|\u2013|-)"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE}),\s*(?P<date>[^()/\n]{{6,40}}?)\s*(?:{_SOURCE}\s*)?{_DASH}\s?"
)
_DATELINE_NO_PLACE = re.compile(
    rf"^(?P<date>{_MONTH_WORDS}\s*\d{{1,2}}(?:,?\s*(?:19|20)\d\d)?)\s*\([^()\n]{{1,40}}\)"
    rf"\s*{_DASH}\s",
    re.IGNORECASE,
)
_DATELINE_NO_DATE = re.compile(rf"^(?P<place>{_PLACE})\s*\([^()\n]{{1,40}}\)\s*{_DASH}\s")
_MONTH_DAY = re.compile(
    r"(?<![\w])" + _MONTH + r"\s*(?P<d>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?", re.IGNORECASE
)
# How many non-empty lines from the top a dateline may open (below a headline, sub-headlines
# and a list of highlights).
_DATELINE_LINES = 30
# A header line holds little besides the date: a source name, a label, an author.
_MAX_HEADER_WORDS = 6
_MAX_HEADER_CHARS = 100


def _parse_header_match(m: re.Match[str]) -> tuple[str, date] | None:
    groups = m.groupdict()
    month = MONTHS[groups["mon"].lower().rstrip(".")] if groups.get("mon") else int(groups["m"])
    try:
        day = date(int(groups["y"]), month, int(groups["d"]))
    except ValueError:
        return None
    if groups.get("hh") is None:
        return day.isoformat(), day
    hour = int(groups["hh"])
    ampm = (groups.get("ampm") or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    stamp = datetime(day.year, day.month, day.day, hour, int(groups["mm"]))
    return stamp.isoformat(timespec="minutes"), day


def _head_lines(text: str, max_lines: int) -> Iterator[str]:
    """The first ``max_lines`` non-empty lines of ``text``, stripped."""
    seen = 0
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        seen += 1
        if seen > max_lines:
            return
        yield stripped


def header_datetime(text: str, *, max_lines: int = 8) -> tuple[str, date] | None:
    """A date or date-time standing in one of the first ``max_lines`` non-empty lines.

    Returns (ISO string, date): ``中国企业家杂志2025-11-19 15:46`` gives
    ``("2025-11-19T15:46", date(2025, 11, 19))``. A line counts as a header line when it is
    short and holds few words besides the date (a source name, ``Published:``, an author),
    so a first sentence that mentions a date is not taken for a dateline. A wire dateline
    opening a paragraph (``NEW YORK, Feb. 6, 2025 (Newswire) --``: place in capitals, date,
    optional source, dash) counts too, however long its paragraph.
    """
    for stripped in _head_lines(text, max_lines):
        if len(stripped) > _MAX_HEADER_CHARS and not _LABEL.match(stripped):
            continue
        for form in _HEADER_FORMS:
            m = form.search(stripped)
            if m is None:
                continue
            rest = stripped[: m.start()] + " " + stripped[m.end() :]
            words = re.findall(r"[^\W\d_]+", rest)
            if len(words) > _MAX_HEADER_WORDS and not _LABEL.match(stripped):
                continue
            parsed = _parse_header_match(m)
            if parsed is not None:
                return parsed
    return None


@dataclass(frozen=True, slots=True)
class Dateline:
    """A wire dateline: its full date, or its month and day when it gives no year; both
    ``None`` for a dateline without a date (``NEW YORK (Reuters) -``)."""

    day: date | None = None
    month_day: tuple[int, int] | None = None


def _dated(value: str) -> Dateline | None:
    for form in _HEADER_FORMS:
        m = form.fullmatch(value.strip())
        parsed = _parse_header_match(m) if m is not None else None
        if parsed is not None:
            return Dateline(day=parsed[1])
    m = _MONTH_DAY.fullmatch(value.strip())
    if m is not None:
        month = MONTHS[m["mon"].lower().rstrip(".")]
        day = int(m["d"])
        try:
            date(2000, month, day)  # a leap year: any real month and day
        except ValueError:
            return None
        return Dateline(month_day=(month, day))
    return None


def find_dateline(text: str, *, max_lines: int = _DATELINE_LINES) -> Dateline | None:
    """The wire dateline opening one of the first ``max_lines`` non-empty lines, or ``None``."""
    for stripped in _head_lines(text, max_lines):
        m = _DATELINE.match(stripped) or _DATELINE_NO_PLACE.match(stripped)
        if m is not None:
            found = _dated(m["date"])
            if found is not None:
                return found
        if _DATELINE_NO_DATE.match(stripped):
            return Dateline()
    return None


# ``the quarter ended September 30, 2024``, ``as of June 30, 2024``: the end of a period the
# text reports, not a day it was written on.
_PERIOD_END_BEFORE = re.compile(
    r"(?i)(?:\b(?:ended|ending|ends|to|through|thru|until|as\s+(?:of|at)|end\s+of)\s+(?:on\s+)?"
    r"|\bended\s+on\s+)\Z"
)


def latest_full_date(text: str, *, skip_period_ends: bool = False) -> date | None:
    """The latest date written with day, month and year anywhere in ``text``; with
    ``skip_period_ends``, not one that ends a period (``the quarter ended March 31, 2024``)."""
    days = [
        day
        for start, _, day in explicit_days(text)
        if not (skip_period_ends and _PERIOD_END_BEFORE.search(text, max(0, start - 24), start))
    ]
    return max(days) if days else None


def _nearest(month_day: tuple[int, int], around: date) -> date | None:
    """The day ``month_day`` nearest to ``around`` (in its year or the next or last)."""
    options = []
    for year in (around.year - 1, around.year, around.year + 1):
        try:
            options.append(date(year, *month_day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - around).days)) if options else None


def _on_or_after(month_day: tuple[int, int], anchor: date) -> date | None:
    """The first day ``month_day`` on or after ``anchor``."""
    for year in (anchor.year, anchor.year + 1, anchor.year + 2, anchor.year + 3, anchor.year + 4):
        try:
            day = date(year, *month_day)
        except ValueError:
            continue
        if day >= anchor:
            return day
    return None


def _parse_published(value: str) -> tuple[str, date] | None:
    value = value.strip()
    if not value:
        return None
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        found = header_datetime(value, max_lines=1)
        return found
    if len(value) <= 10:
        return stamp.date().isoformat(), stamp.date()
    return value, stamp.date()


def detect_reference(
    text: str,
    *,
    metadata_published: str | None,
    cli_date: date | None,
) -> Reference:
    """Choose the reference date: metadata, header date-time or wire dateline, CLI option,
    latest date in text."""
    if metadata_published:
        parsed = _parse_published(metadata_published)
        if parsed is not None:
            return Reference(parsed[1], "metadata", parsed[0])
    header = header_datetime(text)
    if header is not None:
        return Reference(header[1], "header", header[0])
    dateline = find_dateline(text)
    if dateline is not None and dateline.day is not None:
        return Reference(dateline.day, "header", dateline.day.isoformat())
    if dateline is not None and dateline.month_day is not None:
        anchor = cli_date or latest_full_date(text)
        if cli_date is not None:
            day = _nearest(dateline.month_day, cli_date)
        else:
            day = _on_or_after(dateline.month_day, anchor) if anchor is not None else None
        if day is not None:
            return Reference(day, "header", day.isoformat())
    if cli_date is not None:
        return Reference(cli_date, "cli", "")
    latest = latest_full_date(text, skip_period_ends=dateline is not None)
    if latest is not None:
        return Reference(latest, "latest_in_text", "")
    return Reference(None, "none", "")
