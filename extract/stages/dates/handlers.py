"""Candidates and the handlers that turn a pattern match into a ``DateExpr``."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from extract.normalize.dates import (
    MONTHS,
    DateExpr,
)
from extract.normalize.scanning import start_guard
from extract.stages.dates.vocabulary import (
    _AMOUNT_AFTER,
    _ORDINAL_WORDS,
    _PREPOSITIONS,
    _WEEKDAYS,
    _day,
    _month,
    _offset,
    _prev_word,
    _two_digit,
)


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
    """``pattern`` compiled (verbose; case-insensitive unless ``case``), led by a look-ahead
    for the characters its matches can start with (the same matches, found faster)."""
    flags = re.VERBOSE if case else re.VERBOSE | re.IGNORECASE
    return re.compile(start_guard(pattern, flags) + "(?:" + pattern + "\n)", flags)


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


# ``its fiscal third quarter ended June 30``, ``the second-quarter ended``: the quarter is an
# ordinal period of its own, and the day a separate mention.
_ORDINAL_BEFORE = re.compile(
    r"(?:first|second|third|fourth|final|fiscal|financial|1st|2nd|3rd|4th)[\s-]+$", re.IGNORECASE
)


def _h_ending(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    if m.group()[:3].lower() != "the" and _ORDINAL_BEFORE.search(
        text, max(0, m.start() - 12), m.start()
    ):
        return None
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
