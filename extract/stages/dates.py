"""Date mentions found by rules (regular expressions and a small grammar), resolved by
``extract.normalize.dates``.

The stage works in three steps: collect candidate spans from a set of patterns (each with
a handler that turns its match into a ``DateExpr``), keep the longest non-overlapping ones,
join neighbours into ranges and wrappers (``from May to June``, ``the end of 2024``,
``the week of April 10``), and resolve them in document order so that ``this quarter`` can
take the last quarter stated before it.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from extract.document import Paragraph, ParsedDoc
from extract.normalize.dates import (
    MONTHS,
    DateExpr,
    ResolvedDate,
    expand_two_digit_year,
    resolve_date,
    span_period,
)
from extract.records import Mention

__all__ = [
    "DateStage",
    "FiscalCalendar",
    "explicit_days",
    "find_dates",
    "inferred_fiscal_calendar",
    "simple_parsed_doc",
    "stated_fiscal_calendar",
]

# ----------------------------------------------------------------------------------------
# Vocabulary

_MONTH = (
    r"(?:(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december)(?![a-z])|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?![a-z])\.?)"
)
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
_WEEKDAY_FULL = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_WEEKDAY_ANY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?![a-z])\.?"
)
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_CARDINAL_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_UNIT_ORD = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
_UNIT_CARD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_DAY_WORD = (
    rf"(?:(?:twenty|thirty)[\s-]?(?:{_UNIT_ORD}|{_UNIT_CARD})|twentieth|thirtieth"
    r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth"
    rf"|eighteenth|nineteenth|{_UNIT_ORD})(?![\w-])(?!\s+-)"
)
# A day number; not the whole part of a decimal, a grouped number or a percentage
# ("the end of September, 2.8% fewer", "in May, 12,000 staff").
_DAY_NUM = (
    r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![0-9A-Za-z])"
    r"(?!\.\d)(?!,\d{3}(?!\d))(?!\s?%)(?!\s?(?i:per\s?cent|percent)\b)"
)
_DAY = rf"(?:{_DAY_NUM}|{_DAY_WORD})"
_YEAR4 = r"(?:1[89]\d\d|20\d\d)"
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?)?"
_COUNT_WORDS = (
    r"(?:(?:twenty|thirty|forty|fifty)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen)(?![\w-])"
)
_COUNT = r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[2-9]|1[0-2])"
_REL_YEAR = r"(?:this|last|next|the\s+current|the\s+previous|the\s+coming)\s+year"

_PREPOSITIONS = frozenset({
    "in", "of", "since", "until", "till", "from", "by", "during", "before", "after", "through",
    "to", "between", "and", "or", "early", "mid", "late", "the", "for", "on", "this", "last",
    "next", "around", "throughout",
})  # fmt: skip
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|plans?\s+to|needs?\s+to|planned\s+to|planning\s+to|expects?|expecting"
    r"|expected\s+to|(?:is|are)\s+expected|aims?\s+to|intends?\s+to|going\s+to"
    r"|(?:is|are)\s+set\s+to|(?:is|are)\s+scheduled|forecasts?|upcoming|is\s+due\s+to"
    r"|would(?!\s+(?:have|not\s+have)\b)|payable|later\s+this\s+(?:week|month|quarter|year)"
    r"|to\s+be\s+(?:paid|held|launched|released|published|completed|opened|delivered|issued"
    r"|listed|made|announced|introduced|signed|closed|finali[sz]ed))\b",
    re.IGNORECASE,
)
# ``the outlook for December``, ``guidance for the December quarter``: a period a forecast
# is about lies ahead.
_FUTURE_BEFORE = re.compile(
    r"\b(?:outlook|guidance|forecasts?|projections?|targets?)\s+(?:for|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# ``its strongest first-half performance since 2019``: a period named after a superlative is
# any such period (generic), not one date.
_SUPERLATIVE = frozenset({
    "strongest", "weakest", "best", "worst", "biggest", "largest", "highest", "lowest",
    "smallest", "fastest", "slowest", "deepest", "sharpest", "steepest", "busiest", "quietest",
    "softest", "firmest", "most", "least",
})  # fmt: skip
_RESULTS = re.compile(
    r"(?:'s)?\s+(?:financial\s+|earnings\s+|operating\s+)?(?:results|earnings|report|figures)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[,;:]")
_AMOUNT_AFTER = re.compile(
    r"\s*(?:%|percent|per\s*cent|million|billion|thousand|trillion|bn|mn|yuan|dollars?|euros?"
    r"|units?|vehicles?|cars?|people|persons?|employees|workers|staff|stores|shops|outlets"
    r"|points|users|customers|devices|phones|smartphones|shares|items|pieces|times|km"
    r"|kilomet(?:er|re)s|met(?:er|re)s|miles|tons|tonnes|votes|companies|cities|orders"
    r"|patents|engineers|households|words|pages|hours|minutes|seconds|days|weeks|months"
    r"|years|rmb|usd|cny|hkd|eur)\b",
    re.IGNORECASE,
)
_AMOUNT_BEFORE = re.compile(
    r"(?:about|nearly|approximately|around|roughly|almost|some|No\.|#|number|model|version"
    r"|top|than|over|under|below|above|exceeding|exceeded|reached|to|of|by)\s+$",
    re.IGNORECASE,
)


def _month(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _day(token: str) -> int | None:
    token = token.lower().strip()
    digits = re.match(r"\d+", token)
    if digits:
        return int(digits.group())
    token = token.replace("-", " ")
    parts = token.split()
    total = 0
    for part in parts:
        if part in _ORDINAL_WORDS:
            total += _ORDINAL_WORDS[part]
        elif part in _CARDINAL_WORDS:
            total += _CARDINAL_WORDS[part]
        else:
            return None
    return total or None


_OFFSETS = {
    "this": 0, "current": 0, "last": -1, "previous": -1, "past": -1, "prior": -1,
    "next": 1, "coming": 1, "following": 1, "upcoming": 1,
}  # fmt: skip


def _offset(words: str | None) -> int:
    """Offset named by the first relative word in ``words`` (``next year`` -> 1)."""
    for word in (words or "").lower().split():
        if word in _OFFSETS:
            return _OFFSETS[word]
    return 0


def _prev_word(text: str, pos: int) -> str:
    """The word right before ``pos`` (lower case), or '' across punctuation."""
    i = pos
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalpha()):
        j -= 1
    return text[j:i].lower()


def _two_digit(value: str, reference: date | None) -> int:
    digits = value.strip("'\u2019 ")
    if len(digits) == 4:
        return int(digits)
    return expand_two_digit_year(int(digits), reference)


# ----------------------------------------------------------------------------------------
# Candidates


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    expr: DateExpr
    role: str = "atom"  # atom | weekday | prefix
    numeric: bool = False  # language-independent form (kept in non-English paragraphs)


Handler = Callable[[re.Match[str], str, date | None], DateExpr | None]


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    handler: Handler
    role: str = "atom"
    numeric: bool = False
    trigger: str = "digit"  # the kind of word the pattern needs (see ``_TRIGGERS``)


def _compile(pattern: str, *, case: bool = False) -> re.Pattern[str]:
    flags = re.VERBOSE if case else re.VERBOSE | re.IGNORECASE
    return re.compile(pattern, flags)


def _g(m: re.Match[str], name: str) -> str | None:
    value = m.group(name)
    return value if value else None


def _year_of(m: re.Match[str], ref: date | None, name: str = "y") -> int | None:
    value = _g(m, name)
    if value is None:
        return None
    return _two_digit(value, ref)


def _rel_year(m: re.Match[str], name: str = "rel") -> int | None:
    value = _g(m, name)
    if value is None:
        return None
    return _offset(value)


# Handlers --------------------------------------------------------------------------------


def _h_iso(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    return DateExpr("day", year=int(m["y"]), month=int(m["m"]), day=int(m["d"]))


def _h_cjk(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    if m["d"]:
        return DateExpr("day", year=int(m["y"]), month=int(m["m"]), day=int(m["d"]))
    return DateExpr("month", year=int(m["y"]), month=int(m["m"]))


_CJK_YEARS = {"今年": 0, "明年": 1, "去年": -1, "前年": -2, "后年": 2, "後年": 2}
_CJK_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _h_cjk_relative(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    """``明年下半年`` (the second half of next year), ``今年第三季度``, ``去年``."""
    if not m.group():
        return None
    offset = _CJK_YEARS[m["rel"]] if m["rel"] else None
    if m["h"]:
        return DateExpr("half", year_offset=offset, half=1 if m["h"] == "上" else 2)
    if m["q"]:
        return DateExpr("quarter", year_offset=offset, quarter=_CJK_NUMBERS[m["q"]])
    return DateExpr("year", year_offset=offset)


def _make_numeric(order: str) -> Handler:
    def handler(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
        a, b = int(m["a"]), int(m["b"])
        dotted = "." in m["s"]
        month, day = (b, a) if (order == "dmy" or dotted) else (a, b)
        if month > 12 and day <= 12:
            month, day = day, month
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        year = _two_digit(m["y"], ref) if m.groupdict().get("y") else None
        return DateExpr("day", year=year, month=month, day=day)

    return handler


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_LINK_WORDS = frozenset({
    "to", "and", "or", "through", "until", "till", "with", "at", "for", "from", "this", "next",
})  # fmt: skip
_FRACTION_WORDS = frozenset({
    "about", "nearly", "roughly", "some", "of", "than", "over", "ratio", "a", "an", "almost",
    "approximately", "around", "only", "just", "by", "up", "down", "rated", "scored", "score",
})  # fmt: skip


def _make_numeric_md(order: str, *, strict_context: bool) -> Handler:
    def handler(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
        a, b = int(m["a"]), int(m["b"])
        if (a, b) == (24, 7):
            return None
        prev = _prev_word(text, m.start())
        if strict_context:
            if prev not in ("on", "in") and prev not in _WEEKDAYS:
                return None
            follow = _NEXT_WORD.match(text, m.end())
            if follow and follow.group(1).lower() not in _LINK_WORDS:
                return None
        elif prev in _FRACTION_WORDS:
            return None
        if _AMOUNT_AFTER.match(text, m.end()):
            return None
        month, day = (b, a) if order == "dmy" else (a, b)
        if month > 12 and day <= 12:
            month, day = day, month
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return DateExpr("day", month=month, day=day)

    return handler


def _may_ok(token: str, text: str, start: int) -> bool:
    """Lower-case ``may`` is the verb unless a preposition governs it."""
    if token.lower().rstrip(".") != "may" or token[0] == "M":
        return True
    return _prev_word(text, start) in _PREPOSITIONS


def _h_month_day(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    if not _may_ok(m["mon"], text, m.start("mon")):
        return None
    month = _month(m["mon"])
    day = _day(m["d"])
    if day is None or day > 31:
        return None
    year = _year_of(m, ref)
    day_expr = DateExpr("day", year=year, month=month, day=day)
    return _to_second_day(day_expr, m["d2"]) if m["d2"] else day_expr


def _to_second_day(day_expr: DateExpr, second: str) -> DateExpr | None:
    """``May 3-5``: the range from ``day_expr`` to a later day of its month, else None."""
    day2 = _day(second)
    if day2 is None or day_expr.day is None or day2 <= day_expr.day:
        return None
    return DateExpr("range", start=day_expr, end=replace(day_expr, day=day2))


def _h_day_month(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    if not _may_ok(m["mon"], text, m.start("mon")):
        return None
    if not m["d"][0].isdigit() and not m["of"]:
        return None
    month = _month(m["mon"])
    day = _day(m["d"])
    if day is None or day > 31:
        return None
    year = None
    if m["y"]:
        raw = m["y"]
        if len(raw.strip("'\u2019")) == 2 and not (raw[0] in "'\u2019" or (m["yof"] or "").strip()):
            return None
        year = _two_digit(raw, ref)
    day_expr = DateExpr("day", year=year, month=month, day=day)
    if m["d2"]:
        if m["conj"].strip().lower() == "and" and _prev_word(text, m.start()) != "between":
            return None
        return _to_second_day(day_expr, m["d2"])
    return day_expr


def _h_ymd_words(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    day = _day(m["d"])
    if day is None:
        return None
    return DateExpr("day", year=int(m["y"]), month=_month(m["mon"]), day=day)


def _h_month_year(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    if not _may_ok(m["mon"], text, m.start("mon")):
        return None
    raw = m["y"]
    digits = raw.strip("'\u2019")
    if len(digits) == 2 and raw[0] not in "'\u2019" and int(digits) <= 31:
        return None
    return DateExpr("month", year=_two_digit(raw, ref), month=_month(m["mon"]))


def _h_year_month(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    if not _may_ok(m["mon"], text, m.start("mon")):
        return None
    return DateExpr("month", year=int(m["y"]), month=_month(m["mon"]))


def _h_numeric_month(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    month = int(m["m"])
    if not 1 <= month <= 12:
        return None
    if _AMOUNT_AFTER.match(text, m.end()):
        return None
    return DateExpr("month", year=int(m["y"]), month=month)


def _h_month_rel_year(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    if not _may_ok(m["mon"], text, m.start("mon")):
        return None
    return DateExpr("month", year_offset=_offset(m["rel"]), month=_month(m["mon"]))


def _h_rel_month_name(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    if m["mon"].lower() == "may" and m["mon"][0] != "M":
        return None
    return DateExpr("month", year_offset=_offset(m["rel"]), month=_month(m["mon"]))


def _h_month_bare(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    token = m["mon"]
    word = token.lower().rstrip(".")
    prev = _prev_word(text, m.start())
    governed = prev in _PREPOSITIONS
    if word in ("may", "march") or (len(word) <= 4 and word not in ("june", "july")):
        if not governed:
            return None
    elif not governed:
        if not token[0].isupper():
            return None
        follow = re.match(r"\s+([A-Z][a-z]+)", text[m.end() : m.end() + 40])
        if follow and follow.group(1).lower() not in MONTHS:
            return None
    if word == "may" and token[0] != "M" and prev not in ("in", "of", "the", "since", "until"):
        return None
    return DateExpr("month", month=_month(token))


def _h_month_range(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    conj = m["conj"].strip().lower()
    if conj == "and" and (m["pre"] or "").lower() != "between":
        return None
    year = _year_of(m, ref)
    offset = _rel_year(m)
    start = DateExpr("month", year=year, year_offset=offset, month=_month(m["m1"]))
    end = DateExpr("month", year=year, year_offset=offset, month=_month(m["m2"]))
    if year is None and offset is None:
        return DateExpr("range", start=start, end=end)
    return DateExpr(
        "range",
        start=DateExpr("month", month=_month(m["m1"])),
        end=end,
    )


def _quarter_year(m: re.Match[str], ref: date | None) -> tuple[int | None, int | None, bool]:
    """(year, year_offset, fiscal) from the groups y0 / y / fy / rel of a quarter or half."""
    fiscal = bool(m.groupdict().get("fis") or m.groupdict().get("fis0"))
    for name in ("y0", "y", "fy", "fy2", "y2"):
        value = m.groupdict().get(name)
        if value:
            digits = re.sub(r"[^\d]", "", value)
            if "fy" in value.lower() or name == "fy":
                fiscal = True
            if not digits:
                continue
            return _two_digit(digits, ref), None, fiscal
    rel = m.groupdict().get("rel")
    if rel:
        return None, _offset(rel), fiscal
    return None, None, fiscal


def _h_month_quarter(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    month = _month(m["mon"])
    if month % 3:
        return None
    year = int(m["y"]) if m["y"] else None
    return DateExpr("quarter", year=year, quarter=month // 3)


def _h_ord_quarter(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    ord_word = m["ord"].lower()
    number = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2,
              "3rd": 3, "4th": 4, "final": 4, "last": 4}[ord_word]  # fmt: skip
    year, offset, fiscal = _quarter_year(m, ref)
    if ord_word in ("final", "last") and year is None and offset is None:
        return None
    if re.match(r"\s+(?:in\s+a\s+row|running|straight)\b", text[m.end() :], re.IGNORECASE):
        return None
    if _generic_adjective(m, text, year, offset):
        return None
    return DateExpr("quarter", year=year, year_offset=offset, quarter=number, fiscal=fiscal)


def _generic_adjective(m: re.Match[str], text: str, year: int | None, offset: int | None) -> bool:
    """``its strongest first-half performance``: no year, and a superlative right before."""
    if year is not None or offset is not None or m.group().lower().startswith("the"):
        return False
    return _prev_word(text, m.start()) in _SUPERLATIVE


def _h_q_form(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    year, offset, fiscal = _quarter_year(m, ref)
    if year is None and offset is None and m["q"] != "Q":
        return None
    return DateExpr("quarter", year=year, year_offset=offset, quarter=int(m["n"]), fiscal=fiscal)


def _h_rel_quarter(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    rel = m["rel"].lower()
    if rel in ("this", "current"):
        return DateExpr("report_quarter")
    return DateExpr("quarter", quarter_offset=_offset(rel))


def _h_same_period(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    if m["y"]:
        return None  # ``the same period of 2024``: only the year is certain
    return DateExpr("same_period_last_year")


def _h_first_n(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    count = _day(m["n"]) if not m["n"].isdigit() else int(m["n"])
    if not count:
        return None
    months = count * 3 if m["unit"].lower().startswith("quarter") else count
    if months > 12:
        return None
    year = _year_of(m, ref)
    offset = _rel_year(m)
    return DateExpr("first_months", year=year, year_offset=offset, count=months)


def _h_ord_half(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    number = 1 if m["ord"].lower() in ("first", "1st") else 2
    year, offset, fiscal = _quarter_year(m, ref)
    if _generic_adjective(m, text, year, offset):
        return None
    return DateExpr("half", year=year, year_offset=offset, half=number, fiscal=fiscal)


def _h_h_form(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    year, offset, fiscal = _quarter_year(m, ref)
    return DateExpr("half", year=year, year_offset=offset, half=int(m["n"]), fiscal=fiscal)


def _h_fiscal_year(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    digits = m["y"]
    if len(digits) == 2 and not m["fy"]:
        return None
    return DateExpr("year", year=_two_digit(digits, ref), fiscal=True)


def _h_year(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    if _AMOUNT_AFTER.match(text, m.end()):
        return None
    before = text[max(0, m.start() - 20) : m.start()]
    if _AMOUNT_BEFORE.search(before) and not re.search(
        r"(?:to|of|by|than|over)\s+$", before, re.IGNORECASE
    ):
        return None
    return DateExpr("year", year=int(m["y"]))


def _h_year_range(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    first = int(m["a"])
    raw = m["b"]
    if len(raw) == 2:
        if int(raw) <= 12:
            return None
        last = first // 100 * 100 + int(raw)
    else:
        last = int(raw)
    if last <= first or last - first > 50:
        return None
    if _AMOUNT_AFTER.match(text, m.end()):
        return None
    return DateExpr("range", start=DateExpr("year", year=first), end=DateExpr("year", year=last))


def _h_rel_year(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    rel = m["rel"].lower().split()[-1]
    if rel in ("previous", "prior", "past", "following"):
        return None
    return DateExpr("year", year_offset=_offset(rel))


def _h_spelled_year(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    if _prev_word(text, m.start()) not in ("in", "since", "of", "by", "until", "from", "during"):
        return None
    words = m.group().lower().replace("-", " ").replace(" and ", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = sum(_CARDINAL_WORDS.get(w, 0) for w in words[2:])
        return DateExpr("year", year=2000 + rest)
    century = _CARDINAL_WORDS[words[0]] * 100
    rest = sum(_CARDINAL_WORDS.get(w, 0) for w in words[1:])
    if rest < 10:
        return None
    return DateExpr("year", year=century + rest)


_NOUN_PHRASE_GOES_ON = frozenset({
    "of", "in", "to", "and", "or", "as", "was", "is", "will", "would", "has", "had", "were",
    "ahead", "so", "but", "for", "at", "on", "with", "that", "which", "when", "while", "than",
    "from", "by", "through", "we", "it", "they", "he", "she", "i", "the", "a", "an", "its",
    "their", "our", "compared", "versus", "after", "before", "despite", "because",
})  # fmt: skip


def _h_whole_year(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    if m["y"]:
        return DateExpr("year", year=int(m["y"]))
    # ``full-year revenue``, ``its full year target``: an adjective, like ``annual`` (not a
    # date, CONVENTIONS); ``for the full year`` / ``the whole year`` is the report's year.
    follow = re.match(r"\s*([A-Za-z]+)\b", text[m.end() : m.end() + 30])
    if follow and follow.group(1).lower() not in _NOUN_PHRASE_GOES_ON:
        return None
    return DateExpr("report_year")


def _h_rel_week(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    rel = m["rel"].lower()
    if m["the"] and rel == "last":
        return None
    offset = _offset(rel)
    if m["wd"]:
        return DateExpr("weekday", weekday=_WEEKDAYS[m["wd"].lower()], week_offset=offset)
    return DateExpr("week", week_offset=offset)


def _h_weekday(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    weekday = _WEEKDAYS[m["wd"].lower()]
    if m["rel2"]:
        return DateExpr("weekday", weekday=weekday, week_offset=_offset(m["rel2"]))
    if m["rel"]:
        rel = m["rel"].lower()
        if rel == "this":
            return DateExpr("weekday", weekday=weekday, week_offset=0)
        return DateExpr("weekday", weekday=weekday, week_offset=_offset(rel))
    if not m["wd"][0].isupper():
        return None
    return DateExpr("weekday", weekday=weekday)


def _h_weekday_day(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    day = _day(m["d"])
    if day is None or day > 31:
        return None
    if _AMOUNT_AFTER.match(text, m.end()):
        return None
    weekday = _WEEKDAYS[m["wd"].lower().rstrip(".")]
    return DateExpr("day", day=day, weekday=weekday)


def _h_weekend(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    return DateExpr("weekend", week_offset=_offset(m["rel"]) if m["rel"] else 0)


def _h_week_number(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    number = int(m["n"])
    if not 1 <= number <= 53:
        return None
    return DateExpr("week_number", count=number, year=int(m["y"]) if m["y"] else None)


_CLAUSE_OPENING = re.compile(
    r"(?:^|[.!?;:,\u2014(]|[\"\u201c\u201e\u00ab]|\b(?:and|but))\s*$", re.IGNORECASE | re.MULTILINE
)
_QUOTE_MARKS = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb]")


# ``Today we announced ...``: a subject and a past-tense verb report an event of the day.
_EVENT_AFTER = re.compile(
    r",?\s+(?:we|i|it|they|he|she|(?:the|our|its|their)\s+[a-z]+)\s+"
    r"(?:[a-z]+ed|said|signed|began|made|took|won|sold|met|told|gave)\b",
    re.IGNORECASE,
)


def _inside_quote(text: str, pos: int) -> bool:
    """True when ``pos`` lies inside a direct quotation opened in its paragraph."""
    line_start = text.rfind("\n", 0, pos) + 1
    marks = _QUOTE_MARKS.findall(text, line_start, pos)
    if not marks:
        return False
    if marks[-1] in "\u201c\u201e\u00ab":
        return True
    if marks[-1] in "\u201d\u00bb":
        return False
    return len(marks) % 2 == 1


def _h_relative_day(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    base = {"today": 0, "yesterday": -1, "tomorrow": 1}[m["w"].lower()]
    if (
        base == 0
        and not m["ba"]
        and _inside_quote(text, m.start())
        and _CLAUSE_OPENING.search(text, max(0, m.start() - 12), m.start())
        and not _EVENT_AFTER.match(text, m.end())
    ):
        # ``"Ten years ago we sold phones. Today we are a platform"``: in a quotation a
        # clause-opening ``Today`` is vague (nowadays), and the speaker's date is unknown.
        return None
    if m["ba"]:
        base += -1 if m["ba"].lower() == "before" else 1
    return DateExpr("relative_day", day_offset=base)


def _h_rel_month(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    rel = m["rel"].lower()
    if rel == "past":
        return None
    return DateExpr("month", month_offset=_offset(rel))


def _h_day_rel_month(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    day = _day(m["d"])
    if day is None:
        return None
    offset = _offset(m["rel"])
    start = DateExpr("day", day=day, month_offset=offset)
    if m["d2"]:
        day2 = _day(m["d2"])
        if day2 is None or day2 <= day:
            return None
        return DateExpr("range", start=start, end=replace(start, day=day2))
    if not m["d"][0].isdigit() or not re.search(r"(?:st|nd|rd|th)$", m["d"]):
        return None
    return start


# Prefix handlers: a prefix only counts when an atom follows it.


def _h_edge(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    word = m["e"].lower()
    return DateExpr("edge", edge="end" if word in ("end", "close") else "start")


def _h_ending(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    if m["unit"]:
        unit = m["unit"].lower()
        count = 3 if unit == "quarter" else 6 if unit.startswith("half") else 12
    else:
        count = _day(m["n"]) if not m["n"].isdigit() else int(m["n"])
    return DateExpr("ending", count=count)


def _h_span_to(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    raw = m["n"]
    count = int(raw) if raw.isdigit() else _day(raw)
    if not count:
        return None
    if m["u"].lower().startswith("week"):
        return DateExpr("ending", day_offset=7 * count) if count <= 104 else None
    return DateExpr("ending", count=count) if count <= 24 else None


def _h_from_day(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    day = _day(m["d"])
    return DateExpr("range", day=day) if day else None


def _h_week_of(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    return DateExpr("week_of")


def _h_nth_week(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    word = m["o"].lower()
    return DateExpr("nth_week", count=-1 if word == "last" else _ORDINAL_WORDS[word])


# ----------------------------------------------------------------------------------------
# Patterns


def _rules(numeric_order: str) -> list[_Rule]:
    fy = r"(?:FY\s*['\u2019]?\d{2,4}|fiscal\s+(?:year\s+)?\d{4})"
    year_tail = (
        r"(?:(?:\s*[,/-]\s*|\s+)(?:(?:of|in)\s+)?(?P<y>\d{4}(?!\d|,\d)|['\u2019]\d\d(?!\d)))?"
    )
    fy_tail = r"(?:FY\s*['\u2019]?\d{2,4}|fiscal\s+(?:year\s+)?\d{4})"
    quarter_tail = rf"""
        (?: (?:\s+of|,)?\s+(?:the\s+)?(?:(?P<fis2>fiscal|financial)\s+(?:year\s+)?)?
              (?P<y>{fy_tail}|\d{{4}})(?![\w])
          | (?:\s+of)?\s+(?P<rel>{_REL_YEAR})
          | \s+of\s+the\s+(?:current\s+)?year )?"""
    rules = [
        _Rule(
            _compile(rf"""(?<![\d.])(?P<y>{_YEAR4})(?P<s>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=s)
                (?P<d>0?[1-9]|[12]\d|3[01])(?!\d)
                (?:(?:T|\s+|,\s*)(?:at\s+)?\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\b\.?)?)?"""),
            _h_iso,
            numeric=True,
            trigger="year4",
        ),
        _Rule(
            _compile(rf"""(?<![\d.,/])(?P<y>{_YEAR4})(?P<m>0[1-9]|1[0-2])
                (?P<d>0[1-9]|[12]\d|3[01])(?!\d)"""),
            _h_iso,
            numeric=True,
            trigger="year4",
        ),
        _Rule(
            _compile(r"""(?P<y>\d{4})\s*年\s*(?P<m>1[0-2]|0?[1-9])\s*月
                (?:\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号])?"""),
            _h_cjk,
            numeric=True,
            trigger="year4",
        ),
        _Rule(
            _compile(r"""(?P<rel>今年|明年|去年|前年|后年|後年)?
                (?:(?P<h>[上下])半年|第?(?P<q>[一二三四1-4])季度)?"""),
            _h_cjk_relative,
            numeric=True,
            trigger="cjk",
        ),
        _Rule(
            _compile(r"""(?<![\d./,])(?P<a>\d{1,2})(?P<s>\s?[/.-]\s?)(?P<b>\d{1,2})
                (?:(?P=s)|,\s?(?=\d{4})|,(?=\d\d))(?P<y>\d{4}|\d{2})(?!\d|[.,/]\d)"""),
            _make_numeric(numeric_order),
            numeric=True,
            trigger="digit",
        ),
        _Rule(
            _compile(r"""(?<![\d./,:$])(?P<a>\d{1,2})/(?P<b>\d{1,2})
                (?!\d|[./,]\d|\s*(?:of\b|%))"""),
            _make_numeric_md(numeric_order, strict_context=False),
            numeric=True,
            trigger="digit",
        ),
        _Rule(
            _compile(r"""(?<![\w.,/$-])(?P<a>\d{1,2})[.-](?P<b>\d{1,2})(?![\d%]|[.,/-]?\d)"""),
            _make_numeric_md(numeric_order, strict_context=True),
            numeric=True,
            trigger="digit",
        ),
        # Month day (to day) (year)
        _Rule(
            _compile(rf"""(?<![\w$])(?P<mon>{_MONTH})(?:\s*[,./-]\s*|\s*)(?:the\s+)?
                (?P<d>{_DAY_NUM}|(?<=\s){_DAY_WORD}|(?<=\sthe\s){_DAY_WORD})
                (?:\s*(?:-|\u2013|to|through|thru|until|till)\s*(?P<d2>{_DAY_NUM}))?
                {year_tail}{_TIME}"""),
            _h_month_day,
            trigger="month",
        ),
        # day (to day) (of) Month (year)
        _Rule(
            _compile(rf"""(?<![\w$€£¥.,/])(?:the\s+)?(?P<d>{_DAY})
                (?:(?P<conj>\s*(?:-|\u2013|to|through|until|till|and)\s*)(?:the\s+)?(?P<d2>{_DAY}))?
                (?P<of>\s+of)?(?:\s*[./-]\s*|\s+|(?<=\d)(?=[a-z]))(?P<mon>{_MONTH})
                (?:(?:\s*[,/-]\s*|\s+)(?P<yof>(?:of|in)\s+)?(?P<y>\d{{4}}(?!\d|,\d)|['\u2019]?\d\d(?!\d)))?
                {_TIME}"""),
            _h_day_month,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<!\d)(?P<y>\d{{4}})\s*[-/]\s*(?P<mon>{_MONTH})\s*[-/]\s*
                (?P<d>{_DAY_NUM})"""),
            _h_ymd_words,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<!\d)(?P<y>\d{{4}})/(?P<d>{_DAY_NUM})/(?P<mon>{_MONTH})"""),
            _h_ymd_words,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?P<mon>{_MONTH})-(?P<y>\d{{4}})-(?P<d>{_DAY_NUM})"""),
            _h_ymd_words,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?P<d>{_DAY_NUM})-(?P<y>\d{{4}})-(?P<mon>{_MONTH})"""),
            _h_ymd_words,
            trigger="month",
        ),
        # Month year
        _Rule(
            _compile(rf"""(?<![\w$])(?:(?:early|mid|late)[\s-]+)?(?P<mon>{_MONTH})
                (?:\s*[,/-]\s*|\s+)(?:(?:of|in)\s+)?(?P<y>\d{{4}}|['\u2019]\d\d|\d\d)(?![\w]|[.,]\d)"""),
            _h_month_year,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<![\w$.,])(?P<y>{_YEAR4})\s*,?\s*(?P<mon>{_MONTH})(?!\s*[\d/-])"""),
            _h_year_month,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<![\w$.,/-])(?P<y>{_YEAR4})\s*[-/.]\s*(?P<m>1[0-2]|0?[1-9])
                (?![\d%]|\s*[-/.]\s*\d|[.,]\d)"""),
            _h_numeric_month,
            numeric=True,
            trigger="year4",
        ),
        _Rule(
            _compile(rf"""(?<![\w$.,/-])(?P<m>1[0-2]|0?[1-9])\s*[-/]\s*(?P<y>{_YEAR4})
                (?![\d%]|[-/.]\d)"""),
            _h_numeric_month,
            numeric=True,
            trigger="year4",
        ),
        _Rule(
            _compile(rf"""(?<![\w$])(?:(?:early|mid|late)[\s-]+)?(?P<mon>{_MONTH})
                (?:\s+of)?\s+(?P<rel>{_REL_YEAR})"""),
            _h_month_rel_year,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?P<rel>this|last|next|coming|previous)\s+(?P<mon>{_MONTH})
                (?!\w)"""),
            _h_rel_month_name,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<![\w$])(?:(?:early|mid|late)[\s-]+)?(?P<mon>{_MONTH})(?![\w])"""),
            _h_month_bare,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<![\w$])(?:(?P<pre>from|between)\s+)?(?P<m1>{_MONTH})(?P<conj>\s*(?:-|\u2013|to|through|until|till|and)\s*)
                (?P<m2>{_MONTH})(?![\w])
                (?:(?:\s*,?\s*|\s+)(?:(?:of|in)\s+)?(?P<y>\d{{4}})(?!\d)|\s+(?P<rel>{_REL_YEAR}))?
                (?!\s*\d)"""),
            _h_month_range,
            trigger="month",
        ),
        # Quarters
        _Rule(
            _compile(rf"""(?<![\w])(?:the\s+)?(?P<mon>{_MONTH})(?:\s+(?P<y>{_YEAR4}))?(?:\s*-\s*|\s+)
                quarter(?![\w])"""),
            _h_month_quarter,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?:(?P<y0>\d{{4}})\s+)?(?:the\s+)?(?P<fis0>fiscal\s+)?
                (?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)(?:\s*-\s*|\s+)
                (?P<fis>(?:fiscal|financial)\s+)?quarter(?![\w]){quarter_tail}"""),
            _h_ord_quarter,
            trigger="quarter",
        ),
        _Rule(
            _compile(
                rf"""(?<![\w])(?:(?P<y0>\d{{4}}|FY\s*['\u2019]?\d{{2,4}})\s*-?\s*)?
                (?:(?P<fis>fiscal)\s+)?(?P<q>[Qq])(?P<n>[1-4])(?![\w])
                (?: \s*[-/]?\s*(?P<y>\d{{4}})(?![\w]) | \s*['\u2019](?P<fy2>\d\d)(?![\w])
                  | [-/](?P<y2>\d\d)(?![\w])
                  | \s+(?:of\s+)?(?P<fy>{fy})(?![\w])
                  | \s+(?P<rel>{_REL_YEAR}) )?""",
                case=False,
            ),
            _h_q_form,
            trigger="qh",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?P<n>[1-4])Q\s*(?P<y>\d{4}|['\u2019]?\d\d|FY\s*['\u2019]?\d{2,4})
                (?![\w])"""),
            _h_q_form,
            trigger="qh",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?:the\s+)?(?P<rel>this|current|last|next|coming|following
                |previous|past|prior|upcoming)\s+(?:fiscal\s+)?quarter(?![\w])"""),
            _h_rel_quarter,
            trigger="quarter",
        ),
        _Rule(
            _compile(rf"""(?<![\w])the\s+(?:same\s+(?:period|quarter|months?)\s+
                (?:(?:of|in)\s+)?(?:(?:last|the\s+previous|the\s+prior|a)\s+year
                |(?P<y>{_YEAR4}))|year[\s-]+(?:ago|earlier)\s+(?:period|quarter))"""),
            _h_same_period,
            trigger="same",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?:the\s+)?first\s+(?P<n>{_COUNT})\s+(?P<unit>months|quarters)
                (?:\s+of\s+(?:(?P<y>{_YEAR4})|(?P<rel>{_REL_YEAR})|the\s+year))?(?![\w])"""),
            _h_first_n,
            trigger="months",
        ),
        # Halves
        _Rule(
            _compile(rf"""(?<![\w])(?:(?P<y0>\d{{4}})\s+)?(?:the\s+)?
                (?P<ord>first|second|1st|2nd)
                (?:\s*-\s*|\s+)half(?:[\s-]year)?(?![\w]){quarter_tail}"""),
            _h_ord_half,
            trigger="half",
        ),
        _Rule(
            _compile(
                rf"""(?<![\w])(?:(?P<y0>\d{{4}}|FY\s*['\u2019]?\d{{2,4}})\s*-?\s*)?H(?P<n>[12])
                (?![\w])(?: \s*[-/]?\s*(?P<y>\d{{4}})(?![\w]) | \s*['\u2019](?P<fy2>\d\d)(?![\w])
                  | \s+(?:of\s+)?(?P<fy>{fy})(?![\w])
                  | \s+(?P<rel>{_REL_YEAR}) )?""",
                case=True,
            ),
            _h_h_form,
            trigger="qh",
        ),
        _Rule(
            _compile(
                r"""(?<![\w])(?P<n>[12])H\s*(?P<y>\d{4}|['\u2019]?\d\d|FY\s*['\u2019]?\d{2,4})
                (?![\w])""",
                case=True,
            ),
            _h_h_form,
            trigger="qh",
        ),
        # Years
        _Rule(
            _compile(r"""(?<![\w])(?:(?P<fy>FY)|fiscal\s+(?:year\s+)?)\s*['\u2019]?(?P<y>\d{4}|\d{2})
                (?![\w])"""),
            _h_fiscal_year,
            trigger="fiscal",
        ),
        _Rule(
            _compile(rf"""(?<![\w$€£¥.,/-])(?:(?:early|mid|late)[\s-]+)?(?P<y>{_YEAR4})
                (?![\w%]|[.,]\d|-\d)"""),
            _h_year,
            numeric=True,
            trigger="year4",
        ),
        _Rule(
            _compile(rf"""(?<![\w$€£¥.,/-])(?P<a>{_YEAR4})\s*(?:-|\u2013|\u2014|to)\s*(?P<b>\d{{4}}|\d\d)
                (?![\w%]|[.,]\d)"""),
            _h_year_range,
            numeric=True,
            trigger="year4",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?P<rel>this(?:\s+calendar)?|last|next|the\s+current
                |the\s+coming|the\s+previous|the\s+prior|the\s+past|the\s+following)\s+year
                (?![\w-])"""),
            _h_rel_year,
            trigger="year",
        ),
        _Rule(
            _compile(r"""(?<![\w-])(?:(?:nineteen|twenty)[\s-](?:ten|eleven|twelve|thirteen
                |fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty
                |sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight
                |nine))?)|two\s+thousand(?:\s+and)?(?:[\s-](?:one|two|three|four|five|six|seven
                |eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen
                |eighteen|nineteen|twenty(?:[\s-](?:one|two|three|four|five|six|seven|eight
                |nine))?))?)(?![\w-])"""),
            _h_spelled_year,
            trigger="spelled",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?:the\s+)?(?:whole|full|entire)[\s-]+year(?![\w])
                (?:\s+(?:of\s+)?(?P<y>{_YEAR4})(?![\w]))?"""),
            _h_whole_year,
            trigger="year",
        ),
        # Weeks and days
        _Rule(
            _compile(rf"""(?<![\w])(?P<the>the\s+)?(?P<rel>this|next|last|previous|coming
                |current|following|upcoming)\s+week(?![\w])
                (?:\s*-?\s*,?\s*(?:on\s+)?(?P<wd>{_WEEKDAY_FULL})(?![\w]))?"""),
            _h_rel_week,
            trigger="week",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?:(?P<rel>this|next|last|previous|coming|following)\s+)?
                (?P<wd>{_WEEKDAY_FULL})(?![\w])
                (?:\s+(?:of\s+)?(?P<rel2>(?:the\s+)?(?:this|next|last|previous|following|coming)
                \s+week))?"""),
            _h_weekday,
            trigger="weekday",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?P<wd>{_WEEKDAY_ANY}),?\s+(?:the\s+)?(?P<d>{_DAY})(?![\w])
                (?!\s*(?:[-/]|\.\d|{_MONTH}|of\b))"""),
            _h_weekday_day,
            trigger="weekday",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?:(?P<rel>this|next|last|the|coming)\s+)?weekend(?![\w])"""),
            _h_weekend,
            trigger="week",
        ),
        _Rule(
            _compile(rf"""(?<![\w])week\s+(?P<n>\d{{1,2}})(?:\s+of\s+(?P<y>{_YEAR4}))?(?![\w])"""),
            _h_week_number,
            trigger="week",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?:the\s+day\s+(?P<ba>before|after)\s+)?
                (?P<w>today|yesterday|tomorrow)(?![\w])"""),
            _h_relative_day,
            trigger="day",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?:the\s+)?(?P<rel>this|next|last|previous|coming|upcoming
                |current|following|past)\s+month(?![\w])"""),
            _h_rel_month,
            trigger="monthword",
        ),
        _Rule(
            _compile(rf"""(?<![\w$.,])(?:the\s+)?(?P<d>{_DAY_NUM})
                (?:\s*(?:-|to|till|until|through|and)\s*(?P<d2>{_DAY_NUM}))?
                \s+(?:of\s+)?(?P<rel>this|next|last)\s+month(?![\w])"""),
            _h_day_rel_month,
            trigger="monthword",
        ),
        # Prefixes
        _Rule(
            _compile(r"""(?<![\w])(?:the\s+)?(?P<e>end|close|beginning|start)\s+of\s+
                (?=\S)"""),
            _h_edge,
            role="prefix",
            trigger="edge",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?:the\s+)?(?:(?P<n>three|six|nine|twelve|3|6|9|12)\s+months
                |(?P<unit>quarter|half[\s-]year|(?:fiscal\s+)?year))\s+(?:ended|ending)\s+
                (?:on\s+)?(?=\S)"""),
            _h_ending,
            role="prefix",
            trigger="ending",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?:the\s+)?(?P<n>\d{{1,3}}|{_COUNT_WORDS})\s+(?P<u>weeks)
                \s+(?:to|ended|ending)\s+(?:on\s+)?(?=\S)"""),
            _h_span_to,
            role="prefix",
            trigger="week",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?:the\s+)?(?P<n>\d{{1,2}}|{_COUNT_WORDS})\s+(?P<u>months)
                \s+to\s+(?=\S)"""),
            _h_span_to,
            role="prefix",
            trigger="months",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?:from|between)\s+(?:the\s+)?(?P<d>{_DAY_NUM})\s*
                (?:-|to|until|till|through|and)\s*(?=\S)"""),
            _h_from_day,
            role="prefix",
            trigger="month",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?:(?:the\s+)?week\s+(?:of|starting|beginning|commencing)
                (?:\s+on)?\s+|w/c\s+)(?=\S)"""),
            _h_week_of,
            role="prefix",
            trigger="week",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?:the\s+)?(?P<o>first|second|third|fourth|last)\s+week\s+of\s+
                (?=\S)"""),
            _h_nth_week,
            role="prefix",
            trigger="week",
        ),
    ]
    return rules


