"""Money and percentages in Chinese and German paragraphs, read by each language's rules.

The English rules of the numbers stage read ``1.234,5`` and ``1131亿元`` wrongly or not at
all, so paragraphs the language detector labels ``zh`` or ``de`` are read here instead:

- Chinese: ``1131亿元`` (113100000000 CNY), ``人民币50万元``, ``3.5亿美元``, ``22.3%``,
  ``2个百分点``; a number glued to the word before it (``同比增长22.3%``) is still read.
- German: ``5 Mio. Euro``, ``1,2 Mrd. €``, ``3.500 Euro``, ``22,3 Prozent``, ``12,5 %``,
  ``2 Prozentpunkte``; ``.`` groups thousands and ``,`` marks decimals.

Each rule is a row (name, language, pattern, kind, example); the examples are tests. A
qualifier word right before the number (``超过``, ``rund``, ``mehr als``) sets ``qualifier``.
Every pattern is matched once over each paragraph, so the pass is linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from extract.document import ParsedDoc
from extract.records import Mention

__all__ = ["LANGUAGES", "RULES", "find_locale_numbers"]

SOURCE = "regex"

_ZH_NUMBER = r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_ZH_SCALE = r"(?P<scale>万亿|千万|百万|万|亿|千)?"
_ZH_CURRENCY = r"(?P<cur>元人民币|元|人民币|美元|港元|港币|欧元|日元|英镑)"
_DE_NUMBER = r"(?<![\w.,])(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
_DE_SCALE = (
    r"(?:\s?(?P<scale>Tsd\.|Tausend|Mio\.|Millionen|Million|Mrd\.|Milliarden|Milliarde"
    r"|Bio\.|Billionen|Billion))?"
)
_DE_CURRENCY = r"(?P<cur>US-Dollar|Dollar|Euro|EUR|€|Franken|CHF|Pfund|GBP|Yuan|Renminbi|Yen)"

SCALES: dict[str, int] = {
    "千": 3,
    "万": 4,
    "百万": 6,
    "千万": 7,
    "亿": 8,
    "万亿": 12,
    "Tsd.": 3,
    "Tausend": 3,
    "Mio.": 6,
    "Million": 6,
    "Millionen": 6,
    "Mrd.": 9,
    "Milliarde": 9,
    "Milliarden": 9,
    "Bio.": 12,
    "Billion": 12,  # the German Billion is a million millions
    "Billionen": 12,
}
CURRENCIES: dict[str, str] = {
    "元": "CNY",
    "元人民币": "CNY",
    "人民币": "CNY",
    "美元": "USD",
    "港元": "HKD",
    "港币": "HKD",
    "欧元": "EUR",
    "日元": "JPY",
    "英镑": "GBP",
    "Euro": "EUR",
    "EUR": "EUR",
    "€": "EUR",
    "Dollar": "USD",
    "US-Dollar": "USD",
    "Franken": "CHF",
    "CHF": "CHF",
    "Pfund": "GBP",
    "GBP": "GBP",
    "Yuan": "CNY",
    "Renminbi": "CNY",
    "Yen": "JPY",
}
QUALIFIERS: dict[str, tuple[str, ...]] = {
    "zh": (
        "超过:lower_bound",
        "逾:lower_bound",
        "超:lower_bound",
        "约:approx",
        "近:approx",
        "大约:approx",
        "不到:upper_bound",
        "不足:upper_bound",
    ),
    "de": (
        "mehr als:lower_bound",
        "über:lower_bound",
        "rund:approx",
        "etwa:approx",
        "ca.:approx",
        "knapp:approx",
        "fast:approx",
        "weniger als:upper_bound",
        "bis zu:upper_bound",
    ),
}


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern of one language that makes a money or percent mention."""

    name: str
    language: str
    pattern: re.Pattern[str]
    kind: str  # money | percent | percentage_point
    example: tuple[str, str, str]  # (text, value, unit) of the mention it finds


