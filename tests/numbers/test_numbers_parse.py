"""Shared number parsing: digits, separators, number words, scale words -> exact Decimal."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.normalize.numbers import NUMBER_RE, normalize_decimal, parse_number, parse_number_words


def idfn(value: object) -> str | None:
    return value if isinstance(value, str) else None


CORE = [
    ("7", Decimal("7")),
    ("1234", Decimal("1234")),
    ("1,234", Decimal("1234")),
    ("1,234.5", Decimal("1234.5")),
    ("1,234,567.89", Decimal("1234567.89")),
    ("13 009", Decimal("13009")),
    ("10 000", Decimal("10000")),
    ("0.4", Decimal("0.4")),
    ("3.50", Decimal("3.5")),
    ("113.1 billion", Decimal("113100000000")),
    ("2.5 bn", Decimal("2500000000")),
    ("2.5bn", Decimal("2500000000")),
    ("3 million", Decimal("3000000")),
    ("1.5mn", Decimal("1500000")),
    ("4 mln", Decimal("4000000")),
    ("2 bln", Decimal("2000000000")),
    ("1.2 tn", Decimal("1200000000000")),
    ("100M", Decimal("100000000")),
    ("1MM", Decimal("1000000")),
    ("54K", Decimal("54000")),
    ("54k", Decimal("54000")),
    ("10B", Decimal("10000000000")),
    ("2.174T", Decimal("2174000000000")),
    ("13 009 million", Decimal("13009000000")),
    ("100 - billion", Decimal("100000000000")),
    ("100-billion", Decimal("100000000000")),
    ("7 thousand", Decimal("7000")),
    ("10亿", Decimal("1000000000")),
    ("5万", Decimal("50000")),
    ("seven", Decimal("7")),
    ("seven million", Decimal("7000000")),
    ("ten thousand", Decimal("10000")),
    ("a billion", Decimal("1000000000")),
    ("a hundred", Decimal("100")),
    ("one hundred and fifty", Decimal("150")),
    ("one hundred fifty", Decimal("150")),
    ("twenty-five", Decimal("25")),
    ("twenty five", Decimal("25")),
    ("Forty-Two", Decimal("42")),
    ("nineteen", Decimal("19")),
    ("one thousand and one", Decimal("1001")),
    ("two million five hundred thousand", Decimal("2500000")),
    ("one billion", Decimal("1000000000")),
    ("three hundred million", Decimal("300000000")),
]

# Inputs users reported as misread.
BUGS_CAUGHT = [
    ("113.1 billion", Decimal("113100000000")),
    ("1.131 billion", Decimal("1131000000")),
    ("0.1 billion", Decimal("100000000")),
    ("13 009", Decimal("13009")),
]

NOT_NUMBERS = [
    "",
    "million",
    "hundred",
    "two three",
    "thousand five thousand",
    "SU7",
    "15th",
    "1.2.3",
    "abc",
    "a",
    "5G",
]

XFAIL = [
    ("half a million", Decimal("500000")),
    ("a dozen", Decimal("12")),
    ("1.5 thousand million", Decimal("1500000000")),
]


@pytest.mark.parametrize(("text", "expected"), CORE + BUGS_CAUGHT, ids=idfn)
def test_numbers_parse_reads_value_exactly(text: str, expected: Decimal) -> None:
    value = parse_number(text)
    assert value == expected
    assert isinstance(value, Decimal)


@pytest.mark.parametrize("text", NOT_NUMBERS, ids=idfn)
def test_numbers_parse_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "expected"), XFAIL, ids=idfn)
@pytest.mark.xfail(strict=True, reason="fractions of scale words and dozens are not read")
def test_numbers_parse_known_gaps(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("113.1 billion", "113100000000"), ("0.5", "0.5"), ("2.50", "2.5"), ("1e3", None)],
    ids=idfn,
)
def test_numbers_parse_writes_plain_decimals(text: str, expected: str | None) -> None:
    value = parse_number(text)
    assert (None if value is None else str(value)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one hundred and fifty", Decimal("150")),
        ("a million", Decimal("1000000")),
        ("twenty twenty", None),
        ("five fifteen", None),
        ("hundred hundred", None),
        ("million billion", None),
    ],
    ids=idfn,
)
def test_numbers_parse_number_words_grammar(text: str, expected: Decimal | None) -> None:
    assert parse_number_words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SU7 Q3 15th 5G 1.2.3 and 42", ["42"]),
        ("2025-11-19 15:46", ["2025", "11", "19", "15", "46"]),
        ("29.63%, 30.21%", ["29.63", "30.21"]),
        ("50 50 dollar", ["50", "50"]),
        ("RM10 million", ["10 million"]),
        ("someone alone often", []),
        ("a $ 300 million deal", ["300 million"]),
        ("3pp and 800km", ["3", "800"]),
        ("EUR1.2bn and Rmb10bn but not MP3", ["1.2bn", "10bn"]),
    ],
    ids=idfn,
)
def test_numbers_parse_scanner_finds_whole_numbers(text: str, expected: list[str]) -> None:
    assert [m.group() for m in NUMBER_RE.finditer(text)] == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal("113100000000.0"), "113100000000"), (Decimal("2.500"), "2.5"), (Decimal("0"), "0")],
    ids=idfn,
)
def test_numbers_parse_normalize_decimal(value: Decimal, expected: str) -> None:
    assert str(normalize_decimal(value)) == expected