# Every pattern needs a digit or one of a few words; it only runs in windows of text around
# them (lower-cased text; a trigger word must start a word).
_TRIGGERS: dict[str, re.Pattern[str]] = {
    "digit": re.compile(r"\d+"),
    "year4": re.compile(r"(?:1[89]|20)\d\d"),
    "qh": re.compile(r"[qh][1-4]|[1-4][qh]"),
    "fiscal": re.compile(r"(?:fy|fiscal)"),
    "month": re.compile(
        r"(?:january|february|march|april|may|june|july|august|september|october|november"
        r"|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?![a-z])"
    ),
    "quarter": re.compile(r"quarters?(?![a-z])"),
    "half": re.compile(r"half(?![a-z])"),
    "year": re.compile(r"years?(?![a-z])"),
    "same": re.compile(r"(?:same|ago|earlier)(?![a-z])"),
    "months": re.compile(r"(?:months|quarters)(?![a-z])"),
    "monthword": re.compile(r"month(?![a-z])"),
    "week": re.compile(r"(?:weeks?|weekend|w/c)(?![a-z])"),
    "weekday": re.compile(
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed"
        r"|thu|thurs?|fri|sat|sun)(?![a-z])"
    ),
    "day": re.compile(r"(?:today|yesterday|tomorrow)(?![a-z])"),
    "spelled": re.compile(r"(?:thousand|nineteen|twenty)(?![a-z])"),
    "edge": re.compile(r"(?:end|close|beginning|start)(?![a-z])"),
    "ending": re.compile(r"(?:ended|ending)(?![a-z])"),
    "cjk": re.compile(r"[今明去前后後]年|[上下]半年|季度"),
}
_ON_YEAR = re.compile(r"on\s*-\s*$|on\s+$")
_YEAR_ON_YEAR = re.compile(r"\s*-\s*on\s*-|\s+on\s+year|\s*-\s*(?:end|over|to|ago|earlier)")
# Characters matched before and after a trigger.
_WINDOW = {"digit": (24, 48), "year4": (16, 24), "qh": (16, 24), "month": (40, 48)}
_DEFAULT_WINDOW = (48, 48)


