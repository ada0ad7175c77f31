"""Quantities: a count and the thing counted (``350,000 delivered vehicles`` -> 350000 vehicle).

The unit is the counted noun, singular and lower case. Adjectives, participles, brand names
and acronym modifiers are dropped (``new Xiaomi cars`` -> ``car``, ``IoT devices`` ->
``device``); noun compounds are kept (``sales outlets`` -> ``sales outlet``,
``data - collection points`` -> ``data-collection point``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extract.normalize.numbers import NUMBER_RE, Amount, normalize_decimal, number_value

__all__ = [
    "ADJECTIVES",
    "Quantity",
    "is_plural",
    "normalize_quantity",
    "singularize",
    "unit_from_words",
]


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a word-list literal."""
    return text.split()


@dataclass(frozen=True, slots=True)
class Quantity(Amount):
    """A count: a point (``value`` set, low == high == value) or a range, and its unit."""

    unit: str


# Plural forms that do not end in -s, and nouns that name people collectively.
IRREGULAR_PLURALS = {
    "people": "person",
    "personnel": "person",
    "persons": "person",
    "staff": "staff",
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "police": "police officer",
    "cattle": "cattle",
    "sheep": "sheep",
    "livestock": "livestock",
    "aircraft": "aircraft",
    "spacecraft": "spacecraft",
    "crew": "crew member",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "data": "data",
    "media": "media",
    "fish": "fish",
    "deer": "deer",
    "series": "series",
    "species": "species",
}
# Singular forms that a plain suffix rule would get wrong.
_IRREGULAR_SINGULARS = {
    "buses": "bus",
    "gases": "gas",
    "lenses": "lens",
    "analyses": "analysis",
    "crises": "crisis",
    "bases": "base",
    "cases": "case",
    "databases": "database",
    "purchases": "purchase",
    "releases": "release",
    "courses": "course",
    "houses": "house",
    "warehouses": "warehouse",
    "horses": "horse",
    "nurses": "nurse",
    "responses": "response",
    "licenses": "license",
    "expenses": "expense",
    "premises": "premises",
    "diagnoses": "diagnosis",
    "theses": "thesis",
    "hypotheses": "hypothesis",
    "indices": "index",
    "matrices": "matrix",
    "vertices": "vertex",
    "appendices": "appendix",
    "knives": "knife",
    "lives": "life",
    "wives": "wife",
    "leaves": "leaf",
    "halves": "half",
    "shelves": "shelf",
    "wolves": "wolf",
    "thieves": "thief",
    "calves": "calf",
    "loaves": "loaf",
    "heroes": "hero",
    "potatoes": "potato",
    "tomatoes": "tomato",
    "echoes": "echo",
    "vetoes": "veto",
    "cookies": "cookie",
    "movies": "movie",
    "zombies": "zombie",
    "ties": "tie",
    "pies": "pie",
    "lies": "lie",
}
# Abbreviated units -> unit name.
UNIT_ABBREVIATIONS = {
    "km": "kilometer",
    "kms": "kilometer",
    "kg": "kilogram",
    "kgs": "kilogram",
    "mi": "mile",
    "cm": "centimeter",
    "mm": "millimeter",
    "ha": "hectare",
    "lb": "pound",
    "lbs": "pound",
    "oz": "ounce",
    "gw": "gigawatt",
    "mw": "megawatt",
    "kw": "kilowatt",
    "gwh": "gigawatt-hour",
    "mwh": "megawatt-hour",
    "kwh": "kilowatt-hour",
    "twh": "terawatt-hour",
    "mah": "milliampere-hour",
    "gb": "gigabyte",
    "tb": "terabyte",
    "mb": "megabyte",
}
# Spelling variants folded into one unit name.
_UNIT_SPELLINGS = {
    "kilometre": "kilometer",
    "metre": "meter",
    "centimetre": "centimeter",
    "millimetre": "millimeter",
    "litre": "liter",
    "tonne": "ton",
}
# Modifiers that describe rather than name the thing counted: dropped from the unit.
ADJECTIVES = frozenset(
    _words("""
    new old key major minor important core main big small large huge vast tiny top total
    additional extra other different various separate distinct same similar own full whole
    entire last next previous current recent latest early late local global domestic overseas
    foreign international national regional online offline high low higher lower highest
    lowest good better best great greater greatest strong weak average typical basic primary
    secondary annual monthly daily weekly quarterly yearly active potential possible likely
    unique individual independent private public official formal real actual strategic
    critical crucial essential significant notable famous popular premium luxury cheap
    expensive affordable more most less least fewer many few several certain specific
    particular general common rare free paid full-time part-time permanent temporary
    successful major leading prominent senior junior young older younger elderly initial
    final further remaining existing following such specific brand-new latest modern
    traditional conventional ordinary standard special various numerous countless only
    first second third fourth fifth sixth seventh eighth ninth tenth mere nearly some
    approximately roughly about around estimated consecutive straight successive
    firm confirmed binding seasonal net gross fresh
    """)
)
# -ing words that name things and form compounds (charging stations, parking spaces).
_ING_NOUNS = frozenset(
    _words("""
    charging parking housing building manufacturing processing training shopping filling
    banking learning testing retailing marketing engineering computing printing packaging
    mining clothing lighting heating cooling dining living meeting recording offering
    listing booking ceiling wedding spring string ring king thing wing
    """)
)
# Words ending in -ed that are nouns (seed banks, speed cameras).
_ED_NOUNS = frozenset(_words("seed feed speed bed shed red hundred sled"))