RULES: tuple[Rule, ...] = (
    Rule(
        "zh currency before amount",
        "zh",
        re.compile(r"(?P<pre>人民币|美元|港元|欧元)" + _ZH_NUMBER + _ZH_SCALE + r"元?"),
        "money",
        ("人民币50万元", "500000", "CNY"),
    ),
    Rule(
        "zh amount with currency",
        "zh",
        re.compile(_ZH_NUMBER + r"\s?" + _ZH_SCALE + _ZH_CURRENCY),
        "money",
        ("1131亿元", "113100000000", "CNY"),
    ),
    Rule(
        "zh percentage points",
        "zh",
        re.compile(_ZH_NUMBER + r"\s?个?百分点"),
        "percentage_point",
        ("2.1个百分点", "2.1", "percentage_point"),
    ),
    Rule(
        "zh percent sign",
        "zh",
        re.compile(_ZH_NUMBER + r"\s?[%\uff05]"),
        "percent",
        ("同比增长22.3%", "22.3", "percent"),
    ),
    Rule(
        "de currency before amount",
        "de",
        re.compile(r"(?P<pre>€|EUR|CHF|US-\$|\$)\s?" + _DE_NUMBER + _DE_SCALE),
        "money",
        ("€ 1,5 Mrd.", "1500000000", "EUR"),
    ),
    Rule(
        "de amount with currency",
        "de",
        re.compile(_DE_NUMBER + _DE_SCALE + r"\s?" + _DE_CURRENCY + r"(?![\w-])"),
        "money",
        ("5 Mio. Euro", "5000000", "EUR"),
    ),
    Rule(
        "de percentage points",
        "de",
        re.compile(_DE_NUMBER + r"\s?Prozentpunkte?n?(?!\w)"),
        "percentage_point",
        ("2 Prozentpunkte", "2", "percentage_point"),
    ),
    Rule(
        "de percent",
        "de",
        re.compile(_DE_NUMBER + r"\s?(?:%|Prozent(?!punkt))"),
        "percent",
        ("22,3 Prozent", "22.3", "percent"),
    ),
)
LANGUAGES = frozenset(rule.language for rule in RULES)
_PREFIX_CURRENCY = {
    "人民币": "CNY",
    "美元": "USD",
    "港元": "HKD",
    "欧元": "EUR",
    "US-$": "USD",
    "$": "USD",
}


def _number(text: str, language: str) -> Decimal:
    if language == "de":
        return Decimal(text.replace(".", "").replace(",", "."))
    return Decimal(text.replace(",", ""))


def _qualifier(text: str, start: int, language: str) -> str:
    before = text[max(0, start - 12) : start].rstrip()
    for row in QUALIFIERS[language]:
        word, verdict = row.rsplit(":", 1)
        if before.endswith(word) and (language == "zh" or not before[: -len(word)][-1:].isalpha()):
            return verdict
    return "exact"


def _mention(rule: Rule, m: re.Match[str], text: str) -> Mention:
    value = _number(m.group("num"), rule.language)
    groups = m.groupdict()
    scale = groups.get("scale")
    if scale:
        value = (value * (Decimal(10) ** SCALES[scale])).normalize()
    if rule.kind == "money":
        symbol = groups.get("pre") or groups.get("cur") or ""
        unit = _PREFIX_CURRENCY.get(symbol) or CURRENCIES[symbol]
        kind = "money"
    else:
        unit, kind = rule.kind, "percent"
    value = Decimal(int(value)) if value == value.to_integral_value() else value
    return Mention(
        kind=kind,
        start=m.start(),
        end=m.end(),
        text=m.group(),
        source_stage=SOURCE,
        value=value,
        value_low=value,
        value_high=value,
        unit=unit,
        qualifier=_qualifier(text, m.start(), rule.language),
    )


def find_locale_numbers(doc: ParsedDoc) -> Iterator[Mention]:
    """Money and percent mentions of the document's Chinese and German paragraphs."""
    text = doc.text
    for paragraph in doc.paragraphs:
        if paragraph.language not in LANGUAGES:
            continue
        base = paragraph.start
        taken = bytearray(paragraph.end - base)  # characters a rule earlier in RULES took
        found: list[Mention] = []
        for rule in RULES:
            if rule.language != paragraph.language:
                continue
            for m in rule.pattern.finditer(text, paragraph.start, paragraph.end):
                start, end = m.start() - base, m.end() - base
                if any(taken[start:end]):
                    continue
                taken[start:end] = b"\x01" * (end - start)
                found.append(_mention(rule, m, text))
        yield from sorted(found, key=lambda x: x.start)