def _merge(
    spans: list[tuple[int, int]], before: int, after: int, size: int
) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        start, end = max(0, start - before), min(size, end + after)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _trigger_spans(kind: str, text: str, lower: str) -> list[tuple[int, int]]:
    spans = []
    for m in _TRIGGERS[kind].finditer(lower):
        start = m.start()
        if kind not in ("digit", "year4", "qh", "cjk") and start and lower[start - 1].isalpha():
            continue
        if kind == "year4" and start and lower[start - 1].isdigit():
            continue
        if kind == "year" and (
            _YEAR_ON_YEAR.match(lower, m.end()) or _ON_YEAR.search(lower, max(0, start - 8), start)
        ):
            continue
        spans.append(m.span())
    return spans


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Stretches of ``text`` worth matching, per trigger kind."""
    size = len(text)
    lower = text.lower()
    if len(lower) != size:  # a few characters change length when lower-cased
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return {
        kind: _merge(_trigger_spans(kind, text, lower), *_WINDOW.get(kind, _DEFAULT_WINDOW), size)
        for kind in _TRIGGERS
    }


# Atoms that ``the end of``, ``the week of`` ... may wrap, by prefix kind.
_WRAPPABLE = {
    "edge": ("day", "month", "quarter", "half", "year", "report_quarter", "report_year"),
    "ending": ("day",),
    "week_of": ("day",),
    "nth_week": ("month", "year"),
    "range": ("day",),
}
_EDGE_WORDS = re.compile(
    r"(?:the\s+)?(?:(?P<rel>this|last|next|current)\s+)?(?P<w>year|quarter|month)(?![\w])",
    re.IGNORECASE,
)
_RANGE_LINK = re.compile(
    rf"\s*(?:-|\u2013|\u2014|to|until|till|through|thru)\s*(?:{_WEEKDAY_ANY},?\s+)?", re.IGNORECASE
)
_AND_LINK = re.compile(r"\s+and\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"(?:between|from)\s+$", re.IGNORECASE)
_WEEKDAY_LINK = re.compile(r",?\s+(?:the\s+)?$")


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest candidates first; drop those overlapping an already kept one."""
    starts: list[int] = []
    ends: list[int] = []
    kept: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        i = bisect.bisect_left(starts, cand.start)
        if i > 0 and ends[i - 1] > cand.start:
            continue
        if i < len(starts) and starts[i] < cand.end:
            continue
        starts.insert(i, cand.start)
        ends.insert(i, cand.end)
        kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


