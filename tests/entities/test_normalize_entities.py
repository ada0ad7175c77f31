"""Pure canonicalization of entity names."""

from __future__ import annotations

import pytest

from extract.normalize.entities import (
    canonical_key,
    clean_name,
    strip_corporate_suffix,
    strip_possessive,
)

CLEAN_CORE = [
    ("Xiaomi's", "Xiaomi"),
    ("Xiaomi\u2019s", "Xiaomi"),
    ("Siemens'", "Siemens"),
    ("the Midea Group", "Midea Group"),
    ("The Xuanjie O1", "Xuanjie O1"),
    ('"China Entrepreneur"', "China Entrepreneur"),
    ("Super - writing", "Super-writing"),
    ("Mi Home Dual - partition Washing Machine", "Mi Home Dual-partition Washing Machine"),
    ("  Lei   Jun ", "Lei Jun"),
    ("U.S.", "U.S."),
    ("Apple Inc.", "Apple Inc."),
    ("Xiaomi.", "Xiaomi"),
]

SUFFIX_CORE = [
    ("Xiaomi Corporation", "Xiaomi"),
    ("Xiaomi Group", "Xiaomi"),
    ("Midea Group Co., Ltd.", "Midea"),
    ("Transsion Holdings", "Transsion"),
    ("Apple Inc.", "Apple"),
    ("Tesla, Inc.", "Tesla"),
    ("Sony Group Corp.", "Sony"),
    ("Volkswagen AG", "Volkswagen"),
    ("Gree Electric", "Gree Electric"),
    ("Great Wall Motors", "Great Wall Motors"),
    ("Group", "Group"),
]

KEY_CORE = [
    ("Xiaomi", "xiaomi"),
    ("Xiaomi's", "xiaomi"),
    ("the Xiaomi Group", "xiaomi"),
    ("XIAOMI Corporation", "xiaomi"),
    ("XPeng", "xpeng"),
    ("Super - writing", "super writing"),
    ("JD.com", "jd com"),
    ("Lei Jun", "lei jun"),
]


@pytest.mark.parametrize(("text", "expected"), CLEAN_CORE)
def test_clean_name_core(text: str, expected: str) -> None:
    assert clean_name(text) == expected


@pytest.mark.parametrize(("text", "expected"), SUFFIX_CORE)
def test_strip_corporate_suffix_core(text: str, expected: str) -> None:
    assert strip_corporate_suffix(text) == expected


@pytest.mark.parametrize(("text", "expected"), KEY_CORE)
def test_canonical_key_core(text: str, expected: str) -> None:
    assert canonical_key(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [("Xiaomi's", "Xiaomi Group"), ("Midea", "Midea Group Co., Ltd."), ("Apple Inc.", "apple")],
)
def test_canonical_key_same_entity_same_key(a: str, b: str) -> None:
    assert canonical_key(a) == canonical_key(b)


@pytest.mark.parametrize(("text", "expected"), [("Xiaomi's", "Xiaomi"), ("Lei Jun", "Lei Jun")])
def test_strip_possessive_core(text: str, expected: str) -> None:
    assert strip_possessive(text) == expected
