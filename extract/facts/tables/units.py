"""Units and scales of table figures, as a caption, a header, a row label or the cell states
them: ``(in millions of kronor)``, ``HK$'000``, ``(Rs crore)``, ``(US$/oz)``, ``(Mt, dry)``,
``(HK cents)``, ``%``, ``$3.17B``, ``+0.8 pts``.

``UNIT_RULES`` lists what each pattern states, with an example that runs as a test."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from extract.normalize.money import normalize_money

__all__ = ["UNIT_RULES", "Units", "cell_units", "read_units"]


@dataclass(frozen=True, slots=True)
class Units:
    """What a piece of text says of the figures under it; ``None``/"" where it is silent."""

    currency: str = ""
    scale: Decimal | None = None
    #: ``percent`` (a ``%`` column) or ``percentage_point`` (``pts``), else "".
    ratio: str = ""
    #: The counted unit of a quantity (``tonne``), or the denominator of a price (``USD/pound``).
    quantity: str = ""
    per: str = ""

    @property
    def stated(self) -> bool:
        return bool(
            self.currency or self.scale is not None or self.ratio or self.quantity or self.per
        )

    def over(self, other: Units) -> Units:
        """These units, with ``other``'s where these are silent."""
        return Units(
            self.currency or other.currency,
            self.scale if self.scale is not None else other.scale,
            self.ratio or other.ratio,
            self.quantity or other.quantity,
            self.per or other.per,
        )


_THOUSAND, _MILLION, _BILLION = Decimal(1000), Decimal(10) ** 6, Decimal(10) ** 9


@dataclass(frozen=True, slots=True)
class UnitRule:
    name: str
    pattern: re.Pattern[str]
    units: Units
    example: str


def _rule(name: str, pattern: str, units: Units, example: str, flags: int = re.I) -> UnitRule:
    return UnitRule(name, re.compile(pattern, flags), units, example)


# The first rule of each field that matches decides it; scales are checked longest first.
UNIT_RULES: tuple[UnitRule, ...] = (
    _rule("percent", r"%|\bper\s*cent\b|\bpercent\b", Units(ratio="percent"), "YoY %"),
    _rule(
        "points",
        r"\b(?:pp|ppts?|pts|percentage\s+points?)\b",
        Units(ratio="percentage_point"),
        "Change (pts)",
    ),
    _rule("lakh crore", r"\blakh\s+crores?\b", Units(scale=Decimal(10) ** 12), "(₹ lakh crore)"),
    _rule(
        "crore",
        r"\bcrores?\b|\bcr\b",
        Units(scale=Decimal(10) ** 7),
        "Quarterly highlights (Rs crore)",
    ),
    _rule("lakh", r"\blakhs?\b", Units(scale=Decimal(10) ** 5), "(Rs lakh)"),
    _rule("billion", r"\b(?:billions?|bn)\b", Units(scale=_BILLION), "(in billions of yen)"),
    _rule(
        "million",
        r"\b(?:millions?|mn|mm)\b|(?<=[$€£¥])m\b|\bm\b(?![-'])",
        Units(scale=_MILLION),
        "(in millions of Swiss francs)",
    ),
    _rule(
        "thousand",
        r"\b(?:thousands?)\b|'000|\b000s\b|(?<=[$€£¥])k\b",
        Units(scale=_THOUSAND),
        "HK$'000",
    ),
    _rule("cents", r"\bcents?\b", Units(scale=Decimal("0.01")), "Diluted EPS (US cents)"),
    _rule(
        "megatonnes",
        r"\bMt\b|\bmillion\s+tonnes\b",
        Units(quantity="tonne", scale=_MILLION),
        "Coal sales (Mt)",
        0,
    ),
    _rule(
        "kilotonnes",
        r"\bkt\b|\bthousand\s+tonnes\b",
        Units(quantity="tonne", scale=_THOUSAND),
        "Zinc output (kt)",
        0,
    ),
    _rule(
        "tonnes",
        r"\((?:t|tonnes?|wmt|dmt)\b|\btonnes?\b|\bmetric\s+tons?\b",
        Units(quantity="tonne"),
        "Nickel sold (tonnes)",
    ),
    _rule(
        "kilo-ounces",
        r"\bkoz\b",
        Units(quantity="ounce", scale=_THOUSAND),
        "Gold production (koz)",
        0,
    ),
    _rule(
        "mega-ounces", r"\bMoz\b", Units(quantity="ounce", scale=_MILLION), "Gold resource (Moz)", 0
    ),
    _rule("ounces", r"\((?:oz)\b|\bounces\b", Units(quantity="ounce"), "Gold sales (oz)"),
    _rule(
        "mega-pounds",
        r"\bMlbs?\b",
        Units(quantity="pound", scale=_MILLION),
        "Copper sold (Mlb)",
        0,
    ),
    _rule("units", r"\bunits\b", Units(quantity="unit"), "Handsets sold (units)"),
    _rule(
        "per pound",
        r"/\s*lbs?\b|\bper\s+(?:lb|pound)\b",
        Units(per="pound"),
        "Cash cost (A$/lb)",
    ),
    _rule(
        "per tonne",
        r"/\s*(?:t|tonne|wmt|dmt)\b|\bper\s+(?:tonne|ton)\b",
        Units(per="tonne"),
        "Average price (US$/t)",
    ),
    _rule(
        "per ounce",
        r"/\s*oz\b|\bper\s+ounce\b",
        Units(per="ounce"),
        "All-in sustaining cost (US$/oz)",
    ),
    _rule(
        "per share",
        r"/\s*share\b|\bper\s+share\b",
        Units(per="share"),
        "Dividend (HK cents per share)",
    ),
)
_SCALE_FIELDS = ("lakh crore", "crore", "lakh", "billion", "million", "thousand", "cents")
_CURRENCY = re.compile(
    r"(?:RMB|CNY|USD|US\$|HK\$|A\$|C\$|S\$|NT\$|EUR|GBP|JPY|INR|KRW|SEK|CHF|AUD|CAD|HKD|"
    r"Rs\.?|yuan|renminbi|euros?|dollars|pounds\s+sterling|yen|rupees|(?:South\s+)?Korean\s+won|Swiss\s+francs?|kronor)"
    r"(?![A-Za-z])|[$€£¥₹]",
)
# Cents of a dollar named by its country: ``HK cents``, ``US cents``, ``A cents``.
_DOLLAR_CENTS = re.compile(r"\b(?P<country>HK|US|A|NZ|S)\s*cents?\b")
_DOLLARS = {"HK": "HKD", "US": "USD", "A": "AUD", "NZ": "NZD", "S": "SGD"}


