"""Percentages: the text of a percentage mention -> value (or range) and unit.

The unit is what the text says: ``%``, percent, per cent and percentage are ``percent``;
percentage point(s), pp and ppt are ``percentage_point``; basis points (bps) are read as
hundredths of a percentage point (``25 bps`` -> 0.25 ``percentage_point``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extract.normalize.numbers import NUMBER_RE, Amount, normalize_decimal, number_value

__all__ = [
    "PERCENT_UNIT_PATTERN",
    "PERCENT_UNIT_RE",
    "Percent",
    "normalize_percent",
    "percent_unit",
]


@dataclass(frozen=True, slots=True)
class Percent(Amount):
    """A percentage: a point (``value`` set, low == high == value) or a range."""

    unit: str


PERCENT_UNIT_PATTERN = (
    r"(?:%|\uff05"
    r"|(?i:per\s?cent(?:age|s)?(?:[\s-]+points?)?|pct\.?|basis[\s-]+points?)"
    r"|p\.p\.|ppts?|pp|bps|bp|pc)(?![A-Za-z])"
)
# Matched right after a number: the percent unit that follows it.
PERCENT_UNIT_RE = re.compile(rf"(?:\s?|-)(?P<unit>{PERCENT_UNIT_PATTERN})")
_UNIT_SEARCH_RE = re.compile(PERCENT_UNIT_PATTERN)
_SIGN_RE = re.compile(r"(?:(?i:minus|negative)\s+|[-\u2212])\s*\Z")
_JOIN_RE = re.compile(r"\A\s*(?:%|\uff05)?\s*(?:-|\u2013|—|~|(?i:to|and))\s*")


def percent_unit(unit_text: str) -> tuple[str, int]:
    """``(unit, exponent)`` of a unit as written: ``bps`` -> ``("percentage_point", -2)``."""
    key = unit_text.lower()
    if key.startswith("b"):
        return "percentage_point", -2
    if "point" in key or key.startswith(("p.p", "pp")):
        return "percentage_point", 0
    return "percent", 0


# Pure, and the same mentions recur across documents: results are kept once per process.
@functools.lru_cache(maxsize=8192)
def normalize_percent(text: str) -> Percent | None:
    """Value and unit of one percentage mention, or None when it is not one.

    >>> normalize_percent("50 to 80%")
    Percent(value=None, value_low=Decimal('50'), value_high=Decimal('80'), unit='percent')
    """
    units = list(_UNIT_SEARCH_RE.finditer(text))
    if not units:
        return None
    numbers = [m for m in NUMBER_RE.finditer(text) if number_value(m) is not None]
    if not numbers or len(numbers) > 2:
        return None
    unit, exponent = percent_unit(units[-1].group())
    values = []
    for i, match in enumerate(numbers):
        value = number_value(match)
        assert value is not None
        before = text[numbers[i - 1].end() : match.start()] if i else text[: match.start()]
        if i:
            # "5-10%": the hyphen joins the two ends; "-5 to -3%": the second sign stays.
            before = _JOIN_RE.sub("", before, count=1)
        if _SIGN_RE.search(before):
            value = -value
        values.append(normalize_decimal(value.scaleb(exponent)))
    if len(values) == 1:
        return Percent(values[0], values[0], values[0], unit)
    low, high = min(values), max(values)
    return Percent(None, low, high, unit)