def _range_ok(a: DateExpr, b: DateExpr) -> bool:
    days = ("day", "relative_day")
    if a.kind in days and b.kind in days:
        return True
    return a.kind == b.kind and a.kind in ("month", "quarter", "half", "year")


def _combine(text: str, atoms: list[_Candidate], prefixes: list[_Candidate]) -> list[_Candidate]:
    """Join prefixes to the atom they introduce and neighbouring atoms into ranges."""
    by_start = {a.start: a for a in atoms}
    result: list[_Candidate] = []
    consumed: set[int] = set()
    for prefix in sorted(prefixes, key=lambda p: p.start):
        atom = by_start.get(prefix.end)
        kinds = _WRAPPABLE[prefix.expr.kind]
        if atom is not None and atom.expr.kind in kinds and atom.start not in consumed:
            if prefix.expr.kind == "range":
                if atom.expr.month is None or (atom.expr.day or 0) <= (prefix.expr.day or 0):
                    continue
                expr = DateExpr(
                    "range", start=replace(atom.expr, day=prefix.expr.day), end=atom.expr
                )
            else:
                expr = replace(prefix.expr, inner=atom.expr)
            by_start[atom.start] = _Candidate(prefix.start, atom.end, expr)
            consumed.add(atom.start)
            continue
        if prefix.expr.kind == "edge":
            words = _EDGE_WORDS.match(text, prefix.end)
            if words and not any(prefix.start < a.end and a.start < words.end() for a in atoms):
                kind = words["w"].lower()
                rel = (words["rel"] or "this").lower()
                inner = {
                    "year": DateExpr("year", year_offset=_offset(rel)) if words["rel"]
                    else DateExpr("report_year"),
                    "quarter": DateExpr("quarter", quarter_offset=_offset(rel)) if rel not in (
                        "this", "current") else DateExpr("report_quarter"),
                    "month": DateExpr("month", month_offset=_offset(rel)),
                }[kind]  # fmt: skip
                expr = replace(prefix.expr, inner=inner)
                result.append(_Candidate(prefix.start, words.end(), expr))
    merged = sorted(by_start.values(), key=lambda c: c.start)
    # Drop atoms now covered by a wrapped span that starts earlier.
    cleaned: list[_Candidate] = []
    for cand in merged:
        if cleaned and cand.start < cleaned[-1].end:
            if cand.end - cand.start > cleaned[-1].end - cleaned[-1].start:
                cleaned[-1] = cand
            continue
        cleaned.append(cand)
    # Weekday + day (``Friday 7/6``, ``Tue May 9``) and ranges.
    out: list[_Candidate] = []
    i = 0
    while i < len(cleaned):
        cand = cleaned[i]
        nxt = cleaned[i + 1] if i + 1 < len(cleaned) else None
        if nxt is not None:
            gap = text[cand.end : nxt.start]
            if (
                cand.expr.kind == "weekday"
                and cand.expr.week_offset is None
                and nxt.expr.kind == "day"
                and _WEEKDAY_LINK.fullmatch(gap)
            ):
                expr = replace(nxt.expr, weekday=cand.expr.weekday)
                cleaned[i + 1] = _Candidate(cand.start, nxt.end, expr, numeric=nxt.numeric)
                i += 1
                continue
            between = _BETWEEN.search(text, max(0, cand.start - 10), cand.start)
            linked = _RANGE_LINK.fullmatch(gap) or (
                between is not None
                and between.group().lower().startswith("between")
                and _AND_LINK.fullmatch(gap)
            )
            if linked and _range_ok(cand.expr, nxt.expr):
                start = between.start() if between is not None else cand.start
                expr = DateExpr("range", start=cand.expr, end=nxt.expr)
                out.append(_Candidate(start, nxt.end, expr, numeric=cand.numeric and nxt.numeric))
                i += 2
                continue
        out.append(cand)
        i += 1
    out.extend(result)
    return sorted(out, key=lambda c: c.start)


