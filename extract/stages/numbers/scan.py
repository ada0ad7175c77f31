"""The numbers of a text, each read once: value, form, and whether a date, time, URL or
e-mail address holds it."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from extract.normalize.numbers import DIGIT_NUMBER_RE, find_word_numbers, number_value
from extract.stages.numbers.vocabulary import _DATE_MASK_RE, _EMAIL_RE, _SCALE_RE, _URL_RE


@dataclass(slots=True)
class _Num:
    """One number found in the text."""

    match: re.Match[str]
    start: int
    end: int
    value: Decimal
    words: bool
    scaled: bool
    grouped: bool
    digits: str
    abbr: str
    masked: bool = False
    glued: bool = False  # right after a letter (EUR1.2bn): only a currency may stand there

    @property
    def year_like(self) -> bool:
        return (
            not self.words
            and not self.scaled
            and self.end - self.start == 4
            and 1800 <= self.value <= 2100
            and self.value == int(self.value)
        )


@dataclass(frozen=True, slots=True)
class _Found:
    kind: str
    start: int
    end: int
    range_: bool = False
    unit_hint: str = ""
    number_end: int = -1  # where a trailing qualifier (or more, or so) would start


def _spans(pattern: re.Pattern[str], text: str) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for m in pattern.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def _inside(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and ends[i] > start:
        return True
    j = bisect.bisect_left(starts, start)
    return j < len(starts) and starts[j] < end


def find_numbers_in(text: str, is_english: Callable[[int], bool]) -> list[_Num]:
    """Every number of ``text`` in text order; number words only where ``is_english``."""
    url_starts, url_ends = _spans(_URL_RE, text) if "://" in text or "www." in text else ([], [])
    if "@" in text:
        mail_starts, mail_ends = _spans(_EMAIL_RE, text)
        pairs = sorted(zip(url_starts + mail_starts, url_ends + mail_ends, strict=True))
        url_starts = [s for s, _ in pairs]
        url_ends = [e for _, e in pairs]
    date_starts, date_ends = _spans(_DATE_MASK_RE, text)
    nums: list[_Num] = []
    found = list(DIGIT_NUMBER_RE.finditer(text))
    found.extend(find_word_numbers(text))
    found.sort(key=lambda m: m.start())
    for m in found:
        start, end = m.start(), m.end()
        if url_starts and _inside(url_starts, url_ends, start, end):
            continue
        groups = m.groupdict()
        words = groups.get("words") is not None
        if words and not is_english(start):
            continue
        value = number_value(m)
        if value is None:
            continue
        digits = groups.get("digits") or ""
        abbr = groups.get("abbr") or ""
        scaled = bool(abbr or groups.get("cjk") or groups.get("scale")) or bool(
            words and _SCALE_RE.search(groups["words"])
        )
        grouped = "," in digits
        masked = bool(date_starts) and _inside(date_starts, date_ends, start, end)
        glued = start > 0 and text[start - 1].isalpha()
        nums.append(_Num(m, start, end, value, words, scaled, grouped, digits, abbr, masked, glued))
    return nums