# "or more", "or so" between the number and the noun: a qualifier, not part of the unit.
_QUALIFIER_WORDS_RE = re.compile(
    r"\A\s*(?i:or|and)\s+(?i:more|above|higher|over|less|below|fewer|under|lower|so)\b"
)
_ACRONYM_PLURAL_RE = re.compile(r"[A-Z]{2,}s")
# Camel-case product nouns: iPhones, eBikes (not iOS).
_BRAND_PLURAL_RE = re.compile(r"[a-z][A-Z][a-z]{2,}s")
_RANGE_JOIN_RE = re.compile(r"\s*(?:-|\u2013|\u2014|~|(?i:to|and)\b)\s*")
# Participles that do not end in -ed (newly built factories, sold units).
_IRREGULAR_PARTICIPLES = frozenset(
    _words("""
    built made sold grown known driven given taken broken chosen frozen hidden written bought
    brought held kept left lost paid run set spent won shown seen done begun drawn worn torn
    """)
)
# Nouns ending in -ly that can modify a noun (family businesses, supply chains).
_LY_NOUNS = frozenset(_words("family supply assembly ally rally anomaly monopoly reply"))
_WORD_RE = re.compile(
    r"[A-Za-z][A-Za-z'\u2019]*(?:\s*-\s*[A-Za-z][A-Za-z'\u2019]*)*(?:\s\d[\dA-Za-z]*\b)?|&"
)


def is_plural(word: str) -> bool:
    """True when ``word`` looks like a plural noun (``vehicles``, ``cities``, ``personnel``)."""
    lower = word.lower()
    if lower in IRREGULAR_PLURALS or lower in _IRREGULAR_SINGULARS:
        return True
    if any(c.isupper() for c in word[1:]):  # acronyms: EVs and PCs are plural, iOS and GPS not
        return bool(_ACRONYM_PLURAL_RE.fullmatch(word) or _BRAND_PLURAL_RE.fullmatch(word))
    if len(lower) < 3 or not lower.endswith("s"):
        return False
    return not lower.endswith(("ss", "us", "is", "'s", "\u2019s", "ous"))


def singularize(word: str) -> str:
    """Singular of an English noun (``cities`` -> ``city``, ``personnel`` -> ``person``)."""
    lower = word.lower()
    if lower in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[lower]
    if lower in _IRREGULAR_SINGULARS:
        return _IRREGULAR_SINGULARS[lower]
    if lower in UNIT_ABBREVIATIONS:
        return UNIT_ABBREVIATIONS[lower]
    singular = lower
    if lower.endswith("ies") and len(lower) > 4:
        singular = lower[:-3] + "y"
    elif lower.endswith(("sses", "shes", "ches", "xes", "zzes")):
        singular = lower[:-2]
    elif lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        singular = lower[:-1]
    return _UNIT_SPELLINGS.get(singular, singular)


def _is_descriptive(word: str) -> bool:
    """True for a modifier that the unit leaves out (adjective, participle, brand, acronym)."""
    if word == "&":
        return True
    parts = [p for p in re.split(r"\s*-\s*", word) if p]
    if not parts:
        return True
    first = parts[0]
    lower = word.lower()
    if any(c.isupper() for c in first):  # brand names (Xiaomi), acronyms (AI, IoT, R & D)
        return True
    if parts[0].lower() in ADJECTIVES or lower in ADJECTIVES:
        return True
    last = parts[-1].lower()
    if last.endswith("ed") and last not in _ED_NOUNS and len(last) > 4:
        return True
    if last in _IRREGULAR_PARTICIPLES:
        return True
    if last.endswith("ly") and len(last) > 4 and last not in _LY_NOUNS:  # adverbs
        return True
    if last.endswith("ing") and last not in _ING_NOUNS and len(last) > 5:
        return True
    return last.endswith(("ous", "ful", "ive", "able", "ible", "est"))


def unit_from_words(words: list[str]) -> str:
    """Unit name of a noun phrase given as words, the head noun last.

    >>> unit_from_words(["new", "Xiaomi", "cars"])
    'car'
    >>> unit_from_words(["data - collection", "points"])
    'data-collection point'
    """
    if not words:
        return ""
    head = words[-1].strip("\"“”\u2018\u2019'")
    head_parts = re.split(r"\s*-\s*", head)
    head_unit = "-".join([p.lower() for p in head_parts[:-1]] + [singularize(head_parts[-1])])
    kept = [
        "-".join(p.lower() for p in re.split(r"\s*-\s*", w))
        for w in words[:-1]
        if not _is_descriptive(w.strip("\"“”\u2018\u2019'"))
    ]
    return " ".join([*kept, head_unit])


# Pure, and the same mentions recur across documents: results are kept once per process.
@functools.lru_cache(maxsize=8192)
def normalize_quantity(text: str) -> Quantity | None:
    """Count and unit of one quantity mention (``402 sales outlets``, ``two - front``).

    The number comes first (or two, joined as a range: ``10-15 stores``); the words after
    it name the thing counted, the last one being the head noun. A number alone gives an
    empty unit.
    """
    first = NUMBER_RE.match(text.strip())
    if first is None:
        return None
    stripped = text.strip()
    low = number_value(first)
    if low is None:
        return None
    high = low
    rest = stripped[first.end() :]
    join = _RANGE_JOIN_RE.match(rest)
    second = NUMBER_RE.match(rest, join.end()) if join else None
    if second is not None:
        value = number_value(second)
        if value is None:
            return None
        high = value
        rest = rest[second.end() :]
    rest = _QUALIFIER_WORDS_RE.sub("", rest, count=1)
    cleaned = rest.replace('"', " ").replace("\u201c", " ")
    words = [w for w in _WORD_RE.findall(cleaned) if w]
    unit = unit_from_words(words)
    if second is None:
        return Quantity(low, low, low, unit)
    low, high = normalize_decimal(min(low, high)), normalize_decimal(max(low, high))
    return Quantity(None, low, high, unit)