# ----------------------------------------------------------------------------------------
# A fiscal calendar stated by the document

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
    re.compile(rf"{_FY_LABEL}\s*(?:,|\(|-|\u2014|\u2013)?\s*(?:which|that)?\s*{_FY_SPAN}{_FY_DAY}",
               re.IGNORECASE),
    # ``fiscal 2023 ended March 31, 2024`` / ``fiscal 2023, which ended on Sept. 30, 2023``
    re.compile(rf"{_FY_LABEL}\s*(?:,\s*(?:which|that)\s+|\s)(?:ended|ending|ends|closed)\s+"
               rf"(?:on\s+)?{_FY_DAY}", re.IGNORECASE),
    # ``the twelve months ended March 31, 2024 (fiscal 2023)``
    re.compile(rf"{_FY_SPAN}{_FY_DAY}\s*(?:,\s*(?:or\s+|known\s+as\s+)?|\(\s*){_FY_LABEL}",
               re.IGNORECASE),
    # ``its fiscal year ends in March`` / ``the fiscal year ended June 30, 2024``
    re.compile(rf"(?:fiscal|financial)\s+year\s+(?:that\s+)?(?:ends|ended|ending|closes|runs\s+to"
               rf"|runs\s+through)\s+(?:on\s+|in\s+)?{_FY_DAY}", re.IGNORECASE),
)  # fmt: skip


