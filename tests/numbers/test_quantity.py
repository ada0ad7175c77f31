"""Quantities: counted noun -> unit (singular, lower case, descriptive words dropped)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.normalize.quantity import (
    Quantity,
    is_plural,
    normalize_quantity,
    singularize,
    unit_from_words,
)


def idfn(value: object) -> str | None:
    return value if isinstance(value, str) else None


def point(value: str, unit: str) -> Quantity:
    d = Decimal(value)
    return Quantity(d, d, d, unit)


CORE = [
    ("350,000 delivered vehicles", point("350000", "vehicle")),
    ("402 sales outlets", point("402", "sales outlet")),
    ("209 service points", point("209", "service point")),
    ("119 cities", point("119", "city")),
    ("two major battles", point("2", "battle")),
    ("three research reports", point("3", "research report")),
    ("three key indicators", point("3", "indicator")),
    ("108,796 new Acme cars", point("108796", "car")),
    ("136 AI visual inspections", point("136", "visual inspection")),
    ("5 IoT devices", point("5", "device")),
    ("12,000 data - collection points", point("12000", "data-collection point")),
    ("7 air conditioners", point("7", "air conditioner")),
    ("22,300 R & D personnel", point("22300", "person")),
    ("3 core hardware businesses", point("3", "hardware business")),
    ('two "giants"', point("2", "giant")),
    ("two - front", point("2", "front")),
    ("200 - million - unit", point("200000000", "unit")),
    ("42.4 million units", point("42400000", "unit")),
    ("800 kilometers", point("800", "kilometer")),
    ("800 km", point("800", "kilometer")),
    ("5 kilometres", point("5", "kilometer")),
    ("1.4 billion people", point("1400000000", "person")),
    ("ten thousand words", point("10000", "word")),
    ("3,000 employees", point("3000", "employee")),
    ("1,200 charging stations", point("1200", "charging station")),
    ("25 provinces", point("25", "province")),
    ("4 buses", point("4", "bus")),
    ("6 boxes", point("6", "box")),
    ("9 matches", point("9", "match")),
    ("100M users", point("100000000", "user")),
    ("240,000", point("240000", "")),
    ("50,000 or more users", point("50000", "user")),
    ("4.8 million PlayStation 5 consoles", point("4800000", "console")),
    ("10-15 research centers", Quantity(None, Decimal(10), Decimal(15), "research center")),
]

NOT_QUANTITIES = ["", "vehicles", "several vehicles"]


@pytest.mark.parametrize(("text", "expected"), CORE, ids=idfn)
def test_quantity_normalizes_count_and_unit(text: str, expected: Quantity) -> None:
    assert normalize_quantity(text) == expected


@pytest.mark.parametrize("text", NOT_QUANTITIES, ids=idfn)
def test_quantity_needs_a_number(text: str) -> None:
    assert normalize_quantity(text) is None


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("vehicles", "vehicle"),
        ("cities", "city"),
        ("businesses", "business"),
        ("personnel", "person"),
        ("people", "person"),
        ("children", "child"),
        ("boxes", "box"),
        ("churches", "church"),
        ("buses", "bus"),
        ("houses", "house"),
        ("series", "series"),
        ("units", "unit"),
        ("analyses", "analysis"),
        ("knives", "knife"),
        ("km", "kilometer"),
        ("GW", "gigawatt"),
        ("glass", "glass"),
        ("Cars", "car"),
    ],
    ids=idfn,
)
def test_quantity_singularize(word: str, expected: str) -> None:
    assert singularize(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("vehicles", True),
        ("personnel", True),
        ("people", True),
        ("car", False),
        ("business", False),
        ("status", False),
        ("analysis", False),
        ("famous", False),
        ("Xiaomi's", False),
        ("is", False),
        ("EVs", True),
        ("PCs", True),
        ("iOS", False),
        ("GPS", False),
    ],
    ids=idfn,
)
def test_quantity_is_plural(word: str, expected: bool) -> None:
    assert is_plural(word) is expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["new", "Acme", "cars"], "car"),
        (["delivered", "vehicles"], "vehicle"),
        (["AI", "visual", "inspections"], "visual inspection"),
        (["IoT", "devices"], "device"),
        (["sales", "outlets"], "sales outlet"),
        (["data - collection", "points"], "data-collection point"),
        (["monthly", "active", "users"], "user"),
        (["important", "scenarios"], "scenario"),
        (["electric", "vehicles"], "electric vehicle"),
        (["famous", "brands"], "brand"),
        (["R", "&", "D", "personnel"], "person"),
        (["existing", "charging", "stations"], "charging station"),
        ([], ""),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_quantity_unit_from_words(words: list[str], expected: str) -> None:
    assert unit_from_words(words) == expected
