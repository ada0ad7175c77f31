"""Units of counts whose noun stands elsewhere in the sentence (round 3 rules)."""

from __future__ import annotations

import pytest

from extract.normalize.quantity import normalize_quantity
from extract.stages.numbers import find_numbers


def quantities(text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.unit, m.qualifier) for m in find_numbers(text) if m.kind == "quantity"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Brevik shipped 12,400 scooters in May and 13,050 in June.",
            [("12,400 scooters", "scooter", "exact"), ("13,050", "scooter", "exact")],
            id="earlier-count-in-sentence",
        ),
        pytest.param(
            "The bank employs 22,500 people in 31 countries, including about 6,100 in Chile.",
            [
                ("22,500 people", "person", "exact"),
                ("31 countries", "country", "exact"),
                ("6,100", "person", "approx"),
            ],
            id="earlier-count-closest-in-size",
        ),
        pytest.param(
            "Trucks made up 2,340 of April's shipments, up from 1,870 in March.",
            [("2,340", "shipment", "exact"), ("1,870", "shipment", "exact")],
            id="partitive-possessive-noun",
        ),
        pytest.param(
            "The number of paying subscribers across its music and video services "
            "exceeded 2.4 million.",
            [("2.4 million", "subscriber", "lower_bound")],
            id="number-of-subject",
        ),
        pytest.param(
            "The chain opened 22 shops during the half and closed seven.",
            [("22 shops", "shop", "exact"), ("seven", "shop", "exact")],
            id="small-parallel-count",
        ),
        pytest.param(
            "Talbrook won 14 contracts, five of them abroad.",
            [("14 contracts", "contract", "exact"), ("five", "contract", "exact")],
            id="pronoun-partitive",
        ),
        pytest.param(
            "Brevik sold 98,000 bikes in May, lifting its yearly total past 410,000.",
            [("98,000 bikes", "bike", "exact"), ("410,000", "bike", "lower_bound")],
            id="past-is-lower-bound",
        ),
    ],
)
def test_context_units(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert quantities(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "He said five of them agreed.",
        "Over the past 18 months the plan changed.",
        "The fund bought 40 buildings from Ardent and two from Kelso, said 3 people.",
    ],
)
def test_no_invented_counts(text: str) -> None:
    texts = [m.text for m in find_numbers(text) if m.kind == "quantity"]
    assert "five" not in texts
    assert "18" not in texts
    assert "3" not in texts


@pytest.mark.parametrize(
    ("text", "unit"),
    [("8,000 firm orders", "order"), ("900 seasonal workers", "worker")],
)
def test_descriptive_adjectives_dropped(text: str, unit: str) -> None:
    quantity = normalize_quantity(text)
    assert quantity is not None
    assert quantity.unit == unit