def read_units(text: str) -> Units:
    """The units ``text`` (a caption, header or row label) states."""
    found = Units()
    scale_seen = quantity_seen = False
    for rule in UNIT_RULES:
        if not rule.pattern.search(text):
            continue
        units = rule.units
        if rule.name in _SCALE_FIELDS:
            if scale_seen:
                continue
            scale_seen = True
        if units.quantity:
            if quantity_seen:
                continue
            quantity_seen = True
            if units.scale is not None and scale_seen:
                units = replace(units, scale=None)  # "million tonnes": the scale is read once
            scale_seen = scale_seen or units.scale is not None
        if units.per and found.per:
            continue
        found = found.over(units) if found.stated else units
    currency = _currency(text)
    return replace(found, currency=currency) if currency else found


def _currency(text: str) -> str:
    cents = _DOLLAR_CENTS.search(text)
    if cents is not None:
        return _DOLLARS[cents.group("country")]
    for marker in _CURRENCY.finditer(text):
        money = normalize_money(f"1 {marker.group().rstrip('.')}")
        if money is not None and money.currency:
            return money.currency
    return ""


_CELL_CURRENCY = re.compile(r"(?:US|A|C|HK|NT|S)?[$€£¥₹]")
_CELL_SCALE = {
    "B": _BILLION,
    "bn": _BILLION,
    "M": _MILLION,
    "mn": _MILLION,
    "K": _THOUSAND,
    "k": _THOUSAND,
}


def cell_units(text: str, scale: str, mark: str) -> Units:
    """The units a value cell states itself: its currency sign, scale letter and ``%``/``pts``."""
    currency = ""
    sign = _CELL_CURRENCY.search(text)
    if sign is not None:
        money = normalize_money(f"{sign.group()}1")
        currency = money.currency if money is not None else ""
    ratio = ""
    if mark == "%":
        ratio = "percent"
    elif mark:
        ratio = "percentage_point"
    return Units(currency, _CELL_SCALE.get(scale) if scale else None, ratio)
