"""Handlers of quarters, halves, years and fiscal labels."""

from __future__ import annotations

import re
from datetime import date

from extract.normalize.dates import (
    DateExpr,
)
from extract.stages.dates.handlers import _rel_year, _year_of
from extract.stages.dates.tense import (
    _SUPERLATIVE,
)
from extract.stages.dates.vocabulary import (
    _AMOUNT_AFTER,
    _AMOUNT_BEFORE,
    _CARDINAL_WORDS,
    _day,
    _month,
    _offset,
    _prev_word,
    _two_digit,
)

_LABEL_YEARS = re.compile(r"\d{4}|\d\d")


def fiscal_label_year(value: str, ref: date | None) -> tuple[int, bool] | None:
    """The year a fiscal label names and whether it is a split-year label: ``FY24`` ->
    (2024, False); ``FY2023/24``, ``FY 2023-24``, ``FY23-24`` -> (2024, True), the fiscal
    year that ends in 2024. ``None`` when the two years of a split label do not follow on."""
    years = _LABEL_YEARS.findall(value)
    if not years:
        return None
    first = _two_digit(years[0], ref)
    if len(years) == 1:
        return first, False
    second = _two_digit(years[1], ref) if len(years[1]) == 4 else first // 100 * 100 + int(years[1])
    if second != first + 1:
        return None
    return second, True


def _quarter_year(
    m: re.Match[str], ref: date | None
) -> tuple[int | None, int | None, bool, str] | None:
    """(year, year_offset, fiscal, fiscal_label) from the groups y0 / y / fy / rel of a
    quarter or half; ``None`` for a split fiscal label whose years do not follow on."""
    groups = m.groupdict()
    fiscal = bool(groups.get("fis") or groups.get("fis0") or groups.get("fis2"))
    for name in ("y0", "y", "fy", "fy2", "y2"):
        value = groups.get(name)
        if not value:
            continue
        lowered = value.lower()
        if "calendar" in lowered or lowered.startswith("cy"):
            fiscal = False
        elif "fy" in lowered or "fiscal" in lowered or "financial" in lowered or name == "fy":
            fiscal = True
        label = fiscal_label_year(value, ref)
        if label is None:
            return None
        year, split = label
        if split and "calendar" not in lowered:
            return year, None, True, "end"
        return year, None, fiscal, ""
    rel = groups.get("rel")
    if rel:
        return None, _offset(rel), fiscal, ""
    return None, None, fiscal, ""


