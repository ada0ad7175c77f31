"""Number parsing shared by the money, percent and quantity normalizers.

Numbers are read into ``Decimal`` exactly: ``113.1 billion`` is ``Decimal("113100000000")``;
no float arithmetic is involved. Three written forms are understood:

- digits with thousands separators (``1,234.5``, ``13 009``) and decimals;
- number words (``seven million``, ``one hundred and fifty``, ``twenty-five``, ``a billion``);
- either of these followed by a scale word or abbreviation (``thousand``, ``million``,
  ``bn``, ``mn``, ``mln``, ``MM``, ``tn``, ``k``, ``M``, ``B``, ``T``), with spaces or hyphens
  between them (``100 - billion``).

The regular-expression fragments here are shared with the stage that finds mentions, so
that what it finds and what the normalizers read are the same language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from extract.normalize.scanning import fold, scouted, word_alternation

__all__ = [
    "DIGIT_NUMBER_RE",
    "NUMBER_PATTERN",
    "NUMBER_RE",
    "SMALL_WORD_NUMBER_PATTERN",
    "WORD_NUMBER_RE",
    "Amount",
    "find_word_numbers",
    "normalize_decimal",
    "number_value",
    "parse_number",
    "parse_number_words",
]


@dataclass(frozen=True, slots=True)
class Amount:
    """A number read from text: a point (``value`` set, low == high == value) or a range."""

    value: Decimal | None
    value_low: Decimal
    value_high: Decimal

    @property
    def is_range(self) -> bool:
        return self.value is None


UNIT_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEEN_WORDS: dict[str, int] = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALE_WORDS: dict[str, int] = {
    "thousand": 3,
    "million": 6,
    "billion": 9,
    "trillion": 12,
}
# Abbreviations of scale words, keyed by their lower-case form (case is checked by the regex:
# a lone ``m``/``b`` is accepted only attached to the digits).
SCALE_ABBREVIATIONS: dict[str, int] = {
    "k": 3,
    "m": 6,
    "mm": 6,
    "mn": 6,
    "mln": 6,
    "b": 9,
    "bn": 9,
    "bln": 9,
    "t": 12,
    "tn": 12,
    "trn": 12,
    "lakh": 5,
    "lakhs": 5,
    "crore": 7,
    "crores": 7,
    "lakh crore": 12,
    "lakh crores": 12,
    "万": 4,
    "亿": 8,
}

_UNIT_ALT = "|".join(w for w in UNIT_WORDS if w != "zero")
_TEEN_ALT = "|".join(TEEN_WORDS)
_TENS_ALT = "|".join(TENS_WORDS)
_SCALE_ALT = "|".join(SCALE_WORDS)
_NUMWORD = rf"(?:{_TENS_ALT}|{_TEEN_ALT}|{_UNIT_ALT}|hundred|{_SCALE_ALT})"

# Digits: 1,234,567.89 | 13 009 (space-grouped) | 1234.5. Never the middle of a
# version number (1.2.3) or of a word (SU7, Q3).
_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,]|[ \u00a0\u202f]\d)"
    r"|\d{1,18})"
    r"(?:\.\d{1,12})?(?![.,]?\d)"
)
# Unit abbreviations that may stick to digits without a space (3pp, 800km).
_ATTACHED_UNITS = (
    r"(?:pp|ppts?|bps?|pct|pc|km|kg|mi|cm|mm|ha|GW|MW|kW|GWh|MWh|kWh|TWh|mAh|GB|TB|MB|lbs?|oz)\b"
)
# Pence and cents glued to digits (312p, 75c): the money stage decides whether they are.
_ATTACHED_SUBUNITS = r"(?:[pc](?![A-Za-z\d])(?!\.[A-Za-z\d]))"
_SCALE_WORD = (
    r"(?i:thousand|million|billion|trillion|bln|bn|mln|mn|trn|tn|lakh\s+crores?|lakhs?|crores?)"
)
_SCALE_ATTACHED = r"(?:(?i:bln|bn|mln|mn|trn|tn)|MM|[kKmMbBT])"

DIGIT_NUMBER_PATTERN = (
    rf"(?P<digits>{_DIGITS})"
    rf"(?:(?P<abbr>{_SCALE_ATTACHED})(?![A-Za-z])"
    r"|\s?(?P<cjk>[万亿])"
    rf"|(?:\s*-\s*|\s+)(?P<scale>{_SCALE_WORD})\b)?"
    rf"(?!(?!{_ATTACHED_UNITS}|{_ATTACHED_SUBUNITS})[A-Za-z])"
)
WORD_NUMBER_PATTERN = (
    r"(?P<words>(?i:(?:\ba\s+(?=(?:hundred|thousand|million|billion|trillion)\b))?"
    rf"\b(?:{_TENS_ALT}|{_TEEN_ALT}|{_UNIT_ALT}|(?<=a )(?:hundred|{_SCALE_ALT}))\b"
    rf"(?:(?:\s*-\s*|\s+|(?:(?<=hundred)|(?<=thousand))\s+and\s+){_NUMWORD}\b)*))"
)
# Small spelled-out numbers (for cents: ``forty-five``).
SMALL_WORD_NUMBER_PATTERN = (
    rf"(?i:(?:{_TENS_ALT})(?:[\s-]+(?:{_UNIT_ALT}))?\b|(?:{_TEEN_ALT})\b|(?:{_UNIT_ALT})\b)"
)
# Digits may follow a currency prefix glued to them (RM10, Rs.5, EUR1.2bn, Rmb10bn) but no
# other letter.
_GLUE = r"(?<![A-Za-z\d_.,])|(?<=RM)|(?<=Rs)|(?<=Rs\.)|(?<=Rp)|(?<=Rmb)|(?<=[A-Z]{3})"
NUMBER_PATTERN = rf"(?:(?:{_GLUE}){DIGIT_NUMBER_PATTERN}|{WORD_NUMBER_PATTERN})"
NUMBER_RE = re.compile(NUMBER_PATTERN)
# The two halves of NUMBER_RE, each led by a cheap test so that long texts scan fast.
DIGIT_NUMBER_RE = re.compile(rf"(?=\d)(?:{_GLUE})" + DIGIT_NUMBER_PATTERN)
WORD_NUMBER_RE = re.compile(r"\b(?=[AaOoTtFfSsEeNnHhMmBb])" + WORD_NUMBER_PATTERN)

# Where a match of WORD_NUMBER_RE can start: a number word, or ``a`` before a scale word,
# after a character that is not a word character (in the folded text, after a space put in
# front so that the first word counts). The regex engine scans for this pattern fast.
_WORD_START_RE = re.compile(
    r"[^\w](?:a\s+(?:hundred|"
    + _SCALE_ALT
    + r")|"
    + word_alternation(
        [*TENS_WORDS, *TEEN_WORDS, *(w for w in UNIT_WORDS if w != "zero"), "hundred", *SCALE_WORDS]
    )
    + r")\b"
)


def find_word_numbers(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``WORD_NUMBER_RE`` in ``text``, as its ``finditer`` gives them."""
    starts = (m.start() for m in _WORD_START_RE.finditer(" " + fold(text)))
    return scouted(WORD_NUMBER_RE, text, starts)


