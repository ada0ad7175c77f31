"""The reference date of a document: the day its relative dates are resolved against.

Order (OUTPUTS.md): the ``published`` value of a metadata file beside the document, a
date-time in the document's header lines, the ``--reference-date`` option, the latest full
date stated in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from extract.normalize.dates import MONTHS
from extract.stages.dates import explicit_days

__all__ = ["Reference", "detect_reference", "header_datetime", "latest_full_date"]


@dataclass(frozen=True, slots=True)
class Reference:
    """The chosen reference date, where it came from and the publication date-time found."""

    reference_date: date | None
    reference_from: str  # metadata | header | cli | latest_in_text | none
    published: str = ""  # ISO 8601 date or date-time, or ""


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
# A wire dateline opens the first paragraph: ``NEW YORK, Feb. 6, 2025 (Newswire) --``.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\u2019-]*(?:\s+[A-Z][A-Z.'\u2019-]*){0,3}"
    r"(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2})?),\s*(?P<date>[^()\n]{6,40}?)"
    r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:--|\u2014|\u2013|-|/)\s"
)
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


def header_datetime(text: str, *, max_lines: int = 8) -> tuple[str, date] | None:
    """A date or date-time standing in one of the first ``max_lines`` non-empty lines.

    Returns (ISO string, date): ``中国企业家杂志2025-11-19 15:46`` gives
    ``("2025-11-19T15:46", date(2025, 11, 19))``. A line counts as a header line when it is
    short and holds few words besides the date (a source name, ``Published:``, an author),
    so a first sentence that mentions a date is not taken for a dateline. A wire dateline
    opening a paragraph (``NEW YORK, Feb. 6, 2025 (Newswire) --``: place in capitals, date,
    optional source, dash) counts too, however long its paragraph.
    """
    seen = 0
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        seen += 1
        if seen > max_lines:
            break
        dateline = _DATELINE.match(stripped)
        if dateline is not None:
            for form in _HEADER_FORMS:
                m = form.fullmatch(dateline["date"])
                parsed = _parse_header_match(m) if m is not None else None
                if parsed is not None:
                    return parsed
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


def latest_full_date(text: str) -> date | None:
    """The latest date written with day, month and year anywhere in ``text``."""
    days = [day for _, _, day in explicit_days(text)]
    return max(days) if days else None


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
    """Choose the reference date: metadata, header date-time, CLI option, latest date in text."""
    if metadata_published:
        parsed = _parse_published(metadata_published)
        if parsed is not None:
            return Reference(parsed[1], "metadata", parsed[0])
    header = header_datetime(text)
    if header is not None:
        return Reference(header[1], "header", header[0])
    if cli_date is not None:
        return Reference(cli_date, "cli", "")
    latest = latest_full_date(text)
    if latest is not None:
        return Reference(latest, "latest_in_text", "")
    return Reference(None, "none", "")