def _h_month_quarter(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    month = _month(m["mon"])
    if month % 3:
        return None
    year = int(m["y"]) if m["y"] else None
    return DateExpr("quarter", year=year, quarter=month // 3)


# ``the first quarter of sales growth``, ``its third quarter of losses``, ``it was the first
# quarter since 2021 in which ...``: an ordinal that counts quarters (or halves), not one of
# the year. ``of`` followed by anything but a year; after a copula, a relative clause or
# ``since`` / ``after`` / ``with`` / ``as``.
_COUNTED_AFTER = re.compile(
    r"""\s+(?:in\s+a\s+row|running|straight)\b
      | \s+of\s+(?!(?:the\s+|its\s+|their\s+|this\s+|last\s+|next\s+)?
                  (?:current\s+|same\s+|previous\s+|prior\s+|coming\s+)?
                  (?:year|fiscal|financial|calendar|FY|CY|\d|['\u2019]\d))""",
    re.IGNORECASE | re.VERBOSE,
)
_COUNTED_AFTER_COPULA = re.compile(
    r"\s+(?:since|after|with|without|as\s+an?|in\s+which|where|that|to\s+(?:show|post|see"
    r"|report|bring|deliver))\b",
    re.IGNORECASE,
)
_COPULA_BEFORE = re.compile(
    r"(?:\b(?:was|is|were|are|be|been|being|marks|marked|mark|remains|remained|became"
    r"|becomes)|['\u2019]s)\s+(?:(?:the|its|their|a|his|her|our)\s+)?$",
    re.IGNORECASE,
)


def _counts_periods(m: re.Match[str], text: str) -> bool:
    """True when the ordinal of ``m`` counts quarters or halves (see ``_COUNTED_AFTER``)."""
    if _COUNTED_AFTER.match(text, m.end()):
        return True
    if not _COUNTED_AFTER_COPULA.match(text, m.end()):
        return False
    return _COPULA_BEFORE.search(text, max(0, m.start() - 24), m.start()) is not None


def _h_ord_quarter(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    ord_word = m["ord"].lower()
    number = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2,
              "3rd": 3, "4th": 4, "final": 4, "last": 4}[ord_word]  # fmt: skip
    parsed = _quarter_year(m, ref)
    if parsed is None:
        return None
    year, offset, fiscal, label = parsed
    if ord_word in ("final", "last") and year is None and offset is None:
        return None
    if year is None and offset is None and _counts_periods(m, text):
        return None
    if _generic_adjective(m, text, year, offset):
        return None
    return DateExpr(
        "quarter", year=year, year_offset=offset, quarter=number, fiscal=fiscal, fiscal_label=label
    )


def _generic_adjective(m: re.Match[str], text: str, year: int | None, offset: int | None) -> bool:
    """``its strongest first-half performance``: no year, and a superlative right before."""
    if year is not None or offset is not None or m.group().lower().startswith("the"):
        return False
    return _prev_word(text, m.start()) in _SUPERLATIVE


def _h_q_form(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    parsed = _quarter_year(m, ref)
    if parsed is None:
        return None
    year, offset, fiscal, label = parsed
    if year is None and offset is None and m["q"] != "Q":
        return None
    return DateExpr(
        "quarter",
        year=year,
        year_offset=offset,
        quarter=int(m["n"]),
        fiscal=fiscal,
        fiscal_label=label,
    )


def _h_rel_quarter(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    """``this quarter`` is the quarter the article reports on; ``the current quarter`` the
    one under way; ``the previous quarter`` / ``the following quarter`` count from the
    reported quarter; ``last quarter`` / ``next quarter`` from the reference date's."""
    rel = m["rel"].lower()
    if rel == "this":
        return DateExpr("report_quarter")
    if rel in ("previous", "prior", "preceding"):
        return DateExpr("report_shift", quarter_offset=-1)
    if rel == "following":
        return DateExpr("report_shift", quarter_offset=1)
    return DateExpr("quarter", quarter_offset=_offset(rel))


def _h_same_period(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    if m["y"]:
        return DateExpr("report_shift", year=int(m["y"]))
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
    parsed = _quarter_year(m, ref)
    if parsed is None:
        return None
    year, offset, fiscal, label = parsed
    if year is None and offset is None and _counts_periods(m, text):
        return None
    if _generic_adjective(m, text, year, offset):
        return None
    return DateExpr(
        "half", year=year, year_offset=offset, half=number, fiscal=fiscal, fiscal_label=label
    )


def _h_h_form(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    parsed = _quarter_year(m, ref)
    if parsed is None:
        return None
    year, offset, fiscal, label = parsed
    return DateExpr(
        "half", year=year, year_offset=offset, half=int(m["n"]), fiscal=fiscal, fiscal_label=label
    )


def _h_fiscal_year(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    """``FY24``, ``fiscal 2024``, ``FY2023/24``, ``the 2023-24 fiscal year``."""
    groups = m.groupdict()
    raw = m["y"] + ("/" + m["y2"] if m["y2"] else "")
    if len(m["y"]) == 2 and not groups.get("fy") and not m["y2"]:
        return None
    label = fiscal_label_year(raw, ref)
    if label is None:
        return None
    year, split = label
    return DateExpr("year", year=year, fiscal=True, fiscal_label="end" if split else "")


def _h_calendar_year(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    """``calendar 2024``, ``calendar year 2024``, ``CY24``: the calendar year, whatever the
    fiscal calendar."""
    return DateExpr("year", year=_two_digit(m["y"] or m["cy"], ref))


def _h_rel_fiscal_year(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    """``the current fiscal year``, ``next fiscal year``, ``this financial year``: counted
    from the fiscal year holding the reference date."""
    return DateExpr("year", year_offset=_offset(m["rel"]), fiscal=True)


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
    # ``whole`` and ``entire`` are not used as such adjectives.
    whole = re.search(r"whole|entire", m.group(), re.IGNORECASE) is not None
    follow = re.match(r"\s*([A-Za-z]+)\b", text[m.end() : m.end() + 30])
    if not whole and follow and follow.group(1).lower() not in _NOUN_PHRASE_GOES_ON:
        return None
    return DateExpr("report_year")


def _h_month_range_period(m: re.Match[str], text: str, ref: date | None) -> DateExpr | None:
    """``the April-June quarter``, ``the July to September period`` (of 2024): the months
    from the first to the second, in the same year or across its end."""
    year = int(m["y"]) if m["y"] else None
    first, last = _month(m["m1"]), _month(m["m2"])
    if year is None:
        return DateExpr(
            "range", start=DateExpr("month", month=first), end=DateExpr("month", month=last)
        )
    start_year = year if first <= last else year - 1
    return DateExpr(
        "range",
        start=DateExpr("month", year=start_year, month=first),
        end=DateExpr("month", year=year, month=last),
    )