_DIGIT_FULL_RE = re.compile(rf"\s*{DIGIT_NUMBER_PATTERN}\s*")
_WORD_FULL_RE = re.compile(rf"\s*{WORD_NUMBER_PATTERN}\s*")
_WORD_TOKEN_RE = re.compile(r"[a-z]+")


def normalize_decimal(value: Decimal) -> Decimal:
    """``value`` without trailing zeros and never in exponent notation for whole numbers."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


_SEPARATORS_RE = re.compile(r"[,\s\u00a0\u202f]")


def _digits_value(digits: str) -> Decimal:
    return Decimal(_SEPARATORS_RE.sub("", digits))


def _scale_exponent(abbr: str | None, cjk: str | None, scale: str | None) -> int:
    if scale:
        key = " ".join(scale.lower().split())
        return SCALE_WORDS.get(key, SCALE_ABBREVIATIONS.get(key, 0))
    if cjk:
        return SCALE_ABBREVIATIONS[cjk]
    if abbr:
        return SCALE_ABBREVIATIONS[abbr.lower()]
    return 0


def parse_number_words(text: str) -> Decimal | None:
    """Value of spelled-out English numbers (``one hundred and fifty``), else None.

    ``a`` counts as one before a scale word (``a billion``). Sequences that are not one
    number (``two three``, ``thousand five thousand``) give None.
    """
    tokens = [t for t in _WORD_TOKEN_RE.findall(text.lower()) if t != "and"]
    if not tokens:
        return None
    if tokens[0] == "a":
        if len(tokens) < 2 or (tokens[1] not in SCALE_WORDS and tokens[1] != "hundred"):
            return None
        tokens[0] = "one"
    if tokens[0] == "hundred" or tokens[0] in SCALE_WORDS:
        return None
    total = 0
    current = 0
    last = ""  # kind of the previous token: unit, teen, tens, hundred, scale
    last_scale = 10**15
    for token in tokens:
        if token in UNIT_WORDS:
            if last in ("unit", "teen"):
                return None
            current += UNIT_WORDS[token]
            last = "unit"
        elif token in TEEN_WORDS:
            if last in ("unit", "teen", "tens"):
                return None
            current += TEEN_WORDS[token]
            last = "teen"
        elif token in TENS_WORDS:
            if last in ("unit", "teen", "tens"):
                return None
            current += TENS_WORDS[token]
            last = "tens"
        elif token == "hundred":
            if current >= 100 or last == "hundred":
                return None
            current = (current or 1) * 100
            last = "hundred"
        elif token in SCALE_WORDS:
            scale = 10 ** SCALE_WORDS[token]
            if last == "scale" or scale >= last_scale:
                return None
            total += (current or 1) * scale
            current = 0
            last = "scale"
            last_scale = scale
        else:
            return None
    return Decimal(total + current)


def number_value(match: re.Match[str]) -> Decimal | None:
    """Value of a match of ``NUMBER_RE`` (or of any pattern holding its groups)."""
    groups = match.groupdict()
    if groups.get("digits"):
        try:
            base = _digits_value(groups["digits"])
        except InvalidOperation:
            return None
        exponent = _scale_exponent(groups.get("abbr"), groups.get("cjk"), groups.get("scale"))
        return normalize_decimal(base.scaleb(exponent))
    if groups.get("words"):
        value = parse_number_words(groups["words"])
        return None if value is None else normalize_decimal(value)
    return None


def parse_number(text: str) -> Decimal | None:
    """Value of ``text`` when the whole of it is one number, else None.

    >>> parse_number("113.1 billion")
    Decimal('113100000000')
    >>> parse_number("one hundred and fifty")
    Decimal('150')
    """
    match = _DIGIT_FULL_RE.fullmatch(text) or _WORD_FULL_RE.fullmatch(text)
    if match is None:
        return None
    return number_value(match)
