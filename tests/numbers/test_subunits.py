"""Pence and cents glued to an amount: ``312p``, ``4.2p``, ``75c``."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.normalize.money import normalize_money, subunit_context
from extract.stages.numbers import find_numbers


def _money(text: str) -> list[tuple[str, Decimal | None, str]]:
    return [(m.text, m.value, m.unit) for m in find_numbers(text) if m.kind == "money"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The brewer's stock gained 9p to close at 415p, and its dividend of £1.2m was kept.",
            [
                ("9p", Decimal("0.09"), "GBP"),
                ("415p", Decimal("4.15"), "GBP"),
                ("£1.2m", Decimal("1200000"), "GBP"),
            ],
        ),
        (
            "It will pay an interim dividend of 3.6p a share, the sterling figures show.",
            [("3.6p", Decimal("0.036"), "GBP")],
        ),
        (
            "The carrier's shares slid 64c to $18.20 in New York.",
            [("64c", Decimal("0.64"), "USD"), ("$18.20", Decimal("18.2"), "USD")],
        ),
        (
            "A litre of milk now costs 95c in Lisbon, against €1.10 a year ago.",
            [("95c", Decimal("0.95"), "EUR"), ("€1.10", Decimal("1.1"), "EUR")],
        ),
        (
            "The grocer raised bread prices by 30 cents to $3.",
            [
                ("30 cents", Decimal("0.3"), "USD"),
                ("$3", Decimal("3"), "USD"),
            ],
        ),
    ],
)
def test_glued_subunits_are_money(text: str, expected: list[tuple[str, Decimal, str]]) -> None:
    assert _money(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The chart on p. 12 shows sales of 40 lamps.",  # a page number
        "The report runs to 14p in all.",  # no pounds in the text: not pence
        "It streams 1080p video for £9 a month.",  # a video resolution
        "The fridge cools to 4c overnight.",  # no currency in the text: not cents
        "Doors open at 7pm; tickets are £12.",  # a time
        "Model 5cx and the 3px panel cost £40.",  # letters glued to a number
    ],
)
def test_glued_letters_that_are_not_subunits(text: str) -> None:
    assert [m.text for m in find_numbers(text) if m.kind == "money" and m.value < 1] == []


def test_normalize_glued_subunits() -> None:
    pence = normalize_money("312p")
    assert pence is not None
    assert (pence.value, pence.currency) == (Decimal("3.12"), "GBP")
    cents = normalize_money("75c", default_dollar="EUR")
    assert cents is not None
    assert (cents.value, cents.currency) == (Decimal("0.75"), "EUR")


def test_subunit_context() -> None:
    assert subunit_context("Sales were £4m.") == (True, "")
    assert subunit_context("Sales were €4m.") == (False, "EUR")
    assert subunit_context("Sales were €4m, or $4.4m.") == (False, "USD")
    assert subunit_context("Sales were 4m.") == (False, "")
