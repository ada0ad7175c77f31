"""Words and pattern pieces of the date grammar, and small helpers over them."""

from __future__ import annotations

import re
from datetime import date

from extract.normalize.dates import (
    MONTHS,
    expand_two_digit_year,
)

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