def _generic_fiscal_ends(text: str) -> list[tuple[int, int]]:
    """Spans of the month (and day) in ``its fiscal year ends in June`` / ``ending March 31``
    with no year: a recurring date, not one day or month."""
    return [
        (m.start("d0") if m["d0"] else m.start("mon"), m.end())
        for m in _FISCAL_STATEMENTS[-1].finditer(text)
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
    return found


_FQ_LABEL = re.compile(
    r"""(?<![\w])(?:
        [Qq](?P<q>[1-4])\s*(?:of\s+)?(?:FY|fiscal\s+(?:year\s+)?)\s*['\u2019]?(?P<fy>\d{4}|\d\d)(?![\w])
      | FY\s*['\u2019]?(?P<fy2>\d{4}|\d\d)\s*[-/]?\s*[Qq](?P<q2>[1-4])(?![\w])
      | fiscal\s+(?P<o1>first|second|third|fourth)[\s-]+quarter(?![\w])
      | (?P<o2>first|second|third|fourth)[\s-]+fiscal[\s-]+quarter(?![\w])
      | (?P<o3>first|second|third|fourth)[\s-]+quarter\s+of\s+(?:the\s+)?
        (?:fiscal|financial)\s+year\s*['\u2019]?(?P<fy3>\d{4}|\d\d)?(?![\w])
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_FQ_ENDED = re.compile(
    rf"""\s*(?:,\s*(?:which|that)\s+|\(\s*)?(?:(?:the\s+)?(?:quarter|period|three\s+months)\s+)?
    (?:ended|ending|ends|to|through)\s+(?:on\s+)?(?P<mon>{_MONTH})(?:\s*(?P<d>{_DAY_NUM}))?
    (?:,?\s*(?P<ey>{_YEAR4}))?""",
    re.VERBOSE | re.IGNORECASE,
)
_MONTH_QUARTER = re.compile(rf"(?<![\w])the\s+(?P<mon>{_MONTH})\s+quarter(?![\w])", re.IGNORECASE)
_FQ_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_FQ_NEAR = 600  # characters between a fiscal quarter and the ``<Month> quarter`` naming it


def inferred_fiscal_calendar(text: str, reference: date | None = None) -> FiscalCalendar | None:
    """The fiscal calendar implied by a fiscal quarter and the calendar months it covers.

    ``the fiscal fourth quarter ended Sept. 30`` (a quarter and its last day), or ``Q2 FY25``
    with ``the September quarter`` nearby (``the <Month> quarter`` is the quarter ending in
    that month): quarter ``n`` ends in month ``M``, so the fiscal year starts in month
    ``M - 3n + 1``. When the quarter carries a fiscal-year label and the year of month ``M``
    is known (written, or the latest such month begun by the reference date), the label says
    whether fiscal years are named by their end (``FY25`` = April 2024 - March 2025) or
    start year. ``None`` when there is no such evidence or it points to the calendar year.
    """
    anchors = [(m.start(), m) for m in _MONTH_QUARTER.finditer(text)]
    for label in _FQ_LABEL.finditer(text):
        ordinal = label["o1"] or label["o2"] or label["o3"]
        number = _FQ_ORDINALS[ordinal.lower()] if ordinal else int(label["q"] or label["q2"])
        fy_raw = label["fy"] or label["fy2"] or label["fy3"]
        ended = _FQ_ENDED.match(text, label.end())
        end_month = end_year = None
        if ended is not None:
            end_month = _month(ended["mon"])
            end_year = int(ended["ey"]) if ended["ey"] else None
        else:
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


_HALF_SPAN = re.compile(r"first[\s-]+half|half[\s-]+year|\binterim\b|\bH1\b", re.IGNORECASE)


# ----------------------------------------------------------------------------------------
# The stage


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


_ENGLISH_WORDS = frozenset({
    "the", "and", "of", "to", "on", "was", "were", "is", "are", "has", "have", "had", "with",
    "for", "by", "at", "its", "their", "from", "that", "which", "went", "said", "will", "it",
})  # fmt: skip
_OTHER_WORDS = frozenset({
    "der", "die", "das", "und", "nach", "als", "ist", "mit", "von", "zu", "den", "dem", "des",
    "sich", "nicht", "ein", "eine", "auf", "für", "le", "la", "les", "et", "est", "une", "du",
    "el", "los", "las", "y", "que", "con", "por", "para", "il", "di", "che", "per",
})  # fmt: skip


def _looks_english(sentence: str) -> bool:
    """An English sentence inside a paragraph detected as another language (a mixed
    paragraph): two English function words or more, and more of them than foreign ones."""
    words = re.findall(r"[^\W\d_]+", sentence.lower())
    english = sum(w in _ENGLISH_WORDS for w in words)
    other = sum(w in _OTHER_WORDS for w in words)
    return english >= 2 and english > other


_CLAUSE_BREAK = re.compile(r"[;:]|,(?=\s)")
_COMPARISON_CUE = re.compile(
    r"\b(?:compared\s+(?:with|to)|as\s+against|against|from|versus|vs\.?|than|over"
    r"|relative\s+to)\b",
    re.IGNORECASE,
)


def _comparison_basis(text: str, s_start: int, start: int) -> bool:
    """``the same period last year`` after a comparison cue in its clause is the basis of a
    year-on-year comparison (``up 5% from the same period last year``, ``compared with a loss
    of $3 million in the same period last year``), not a date (CONVENTIONS: ``the previous
    year`` in ``compared to the previous year``)."""
    clause_start = s_start
    for m in _CLAUSE_BREAK.finditer(text, s_start, start):
        clause_start = m.end()
    return _COMPARISON_CUE.search(text, clause_start, start) is not None


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


def _speaks_of_future(text: str, s_start: int, s_end: int, start: int, end: int) -> bool:
    """A future cue before the mention in its sentence, or after it within its clause, or a
    forecast noun governing it (``the outlook for December``).

    A past report's date (``said in October that it would ...``) is not moved by the cue of
    the clause it reports.
    """
    if _future_cue(text, s_start, start):
        return True
    if _FUTURE_BEFORE.search(text, max(s_start, start - 40), start):
        return True
    if _PAST_REPORT_BEFORE.search(text, max(s_start, start - 40), start):
        return False
    clause = _CLAUSE_END.search(text, end, s_end)
    return _future_cue(text, end, clause.start() if clause else s_end)


# ``its forecast``, ``beat forecasts``, ``analysts' forecasts``: the noun, no future cue.
_FORECAST_NOUN_BEFORE = re.compile(
    r"(?i)(?:\b(?:its|the|their|a|an|our|his|her|this|that|these|those|beat|beats|beating"
    r"|missed|misses|missing|topped|tops|exceeded|exceeds|above|below|of|with|than)"
    r"|(?<=[a-z])(?:'s|s'|\u2019s|s\u2019))\s+\Z"
)
# ``said in October``, ``announced on March 3``: the date of a past report.
_PAST_REPORT_BEFORE = re.compile(
    r"(?i)\b(?:said|announced|reported|disclosed|revealed|confirmed|stated|warned|told\s+\w+)"
    r"\s+(?:in|on|during|earlier\s+in|late\s+in|early\s+in)\s+(?:the\s+)?\Z"
)


def _future_cue(text: str, lo: int, hi: int) -> bool:
    for m in _FUTURE.finditer(text, lo, hi):
        word = m.group().lower()
        if word.startswith("forecast") and _FORECAST_NOUN_BEFORE.search(
            text, max(lo, m.start() - 30), m.start()
        ):
            continue
        return True
    return False


# ----------------------------------------------------------------------------------------
# Convenience


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d\u2019)]*\s+(?=[\"\u201c\u2018(]?[A-Z0-9])")


def simple_parsed_doc(text: str, reference_date: date | None = None, doc_id: str = "") -> ParsedDoc:
    """A ParsedDoc with one paragraph per non-empty line and naive sentence splits."""
    sentences: list[tuple[int, int]] = []
    paragraphs: list[Paragraph] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            paragraphs.append(Paragraph(pos, pos + len(body)))
            start = pos
            for m in _SENTENCE_END.finditer(body):
                sentences.append((start, pos + m.start()))
                start = pos + m.end()
            sentences.append((start, pos + len(body)))
        pos += len(line)
    return ParsedDoc(
        doc_id=doc_id,
        text=text,
        reference_date=reference_date,
        sentences=tuple(sentences),
        paragraphs=tuple(paragraphs),
    )


def find_dates(
    text: str,
    reference_date: date | None = None,
    *,
    numeric_order: str = "mdy",
    fiscal_year_start: Mapping[str, int] | None = None,
) -> list[Mention]:
    """Date mentions of ``text`` (one paragraph per line, naive sentence splits)."""
    stage = DateStage(numeric_order=numeric_order, fiscal_year_start=fiscal_year_start)
    return stage(simple_parsed_doc(text, reference_date))


def explicit_days(text: str, *, numeric_order: str = "mdy") -> list[tuple[int, int, date]]:
    """Full dates (day, month and year all written) in ``text``: (start, end, day)."""
    stage = DateStage(numeric_order=numeric_order)
    days: list[tuple[int, int, date]] = []
    for cand in stage.candidates(text, None):
        expr = cand.expr
        if expr.kind == "day" and expr.year is not None and expr.month and expr.day:
            try:
                days.append((cand.start, cand.end, date(expr.year, expr.month, expr.day)))
            except ValueError:
                continue
    return days
